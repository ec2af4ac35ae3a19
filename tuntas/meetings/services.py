"""Meeting workflows: each one transaction, recorded and announced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from dateutil.rrule import rrulestr
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.issues import services as issue_services
from tuntas.issues.models import Event, Issue, IssueRequest, Level, Policy
from tuntas.issues.queries import overdue_q
from tuntas.lib.dates import format_date, format_time
from tuntas.lib.uploads import store_all
from tuntas.lib.workdays import calendar
from tuntas.meetings.models import (
    ActionItem,
    ActionItemFile,
    AgendaItem,
    Attendance,
    Invitation,
    LetterSequence,
    Meeting,
    MeetingSeries,
)
from tuntas.notifications.services import Attachment, notification_send, remind_once
from tuntas.org.access import Viewer
from tuntas.org.models import Government, Person, RoleAssignment, Unit

Role = RoleAssignment.Role
CHECKIN_SALT = "tuntas.meetings.checkin"
CHECKIN_MAX_AGE = 15 * 60  # seconds a QR code stays valid; the room screen refreshes it


class MeetingLocked(Exception):
    """The meeting's minutes are final (or it was cancelled): nothing may change."""


# --- scheduling ------------------------------------------------------------------------------


def series_occurrences(series: MeetingSeries, *, after: dt.date, count: int = 6) -> list[dt.date]:
    """Return the next dates of the series' recurrence rule after a date."""
    start = dt.datetime.combine(after, series.start_time)
    rule = rrulestr(series.rrule, dtstart=start)
    dates: list[dt.date] = []
    moment = start
    while len(dates) < count:
        following = rule.after(moment)
        if following is None:
            break
        dates.append(following.date())
        moment = following
    return dates


def meeting_plan(*, series: MeetingSeries, on: dt.date, by: Viewer) -> Meeting:
    """Create the series' meeting on a date, with its standing invitees."""
    tz = timezone.get_current_timezone()
    starts = timezone.make_aware(dt.datetime.combine(on, series.start_time), tz)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            series=series,
            coordinator=series.coordinator,
            secretariat=series.secretariat,
            title=series.title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=series.duration_minutes),
            place=series.place,
            online_link=series.online_link,
            chair=series.chair,
        )
        Invitation.objects.bulk_create(
            Invitation(meeting=meeting, unit=unit) for unit in series.standing_invitees.all()
        )
    return meeting


def _before_meeting(meeting: Meeting) -> None:
    """Invitations, moves and cancellations happen before the meeting is held."""
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.INVITED):
        raise MeetingLocked


def _locked_meeting(meeting: Meeting) -> Meeting:
    fresh = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if fresh.is_locked:
        raise MeetingLocked
    return fresh


# --- agenda ----------------------------------------------------------------------------------

# Why an issue needs the meeting, most pressing first (the documented priority order).
PRIORITY = ["escalation_proposed", "overdue", "critical", "red_plan", "unanswered", "new"]


