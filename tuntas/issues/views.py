"""Issue screens: list, report, detail with its actions, requests, attachments, export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.issues import services
from tuntas.issues.access import (
    MEMBER_ROLES,
    REPORTER_ROLES,
    issue_access,
    issue_actions,
    needing_action_q,
    request_actions,
    visible_issues,
)
from tuntas.issues.forms import (
    CategoryCreateForm,
    CategoryForm,
    EvidenceForm,
    IssueForm,
    MergeForm,
    NoteForm,
    PolicyForm,
    RequestForm,
)
from tuntas.issues.models import (
    Attachment,
    Category,
    Issue,
    IssueRequest,
    Level,
    Policy,
    Response,
)
from tuntas.issues.queries import deadline, overdue_q, overdue_requests_q
from tuntas.lib.http import HtmxHttpRequest, is_fragment
from tuntas.lib.workdays import calendar
from tuntas.org.access import Access, Viewer, get_for_viewer, require, viewer_for
from tuntas.org.models import ChangeLog, Unit
from tuntas.org.services import changelog_record
from tuntas.plans.views import issue_plan_panel

# The ready-made views of the list.
VIEWS = {
    "mine": gettext_lazy("Needs my action"),
    "overdue": gettext_lazy("Overdue"),
    "new": gettext_lazy("New this week"),
}
SORTS = {
    "new": ("-created_at", "-pk"),
    "old": ("created_at", "pk"),
    "first_met": ("first_met_on", "pk"),
    "title": ("title", "pk"),
}
# Query-string filters of the list and the field each one filters.
FILTERS = {
    "status": "status",
    "urgency": "urgency",
    "level": "level",
    "category": "category__code",
    "unit": "reporting_unit_id",
    "coordinator": "coordinator_id",
}
NUMERIC_FILTERS = {"level", "unit", "coordinator"}


def as_id(value: str) -> int | None:
    """Return a plain decimal id from the query string, or None ("²" and huge numbers too)."""
    if value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return None


def _get_issue_for_user(request: HttpRequest, pk: int) -> tuple[Issue, Viewer]:
    viewer = viewer_for(request)
    issue, _access = get_for_viewer(
        viewer,
        Issue.objects.select_related("reporting_unit", "coordinator", "category", "location"),
        pk,
        issue_access,
    )
    return issue, viewer


def _week_start(today: dt.date) -> dt.datetime:
    monday = today - dt.timedelta(days=today.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time.min))


def filtered_issues(params: QueryDict, viewer: Viewer) -> tuple[Any, dict[str, Any]]:
    """Apply the list's filters, search, view and sort from the query string."""
    today = viewer.today
    policy = Policy.current()
    issues = visible_issues(viewer)
    view = params.get("view", "")
    if view == "mine":
        issues = issues.filter(needing_action_q(viewer))
    elif view == "overdue":
        issues = issues.filter(overdue_q(today=today, policy=policy, cal=calendar()))
    elif view == "new":
        issues = issues.filter(submitted_at__gte=_week_start(today))
    text = params.get("q", "").strip()
    if text:
        number = text.upper().removeprefix("PMS-").lstrip("0")
        match = Q(title__icontains=text) | Q(chronology__icontains=text)
        if as_id(number) is not None:
            match |= Q(pk=int(number))
        issues = issues.filter(match)
    if params.get("status") == "open":
        issues = issues.filter(status__in=Issue.OPEN_STATUSES)
    for name, lookup in FILTERS.items():
        value = params.get(name, "")
        if name == "status" and value == "open":
            continue
        if value and (name not in NUMERIC_FILTERS or as_id(value) is not None):
            issues = issues.filter(**{lookup: value})
    involved = params.get("involved", "")
    if as_id(involved) is not None:
        issues = issues.filter(
            pk__in=IssueRequest.objects.filter(unit_id=involved).values("issue_id")
        )
    if params.get("overdue") == "1" and view != "overdue":
        issues = issues.filter(overdue_q(today=today, policy=policy, cal=calendar()))
    sort = params.get("sort", "new")
    issues = issues.order_by(*SORTS.get(sort, SORTS["new"]))
    state = {
        "view": view,
        "q": text,
        "sort": sort,
        **{k: params.get(k, "") for k in [*FILTERS, "involved", "overdue"]},
    }
    return issues, state


