"""Screens of the organisation: home, profile, units, people, roles, letterhead, imports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    QueryDict,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.dashboards.homes import assistants_overview, home_sections
from tuntas.issues.queries import issue_summary
from tuntas.lib import workdays
from tuntas.lib.files import sniff_image_type
from tuntas.lib.http import HtmxHttpRequest, is_fragment
from tuntas.lib.importing import import_screen
from tuntas.notifications import services as notification_services
from tuntas.notifications.tasks import send_plain_email
from tuntas.org import imports, services
from tuntas.org.access import (
    Access,
    Viewer,
    get_for_viewer,
    government_access,
    person_access,
    require,
    unit_access,
    viewer_for,
    visible_people,
    visible_units,
)
from tuntas.org.forms import (
    GovernmentForm,
    ImportUploadForm,
    LanguageForm,
    PersonForm,
    ProfileForm,
    RoleAssignmentForm,
    UnitCoordinationForm,
    UnitForm,
    WorkdayOverrideForm,
)
from tuntas.org.models import ChangeLog, Government, Person, RoleAssignment, Unit, WorkdayOverride

Role = RoleAssignment.Role


# --- Public --------------------------------------------------------------------------------


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether the application and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means unhealthy
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the profile of a signed-in person."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            Person.objects.filter(pk=request.user.pk).update(language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


@login_not_required
@require_GET
def government_logo(request: HttpRequest) -> HttpResponseBase:
    """Serve the letterhead logo (public: it appears on the login page)."""
    government = Government.current()
    if government is None or not government.logo:
        raise Http404
    head = government.logo.open("rb").read(512)
    government.logo.seek(0)
    mime = sniff_image_type(head)
    if mime is None:
        raise Http404
    response = FileResponse(government.logo.open("rb"), content_type=mime)
    # An SVG could carry script: forbid everything but drawing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- Home and profile -------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Show what needs the person now, by role: portfolio, escalations, their unit's work."""
    viewer = viewer_for(request)
    sections = home_sections(viewer)
    coordinator = sections.get("coordinator", {})
    context: dict[str, Any] = {
        **sections,
        "assignments": viewer.assignments,
        # Kept at the top level: the portfolio table, its warnings and the Asisten's overview.
        "portfolio": coordinator.get("portfolio", []),
        "plan_warnings": coordinator.get("plan_warnings", []),
        "plan_warning_count": coordinator.get("plan_warning_count", 0),
        "assistants": sections["leader"]["assistants"]
        if "leader" in sections
        else (assistants_overview(viewer) if viewer.is_admin else []),
        "own_units": [u for u in viewer.units if u.kind != Unit.Kind.ASSISTANT],
    }
    # Partners see only what involves them; leaders get the city's figures instead.
    if viewer.is_internal and not viewer.is_leader:
        context["issue_summary"] = issue_summary(viewer)
    if viewer.is_admin:
        context["stats"] = {
            "units": Unit.objects.filter(is_active=True).count(),
            "people": Person.objects.filter(is_active=True).count(),
        }
    return render(request, "org/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Let a person see their data and roles and change their contact data and language."""
    person: Person = request.user  # type: ignore[assignment]
    viewer = viewer_for(request)
    if request.method == "POST" and request.POST.get("section") == "notifications":
        ticked = notification_services.preferences_ticked(request.POST)
        notification_services.preferences_save(person=person, ticked=ticked)
        messages.success(request, _("Your notification choices have been saved."))
        return redirect("org:profile")
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        saved = services.person_save(form=form, by=person)
        if saved is not None:
            response = redirect("org:profile")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, saved.language, samesite="Lax")
            messages.success(request, _("Your profile has been saved."))
            return response
    return render(
        request,
        "org/profile.html",
        {
            "form": form,
            "person": person,
            "assignments": viewer.assignments,
            "preferences": notification_services.preferences_for(person),
        },
    )


# --- Government profile (letterhead) ----------------------------------------------------------