def _previous_meeting(meeting: Meeting) -> Meeting | None:
    if meeting.series_id is None:
        return None
    return (
        Meeting.objects.filter(series=meeting.series_id, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def agenda_candidates(meeting: Meeting) -> list[tuple[str, Any, str]]:
    """Return (source, object, reason) for what the meeting should discuss, in agenda order.

    1. open action items of earlier meetings of the series, overdue first;
    2. open issues of the Asisten's portfolio that need the meeting, by priority: escalation
       proposed, past their time limit, critical, tied to a sub kegiatan in red deviation, a
       request unanswered, new since last meeting;
    3. early warnings of the portfolio's sub kegiatan (red deviation, kontrak kritis) that no
       issue on the agenda already covers.
    """
    today = timezone.localdate(meeting.starts_at)
    out: list[tuple[str, Any, str]] = []
    if meeting.series_id is not None:
        actions = (
            ActionItem.objects.open()
            .filter(meeting__series=meeting.series_id, meeting__starts_at__lt=meeting.starts_at)
            .select_related("unit")
        )
        ordered = sorted(actions, key=lambda a: (not a.is_overdue(today), a.due_on, a.pk))
        for item in ordered:
            reason = _("overdue action item") if item.is_overdue(today) else _("open action item")
            out.append((AgendaItem.Source.ACTION_ITEM, item, reason))
    previous = _previous_meeting(meeting)
    since = previous.starts_at if previous else meeting.starts_at - dt.timedelta(days=31)
    policy = Policy.current()
    overdue_ids = set(
        Issue.objects.filter(overdue_q(today=today, policy=policy, cal=calendar())).values_list(
            "pk", flat=True
        )
    )
    unanswered_ids = set(
        IssueRequest.objects.filter(
            status=IssueRequest.Status.REQUESTED, respond_by__lt=today
        ).values_list("issue_id", flat=True)
    )
    issues = Issue.objects.filter(
        coordinator=meeting.coordinator_id,
        status__in=[Issue.Status.SUBMITTED, Issue.Status.IN_PROGRESS],
    ).select_related("reporting_unit")
    warnings = _portfolio_warnings(meeting, today)
    red_subs = {w.sub.pk for w in warnings if w.kind in ("red", "kritis")}
    ranked: list[tuple[int, Issue, str]] = []
    for issue in issues:
        reasons = {
            "escalation_proposed": issue.escalation_proposed_at is not None,
            "overdue": issue.pk in overdue_ids,
            "critical": issue.urgency == Issue.Urgency.CRITICAL,
            "red_plan": issue.sub_activity_id in red_subs,
            "unanswered": issue.pk in unanswered_ids,
            "new": bool(issue.submitted_at and issue.submitted_at >= since),
        }
        hits = [name for name in PRIORITY if reasons[name]]
        if hits:
            ranked.append(
                (PRIORITY.index(hits[0]), issue, ", ".join(str(REASON_LABELS[h]) for h in hits))
            )
    ranked.sort(key=lambda r: (r[0], r[1].submitted_at or r[1].created_at))
    out.extend((AgendaItem.Source.ISSUE, issue, reason) for _rank, issue, reason in ranked)
    covered = {issue.sub_activity_id for _rank, issue, _reason in ranked}
    for warning in warnings:
        if warning.kind in ("red", "kritis") and warning.sub.pk not in covered:
            covered.add(warning.sub.pk)
            out.append((AgendaItem.Source.WARNING, warning, warning.label))
    return out


def _portfolio_warnings(meeting: Meeting, today: dt.date) -> list[Any]:
    """Early warnings of the current year's sub kegiatan of the Asisten's portfolio."""
    from tuntas.plans.models import SubActivity
    from tuntas.plans.services import early_warnings, with_progress_data

    portfolio = Unit.objects.coordinated_by([meeting.coordinator_id], today).values("pk")
    subs = with_progress_data(SubActivity.objects.filter(year=today.year, unit__in=portfolio))
    return early_warnings(subs, today=today)


REASON_LABELS = {
    "escalation_proposed": gettext_lazy("escalation proposed"),
    "overdue": gettext_lazy("past its time limit"),
    "critical": gettext_lazy("critical"),
    "red_plan": gettext_lazy("its sub kegiatan is in red deviation"),
    "unanswered": gettext_lazy("a request unanswered"),
    "new": gettext_lazy("new since the last meeting"),
}


def _issue_units(issue: Issue) -> list[int]:
    return [issue.reporting_unit_id, *issue.requests.values_list("unit_id", flat=True)]


def agenda_draft(*, meeting: Meeting, by: Viewer) -> list[AgendaItem]:
    """Add what needs the meeting to the agenda (keeping what the secretariat already set)."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        present_issues = set(
            meeting.agenda_items.exclude(issue=None).values_list("issue_id", flat=True)
        )
        present_subs = set(
            meeting.agenda_items.exclude(sub_activity=None).values_list(
                "sub_activity_id", flat=True
            )
        )
        present_actions = set(
            meeting.agenda_items.exclude(action_item=None).values_list("action_item_id", flat=True)
        )
        order = (
            meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
        ) + 1
        added: list[AgendaItem] = []
        for source, obj, reason in agenda_candidates(meeting):
            if source == AgendaItem.Source.ACTION_ITEM and obj.pk not in present_actions:
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    source=source,
                    action_item=obj,
                    issue=obj.issue,
                    title=_("Follow-up: %(what)s") % {"what": obj.description[:250]},
                    reason=reason,
                )
                item.units.set([obj.unit_id])
            elif source == AgendaItem.Source.WARNING and obj.sub.pk not in present_subs:
                progress = obj.progress
                detail = (
                    _("physical %(dev)s points") % {"dev": progress.dev_physical}
                    if progress is not None and progress.dev_physical is not None
                    else ""
                )
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    source=source,
                    sub_activity=obj.sub,
                    title=(_("Early warning: %(name)s") % {"name": obj.sub.name})[:300],
                    reason=f"{reason} {detail}".strip(),
                )
                item.units.set([obj.sub.unit_id])
            elif source == AgendaItem.Source.ISSUE and obj.pk not in present_issues:
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    source=source,
                    issue=obj,
                    title=obj.title[:300],
                    reason=reason,
                )
                item.units.set(_issue_units(obj))
            else:
                continue
            added.append(item)
            order += 1
        invitations_sync(meeting)
    return added


def invitations_sync(meeting: Meeting) -> None:
    """Invite the standing invitees and every unit of the agenda (never removes an invitation)."""
    wanted = (
        set(meeting.series.standing_invitees.values_list("pk", flat=True))
        if meeting.series is not None
        else set()
    )
    wanted |= set(
        AgendaItem.units.through.objects.filter(agendaitem__meeting=meeting).values_list(
            "unit_id", flat=True
        )
    )
    present = set(meeting.invitations.values_list("unit_id", flat=True))
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, unit_id=unit_id) for unit_id in wanted - present
    )


# --- letter numbers --------------------------------------------------------------------------


def letter_number_take(*, unit: Unit, on: dt.date, klasifikasi: str) -> str:
    """Hand out the next letter number of a unit in a year; two senders never get the same."""
    from tuntas.lib.letters import format_letter_number

    with transaction.atomic():
        LetterSequence.objects.get_or_create(unit=unit, year=on.year)
        sequence = LetterSequence.objects.select_for_update().get(unit=unit, year=on.year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        government = Government.current()
        pattern = (
            government.letter_number_pattern if government else "{klasifikasi}/{seq}/{unit}/{year}"
        )
        return format_letter_number(
            pattern,
            klasifikasi=klasifikasi,
            seq=sequence.last,
            unit=unit.letter_code or unit.short_name,
            on=on,
        )


# --- people ----------------------------------------------------------------------------------


def unit_contacts(unit_ids: Iterable[int]) -> list[Person]:
    """Who receives a unit's invitation: its head, else its staff (partners: their officers)."""
    rows = list(
        RoleAssignment.objects.active()
        .filter(
            unit_id__in=list(unit_ids),
            role__in=[
                Role.UNIT_HEAD,
                Role.UNIT_STAFF,
                Role.PARTNER,
                Role.COORDINATOR,
                Role.SECRETARIAT,
            ],
        )
        .select_related("person")
    )
    heads = {r.unit_id for r in rows if r.role in (Role.UNIT_HEAD, Role.PARTNER, Role.COORDINATOR)}
    chosen = [
        r.person
        for r in rows
        if r.unit_id not in heads or r.role in (Role.UNIT_HEAD, Role.PARTNER, Role.COORDINATOR)
    ]
    return list({p.pk: p for p in chosen if p.is_active}.values())


def meeting_people(meeting: Meeting) -> list[Person]:
    """Everyone concerned: invited units' contacts, the Asisten and their Bagian."""
    people = unit_contacts(meeting.invitations.values_list("unit_id", flat=True))
    people += issue_services.assistant_people(meeting.coordinator_id)
    return list({p.pk: p for p in people}.values())


# --- invitations -----------------------------------------------------------------------------


def invitations_send(
    *,
    meeting: Meeting,
    by: Viewer,
    klasifikasi: str,
    render_pdf: Callable[[Meeting], bytes],
    render_ics: Callable[[Meeting, str], bytes],
) -> Meeting:
    """Number the letter, render it, and send it with the calendar invitation to every invitee."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _before_meeting(meeting)
        today = timezone.localdate()
        if not meeting.letter_number:
            meeting.letter_number = letter_number_take(
                unit=meeting.secretariat, on=today, klasifikasi=klasifikasi
            )
            meeting.letter_date = today
        meeting.status = Meeting.Status.INVITED
        meeting.version += 1
        meeting.save(update_fields=["letter_number", "letter_date", "status", "version"])
        pdf = render_pdf(meeting)
        meeting.letter_file.save("undangan.pdf", ContentFile(pdf), save=False)
        meeting.save(update_fields=["letter_file"])
        ics = render_ics(meeting, "REQUEST")
        meeting.invitations.update(sent_at=timezone.now())
        notification_send(
            recipients=meeting_people(meeting),
            kind="meetings.invited",
            title=_("Invitation: %(title)s") % {"title": meeting.title},
            body=_("Number %(number)s. Please answer whether your unit attends.")
            % {"number": meeting.letter_number},
            url=f"/meetings/{meeting.pk}/",
            attachments=[
                Attachment("undangan.pdf", pdf, "application/pdf"),
                Attachment("undangan.ics", ics, "text/calendar; method=REQUEST"),
            ],
        )
    return meeting


def invitation_reply(
    *,
    invitation: Invitation,
    by: Viewer,
    reply: str,
    name: str = "",
    position: str = "",
    note: str = "",
) -> Invitation:
    """Record a unit's answer: attend, represented by someone, or cannot attend."""
    with transaction.atomic():
        _locked_meeting(invitation.meeting)
        invitation.reply = reply
        invitation.representative_name = name if reply == Invitation.Reply.REPRESENTED else ""
        invitation.representative_position = (
            position if reply == Invitation.Reply.REPRESENTED else ""
        )
        invitation.note = note
        invitation.replied_by = by.person
        invitation.replied_at = timezone.now()
        invitation.save()
        notification_send(
            recipients=issue_services.assistant_people(invitation.meeting.coordinator_id),
            kind="meetings.replied",
            title=_("%(unit)s answered: %(reply)s")
            % {"unit": invitation.unit.short_name, "reply": invitation.get_reply_display()},
            url=f"/meetings/{invitation.meeting_id}/",
            email=False,
        )
    return invitation


def meeting_reschedule(
    *,
    meeting: Meeting,
    by: Viewer,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    reason: str,
    render_ics: Callable[[Meeting, str], bytes],
) -> Meeting:
    """Move the meeting: the calendar invitation is sent again with a higher SEQUENCE."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _before_meeting(meeting)
        if ends_at <= starts_at:
            raise ValueError("a meeting must end after it starts")
        meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place
        meeting.sequence += 1
        meeting.change_reason = reason
        meeting.version += 1
        meeting.save(
            update_fields=["starts_at", "ends_at", "place", "sequence", "change_reason", "version"]
        )
        if meeting.status != Meeting.Status.PLANNED:
            notification_send(
                recipients=meeting_people(meeting),
                kind="meetings.rescheduled",
                title=_("Meeting moved: %(title)s") % {"title": meeting.title},
                body=reason,
                url=f"/meetings/{meeting.pk}/",
                attachments=[
                    Attachment(
                        "undangan.ics",
                        render_ics(meeting, "REQUEST"),
                        "text/calendar; method=REQUEST",
                    )
                ],
            )
    return meeting


def meeting_cancel(
    *, meeting: Meeting, by: Viewer, reason: str, render_ics: Callable[[Meeting, str], bytes]
) -> Meeting:
    """Call the meeting off: everyone invited gets a calendar cancellation."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _before_meeting(meeting)
        invited = meeting.status != Meeting.Status.PLANNED
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.change_reason = reason
        meeting.version += 1
        meeting.save(update_fields=["status", "sequence", "change_reason", "version"])
        if invited:
            notification_send(
                recipients=meeting_people(meeting),
                kind="meetings.cancelled",
                title=_("Meeting cancelled: %(title)s") % {"title": meeting.title},
                body=reason,
                url=f"/meetings/{meeting.pk}/",
                attachments=[
                    Attachment(
                        "batal.ics", render_ics(meeting, "CANCEL"), "text/calendar; method=CANCEL"
                    )
                ],
            )
    return meeting


# --- attendance ------------------------------------------------------------------------------


def checkin_token(meeting: Meeting) -> str:
    """A short-lived signed token for the QR code shown in the room."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(str(meeting.pk))


def checkin_meeting_id(token: str) -> int | None:
    """Return the meeting of a check-in token, or None if it is forged or expired."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token, max_age=CHECKIN_MAX_AGE)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def attendance_check_in(
    *,
    meeting: Meeting,
    person: Person,
    unit: Unit,
    representing: str = "",
    source: str = Attendance.Source.QR,
) -> Attendance:
    """Record that a person attends for a unit (once per person and meeting)."""
    with transaction.atomic():
        _locked_meeting(meeting)
        row, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "unit": unit,
                "name": person.full_name,
                "nip": person.nip or "",
                "position": person.position,
                "representing": representing,
                "source": source,
            },
        )
        if meeting.status in (Meeting.Status.PLANNED, Meeting.Status.INVITED):
            Meeting.objects.filter(pk=meeting.pk).update(
                status=Meeting.Status.HELD, version=F("version") + 1
            )
    return row