def _request_count(condition: Q) -> Subquery:
    """Count one issue's requests matching the condition, as a correlated subquery."""
    return Subquery(
        IssueRequest.objects.filter(condition, issue=OuterRef("pk"))
        .order_by()
        .values("issue")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _with_late_requests(issues: Any, today: dt.date) -> Any:
    # Correlated subqueries, not Count() over a join: a join groups every visible issue with
    # its requests before the page's LIMIT applies (seconds at 100 000 issues); a subquery is
    # evaluated only for the rows fetched.
    pending = [IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED]
    return issues.select_related("reporting_unit", "category", "coordinator").annotate(
        late_requests=Coalesce(_request_count(overdue_requests_q(today)), 0),
        open_requests=Coalesce(_request_count(Q(status__in=pending)), 0),
    )


def _mark_deadlines(rows: list[Issue], today: dt.date) -> None:
    policy, cal = Policy.current(), calendar()
    for issue in rows:
        due = deadline(issue, policy=policy, cal=cal)
        issue.due = due  # type: ignore[attr-defined]
        # A settled or closed issue is never late, whatever its old requests say.
        issue.is_late = issue.is_open and (  # type: ignore[attr-defined]
            bool(due and today > due) or bool(getattr(issue, "late_requests", 0))
        )


@login_required
@require_GET
def issue_list(request: HtmxHttpRequest) -> HttpResponse:
    """List the issues the viewer may see, with filters, ready-made views and pagination."""
    viewer = viewer_for(request)
    issues, state = filtered_issues(request.GET, viewer)
    page = Paginator(_with_late_requests(issues, viewer.today), 25).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    _mark_deadlines(rows, viewer.today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": rows,
        "state": state,
        "views": VIEWS,
        "query": query.urlencode(),
        "statuses": Issue.Status.choices,
        "urgencies": Issue.Urgency.choices,
        "levels": Level.choices,
        "categories": Category.objects.filter(is_active=True),
        "units": Unit.objects.filter(is_active=True)
        .exclude(kind=Unit.Kind.SUBDISTRICT)
        .order_by("sort_order", "name"),
        "assistants": Unit.objects.filter(kind=Unit.Kind.ASSISTANT).order_by("sort_order"),
        "can_report": bool(viewer.unit_ids(*REPORTER_ROLES)),
    }
    template = (
        "issues/issue_list.html#issue-rows" if is_fragment(request) else "issues/issue_list.html"
    )
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_GET
def issue_export(request: HttpRequest) -> HttpResponse:
    """Download the filtered list as an Excel workbook (a long one is made in the background)."""
    # The dashboards' exports build on this app's list, so they are imported here, not above.
    from tuntas.dashboards.views_exports import export_response

    return export_response(request, "issues")


def _reporter_units(viewer: Viewer) -> list[Unit]:
    ids = viewer.unit_ids(*REPORTER_ROLES)
    return [u for u in viewer.units if u.pk in ids]


@login_required
@require_http_methods(["GET", "POST"])
def issue_create(request: HttpRequest) -> HttpResponse:
    """Report a new issue: saved as a draft, or submitted at once."""
    viewer = viewer_for(request)
    units = _reporter_units(viewer)
    if not units:
        require(Access.READ if viewer.assignments else Access.NONE, Access.WRITE)
    form = IssueForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"first_met_on": viewer.today, "urgency": Issue.Urgency.MEDIUM},
    )
    if request.method == "POST" and form.is_valid():
        issue = form.save(commit=False)
        with transaction.atomic():
            services.issue_create(issue=issue, by=viewer)
            files = form.cleaned_data.get("attachments") or []
            services.attachments_add(
                issue=issue,
                files=[f for f, _t in files],
                content_types=[t for _f, t in files],
                by=viewer,
            )
        if request.POST.get("submit") and "submit" in issue_actions(viewer, issue):
            services.issue_submit(issue=issue, by=viewer)
            messages.success(request, _("The issue has been submitted to the Asisten."))
        else:
            messages.success(request, _("The draft has been saved."))
        return redirect("issues:detail", pk=issue.pk)
    return render(request, "issues/issue_form.html", {"form": form, "issue": None})


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue, viewer = _get_issue_for_user(request, pk)
    if "edit" not in issue_actions(viewer, issue):
        raise PermissionDenied
    form = IssueForm(
        request.POST or None,
        instance=issue,
        units=_reporter_units(viewer) or [issue.reporting_unit],
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = {name: str(form.initial.get(name, "")) for name in form.changed_data}
            saved = form.save_versioned()
            if saved is not None:
                changes = {
                    name: (before.get(name, ""), str(form.cleaned_data.get(name, "")))
                    for name in form.changed_data
                    if name != "version"
                }
                services.issue_edited(issue=issue, by=viewer, changes=changes)
        if saved is not None:
            if request.POST.get("submit") and "submit" in issue_actions(viewer, issue):
                services.issue_submit(issue=issue, by=viewer)
                messages.success(request, _("The issue has been submitted to the Asisten."))
            else:
                messages.success(request, _("The issue has been saved."))
            return redirect("issues:detail", pk=issue.pk)
    return render(request, "issues/issue_form.html", {"form": form, "issue": issue})


def _detail_context(issue: Issue, viewer: Viewer) -> dict[str, Any]:
    today = viewer.today
    policy = Policy.current()
    actions = issue_actions(viewer, issue, policy)
    requests = list(
        issue.requests.select_related("unit", "created_by").prefetch_related(
            Prefetch("responses", queryset=Response.objects.select_related("author", "unit")),
            Prefetch("attachments", queryset=Attachment.objects.filter(response__isnull=True)),
            "responses__attachments",
        )
    )
    for req in requests:
        req.actions = request_actions(viewer, req)  # type: ignore[attr-defined]
        req.late = req.is_overdue(today)  # type: ignore[attr-defined]
        req.answer_late = req.is_answer_overdue(today)  # type: ignore[attr-defined]
    due = deadline(issue, policy=policy, cal=calendar())
    return {
        "plan": issue_plan_panel(issue.sub_activity_id, viewer) if issue.sub_activity_id else None,
        "issue": issue,
        "actions": actions,
        "requests": requests,
        "events": issue.events.select_related("actor", "unit"),
        "attachments": [a for a in issue.attachments.all() if a.request_id is None],
        "due": due,
        "late": bool(due and today > due),
        "today": today,
        "levels": Level,
        "request_form": RequestForm(
            issue=issue,
            initial={"due_on": calendar().add_working_days(today, policy.response_days)},
        )
        if "request" in actions
        else None,
    }


@login_required
@require_GET
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue, viewer = _get_issue_for_user(request, pk)
    return render(request, "issues/issue_detail.html", _detail_context(issue, viewer))


# Actions on an issue taken from its page: the form each needs and the service that does it.
TRANSITIONS: dict[str, dict[str, Any]] = {
    "submit": {"label": None},
    "withdraw": {"label": gettext_lazy("Why is the issue withdrawn?")},
    "accept": {"label": gettext_lazy("Note (optional)"), "required": False},
    "return": {"label": gettext_lazy("Question to the reporter")},
    "merge": {"form": "merge"},
    "close": {"label": gettext_lazy("Why is it not relevant?")},
    "escalate": {"label": gettext_lazy("Why must the next level decide?")},
    "deescalate": {"label": gettext_lazy("Instruction to the level below")},
    "settle": {"label": gettext_lazy("How was it settled?")},
    "confirm": {"label": None},
    "reopen": {"label": gettext_lazy("What is still not settled?")},
}


def _run_transition(action: str, issue: Issue, viewer: Viewer, note: str, form: Any) -> str:
    if action == "submit":
        services.issue_submit(issue=issue, by=viewer)
        return _("The issue has been submitted to the Asisten.")
    if action == "withdraw":
        services.issue_withdraw(issue=issue, by=viewer, reason=note)
        return _("The issue has been withdrawn.")
    if action == "accept":
        services.issue_accept(issue=issue, by=viewer, note=note)
        return _("The issue has been accepted.")
    if action == "return":
        services.issue_return(issue=issue, by=viewer, question=note)
        return _("The question has been sent to the reporter.")
    if action == "merge":
        services.issue_merge(issue=issue, by=viewer, into=form.cleaned_data["into"], note=note)
        return _("The issue has been merged.")
    if action == "close":
        services.issue_close(issue=issue, by=viewer, reason=note)
        return _("The issue has been closed.")
    if action == "escalate":
        services.issue_escalate(issue=issue, by=viewer, reason=note)
        return _("The issue has been escalated.")
    if action == "deescalate":
        services.issue_deescalate(issue=issue, by=viewer, instruction=note)
        return _("The issue has been handed back down.")
    if action == "settle":
        services.issue_settle(issue=issue, by=viewer, resolution=note)
        return _("The issue has been settled.")
    if action == "confirm":
        services.issue_confirm(issue=issue, by=viewer)
        return _("Thank you: the settlement is confirmed.")
    services.issue_reopen(issue=issue, by=viewer, reason=note)
    return _("The issue has been reopened.")


@login_required
@require_http_methods(["GET", "POST"])
def issue_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one action on an issue (submit, triage, escalate, settle …) with its note."""
    if action not in TRANSITIONS:
        raise Http404
    issue, viewer = _get_issue_for_user(request, pk)
    if action not in issue_actions(viewer, issue):
        raise PermissionDenied
    spec = TRANSITIONS[action]
    data = request.POST if request.method == "POST" else None
    form: Any
    if spec.get("form") == "merge":
        form = MergeForm(data, issue=issue, candidates=visible_issues(viewer))
    elif spec.get("label") is None:
        form = None
    else:
        form = NoteForm(data, label=spec["label"], required=spec.get("required", True))
    if request.method == "POST" and (form is None or form.is_valid()):
        note = form.cleaned_data.get("note", "") if form else ""
        try:
            text = _run_transition(action, issue, viewer, note, form)
        except services.ActionNotAllowed:
            messages.error(
                request, _("This is no longer possible: someone else acted on the issue first.")
            )
        else:
            messages.success(request, text)
        return redirect("issues:detail", pk=issue.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "issues/issue_transition.html",
        {"issue": issue, "form": form, "action": action},
        status=status,
    )


@login_required
@require_POST
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask another unit for help on the issue."""
    issue, viewer = _get_issue_for_user(request, pk)
    if "request" not in issue_actions(viewer, issue):
        raise PermissionDenied
    form = RequestForm(request.POST, issue=issue)
    if form.is_valid():
        try:
            services.request_create(issue=issue, by=viewer, **form.cleaned_data)
        except services.ActionNotAllowed:
            messages.error(
                request, _("This is no longer possible: someone else acted on the issue first.")
            )
        else:
            messages.success(
                request,
                _("The request has been sent to %(unit)s.")
                % {"unit": form.cleaned_data["unit"].short_name},
            )
        return redirect("issues:detail", pk=issue.pk)
    context = _detail_context(issue, viewer)
    context["request_form"] = form
    return render(request, "issues/issue_detail.html", context, status=400)


def _get_request_for_user(request: HttpRequest, pk: int) -> tuple[IssueRequest, Viewer]:
    viewer = viewer_for(request)

    def decide(v: Viewer, req: IssueRequest) -> Access:
        return issue_access(v, req.issue)

    found, _access = get_for_viewer(
        viewer,
        IssueRequest.objects.select_related("issue", "unit", "issue__reporting_unit"),
        pk,
        decide,
    )
    return found, viewer


REQUEST_ACTIONS = {
    "accept": gettext_lazy("Note (optional)"),
    "decline": gettext_lazy("Why can your unit not do this?"),
    "done": gettext_lazy("What was done?"),
    "respond": gettext_lazy("Your message"),
}


@login_required
@require_http_methods(["GET", "POST"])
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Answer a request: accept, decline with a reason, mark done with evidence, or write."""
    if action not in REQUEST_ACTIONS:
        raise Http404
    req, viewer = _get_request_for_user(request, pk)
    if action not in request_actions(viewer, req):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    label = REQUEST_ACTIONS[action]
    form: Any
    if action in ("done", "respond"):
        form = EvidenceForm(data, files, label=label)
    else:
        form = NoteForm(data, label=label, required=action != "accept")
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        attachments = form.cleaned_data.get("attachments") or []
        uploads = [f for f, _t in attachments]
        types = [t for _f, t in attachments]
        try:
            if action == "accept":
                services.request_accept(request=req, by=viewer, note=note)
            elif action == "decline":
                services.request_decline(request=req, by=viewer, reason=note)
            elif action == "done":
                services.request_done(
                    request=req, by=viewer, note=note, files=uploads, content_types=types
                )
            else:
                services.response_add(
                    request=req, by=viewer, body=note, files=uploads, content_types=types
                )
        except services.ActionNotAllowed:
            messages.error(request, _("This is no longer possible: someone else answered first."))
        else:
            messages.success(request, _("Your answer has been recorded."))
        return redirect("issues:detail", pk=req.issue_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "issues/request_action.html",
        {"req": req, "issue": req.issue, "form": form, "action": action},
        status=status,
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    issue, viewer = _get_issue_for_user(request, pk)
    if "attach" not in issue_actions(viewer, issue):
        raise PermissionDenied
    form = EvidenceForm(
        request.POST, request.FILES, label=_("Description (optional)"), required=False
    )
    if form.is_valid() and form.cleaned_data["attachments"]:
        files = form.cleaned_data["attachments"]
        services.attachments_add(
            issue=issue,
            files=[f for f, _t in files],
            content_types=[t for _f, t in files],
            by=viewer,
        )
        messages.success(request, _("The files have been attached."))
    else:
        errors = form.errors.get("attachments") or [_("Choose at least one file.")]
        messages.error(request, " ".join(str(e) for e in errors))
    return redirect("issues:detail", pk=issue.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Send a stored file to someone who may see its issue, always as a download."""
    viewer = viewer_for(request)

    def decide(v: Viewer, attachment: Attachment) -> Access:
        return issue_access(v, attachment.issue)

    attachment, _access = get_for_viewer(
        viewer, Attachment.objects.select_related("issue"), pk, decide
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def request_inbox(request: HttpRequest) -> HttpResponse:
    """Requests addressed to the viewer's units: overdue first, then by due date."""
    viewer = viewer_for(request)
    units = viewer.unit_ids(*MEMBER_ROLES)
    show = request.GET.get("show", "open")
    requests = IssueRequest.objects.filter(unit__in=units).select_related(
        "issue", "unit", "issue__reporting_unit"
    )
    if show != "all":
        requests = requests.filter(
            status__in=[IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED],
            issue__status__in=Issue.OPEN_STATUSES,
        )
    rows = list(requests.order_by("due_on", "pk")[:500])
    today = viewer.today
    for req in rows:
        req.late = req.is_overdue(today)  # type: ignore[attr-defined]
    rows.sort(key=lambda r: (not r.late, r.due_on, r.pk))  # type: ignore[attr-defined]
    return render(
        request, "issues/request_inbox.html", {"rows": rows, "show": show, "today": today}
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    """Let the admin set the time limits and rules of issue handling."""
    viewer = viewer_for(request)
    require(
        Access.WRITE if viewer.is_admin else (Access.READ if viewer.is_internal else Access.NONE),
        Access.WRITE,
    )
    form = PolicyForm(request.POST or None, instance=Policy.current())
    if request.method == "POST" and form.is_valid() and form.save_versioned() is not None:
        messages.success(request, _("The rules have been saved."))
        return redirect("issues:policy")
    return render(request, "issues/policy_form.html", {"form": form})


# --- categories ------------------------------------------------------------------------------


def _category_access(viewer: Viewer) -> Access:
    """Staff read the categories; only the admin changes them; partners do not see the page."""
    if viewer.is_admin:
        return Access.WRITE
    return Access.READ if viewer.is_internal else Access.NONE


@login_required
@require_http_methods(["GET", "POST"])
def category_list(request: HttpRequest) -> HttpResponse:
    """List the issue categories with how many issues use each; the admin adds new ones."""
    viewer = viewer_for(request)
    access = _category_access(viewer)
    require(access, Access.WRITE if request.method == "POST" else Access.READ)
    form = CategoryCreateForm(request.POST or None) if access >= Access.WRITE else None
    if form is not None and form.is_bound and form.is_valid():
        with transaction.atomic():
            category = form.save()
            changelog_record(
                by=viewer.person,
                action=ChangeLog.Action.CREATED,
                summary=_("Issue category added: %(name)s") % {"name": category.name},
            )
        messages.success(request, _("The category has been added."))
        return redirect("issues:categories")
    categories = Category.objects.annotate(issue_count=Count("issues")).order_by(
        "sort_order", "name"
    )
    return render(
        request,
        "issues/category_list.html",
        {"categories": categories, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a category, move it in the lists, or stop offering it for new issues."""
    viewer = viewer_for(request)
    require(_category_access(viewer), Access.WRITE)
    category = Category.objects.filter(pk=pk).first()
    if category is None:
        raise Http404
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save_versioned()
            if saved is not None:
                changelog_record(
                    by=viewer.person,
                    action=ChangeLog.Action.UPDATED,
                    summary=_("Issue category changed: %(name)s") % {"name": category.name},
                    changes={
                        name: str(form.cleaned_data.get(name, ""))
                        for name in form.changed_data
                        if name != "version"
                    },
                )
        if saved is not None:
            messages.success(request, _("The category has been saved."))
            return redirect("issues:categories")
    return render(
        request,
        "issues/category_form.html",
        {"form": form, "category": category},
        status=400 if form.is_bound else 200,
    )
