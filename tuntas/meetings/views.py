"""Meeting screens before the meeting: series, planning, agenda, invitations and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.issues.access import MEMBER_ROLES
from tuntas.lib.dates import format_date, format_time
from tuntas.lib.workdays import calendar
from tuntas.meetings import paperwork, services
from tuntas.meetings.access import meeting_access, runs_meeting, visible_meetings
from tuntas.meetings.forms import (
    AgendaItemForm,
    CancelForm,
    InviteForm,
    MeetingForm,
    PlanForm,
    ReplyForm,
    RescheduleForm,
    SeriesForm,
)
from tuntas.meetings.models import AgendaItem, Invitation, Meeting, MeetingSeries
from tuntas.org.access import Access, Viewer, get_for_viewer, require, viewer_for
from tuntas.org.models import RoleAssignment, Unit

Role = RoleAssignment.Role
Status = Meeting.Status
# Statuses in which the meeting can still be announced, moved or called off.
BEFORE = (Status.PLANNED, Status.INVITED)
PAST_LIMIT = 50
OCCURRENCES = 6


# --- access ----------------------------------------------------------------------------------


def _get_meeting(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[Meeting, Viewer, Access]:
    viewer = viewer_for(request)
    meeting, access = get_for_viewer(
        viewer,
        Meeting.objects.select_related(
            "series", "coordinator", "coordinator__parent", "secretariat", "chair"
        ),
        pk,
        meeting_access,
        need,
    )
    return meeting, viewer, access


def series_access(viewer: Viewer, series: MeetingSeries) -> Access:
    """The Asisten and their Bagian run a series; leaders and standing invitees may read it."""
    if series.coordinator_id in viewer.assistant_ids or series.secretariat_id in viewer.unit_ids(
        Role.SECRETARIAT
    ):
        return Access.WRITE
    if viewer.is_leader or viewer.is_admin:
        return Access.READ
    units = viewer.unit_ids(*MEMBER_ROLES)
    if units and series.standing_invitees.filter(pk__in=units).exists():
        return Access.READ
    return Access.NONE


def _get_series(
    request: HttpRequest, pk: int, need: Access = Access.READ
) -> tuple[MeetingSeries, Viewer, Access]:
    viewer = viewer_for(request)
    series, access = get_for_viewer(
        viewer,
        MeetingSeries.objects.select_related("coordinator", "secretariat", "chair"),
        pk,
        series_access,
        need,
    )
    return series, viewer, access


def _require_runner_somewhere(viewer: Viewer) -> list[Unit]:
    """Return the Asisten units the viewer prepares meetings for (403/404 if none)."""
    if not viewer.assistant_ids:
        require(Access.READ if viewer.assignments else Access.NONE, Access.WRITE)
    return list(Unit.objects.filter(pk__in=viewer.assistant_ids).order_by("sort_order", "name"))


def _default_secretariat(viewer: Viewer) -> int | None:
    return min(viewer.unit_ids(Role.SECRETARIAT), default=None)


@contextmanager
def _open_meeting(meeting: Meeting) -> Iterator[Meeting]:
    """Lock the meeting row for a change of its agenda or invitations (not after the minutes)."""
    with transaction.atomic():
        fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if fresh.is_locked:
            raise services.MeetingLocked
        yield fresh


def _locked_message(request: HttpRequest) -> None:
    messages.error(
        request, _("This meeting can no longer change: its minutes are final or it was cancelled.")
    )


def _when(meeting: Meeting) -> dict[str, str]:
    """Return "Selasa, 8 Desember 2026" and "09.00 WIB s.d. selesai" for the page header."""
    start = format_time(meeting.starts_at)
    return {
        "day_date": format_date(meeting.starts_at),
        "time_text": _("%(start)s until finished") % {"start": start},
    }


# --- list and detail -------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past meetings the viewer may see, and the series they run."""
    viewer = viewer_for(request)
    units = viewer.unit_ids(*MEMBER_ROLES)
    start_of_today = timezone.make_aware(dt.datetime.combine(viewer.today, dt.time.min))
    meetings = (
        visible_meetings(viewer)
        .select_related("coordinator", "series")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            needs_answer=Exists(
                Invitation.objects.filter(
                    meeting=OuterRef("pk"), unit__in=units, reply=Invitation.Reply.PENDING
                )
            ),
        )
    )
    upcoming = list(meetings.filter(starts_at__gte=start_of_today).order_by("starts_at", "pk"))
    past = list(
        meetings.filter(starts_at__lt=start_of_today).order_by("-starts_at", "-pk")[:PAST_LIMIT]
    )
    series = (
        list(
            MeetingSeries.objects.filter(
                Q(coordinator__in=viewer.assistant_ids)
                | Q(secretariat__in=viewer.unit_ids(Role.SECRETARIAT))
            ).select_related("coordinator")
        )
        if viewer.assistant_ids
        else []
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "series_list": series,
            "can_run": bool(viewer.assistant_ids),
        },
    )


