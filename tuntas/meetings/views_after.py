"""During and after a meeting: attendance and QR check-in, minutes, action items, calendar feed."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.issues.access import MEMBER_ROLES
from tuntas.issues.forms import EvidenceForm, NoteForm
from tuntas.issues.services import ActionNotAllowed
from tuntas.lib.http import HtmxHttpRequest, is_fragment
from tuntas.lib.ical import CalendarEvent, CalendarTodo, feed_ics
from tuntas.meetings import services
from tuntas.meetings.access import (
    action_item_access,
    action_item_actions,
    meeting_access,
    visible_action_items,
    visible_meetings,
)
from tuntas.meetings.forms_after import (
    AgendaMinutesForm,
    AttendanceGuestForm,
    AttendancePersonForm,
    CheckInForm,
    DraftActionFormSet,
    MinutesForm,
)
from tuntas.meetings.models import (
    ActionItem,
    ActionItemFile,
    AgendaItem,
    Attendance,
    CalendarFeed,
    DraftActionItem,
    Invitation,
    Meeting,
)
from tuntas.org.access import Access, Viewer, get_for_viewer, require, viewer_for
from tuntas.org.models import Person, RoleAssignment, Unit

logger = logging.getLogger(__name__)
Role = RoleAssignment.Role

MEETING_RELATED = ("coordinator", "secretariat", "chair", "notulis")


def _get_meeting_for_user(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[Meeting, Viewer, Access]:
    """Return the meeting with the viewer's access: 404 if unseen, 403 if it needs more."""
    viewer = viewer_for(request)
    meeting, access = get_for_viewer(
        viewer, Meeting.objects.select_related(*MEETING_RELATED), pk, meeting_access, need
    )
    return meeting, viewer, access


def _lock_open_meeting(meeting: Meeting) -> Meeting:
    """Lock the meeting row for a change; final minutes and cancelled meetings refuse it.

    The same rule as the services' own lock, for the edits that have no service of their own
    (the minutes' text, hand-written attendance rows).
    """
    fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if fresh.is_locked:
        raise services.MeetingLocked
    return fresh