# --- minutes ---------------------------------------------------------------------------------


def minutes_finalise(
    *, meeting: Meeting, by: Viewer, render_pdf: Callable[[Meeting], bytes]
) -> tuple[Meeting, bytes]:
    """Lock the minutes, create the action items, update every issue discussed, tell everyone.

    All or nothing: if any part fails (the PDF too), nothing changes.
    """
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        items = list(meeting.agenda_items.select_related("issue").prefetch_related("draft_actions"))
        for item in items:
            for draft in item.draft_actions.all():
                ActionItem.objects.create(
                    meeting=meeting,
                    agenda_item=item,
                    issue=item.issue,
                    unit=draft.unit,
                    description=draft.description,
                    due_on=draft.due_on,
                )
            if item.issue is not None and item.outcome:
                _apply_outcome(item, by)
        meeting.status = Meeting.Status.FINAL
        meeting.finalised_at = timezone.now()
        meeting.finalised_by = by.person
        meeting.version += 1
        meeting.save(update_fields=["status", "finalised_at", "finalised_by", "version"])
        pdf = render_pdf(meeting)
        meeting.minutes_file.save("notula.pdf", ContentFile(pdf), save=False)
        meeting.save(update_fields=["minutes_file"])
        notification_send(
            recipients=meeting_people(meeting),
            kind="meetings.minutes",
            title=_("Minutes final: %(title)s") % {"title": meeting.title},
            body=_("The decisions and action items are in the attached notula."),
            url=f"/meetings/{meeting.pk}/",
            attachments=[Attachment("notula.pdf", pdf, "application/pdf")],
        )
    return meeting, pdf