def _detail_context(meeting: Meeting, viewer: Viewer, access: Access) -> dict[str, Any]:
    items = list(
        meeting.agenda_items.select_related("issue", "action_item").prefetch_related("units")
    )
    invitations = list(meeting.invitations.select_related("unit"))
    own_units = viewer.unit_ids(*MEMBER_ROLES)
    runner = access >= Access.WRITE
    mine = [i for i in invitations if i.unit_id in own_units]
    for invitation in mine:
        invitation.form = ReplyForm(  # type: ignore[attr-defined]
            initial={
                "reply": invitation.reply if invitation.reply != Invitation.Reply.PENDING else "",
                "name": invitation.representative_name,
                "position": invitation.representative_position,
                "note": invitation.note,
            },
            prefix=f"reply-{invitation.pk}",
        )
    return {
        "meeting": meeting,
        "runner": runner,
        "editable": runner and not meeting.is_locked,
        "can_announce": runner and meeting.status in BEFORE,
        "items": items,
        "total_minutes": sum(i.minutes_allotted for i in items),
        "invitations": invitations,
        "my_invitations": [] if meeting.is_locked else mine,
        "sent": bool(meeting.letter_number),
        **_when(meeting),
    }


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer, access = _get_meeting(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(meeting, viewer, access))


# --- series ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    """Set up a recurring meeting of the viewer's Asisten."""
    viewer = viewer_for(request)
    coordinators = _require_runner_somewhere(viewer)
    form = SeriesForm(
        request.POST or None,
        coordinators=coordinators,
        secretariat=_default_secretariat(viewer),
    )
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        series = form.save_versioned()
        assert series is not None
        messages.success(request, _("The meeting series has been created."))
        return redirect("meetings:series_detail", pk=series.pk)
    return render(request, "meetings/series_form.html", {"form": form, "series": None})


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    series, viewer, _access = _get_series(request, pk, Access.WRITE)
    coordinators = list(
        Unit.objects.filter(Q(pk__in=viewer.assistant_ids) | Q(pk=series.coordinator_id))
    )
    form = SeriesForm(
        request.POST or None,
        instance=series,
        coordinators=coordinators,
        secretariat=_default_secretariat(viewer),
    )
    if request.method == "POST" and form.is_valid() and form.save_versioned() is not None:
        messages.success(request, _("The meeting series has been saved."))
        return redirect("meetings:series_detail", pk=series.pk)
    return render(request, "meetings/series_form.html", {"form": form, "series": series})


@login_required
@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The series' next dates (non-working days pointed out) and its meetings."""
    series, viewer, access = _get_series(request, pk)
    meetings = list(series.meetings.order_by("-starts_at", "-pk")[:PAST_LIMIT])
    by_date: dict[dt.date, Meeting] = {}
    for meeting in meetings:
        if meeting.status != Status.CANCELLED:
            by_date.setdefault(timezone.localdate(meeting.starts_at), meeting)
    cal = calendar()
    occurrences = []
    try:
        days = services.series_occurrences(
            series, after=viewer.today - dt.timedelta(days=1), count=OCCURRENCES
        )
    except (ValueError, TypeError):
        # A rule saved elsewhere (the admin) that dateutil cannot read: say so, do not fail.
        messages.error(request, _("The recurrence rule of this series cannot be read."))
        days = []
    for day in days:
        working = cal.is_working_day(day)
        occurrences.append(
            {
                "day": day,
                "working": working,
                "holiday": cal.holiday_name(day) or ("" if working else _("weekend")),
                "meeting": by_date.get(day),
            }
        )
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "runner": access >= Access.WRITE,
            "occurrences": occurrences,
            "meetings": meetings,
            "invitees": list(series.standing_invitees.all()),
            "plan_form": PlanForm(),
        },
    )