@login_required
@require_GET
def government_detail(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    government = Government.current()
    access = government_access(viewer, government)
    require(access, Access.READ)
    return render(
        request,
        "org/government_detail.html",
        {"gov": government, "can_edit": access >= Access.WRITE},
    )


@login_required
@require_http_methods(["GET", "POST"])
def government_edit(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    require(government_access(viewer), Access.WRITE)
    instance = Government.current() or Government()
    form = GovernmentForm(request.POST or None, request.FILES or None, instance=instance)
    if (
        request.method == "POST"
        and form.is_valid()
        and services.government_save(form=form, by=viewer.person) is not None
    ):
        messages.success(request, _("The government profile has been saved."))
        return redirect("org:government")
    return render(request, "org/government_form.html", {"form": form})


# --- Units --------------------------------------------------------------------------------


def _get_unit_for_user(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[Unit, Access]:
    return get_for_viewer(
        viewer_for(request), Unit.objects.select_related("parent"), pk, unit_access, need
    )


def filtered_units(params: QueryDict, viewer: Viewer) -> list[Unit]:
    """Return the visible units the list's search and kind select, in the list's order.

    Each unit carries `coordinator_now`, its coordinating Asisten today. Without a filter
    the units come as a tree, each under its parent.
    """
    query = params.get("q", "").strip()
    kind = params.get("kind", "")
    units = (
        visible_units(viewer)
        .with_coordinator(viewer.today)
        .select_related("parent")
        .order_by("sort_order", "name")
    )
    if query:
        units = units.filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(sipd_code__icontains=query)
        )
    if kind in Unit.Kind.values:
        units = units.filter(kind=kind)
    rows = list(units)
    assistants = {u.pk: u for u in Unit.objects.filter(kind=Unit.Kind.ASSISTANT)}
    for unit in rows:
        unit.coordinator_now = assistants.get(unit.coordinator_id_on)  # type: ignore[attr-defined]
    if query or kind in Unit.Kind.values:
        return rows
    return [unit for unit, _depth in _as_tree(rows)]


@login_required
@require_GET
def unit_list(request: HtmxHttpRequest) -> HttpResponse:
    """List the units as a tree, searchable by name and filterable by kind."""
    viewer = viewer_for(request)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    rows = filtered_units(request.GET, viewer)
    context = {
        "rows": _as_tree(rows) if not (query or kind) else [(u, 0) for u in rows],
        "query": query,
        "kind": kind,
        "kinds": Unit.Kind.choices,
        "can_edit": viewer.is_admin,
    }
    template = "org/unit_list.html#unit-rows" if is_fragment(request) else "org/unit_list.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _as_tree(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Order units depth-first under their parents, with their depth for indentation."""
    by_parent: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        by_parent.setdefault(parent, []).append(unit)
    out: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in by_parent.get(parent, []):
            out.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit, access = _get_unit_for_user(request, pk)
    viewer = viewer_for(request)
    assignments = (
        RoleAssignment.objects.active(viewer.today)
        .filter(unit=unit)
        .select_related("person")
        .order_by("role", "person__full_name")
    )
    context = {
        "unit": unit,
        "can_edit": access >= Access.WRITE,
        "assignments": assignments,
        "children": unit.children.order_by("sort_order", "name"),
        "coordinations": unit.coordinations.select_related("coordinator").order_by("-valid_from"),
        "coordinator": unit.coordinator_on(viewer.today),
        "coordinated": Unit.objects.coordinated_by([unit.pk], viewer.today).order_by(
            "sort_order", "name"
        )
        if unit.kind == Unit.Kind.ASSISTANT
        else [],
        "log": unit.changelog.select_related("actor")[:20] if access >= Access.WRITE else [],
        "coordination_form": UnitCoordinationForm(unit=unit) if access >= Access.WRITE else None,
    }
    return render(request, "org/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    if not viewer.is_admin:
        raise_for_reader(viewer)
    form = UnitForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        unit = services.unit_save(form=form, by=viewer.person)
        if unit is not None:
            messages.success(request, _("Unit %(name)s has been added.") % {"name": unit.name})
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": None})


def raise_for_reader(viewer: Viewer) -> None:
    """Refuse a change: 403 for people who may read the organisation, 404 for the others."""
    require(Access.READ if viewer.is_internal else Access.NONE, Access.WRITE)


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit, _access = _get_unit_for_user(request, pk, Access.WRITE)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        saved = services.unit_save(form=form, by=viewer_for(request).person)
        if saved is not None:
            messages.success(request, _("Unit %(name)s has been saved.") % {"name": saved.name})
            return redirect("org:unit_detail", pk=saved.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_coordination_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit, _access = _get_unit_for_user(request, pk, Access.WRITE)
    form = UnitCoordinationForm(request.POST, unit=unit)
    if form.is_valid():
        services.coordination_add(form=form, by=viewer_for(request).person)
        messages.success(request, _("The coordinating assistant has been recorded."))
        return redirect("org:unit_detail", pk=unit.pk)
    viewer = viewer_for(request)
    return render(
        request,
        "org/unit_coordination_form.html",
        {"unit": unit, "form": form, "today": viewer.today},
        status=400,
    )


# --- People and roles ----------------------------------------------------------------------


def _get_person_for_user(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[Person, Access]:
    viewer = viewer_for(request)

    def decide(v: Viewer, person: Person) -> Access:
        unit_ids = (
            RoleAssignment.objects.active(v.today)
            .filter(person=person)
            .values_list("unit_id", flat=True)
        )
        return person_access(v, person, person_unit_ids=list(unit_ids))

    return get_for_viewer(viewer, Person.objects.all(), pk, decide, need)


def filtered_people(params: QueryDict, viewer: Viewer) -> QuerySet[Person]:
    """Return the visible active people the list's search selects, each with `current` roles."""
    query = params.get("q", "").strip()
    people = visible_people(viewer).filter(is_active=True).order_by("full_name", "pk")
    if query:
        people = people.filter(
            Q(full_name__icontains=query)
            | Q(nip__icontains=query.replace(" ", ""))
            | Q(position__icontains=query)
            | Q(username__icontains=query)
            | Q(assignments__unit__short_name__icontains=query)
        ).distinct()
    active = RoleAssignment.objects.active(viewer.today).select_related("unit")
    return people.prefetch_related(Prefetch("assignments", queryset=active, to_attr="current"))


@login_required
@require_GET
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    """List people with their current roles, searchable by name, NIP, jabatan or unit."""
    viewer = viewer_for(request)
    query = request.GET.get("q", "").strip()
    page = Paginator(filtered_people(request.GET, viewer), 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "can_edit": viewer.is_admin}
    template = (
        "org/person_list.html#person-rows" if is_fragment(request) else "org/person_list.html"
    )
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person, access = _get_person_for_user(request, pk)
    can_edit = access >= Access.WRITE
    context = {
        "person": person,
        "can_edit": can_edit,
        "assignments": person.assignments.select_related("unit").order_by("-valid_from"),
        "today": viewer_for(request).today,
        "log": person.changelog.select_related("actor", "unit")[:20] if can_edit else [],
    }
    return render(request, "org/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    if not viewer.is_admin:
        raise_for_reader(viewer)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_save(form=form, by=viewer.person)
        if person is not None:
            messages.success(
                request,
                _("%(name)s has been added. Give them a role, then send the password link.")
                % {"name": person.full_name},
            )
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person, _access = _get_person_for_user(request, pk, Access.WRITE)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        saved = services.person_save(form=form, by=viewer_for(request).person)
        if saved is not None:
            messages.success(
                request, _("The data of %(name)s has been saved.") % {"name": saved.full_name}
            )
            return redirect("org:person_detail", pk=saved.pk)
    return render(request, "org/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_send_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Email a person a link to set their password (for new or locked-out accounts)."""
    person, _access = _get_person_for_user(request, pk, Access.WRITE)
    if not person.email:
        messages.error(
            request, _("%(name)s has no email address yet.") % {"name": person.full_name}
        )
        return redirect("org:person_detail", pk=person.pk)
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    body = _(
        "Dear %(name)s,\n\nAn account in Tuntas has been prepared for you.\n"
        "Your user name: %(username)s\nSet your password with this link:\n%(link)s\n"
    ) % {"name": person.full_name, "username": person.username, "link": link}
    send_plain_email.enqueue(_("Set your Tuntas password"), body, person.email)
    messages.success(
        request, _("A password link has been sent to %(email)s.") % {"email": person.email}
    )
    return redirect("org:person_detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    person, _access = _get_person_for_user(request, pk, Access.WRITE)
    form = RoleAssignmentForm(
        request.POST or None, person=person, initial={"unit": request.GET.get("unit")}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and services.assignment_save(form=form, by=viewer_for(request).person) is not None
    ):
        messages.success(request, _("The role has been recorded."))
        return redirect("org:person_detail", pk=person.pk)
    return render(
        request, "org/assignment_form.html", {"form": form, "person": person, "assignment": None}
    )


def _get_assignment_for_user(request: HttpRequest, pk: int, need: Access) -> RoleAssignment:
    viewer = viewer_for(request)

    def decide(v: Viewer, a: RoleAssignment) -> Access:
        return person_access(v, a.person, person_unit_ids=[a.unit_id])

    assignment, _access = get_for_viewer(
        viewer, RoleAssignment.objects.select_related("person", "unit"), pk, decide, need
    )
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _get_assignment_for_user(request, pk, Access.WRITE)
    form = RoleAssignmentForm(request.POST or None, instance=assignment, person=assignment.person)
    if (
        request.method == "POST"
        and form.is_valid()
        and services.assignment_save(form=form, by=viewer_for(request).person) is not None
    ):
        messages.success(request, _("The role has been saved."))
        return redirect("org:person_detail", pk=assignment.person_id)
    return render(
        request,
        "org/assignment_form.html",
        {"form": form, "person": assignment.person, "assignment": assignment},
    )


@login_required
@require_POST
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _get_assignment_for_user(request, pk, Access.WRITE)
    services.assignment_end(assignment=assignment, on=None, by=viewer_for(request).person)
    messages.success(request, _("The role has been ended."))
    return redirect("org:person_detail", pk=assignment.person_id)


# --- Import --------------------------------------------------------------------------------

_IMPORT_SESSION_KEY = "org-import-{kind}"


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest, kind: str) -> HttpResponse:
    """Import units or people: upload, preview with row errors, then confirm."""
    viewer = viewer_for(request)
    import_kind = imports.IMPORT_KINDS.get(kind)
    if import_kind is None:
        raise Http404
    if not viewer.is_admin:
        raise_for_reader(viewer)
    return import_screen(
        request,
        session_key=_IMPORT_SESSION_KEY.format(kind=kind),
        form=ImportUploadForm(request.POST or None, request.FILES or None),
        parse=lambda name, content: imports.import_parse(
            kind=import_kind, filename=name, content=content
        ),
        load=imports.ImportPreview.from_data,
        apply=lambda preview: imports.import_apply(preview=preview, by=viewer.person),
        conflict=imports.ImportConflict,
        again_url=reverse("org:import", args=[kind]),
        done_url=reverse("org:unit_list" if kind == "units" else "org:person_list"),
        context={
            "kind": kind,
            "title": _("Import units") if kind == "units" else _("Import people"),
            "columns": imports.column_guide(import_kind),
        },
    )


# --- Working-day calendar -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def workday_list(request: HttpRequest) -> HttpResponse:
    """Show the year's holidays and let the admin add local days off and working days."""
    viewer = viewer_for(request)
    require(government_access(viewer), Access.READ)
    can_edit = viewer.is_admin
    year = int(request.GET.get("year") or viewer.today.year)
    if not 2000 <= year <= 2100:
        raise Http404
    form = WorkdayOverrideForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                override = form.save()
                services.changelog_record(
                    by=viewer.person,
                    action=ChangeLog.Action.CREATED,
                    summary=_("Working-day calendar: %(date)s %(name)s")
                    % {"date": override.date.strftime("%d/%m/%Y"), "name": override.name},
                )
            messages.success(request, _("The calendar has been changed."))
            return redirect(f"{reverse('org:workdays')}?year={override.date.year}")
    holidays = sorted(workdays.national_holidays(year).items())
    overrides = WorkdayOverride.objects.filter(date__year=year)
    return render(
        request,
        "org/workday_list.html",
        {
            "form": form,
            "holidays": holidays,
            "overrides": overrides,
            "year": year,
            "can_edit": can_edit,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def workday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for(request)
    require(government_access(viewer), Access.WRITE)
    override = WorkdayOverride.objects.filter(pk=pk).first()
    if override is None:
        raise Http404
    with transaction.atomic():
        override.delete()
        services.changelog_record(
            by=viewer.person,
            action=ChangeLog.Action.ENDED,
            summary=_("Working-day calendar: %(date)s removed")
            % {"date": override.date.strftime("%d/%m/%Y")},
        )
    messages.success(request, _("The calendar has been changed."))
    return redirect(f"{reverse('org:workdays')}?year={override.date.year}")