def _apply_outcome(item: AgendaItem, by: Viewer) -> None:
    """Move the issue as the meeting decided, with the meeting as the reason in its timeline."""
    assert item.issue_id is not None
    issue = Issue.objects.select_for_update().get(pk=item.issue_id)
    meeting = item.meeting
    reason = _("Decided in %(meeting)s on %(date)s: %(decisions)s") % {
        "meeting": meeting.title,
        "date": timezone.localdate(meeting.starts_at).strftime("%d/%m/%Y"),
        "decisions": "; ".join(item.decision_lines) or item.discussion[:300],
    }
    if item.outcome == AgendaItem.Outcome.SETTLED and issue.is_open:
        if issue.status == Issue.Status.SUBMITTED:
            issue_services.issue_accept(issue=issue, by=by, note=reason)
            issue.refresh_from_db()
        if issue.level == Level.UNIT:
            issue.level = Level.ASSISTANT
        issue.status = Issue.Status.SETTLED
        issue.resolution = reason
        issue.settled_at = timezone.now()
        issue.settled_level = issue.level
        issue.escalation_proposed_at = None
        issue.version += 1
        issue.save(
            update_fields=[
                "status",
                "resolution",
                "settled_at",
                "settled_level",
                "level",
                "escalation_proposed_at",
                "version",
            ]
        )
        Event.objects.create(
            issue=issue,
            kind=Event.Kind.SETTLED,
            actor=by.person,
            note=reason,
            data={"meeting": meeting.pk, "level": issue.level},
        )
    elif (
        item.outcome == AgendaItem.Outcome.ESCALATED
        and issue.status == Issue.Status.IN_PROGRESS
        and issue.level < Level.HEAD
    ):
        issue_services.issue_escalate(issue=issue, by=None, reason=reason, automatic=True)
    elif item.outcome == AgendaItem.Outcome.CONTINUED and issue.is_open:
        Event.objects.create(
            issue=issue,
            kind=Event.Kind.EDITED,
            actor=by.person,
            note=reason,
            data={"meeting": meeting.pk, "continued": True},
        )