@login_required
@require_POST
def meeting_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the series' meeting on a date (an occurrence, or another date chosen instead)."""
    series, viewer, _access = _get_series(request, pk, Access.WRITE)
    form = PlanForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("meetings:series_detail", pk=series.pk)
    day: dt.date = form.cleaned_data["on"]
    if not series.is_active:
        messages.error(request, _("This series is no longer active."))
        return redirect("meetings:series_detail", pk=series.pk)
    existing = (
        series.meetings.exclude(status=Status.CANCELLED)
        .filter(
            starts_at__gte=timezone.make_aware(dt.datetime.combine(day, dt.time.min)),
            starts_at__lt=timezone.make_aware(
                dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
            ),
        )
        .first()
    )
    if existing is not None:
        messages.info(request, _("A meeting of this series is already planned on that date."))
        return redirect("meetings:detail", pk=existing.pk)
    meeting = services.meeting_plan(series=series, on=day, by=viewer)
    cal = calendar()
    if not cal.is_working_day(day):
        messages.warning(
            request,
            _("%(date)s is not a working day (%(why)s): consider moving the meeting.")
            % {"date": format_date(day), "why": cal.holiday_name(day) or _("weekend")},
        )
    messages.success(request, _("The meeting has been planned."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Plan a one-off meeting of the viewer's Asisten."""
    viewer = viewer_for(request)
    coordinators = _require_runner_somewhere(viewer)
    form = MeetingForm(
        request.POST or None,
        coordinators=coordinators,
        secretariat=_default_secretariat(viewer),
        initial={"on": viewer.today + dt.timedelta(days=7)},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save()
            Invitation.objects.bulk_create(
                Invitation(meeting=meeting, unit=unit) for unit in form.cleaned_data["invitees"]
            )
        messages.success(request, _("The meeting has been planned."))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


# --- changing the date -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the meeting; invitees get the calendar update when invitations went out."""
    meeting, viewer, _access = _get_meeting(request, pk, Access.WRITE)
    if meeting.status not in BEFORE:
        messages.error(request, _("Only a meeting that has not taken place can be moved."))
        return redirect("meetings:detail", pk=meeting.pk)
    local = timezone.localtime(meeting.starts_at)
    form = RescheduleForm(
        request.POST or None,
        initial={
            "on": local.date(),
            "start": local.time(),
            "end": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
            "place": meeting.place,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["on"], data["start"]))
        if data["end"] is not None:
            ends = timezone.make_aware(dt.datetime.combine(data["on"], data["end"]))
        else:
            ends = starts + (meeting.end - meeting.starts_at)
        try:
            services.meeting_reschedule(
                meeting=meeting,
                by=viewer,
                starts_at=starts,
                ends_at=ends,
                place=data["place"],
                reason=data["reason"],
                render_ics=paperwork.meeting_ics,
            )
        except services.MeetingLocked:
            _locked_message(request)
        else:
            messages.success(request, _("The meeting has been moved."))
        return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/meeting_reschedule.html",
        {"meeting": meeting, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, viewer, _access = _get_meeting(request, pk, Access.WRITE)
    if meeting.status not in BEFORE:
        messages.error(request, _("Only a meeting that has not taken place can be cancelled."))
        return redirect("meetings:detail", pk=meeting.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting,
                by=viewer,
                reason=form.cleaned_data["reason"],
                render_ics=paperwork.meeting_ics,
            )
        except services.MeetingLocked:
            _locked_message(request)
        else:
            messages.success(request, _("The meeting has been cancelled."))
        return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/meeting_cancel.html", {"meeting": meeting, "form": form}, status=status
    )


# --- agenda ----------------------------------------------------------------------------------


@login_required
@require_POST
def agenda_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add what needs the meeting to the agenda: open action items, then pressing issues."""
    meeting, viewer, _access = _get_meeting(request, pk, Access.WRITE)
    try:
        added = services.agenda_draft(meeting=meeting, by=viewer)
    except services.MeetingLocked:
        _locked_message(request)
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d item was added to the agenda.",
                    "%(count)d items were added to the agenda.",
                    len(added),
                )
                % {"count": len(added)},
            )
        else:
            messages.info(request, _("Nothing new needs the meeting: the agenda is unchanged."))
    return redirect("meetings:detail", pk=meeting.pk)


def _get_item(request: HttpRequest, pk: int) -> tuple[AgendaItem, Viewer]:
    viewer = viewer_for(request)

    def decide(v: Viewer, item: AgendaItem) -> Access:
        return meeting_access(v, item.meeting)

    item, _access = get_for_viewer(
        viewer,
        AgendaItem.objects.select_related("meeting", "meeting__coordinator", "issue"),
        pk,
        decide,
        Access.WRITE,
    )
    return item, viewer


def _issue_unit_ids(issue: Any) -> list[int]:
    return [issue.reporting_unit_id, *issue.requests.values_list("unit_id", flat=True)]


def _agenda_form(request: HttpRequest, meeting: Meeting, item: AgendaItem | None) -> HttpResponse:
    if meeting.is_locked:
        _locked_message(request)
        return redirect("meetings:detail", pk=meeting.pk)
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with _open_meeting(meeting) as fresh:
                saved = form.save(commit=False)
                saved.meeting = fresh
                if item is None:
                    last = fresh.agenda_items.order_by("-order").values_list("order", flat=True)
                    saved.order = (last.first() or 0) + 1
                if form.issue is not None:
                    saved.issue = form.issue
                    if saved.source != AgendaItem.Source.ACTION_ITEM:
                        saved.source = AgendaItem.Source.ISSUE
                elif saved.source == AgendaItem.Source.ISSUE:
                    saved.issue, saved.source = None, AgendaItem.Source.OTHER
                saved.save()
                form.save_m2m()
                if form.issue is not None and not form.cleaned_data["units"]:
                    saved.units.set(_issue_unit_ids(form.issue))
                services.invitations_sync(fresh)
        except services.MeetingLocked:
            _locked_message(request)
        else:
            messages.success(request, _("The agenda has been saved."))
        return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"meeting": meeting, "item": item, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _viewer, _access = _get_meeting(request, pk, Access.WRITE)
    return _agenda_form(request, meeting, None)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item, _viewer = _get_item(request, pk)
    return _agenda_form(request, item.meeting, item)


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item, _viewer = _get_item(request, pk)
    try:
        with _open_meeting(item.meeting):
            item.delete()
    except services.MeetingLocked:
        _locked_message(request)
    else:
        messages.success(request, _("The item has been removed from the agenda."))
    return redirect("meetings:detail", pk=item.meeting_id)


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    """Swap an item with its neighbour above or below (numbering the agenda 1, 2, 3 …)."""
    if direction not in ("up", "down"):
        raise Http404
    item, _viewer = _get_item(request, pk)
    try:
        with _open_meeting(item.meeting) as fresh:
            items = list(fresh.agenda_items.order_by("order", "pk"))
            index = next(i for i, row in enumerate(items) if row.pk == item.pk)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
            for number, row in enumerate(items, start=1):
                row.order = number
            AgendaItem.objects.bulk_update(items, ["order"])
    except services.MeetingLocked:
        _locked_message(request)
    return redirect(reverse("meetings:detail", args=[item.meeting_id]) + f"#agenda-item-{item.pk}")


# --- invitations -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is invited and what they answered; the runner adds units here."""
    meeting, _viewer, access = _get_meeting(request, pk)
    runner = access >= Access.WRITE
    if request.method == "POST" and not runner:
        raise PermissionDenied
    form = InviteForm(request.POST or None, meeting=meeting) if runner else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            with _open_meeting(meeting) as fresh:
                Invitation.objects.get_or_create(meeting=fresh, unit=form.cleaned_data["unit"])
        except services.MeetingLocked:
            _locked_message(request)
        else:
            if meeting.status == Status.PLANNED:
                messages.success(request, _("The unit has been invited."))
            else:
                messages.warning(
                    request,
                    _("The unit has been added: send the invitations again so it receives them."),
                )
        return redirect("meetings:invitations", pk=meeting.pk)
    invitations = list(meeting.invitations.select_related("unit", "replied_by"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/invitation_list.html",
        {
            "meeting": meeting,
            "runner": runner,
            "editable": runner and not meeting.is_locked,
            "can_announce": runner and meeting.status in BEFORE,
            "invitations": invitations,
            "form": form,
            "counts": {
                reply: sum(1 for i in invitations if i.reply == reply)
                for reply in Invitation.Reply.values
            },
            **_when(meeting),
        },
        status=status,
    )


def _get_invitation(request: HttpRequest, pk: int) -> tuple[Invitation, Viewer, Access]:
    viewer = viewer_for(request)

    def decide(v: Viewer, invitation: Invitation) -> Access:
        return meeting_access(v, invitation.meeting)

    invitation, access = get_for_viewer(
        viewer,
        Invitation.objects.select_related(
            "meeting", "meeting__coordinator", "meeting__secretariat", "unit"
        ),
        pk,
        decide,
    )
    return invitation, viewer, access


@login_required
@require_POST
def invitation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    invitation, _viewer, access = _get_invitation(request, pk)
    require(access, Access.WRITE)
    try:
        with _open_meeting(invitation.meeting):
            invitation.delete()
    except services.MeetingLocked:
        _locked_message(request)
    else:
        messages.success(
            request,
            _("%(unit)s is no longer invited.") % {"unit": invitation.unit.short_name},
        )
    return redirect("meetings:invitations", pk=invitation.meeting_id)


@login_required
@require_POST
def invitations_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Number the Undangan and send it with the calendar invitation to every invited unit."""
    meeting, viewer, _access = _get_meeting(request, pk, Access.WRITE)
    if meeting.status not in BEFORE:
        messages.error(request, _("Invitations can only be sent before the meeting."))
        return redirect("meetings:detail", pk=meeting.pk)
    if not meeting.invitations.exists():
        messages.error(request, _("Invite at least one unit first."))
        return redirect("meetings:invitations", pk=meeting.pk)
    if not meeting.agenda_items.exists():
        messages.error(request, _("Put at least one item on the agenda first."))
        return redirect("meetings:detail", pk=meeting.pk)
    klasifikasi = meeting.series.klasifikasi if meeting.series else paperwork.DEFAULT_KLASIFIKASI
    try:
        sent = services.invitations_send(
            meeting=meeting,
            by=viewer,
            klasifikasi=klasifikasi,
            render_pdf=paperwork.invitation_pdf_bytes,
            render_ics=paperwork.meeting_ics,
        )
    except services.MeetingLocked:
        _locked_message(request)
    else:
        messages.success(
            request,
            _("The invitations number %(number)s have been sent.") % {"number": sent.letter_number},
        )
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An invited unit answers: attend, represented by someone, or cannot attend."""
    invitation, viewer, access = _get_invitation(request, pk)
    own = invitation.unit_id in viewer.unit_ids(*MEMBER_ROLES)
    if not own and access < Access.WRITE:
        raise PermissionDenied
    meeting = invitation.meeting
    if meeting.is_locked:
        _locked_message(request)
        return redirect("meetings:detail", pk=meeting.pk)
    prefix = f"reply-{invitation.pk}"
    form = ReplyForm(
        request.POST or None,
        prefix=prefix,
        initial={
            "reply": invitation.reply if invitation.reply != Invitation.Reply.PENDING else "",
            "name": invitation.representative_name,
            "position": invitation.representative_position,
            "note": invitation.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_reply(
                invitation=invitation,
                by=viewer,
                reply=data["reply"],
                name=data["name"].strip(),
                position=data["position"].strip(),
                note=data["note"],
            )
        except services.MeetingLocked:
            _locked_message(request)
        else:
            messages.success(request, _("The answer has been recorded."))
        if own or not runs_meeting(viewer, meeting):
            return redirect("meetings:detail", pk=meeting.pk)
        return redirect("meetings:invitations", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/invitation_reply.html",
        {"meeting": meeting, "invitation": invitation, "form": form, **_when(meeting)},
        status=status,
    )


# --- documents -------------------------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def invitation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The Undangan letter as sent (there is none before the invitations went out)."""
    meeting, _viewer, _access = _get_meeting(request, pk)
    if not meeting.letter_number:
        raise Http404
    return _pdf(
        paperwork.as_sent(meeting.letter_file, paperwork.invitation_pdf_bytes, meeting),
        "undangan.pdf",
    )


@login_required
@require_GET
def invitation_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _viewer, _access = _get_meeting(request, pk)
    method = "CANCEL" if meeting.status == Status.CANCELLED else "REQUEST"
    response = HttpResponse(
        paperwork.meeting_ics(meeting, method),
        content_type=f"text/calendar; charset=utf-8; method={method}",
    )
    response["Content-Disposition"] = 'attachment; filename="undangan.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def briefing_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The briefing pack holds every agenda issue's full history: runners and leaders only."""
    meeting, viewer, access = _get_meeting(request, pk)
    if access < Access.WRITE and not (viewer.is_leader or viewer.is_admin):
        raise PermissionDenied
    return _pdf(paperwork.briefing_pdf_bytes(meeting), "bahan-rapat.pdf")


@login_required
@require_GET
def attendance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _viewer, _access = _get_meeting(request, pk)
    return _pdf(paperwork.attendance_pdf_bytes(meeting), "daftar-hadir.pdf")