def _locked(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Explain that nothing may change any more (409): the minutes are final or it was cancelled."""
    return render(request, "meetings/after_locked.html", {"meeting": meeting}, status=409)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


# --- attendance ------------------------------------------------------------------------------

SEARCH_LIMIT = 20


def _people_matches(text: str) -> list[RoleAssignment]:
    """Return the people (with each unit they work for) whose name, NIP or user name matches."""
    if len(text) < 2:
        return []
    return list(
        RoleAssignment.objects.active()
        .filter(person__is_active=True)
        .filter(
            Q(person__full_name__icontains=text)
            | Q(person__nip__startswith=text)
            | Q(person__username__icontains=text)
        )
        .select_related("person", "unit")
        .order_by("person__full_name", "unit__sort_order", "unit__name")[:SEARCH_LIMIT]
    )


def _add_guest(meeting: Meeting, data: dict[str, Any]) -> Attendance:
    with transaction.atomic():
        _lock_open_meeting(meeting)
        return Attendance.objects.create(
            meeting=meeting,
            unit=data["unit"],
            name=data["name"],
            nip=data["nip"] or "",
            position=data["position"],
            representing=data["representing"],
            source=Attendance.Source.SECRETARIAT,
        )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_list(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Show who attends; the secretariat adds people from the directory or guests by hand."""
    meeting, _viewer, access = _get_meeting_for_user(request, pk)
    runner = access >= Access.WRITE
    back = reverse("meetings:attendance", args=[meeting.pk])
    if request.method == "POST":
        require(access, Access.WRITE)
        if meeting.is_locked:
            return _locked(request, meeting)
    text = request.GET.get("q", "").strip()[:100]
    kind = request.POST.get("kind", "")
    person_form = AttendancePersonForm(request.POST if kind == "person" else None)
    guest_form = AttendanceGuestForm(request.POST if kind == "guest" else None, prefix="guest")
    status = 200
    if request.method == "POST":
        try:
            if kind == "person" and person_form.is_valid():
                row = services.attendance_check_in(
                    meeting=meeting,
                    person=person_form.cleaned_data["person"],
                    unit=person_form.cleaned_data["unit"],
                    representing=person_form.cleaned_data["representing"],
                    source=Attendance.Source.SECRETARIAT,
                )
            elif kind == "guest" and guest_form.is_valid():
                row = _add_guest(meeting, guest_form.cleaned_data)
            else:
                row = None
        except services.MeetingLocked:
            return _locked(request, meeting)
        if row is not None:
            messages.success(
                request,
                _("%(name)s is on the attendance list.") % {"name": row.name},
            )
            return redirect(f"{back}?{urlencode({'q': text})}" if text else back)
        status = 400
    matches = _people_matches(text) if runner else []
    if runner and is_fragment(request):
        response = render(
            request,
            "meetings/after_attendance_list.html#people-results",
            {"meeting": meeting, "q": text, "matches": matches},
        )
        response["Vary"] = "HX-Request"
        return response
    rows = list(meeting.attendances.select_related("unit"))
    present = {row.unit_id for row in rows}
    invitations = list(meeting.invitations.select_related("unit"))
    context = {
        "meeting": meeting,
        "runner": runner,
        "rows": rows,
        "absent": [i for i in invitations if i.unit_id not in present],
        "q": text,
        "matches": matches,
        "person_form": person_form,
        "guest_form": guest_form,
        "kind": kind,
    }
    response = render(request, "meetings/after_attendance_list.html", context, status=status)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_POST
def attendance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a row off the attendance list (the secretariat corrects it)."""
    viewer = viewer_for(request)

    def decide(v: Viewer, row: Attendance) -> Access:
        return meeting_access(v, row.meeting)

    row, _access = get_for_viewer(
        viewer, Attendance.objects.select_related("meeting"), pk, decide, Access.WRITE
    )
    back = reverse("meetings:attendance", args=[row.meeting_id])
    try:
        with transaction.atomic():
            _lock_open_meeting(row.meeting)
            row.delete()
    except services.MeetingLocked:
        return _locked(request, row.meeting)
    messages.success(request, _("%(name)s was taken off the list.") % {"name": row.name})
    return redirect(back)


def _qr_svg(url: str) -> str:
    # segno writes only path data and numbers into the SVG; nothing user-typed reaches it.
    svg = segno.make(url, error="m").svg_inline(border=2, omitsize=True, svgclass="qr")
    # Without a size, the code fills its box whatever the screen: the room's TV or a phone.
    return mark_safe(svg.replace("<svg ", '<svg style="width:100%;height:auto" ', 1))  # noqa: S308


@login_required
@require_GET
def attendance_qr(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A page for the room's screen: a QR code to check in, renewed every five minutes."""
    meeting, _viewer, _access = _get_meeting_for_user(request, pk, Access.WRITE)
    context: dict[str, Any] = {"meeting": meeting, "present": meeting.attendances.count()}
    if not meeting.is_locked:
        url = _absolute(reverse("meetings:check_in", args=[services.checkin_token(meeting)]))
        context.update(check_in_url=url, qr_svg=_qr_svg(url))
    template = "meetings/after_attendance_qr.html"
    if is_fragment(request):
        template += "#qr"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    # A code served from a cache would have expired by the time someone scans it.
    response["Cache-Control"] = "no-store"
    return response


def _check_in_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/after_check_in_invalid.html", status=410)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Sign the attendance list by scanning the room's QR code (login first if needed)."""
    meeting_id = services.checkin_meeting_id(token)
    if meeting_id is None:
        return _check_in_gone(request)
    meeting = Meeting.objects.select_related(*MEETING_RELATED).filter(pk=meeting_id).first()
    if meeting is None:
        return _check_in_gone(request)
    if meeting.is_locked:
        return _locked(request, meeting)
    viewer = viewer_for(request)
    row = (
        Attendance.objects.filter(meeting=meeting, person=viewer.person)
        .select_related("unit")
        .first()
    )
    initial = {"unit": row.unit_id, "representing": row.representing} if row else {}
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        units=viewer.units,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = services.attendance_check_in(
                meeting=meeting,
                person=viewer.person,
                unit=form.cleaned_data["unit"],
                representing=form.cleaned_data["representing"],
                source=Attendance.Source.QR,
            )
        except services.MeetingLocked:
            return _locked(request, meeting)
        return render(
            request, "meetings/after_check_in_done.html", {"meeting": meeting, "row": row}
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/after_check_in.html",
        {"meeting": meeting, "form": form, "row": row, "has_units": bool(viewer.units)},
        status=status,
    )


# --- minutes ---------------------------------------------------------------------------------


def _notulis_choices(meeting: Meeting) -> QuerySet[Person]:
    """Minute takers come from the Bagian or the Asisten's office (and whoever was chosen)."""
    staff = (
        RoleAssignment.objects.active()
        .filter(unit__in=[meeting.secretariat_id, meeting.coordinator_id])
        .values("person_id")
    )
    chosen = Q(pk=meeting.notulis_id) if meeting.notulis_id else Q(pk__in=[])
    return Person.objects.filter(Q(pk__in=staff, is_active=True) | chosen).order_by("full_name")


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the minutes: minute taker, summary, and the agenda items to write up; finalise."""
    meeting, _viewer, _access = _get_meeting_for_user(request, pk, Access.WRITE)
    back = reverse("meetings:minutes", args=[meeting.pk])
    people = _notulis_choices(meeting)
    form: MinutesForm | None = None
    status = 200
    if request.method == "POST":
        if meeting.is_locked:
            return _locked(request, meeting)
        try:
            with transaction.atomic():
                # Bound to the locked row, so the save never writes back a stale status.
                fresh = _lock_open_meeting(meeting)
                form = MinutesForm(request.POST, instance=fresh, people=people)
                saved = form.save_versioned() if form.is_valid() else None
        except services.MeetingLocked:
            return _locked(request, meeting)
        if saved is not None:
            messages.success(request, _("The minutes have been saved."))
            return redirect(back)
        status = 400
    elif not meeting.is_locked:
        form = MinutesForm(instance=meeting, people=people)
    items = list(
        meeting.agenda_items.select_related("issue").prefetch_related(
            Prefetch("draft_actions", queryset=DraftActionItem.objects.select_related("unit"))
        )
    )
    actions = (
        list(meeting.action_items.select_related("unit"))
        if meeting.status == Meeting.Status.FINAL
        else []
    )
    context = {
        "meeting": meeting,
        "form": form,
        "items": items,
        "undecided": sum(1 for i in items if i.issue_id and not i.outcome),
        "actions": actions,
    }
    return render(request, "meetings/after_minutes_edit.html", context, status=status)


def _unit_choices(item: AgendaItem) -> list[Any]:
    """The units to choose from for an action item: the item's own units first."""
    units = list(
        Unit.objects.filter(is_active=True)
        .exclude(kind=Unit.Kind.SUBDISTRICT)
        .order_by("sort_order", "name")
    )
    own = {u.pk for u in item.units.all()}
    mine = [(u.pk, u.name) for u in units if u.pk in own]
    others = [(u.pk, u.name) for u in units if u.pk not in own]
    choices: list[Any] = [("", "---------")]
    if mine:
        choices += [(_("Units of this item"), mine), (_("Other units"), others)]
    else:
        choices += others
    return choices


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Write up one agenda item: discussion, decisions, the issue's outcome, action items."""
    viewer = viewer_for(request)

    def decide(v: Viewer, agenda_item: AgendaItem) -> Access:
        return meeting_access(v, agenda_item.meeting)

    item, _access = get_for_viewer(
        viewer,
        AgendaItem.objects.select_related(
            "meeting", "meeting__coordinator", "meeting__secretariat", "issue", "action_item"
        ),
        pk,
        decide,
        Access.WRITE,
    )
    meeting = item.meeting
    back = reverse("meetings:agenda_item_minutes", args=[item.pk])
    if meeting.is_locked:
        if request.method == "POST":
            return _locked(request, meeting)
        return render(
            request, "meetings/after_agenda_item_minutes.html", {"meeting": meeting, "item": item}
        )
    data = request.POST if request.method == "POST" else None
    form = AgendaMinutesForm(data, instance=item)
    formset = DraftActionFormSet(
        data,
        instance=item,
        queryset=DraftActionItem.objects.select_related("unit"),
        form_kwargs={
            "meeting_day": timezone.localdate(meeting.starts_at),
            "unit_choices": _unit_choices(item),
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    _lock_open_meeting(meeting)
                    # Only the minutes' fields: the agenda itself is edited elsewhere.
                    form.save(commit=False).save(update_fields=list(form.fields))
                    formset.save()
            except services.MeetingLocked:
                return _locked(request, meeting)
            messages.success(request, _("The minutes of this item have been saved."))
            if request.POST.get("stay"):
                return redirect(back)
            return redirect(f"{reverse('meetings:minutes', args=[meeting.pk])}#item-{item.pk}")
        status = 400
    return render(
        request,
        "meetings/after_agenda_item_minutes.html",
        {"meeting": meeting, "item": item, "form": form, "formset": formset},
        status=status,
    )


@login_required
@require_POST
def minutes_finalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Finalise the minutes: all or nothing (action items, issues, notula, notifications)."""
    meeting, viewer, _access = _get_meeting_for_user(request, pk, Access.WRITE)
    back = reverse("meetings:minutes", args=[meeting.pk])
    if meeting.is_locked:
        return _locked(request, meeting)
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that the minutes are complete."))
        return redirect(back)
    if meeting.notulis_id is None:
        # The notula is signed by its minute taker: without one it is not a complete document.
        messages.error(request, _("Choose the minute taker before finalising."))
        return redirect(back)
    from tuntas.meetings import paperwork  # written alongside; loaded only when needed

    try:
        services.minutes_finalise(
            meeting=meeting, by=viewer, render_pdf=paperwork.minutes_pdf_bytes
        )
    except services.MeetingLocked:
        return _locked(request, meeting)
    except ActionNotAllowed:
        messages.error(
            request,
            _(
                "An issue on the agenda can no longer take the outcome decided for it: someone "
                "acted on it meanwhile. Check the outcomes, then finalise again. Nothing has been "
                "changed."
            ),
        )
        return redirect(back)
    except Exception:
        # Whatever else failed (most likely producing the notula), the transaction rolled back.
        logger.exception("finalising the minutes of meeting %s failed", meeting.pk)
        messages.error(
            request,
            _(
                "The minutes could not be finalised: the notula could not be produced. "
                "Nothing has been changed; try again, or tell the Tuntas administrator."
            ),
        )
        return redirect(back)
    messages.success(
        request,
        _("The minutes are final. The action items have been created and the participants told."),
    )
    return redirect(back)


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the notula of final minutes."""
    meeting, _viewer, _access = _get_meeting_for_user(request, pk)
    if meeting.status != Meeting.Status.FINAL:
        raise Http404
    from tuntas.meetings import paperwork

    content = paperwork.as_sent(meeting.minutes_file, paperwork.minutes_pdf_bytes, meeting)
    response = HttpResponse(content, content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at)
    response["Content-Disposition"] = f'inline; filename="notula-{day:%Y%m%d}.pdf"'
    return response


# --- action items ----------------------------------------------------------------------------

SHOWS = {
    "open": gettext_lazy("Open"),
    "overdue": gettext_lazy("Overdue"),
    "all": gettext_lazy("All"),
}


def filtered_action_items(params: QueryDict, viewer: Viewer) -> tuple[QuerySet[ActionItem], str]:
    """Return the viewer's action items shown by the list's filter (overdue first), and it."""
    show = params.get("show", "open")
    if show not in SHOWS:
        show = "open"
    overdue = Q(status=ActionItem.Status.OPEN, due_on__lt=viewer.today)
    items = visible_action_items(viewer)
    if show == "open":
        items = items.open()
    elif show == "overdue":
        items = items.filter(overdue)
    rows = items.select_related("unit", "meeting", "issue").annotate(
        late=Case(
            When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )
    return rows.order_by("-late", "due_on", "pk"), show


@login_required
@require_GET
def action_item_list(request: HttpRequest) -> HttpResponse:
    """The action items of the viewer's units (and of their meetings): overdue first."""
    viewer = viewer_for(request)
    rows, show = filtered_action_items(request.GET, viewer)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/after_action_item_list.html",
        {"page": page, "rows": list(page.object_list), "show": show, "shows": SHOWS},
    )


def _get_action_item_for_user(request: HttpRequest, pk: int) -> tuple[ActionItem, Viewer]:
    viewer = viewer_for(request)
    item, _access = get_for_viewer(
        viewer,
        ActionItem.objects.select_related("unit", "meeting", "issue", "agenda_item", "verified_by"),
        pk,
        action_item_access,
    )
    return item, viewer


def _action_item_page(
    request: HttpRequest,
    item: ActionItem,
    viewer: Viewer,
    *,
    forms: dict[str, NoteForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = action_item_actions(viewer, item)
    given = forms or {}
    context = {
        "item": item,
        "actions": actions,
        "late": item.is_overdue(viewer.today),
        "progress_form": given.get("owner") or EvidenceForm(label=_("Progress or what was done")),
        "files": item.files.all(),
        "reopen_form": given.get("reopen")
        or NoteForm(label=_("Why it is not done yet"), prefix="reopen"),
    }
    return render(request, "meetings/after_action_item_detail.html", context, status=status)


@login_required
@require_GET
def action_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item, viewer = _get_action_item_for_user(request, pk)
    return _action_item_page(request, item, viewer)


UPDATES = {"progress", "done", "verify", "reopen"}


@login_required
@require_POST
def action_item_update(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Report progress or completion (owner unit), or verify or reopen it (the secretariat)."""
    if action not in UPDATES:
        raise Http404
    item, viewer = _get_action_item_for_user(request, pk)
    if action not in action_item_actions(viewer, item):
        raise PermissionDenied
    form: NoteForm
    if action in ("progress", "done"):
        form = EvidenceForm(request.POST, request.FILES, label=_("Progress or what was done"))
        if not form.is_valid():
            return _action_item_page(request, item, viewer, forms={"owner": form}, status=400)
        services.action_item_progress(
            item=item,
            by=viewer,
            note=form.cleaned_data["note"],
            done=action == "done",
            files=form.cleaned_data.get("attachments") or [],
        )
        text = (
            _("Reported as done; the secretariat will verify it.")
            if action == "done"
            else _("The progress has been recorded.")
        )
    elif action == "reopen":
        form = NoteForm(request.POST, label=_("Why it is not done yet"), prefix="reopen")
        if not form.is_valid():
            return _action_item_page(request, item, viewer, forms={"reopen": form}, status=400)
        services.action_item_verify(
            item=item, by=viewer, accepted=False, note=form.cleaned_data["note"]
        )
        text = _("The action item is open again.")
    else:
        services.action_item_verify(item=item, by=viewer, accepted=True)
        text = _("The action item is verified and closed.")
    messages.success(request, text)
    return redirect("meetings:action_detail", pk=item.pk)


# --- calendar --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The person's private calendar feed: make a link, renew it, or switch it off."""
    person = viewer_for(request).person
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            # A new token: whoever knew the old link loses it.
            CalendarFeed.objects.update_or_create(
                person=person,
                defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
            )
            messages.success(request, _("Your calendar link is ready. Any older link stopped."))
        elif action == "revoke":
            CalendarFeed.objects.filter(person=person).delete()
            messages.success(request, _("Your calendar link has been switched off."))
        else:
            return HttpResponse(status=400)
        return redirect("meetings:calendar")
    feed = CalendarFeed.objects.filter(person=person).first()
    url = _absolute(reverse("meetings:calendar_feed", args=[feed.token])) if feed else ""
    webcal = "webcal://" + url.split("://", 1)[1] if url else ""
    return render(
        request,
        "meetings/after_calendar_settings.html",
        {"feed": feed, "url": url, "webcal": webcal},
    )


FEED_PAST = dt.timedelta(days=30)


def _feed_items(viewer: Viewer) -> list[CalendarEvent | CalendarTodo]:
    units = viewer.unit_ids(*MEMBER_ROLES)
    invited = Invitation.objects.filter(unit__in=units).values("meeting_id")
    mine = (
        Q(pk__in=invited)
        | Q(coordinator__in=viewer.assistant_ids)
        | Q(secretariat__in=viewer.unit_ids(Role.SECRETARIAT))
    )
    meetings = (
        visible_meetings(viewer)
        .filter(mine, starts_at__gte=timezone.now() - FEED_PAST)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
    )
    items: list[CalendarEvent | CalendarTodo] = [
        CalendarEvent(
            uid=str(meeting.uid),
            sequence=meeting.sequence,
            start=meeting.starts_at,
            end=meeting.end,
            summary=meeting.title,
            location=meeting.place or meeting.online_link,
            description=meeting.online_link if meeting.place else "",
            url=_absolute(reverse("meetings:detail", args=[meeting.pk])),
            organizer_email="",
            organizer_name="",
        )
        for meeting in meetings
    ]
    actions = (
        ActionItem.objects.filter(unit__in=units, status=ActionItem.Status.OPEN)
        .select_related("unit")
        .order_by("due_on", "pk")
    )
    items += [
        CalendarTodo(
            uid=f"action-item-{item.pk}@tuntas",
            summary=f"{item.unit.short_name}: {item.description[:100]}",
            due=item.due_on,
            description=item.description,
            url=_absolute(reverse("meetings:action_detail", args=[item.pk])),
        )
        for item in actions
    ]
    return items


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's meetings and due dates for their calendar app, found by a secret token."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    viewer = Viewer.of(feed.person)
    with translation.override(feed.person.language):
        name = _("Tuntas: %(name)s") % {"name": feed.person.full_name}
        body = feed_ics(_feed_items(viewer), name, zone=settings.TIME_ZONE)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tuntas.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def action_item_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Send an evidence file to someone who may see its action item, always as a download."""
    viewer = viewer_for(request)

    def decide(v: Viewer, evidence: ActionItemFile) -> Access:
        return action_item_access(v, evidence.action_item)

    evidence, _access = get_for_viewer(
        viewer, ActionItemFile.objects.select_related("action_item"), pk, decide
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