# --- action items ----------------------------------------------------------------------------


def _locked_item(item: ActionItem, by: Viewer, action: str) -> ActionItem:
    """Lock the action item and check the action is still allowed (double clicks, two people)."""
    from tuntas.meetings.access import action_item_actions

    fresh = ActionItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if action not in action_item_actions(by, fresh):
        raise issue_services.ActionNotAllowed(action)
    return fresh


def action_item_progress(
    *,
    item: ActionItem,
    by: Viewer,
    note: str,
    done: bool,
    files: Sequence[tuple[UploadedFile, str]] = (),
) -> ActionItem:
    """The owner unit reports progress, or that the action is done, with its evidence files."""
    with transaction.atomic():
        item = _locked_item(item, by, "done" if done else "progress")
        store_all(ActionItemFile, files, action_item=item, uploaded_by=by.person)
        stamp = timezone.localtime().strftime("%d/%m/%Y %H.%M")
        item.progress = f"{item.progress}\n[{stamp}] {note}".strip()
        fields = ["progress", "version"]
        if done:
            item.status = ActionItem.Status.DONE
            item.done_note = note
            item.done_at = timezone.now()
            fields += ["status", "done_note", "done_at"]
        item.version += 1
        item.save(update_fields=fields)
        if done:
            notification_send(
                recipients=issue_services.assistant_people(item.meeting.coordinator_id),
                kind="meetings.action_done",
                title=_("Action item done, please verify: %(what)s")
                % {"what": item.description[:120]},
                url=f"/meetings/actions/{item.pk}/",
            )
    return item


def action_item_verify(
    *, item: ActionItem, by: Viewer, accepted: bool, note: str = ""
) -> ActionItem:
    with transaction.atomic():
        item = _locked_item(item, by, "verify" if accepted else "reopen")
        if accepted:
            item.status = ActionItem.Status.VERIFIED
            item.verified_at = timezone.now()
            item.verified_by = by.person
        else:
            item.status = ActionItem.Status.OPEN
            stamp = timezone.localtime().strftime("%d/%m/%Y %H.%M")
            item.progress = f"{item.progress}\n[{stamp}] {_('Not accepted')}: {note}".strip()
        item.version += 1
        item.save(update_fields=["status", "verified_at", "verified_by", "progress", "version"])
    return item


REMIND_DAYS = 2  # working days before the due date


def action_items_remind(*, now: dt.datetime | None = None) -> int:
    """Remind each unit of its open action items: two working days ahead, and once late."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = calendar().add_working_days(today, REMIND_DAYS)
    still_open = ActionItem.objects.filter(status=ActionItem.Status.OPEN)

    def remind(item: ActionItem, kind: str, title: str) -> None:
        notification_send(
            recipients=unit_contacts([item.unit_id]),
            kind=kind,
            title=title % {"date": format_date(item.due_on), "what": item.description[:120]},
            url=f"/meetings/actions/{item.pk}/",
        )

    upcoming = remind_once(
        still_open.filter(due_on__gte=today, due_on__lte=horizon),
        stamp="reminded_at",
        now=now,
        send=lambda i: remind(i, "meetings.action_due", _("Action item due on %(date)s: %(what)s")),
    )
    overdue = remind_once(
        still_open.filter(due_on__lt=today),
        stamp="overdue_reminded_at",
        now=now,
        send=lambda i: remind(
            i, "meetings.action_overdue", _("Overdue action item, due on %(date)s: %(what)s")
        ),
    )
    return upcoming + overdue


def meetings_remind_tomorrow(*, now: dt.datetime) -> int:
    """Remind everyone concerned of tomorrow's meetings whose invitations were sent."""
    # No stamp on the meeting: the scheduler's JobRun row already runs this once a day.
    tz = timezone.get_current_timezone()
    tomorrow = timezone.localdate(now, tz) + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min), tz)
    meetings = Meeting.objects.filter(
        status=Meeting.Status.INVITED,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
    ).order_by("starts_at")
    count = 0
    for meeting in meetings:
        notification_send(
            recipients=meeting_people(meeting),
            kind="meetings.reminder",
            title=_("Tomorrow: %(title)s") % {"title": meeting.title},
            body=_("Tomorrow, %(date)s at %(time)s, %(place)s.")
            % {
                "date": format_date(meeting.starts_at),
                "time": format_time(meeting.starts_at),
                "place": meeting.place or meeting.online_link,
            },
            url=f"/meetings/{meeting.pk}/",
        )
        count += 1
    return count
