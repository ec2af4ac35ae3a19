"""Issue workflows: each one transaction with its timeline event and its notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.issues.access import can_see, issue_actions, request_actions
from tuntas.issues.models import (
    WORKDAY_COUNTS,
    Attachment,
    Event,
    Issue,
    IssueRequest,
    Level,
    Policy,
    Response,
)
from tuntas.issues.queries import deadline
from tuntas.lib.dates import format_date
from tuntas.lib.uploads import store_all
from tuntas.lib.workdays import calendar
from tuntas.notifications.services import notification_send, remind_once
from tuntas.org.access import Viewer
from tuntas.org.models import Person, RoleAssignment, Unit

Role = RoleAssignment.Role
Kind = Event.Kind


class ActionNotAllowed(Exception):
    """The action is not (or no longer) possible, e.g. someone else triaged the issue first."""


# --- recipients ------------------------------------------------------------------------------


def people_of(
    units: Iterable[int], roles: Sequence[str], on: dt.date | None = None
) -> list[Person]:
    """Return the people holding any of the roles for any of the units today."""
    rows = (
        RoleAssignment.objects.active(on)
        .filter(unit_id__in=list(units), role__in=roles, person__is_active=True)
        .select_related("person")
    )
    return list({row.person_id: row.person for row in rows}.values())


def assistant_people(assistant_id: int | None) -> list[Person]:
    """Return the Asisten and the staff of the Bagian that serve them.

    A unit that no Asisten coordinates (e.g. the Inspektorat) is handled by the Sekda.
    """
    if assistant_id is None:
        return people_of(
            RoleAssignment.objects.active()
            .filter(role=Role.SECRETARY_GENERAL)
            .values_list("unit_id", flat=True),
            [Role.SECRETARY_GENERAL],
        )
    bagian = Unit.objects.filter(parent_id=assistant_id, kind=Unit.Kind.SECTION).values_list(
        "pk", flat=True
    )
    return people_of([assistant_id], [Role.COORDINATOR]) + people_of(bagian, [Role.SECRETARIAT])


def unit_people(unit_id: int) -> list[Person]:
    return people_of([unit_id], [Role.UNIT_HEAD, Role.UNIT_STAFF, Role.PARTNER, Role.SECRETARIAT])


def _tell(
    people: Iterable[Person],
    issue: Issue,
    kind: str,
    title: str,
    body: str = "",
    *,
    besides: Person,
) -> None:
    """Notify people about an issue, not the person who acted."""
    recipients = [p for p in people if p.pk != besides.pk]
    if recipients:
        notification_send(
            recipients=recipients,
            kind=f"issues.{kind}",
            title=title,
            body=body or issue.title,
            url=f"/issues/{issue.pk}/",
        )


# --- building blocks -------------------------------------------------------------------------


def _locked(issue: Issue, viewer: Viewer, action: str) -> Issue:
    """Lock the issue row and check the action is still allowed for the viewer."""
    fresh = Issue.objects.select_for_update().select_related("reporting_unit").get(pk=issue.pk)
    if action not in issue_actions(viewer, fresh):
        raise ActionNotAllowed(action)
    return fresh


def _event(
    issue: Issue, kind: str, by: Viewer, *, note: str = "", unit: Unit | None = None, **data: Any
) -> Event:
    return Event.objects.create(
        issue=issue, kind=kind, actor=by.person, unit=unit, note=note, data=data
    )


def _save(issue: Issue, *fields: str) -> None:
    issue.version += 1
    issue.save(update_fields=[*fields, "version"])


def attachments_add(
    *,
    issue: Issue,
    files: Sequence[UploadedFile],
    by: Viewer,
    request: IssueRequest | None = None,
    response: Response | None = None,
    content_types: Sequence[str] | None = None,
) -> list[Attachment]:
    """Store checked uploads under random names and record them on the timeline."""
    types = content_types or [upload.content_type or "" for upload in files]
    created: list[Attachment] = store_all(
        Attachment,
        list(zip(files, types, strict=True)),
        issue=issue,
        request=request,
        response=response,
        uploaded_by=by.person,
    )
    if created:
        _event(issue, Kind.ATTACHED, by, files=[a.original_name for a in created])
    return created


# --- reporting -------------------------------------------------------------------------------


def issue_create(*, issue: Issue, by: Viewer) -> Issue:
    """Save a new draft reported by the viewer's unit."""
    with transaction.atomic():
        issue.reported_by = by.person
        issue.status = Issue.Status.DRAFT
        issue.save()
        _event(issue, Kind.CREATED, by, unit=issue.reporting_unit)
    return issue


def issue_edited(*, issue: Issue, by: Viewer, changes: dict[str, tuple[str, str]]) -> None:
    """Record an edit made through a versioned form (called inside its transaction)."""
    if changes:
        _event(issue, Kind.EDITED, by, changes={k: list(v) for k, v in changes.items()})


def issue_submit(*, issue: Issue, by: Viewer) -> Issue:
    """Send the issue to the Asisten who coordinates the reporting unit."""
    with transaction.atomic():
        issue = _locked(issue, by, "submit")
        now = timezone.now()
        coordinator = issue.reporting_unit.coordinator_on(timezone.localdate(now))
        issue.coordinator = coordinator
        issue.status = Issue.Status.SUBMITTED
        issue.submitted_at = now
        issue.level = Level.UNIT
        issue.level_since = now
        issue.question = ""
        _save(issue, "coordinator", "status", "submitted_at", "level", "level_since", "question")
        _event(
            issue, Kind.SUBMITTED, by, coordinator=coordinator.short_name if coordinator else None
        )
        _tell(
            assistant_people(issue.coordinator_id),
            issue,
            "submitted",
            _("New issue from %(unit)s: %(title)s")
            % {"unit": issue.reporting_unit.short_name, "title": issue.title},
            besides=by.person,
        )
    return issue


def issue_open_from_warning(*, issue: Issue, by: Viewer) -> Issue:
    """The Asisten (or their Bagian) opens an issue on their own initiative, e.g. from an early
    warning of a sub kegiatan: it is reported for the unit and accepted at Asisten level at once."""
    today = timezone.localdate()
    coordinator = issue.reporting_unit.coordinator_on(today)
    if coordinator is None or coordinator.pk not in by.assistant_ids:
        raise ActionNotAllowed("open")
    with transaction.atomic():
        now = timezone.now()
        issue.reported_by = by.person
        issue.coordinator = coordinator
        issue.status = Issue.Status.IN_PROGRESS
        issue.level = Level.ASSISTANT
        issue.submitted_at = issue.accepted_at = issue.level_since = now
        issue.save()
        _event(issue, Kind.CREATED, by, unit=issue.reporting_unit)
        _event(issue, Kind.SUBMITTED, by, coordinator=coordinator.short_name)
        _event(issue, Kind.ACCEPTED, by, note=_("Opened by the Asisten from an early warning."))
        _tell(
            unit_people(issue.reporting_unit_id),
            issue,
            "accepted",
            _("The Asisten opened an issue for your unit: %(title)s") % {"title": issue.title},
            besides=by.person,
        )
    return issue


def issue_withdraw(*, issue: Issue, by: Viewer, reason: str) -> Issue:
    """The reporter takes the issue back (a draft is simply set aside)."""
    with transaction.atomic():
        issue = _locked(issue, by, "withdraw")
        _close(issue, Issue.Closure.WITHDRAWN, reason)
        _event(issue, Kind.CLOSED, by, note=reason, closure=Issue.Closure.WITHDRAWN)
        if issue.submitted_at is None:
            return issue  # nobody else ever saw it
        _tell(
            assistant_people(issue.coordinator_id),
            issue,
            "closed",
            _("Issue withdrawn: %(title)s") % {"title": issue.title},
            besides=by.person,
        )
    return issue


def _close(issue: Issue, closure: str, note: str, merged_into: Issue | None = None) -> None:
    issue.status = Issue.Status.CLOSED
    issue.closure = closure
    issue.closure_note = note
    issue.closed_at = timezone.now()
    issue.merged_into = merged_into
    _save(issue, "status", "closure", "closure_note", "closed_at", "merged_into")


# --- triage ----------------------------------------------------------------------------------


def issue_accept(*, issue: Issue, by: Viewer, note: str = "") -> Issue:
    """Accept the issue for handling at the Asisten level."""
    with transaction.atomic():
        issue = _locked(issue, by, "accept")
        now = timezone.now()
        issue.status = Issue.Status.IN_PROGRESS
        issue.level = Level.ASSISTANT
        issue.level_since = now
        issue.accepted_at = now
        _save(issue, "status", "level", "level_since", "accepted_at")
        _event(issue, Kind.ACCEPTED, by, note=note)
        _tell(
            unit_people(issue.reporting_unit_id),
            issue,
            "accepted",
            _("Issue accepted: %(title)s") % {"title": issue.title},
            note,
            besides=by.person,
        )
    return issue


def issue_return(*, issue: Issue, by: Viewer, question: str) -> Issue:
    """Return the issue to the reporter with a question."""
    with transaction.atomic():
        issue = _locked(issue, by, "return")
        issue.status = Issue.Status.NEEDS_INFO
        issue.question = question
        _save(issue, "status", "question")
        _event(issue, Kind.RETURNED, by, note=question)
        _tell(
            unit_people(issue.reporting_unit_id),
            issue,
            "returned",
            _("More information asked: %(title)s") % {"title": issue.title},
            question,
            besides=by.person,
        )
    return issue


def issue_merge(*, issue: Issue, by: Viewer, into: Issue, note: str = "") -> Issue:
    """Close a duplicate by merging it into another open issue the handler may see."""
    if into.pk == issue.pk:
        raise ActionNotAllowed("merge")
    with transaction.atomic():
        # Lock both rows in a fixed order, so that A→B and B→A at once cannot both succeed.
        locked = {
            row.pk: row
            for row in Issue.objects.select_for_update()
            .filter(pk__in=[issue.pk, into.pk])
            .order_by("pk")
        }
        into = locked[into.pk]
        if not into.is_open or not can_see(by, into):
            raise ActionNotAllowed("merge")
        issue = _locked(issue, by, "merge")
        _close(issue, Issue.Closure.MERGED, note, merged_into=into)
        _event(issue, Kind.MERGED, by, note=note, into=into.reference)
        Event.objects.create(
            issue=into, kind=Kind.MERGED, actor=by.person, note=note, data={"from": issue.reference}
        )
        _tell(
            unit_people(issue.reporting_unit_id),
            issue,
            "merged",
            _("Issue merged into %(ref)s") % {"ref": into.reference},
            note,
            besides=by.person,
        )
    return issue


def issue_close(*, issue: Issue, by: Viewer, reason: str) -> Issue:
    """Close the issue as not relevant, with the reason."""
    with transaction.atomic():
        issue = _locked(issue, by, "close")
        _close(issue, Issue.Closure.NOT_RELEVANT, reason)
        _event(issue, Kind.CLOSED, by, note=reason, closure=Issue.Closure.NOT_RELEVANT)
        _tell(
            unit_people(issue.reporting_unit_id),
            issue,
            "closed",
            _("Issue closed as not relevant: %(title)s") % {"title": issue.title},
            reason,
            besides=by.person,
        )
    return issue


# --- requests to other units -----------------------------------------------------------------


def request_create(
    *, issue: Issue, by: Viewer, unit: Unit, need: str, due_on: dt.date
) -> IssueRequest:
    """Ask one unit for what the issue needs; its Asisten is kept informed."""
    if unit.pk == issue.reporting_unit_id:
        raise ActionNotAllowed("request")
    with transaction.atomic():
        issue = _locked(issue, by, "request")
        today = timezone.localdate()
        request = IssueRequest.objects.create(
            issue=issue,
            unit=unit,
            need=need,
            due_on=due_on,
            respond_by=calendar().add_working_days(today, Policy.current().response_days),
            created_by=by.person,
        )
        _event(issue, Kind.REQUEST_ADDED, by, note=need, unit=unit, due_on=due_on.isoformat())
        title = _("%(unit)s asks for your help: %(title)s") % {
            "unit": issue.reporting_unit.short_name,
            "title": issue.title,
        }
        _tell(unit_people(unit.pk), issue, "request_added", title, need, besides=by.person)
        their_assistant = unit.coordinator_on(today)
        if their_assistant and their_assistant.pk != issue.coordinator_id:
            _tell(
                assistant_people(their_assistant.pk),
                issue,
                "involved",
                _("A unit of your portfolio is asked for help: %(unit)s")
                % {"unit": unit.short_name},
                besides=by.person,
            )
    return request


def _locked_request(request: IssueRequest, viewer: Viewer, action: str) -> IssueRequest:
    fresh = (
        IssueRequest.objects.select_for_update().select_related("issue", "unit").get(pk=request.pk)
    )
    if action not in request_actions(viewer, fresh):
        raise ActionNotAllowed(action)
    return fresh


def _tell_requester(request: IssueRequest, kind: str, title: str, body: str, by: Viewer) -> None:
    issue = request.issue
    people = unit_people(issue.reporting_unit_id) + assistant_people(issue.coordinator_id)
    _tell(people, issue, kind, title, body, besides=by.person)


def request_accept(*, request: IssueRequest, by: Viewer, note: str = "") -> IssueRequest:
    with transaction.atomic():
        request = _locked_request(request, by, "accept")
        request.status = IssueRequest.Status.ACCEPTED
        request.answered_at = timezone.now()
        request.version += 1
        request.save(update_fields=["status", "answered_at", "version"])
        _event(request.issue, Kind.REQUEST_ACCEPTED, by, unit=request.unit, note=note)
        _tell_requester(
            request,
            "request_accepted",
            _("%(unit)s accepted the request") % {"unit": request.unit.short_name},
            note,
            by,
        )
    return request


def request_decline(*, request: IssueRequest, by: Viewer, reason: str) -> IssueRequest:
    with transaction.atomic():
        request = _locked_request(request, by, "decline")
        request.status = IssueRequest.Status.DECLINED
        request.decline_reason = reason
        request.answered_at = timezone.now()
        request.version += 1
        request.save(update_fields=["status", "decline_reason", "answered_at", "version"])
        _event(request.issue, Kind.REQUEST_DECLINED, by, unit=request.unit, note=reason)
        _tell_requester(
            request,
            "request_declined",
            _("%(unit)s declined the request") % {"unit": request.unit.short_name},
            reason,
            by,
        )
    return request


def request_done(
    *,
    request: IssueRequest,
    by: Viewer,
    note: str,
    files: Sequence[UploadedFile] = (),
    content_types: Sequence[str] = (),
) -> IssueRequest:
    """Mark what was asked as done, with its evidence."""
    with transaction.atomic():
        request = _locked_request(request, by, "done")
        now = timezone.now()
        request.status = IssueRequest.Status.DONE
        request.done_note = note
        request.done_at = now
        request.answered_at = request.answered_at or now
        request.version += 1
        request.save(update_fields=["status", "done_note", "done_at", "answered_at", "version"])
        _event(request.issue, Kind.REQUEST_DONE, by, unit=request.unit, note=note)
        attachments_add(
            issue=request.issue, files=files, by=by, request=request, content_types=content_types
        )
        _tell_requester(
            request,
            "request_done",
            _("%(unit)s has done what was asked") % {"unit": request.unit.short_name},
            note,
            by,
        )
    return request


def response_add(
    *,
    request: IssueRequest,
    by: Viewer,
    body: str,
    files: Sequence[UploadedFile] = (),
    content_types: Sequence[str] = (),
) -> Response:
    """Add a message to a request's thread."""
    with transaction.atomic():
        request = _locked_request(request, by, "respond")
        own = [u for u in by.units if u.pk == request.unit_id] or [
            u for u in by.units if u.pk == request.issue.reporting_unit_id
        ]
        unit = own[0] if own else (by.units[0] if by.units else request.issue.reporting_unit)
        response = Response.objects.create(request=request, author=by.person, unit=unit, body=body)
        _event(request.issue, Kind.RESPONDED, by, unit=unit, note=body)
        attachments_add(
            issue=request.issue,
            files=files,
            by=by,
            request=request,
            response=response,
            content_types=content_types,
        )
        others = (
            unit_people(request.unit_id)
            if unit.pk != request.unit_id
            else unit_people(request.issue.reporting_unit_id)
        )
        _tell(
            others,
            request.issue,
            "responded",
            _("New answer on %(ref)s") % {"ref": request.issue.reference},
            body,
            besides=by.person,
        )
    return response


# --- levels and settling ---------------------------------------------------------------------

NEXT_LEVEL_ROLE = {Level.SECRETARY: Role.SECRETARY_GENERAL, Level.HEAD: Role.HEAD}


def _level_people(issue: Issue, level: int) -> list[Person]:
    if level == Level.UNIT:
        return unit_people(issue.reporting_unit_id)
    if level == Level.ASSISTANT:
        return assistant_people(issue.coordinator_id)
    role = NEXT_LEVEL_ROLE[Level(level)]
    return people_of(
        RoleAssignment.objects.active().filter(role=role).values_list("unit_id", flat=True), [role]
    )


def issue_escalate(
    *,
    issue: Issue,
    by: Viewer | None,
    reason: str,
    automatic: bool = False,
    expected: Issue | None = None,
) -> Issue:
    """Move the issue one level up (Asisten → Sekda → Kepala Daerah), a recorded decision."""
    with transaction.atomic():
        if automatic:
            issue = Issue.objects.select_for_update().get(pk=issue.pk)
            # The sweep read the issue earlier: if it moved since, someone already acted.
            moved = expected is not None and (
                issue.level != expected.level or issue.level_since != expected.level_since
            )
            if (
                moved
                or issue.status != Issue.Status.IN_PROGRESS
                or issue.level not in (Level.ASSISTANT, Level.SECRETARY)
            ):
                raise ActionNotAllowed("escalate")
        else:
            assert by is not None
            issue = _locked(issue, by, "escalate")
        before = issue.level
        issue.level = before + 1
        issue.level_since = timezone.now()
        issue.escalation_proposed_at = None
        _save(issue, "level", "level_since", "escalation_proposed_at")
        Event.objects.create(
            issue=issue,
            kind=Kind.ESCALATED,
            actor=by.person if by else None,
            note=reason,
            data={"from_level": before, "to_level": issue.level, "automatic": automatic},
        )
        title = _("Escalated to %(level)s: %(title)s") % {
            "level": Level(issue.level).label,
            "title": issue.title,
        }
        people = _level_people(issue, issue.level) + unit_people(issue.reporting_unit_id)
        if by is None:
            notification_send(
                recipients=people,
                kind="issues.escalated",
                title=title,
                body=reason,
                url=f"/issues/{issue.pk}/",
            )
        else:
            _tell(people, issue, "escalated", title, reason, besides=by.person)
    return issue


def issue_deescalate(*, issue: Issue, by: Viewer, instruction: str) -> Issue:
    """Hand the issue back one level down with an instruction."""
    with transaction.atomic():
        issue = _locked(issue, by, "deescalate")
        before = issue.level
        issue.level = before - 1
        issue.level_since = timezone.now()
        issue.escalation_proposed_at = None
        _save(issue, "level", "level_since", "escalation_proposed_at")
        _event(
            issue, Kind.DEESCALATED, by, note=instruction, from_level=before, to_level=issue.level
        )
        title = _("Handed back to %(level)s: %(title)s") % {
            "level": Level(issue.level).label,
            "title": issue.title,
        }
        _tell(
            _level_people(issue, issue.level),
            issue,
            "deescalated",
            title,
            instruction,
            besides=by.person,
        )
    return issue


def issue_settle(*, issue: Issue, by: Viewer, resolution: str) -> Issue:
    """Record how the issue was settled and at which level."""
    with transaction.atomic():
        issue = _locked(issue, by, "settle")
        issue.status = Issue.Status.SETTLED
        issue.resolution = resolution
        issue.settled_at = timezone.now()
        issue.settled_level = issue.level
        issue.confirmed_at = None
        issue.escalation_proposed_at = None
        _save(
            issue,
            "status",
            "resolution",
            "settled_at",
            "settled_level",
            "confirmed_at",
            "escalation_proposed_at",
        )
        _event(issue, Kind.SETTLED, by, note=resolution, level=issue.level)
        people = unit_people(issue.reporting_unit_id) + assistant_people(issue.coordinator_id)
        people += [p for r in issue.requests.all() for p in unit_people(r.unit_id)]
        title = _("Settled at %(level)s level: %(title)s") % {
            "level": Level(issue.level).label,
            "title": issue.title,
        }
        _tell(people, issue, "settled", title, resolution, besides=by.person)
    return issue


def issue_confirm(*, issue: Issue, by: Viewer) -> Issue:
    with transaction.atomic():
        issue = _locked(issue, by, "confirm")
        issue.confirmed_at = timezone.now()
        _save(issue, "confirmed_at")
        _event(issue, Kind.CONFIRMED, by)
    return issue


def issue_reopen(*, issue: Issue, by: Viewer, reason: str) -> Issue:
    """The reporter finds the problem not settled: back to handling at the same level."""
    with transaction.atomic():
        issue = _locked(issue, by, "reopen")
        now = timezone.now()
        if issue.level == Level.UNIT:
            # Settled by the OPD before triage: it goes back to the Asisten to be triaged.
            issue.status = Issue.Status.SUBMITTED
            issue.submitted_at = now
            people = assistant_people(issue.coordinator_id)
        else:
            issue.status = Issue.Status.IN_PROGRESS
            people = _level_people(issue, issue.level)
        issue.level_since = now
        issue.settled_at = None
        issue.settled_level = None
        issue.resolution = ""
        _save(
            issue,
            "status",
            "submitted_at",
            "level_since",
            "settled_at",
            "settled_level",
            "resolution",
        )
        _event(issue, Kind.REOPENED, by, note=reason)
        _tell(
            people,
            issue,
            "reopened",
            _("Issue reopened: %(title)s") % {"title": issue.title},
            reason,
            besides=by.person,
        )
    return issue


# --- deadlines -------------------------------------------------------------------------------


def issue_propose_escalation(*, issue: Issue, due: dt.date, now: dt.datetime) -> bool:
    """Propose escalation of an issue past its limit to the owners of its level, once.

    Returns False when someone settled, moved or already proposed it since it was read.
    """
    with transaction.atomic():
        updated = Issue.objects.filter(
            pk=issue.pk,
            status=Issue.Status.IN_PROGRESS,
            level=issue.level,
            level_since=issue.level_since,
            escalation_proposed_at__isnull=True,
        ).update(escalation_proposed_at=now)
        if not updated:
            return False
        Event.objects.create(
            issue=issue, kind=Kind.ESCALATION_PROPOSED, data={"due": due.isoformat()}
        )
        notification_send(
            recipients=_level_people(issue, issue.level),
            kind="issues.escalation_proposed",
            title=_("Past its time limit, escalation proposed: %(title)s") % {"title": issue.title},
            body=_("The time limit at this level ended on %(date)s.")
            % {"date": due.strftime("%d/%m/%Y")},
            url=f"/issues/{issue.pk}/",
        )
    return True


def issues_sweep(*, now: dt.datetime | None = None) -> int:
    """Propose (or, if the policy says so, make) escalation of issues past their time limit."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    policy = Policy.current()
    cal = calendar()
    count = 0
    candidates = Issue.objects.filter(
        status=Issue.Status.IN_PROGRESS,
        level__in=[Level.ASSISTANT, Level.SECRETARY],
        escalation_proposed_at__isnull=True,
    ).select_related("reporting_unit")
    for issue in candidates:
        due = deadline(issue, policy=policy, cal=cal)
        if due is None or today <= due:
            continue
        if policy.auto_escalate:
            reason = _("Time limit passed on %(date)s") % {"date": due.strftime("%d/%m/%Y")}
            try:
                issue_escalate(issue=issue, by=None, reason=reason, automatic=True, expected=issue)
            except ActionNotAllowed:
                continue  # settled or moved by someone meanwhile
            count += 1
            continue
        if issue_propose_escalation(issue=issue, due=due, now=now):
            count += 1
    return count


REMIND_DAYS = 2


def requests_remind(*, now: dt.datetime | None = None) -> int:
    """Remind each asked unit of its pending requests: two working days ahead, and once late.

    Today counts as the first of the two days; a request still pending after the date it was
    needed by gets one more, overdue, reminder. Requests on issues no longer open are left alone.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = calendar().add_working_days(today, REMIND_DAYS)
    pending = IssueRequest.objects.filter(
        status__in=[IssueRequest.Status.REQUESTED, IssueRequest.Status.ACCEPTED],
        issue__status__in=Issue.OPEN_STATUSES,
    ).select_related("issue")

    def remind(request: IssueRequest, kind: str, title: str) -> None:
        notification_send(
            recipients=unit_people(request.unit_id),
            kind=kind,
            title=title % {"date": format_date(request.due_on), "what": request.need[:120]},
            body=request.issue.title,
            url=f"/issues/{request.issue_id}/",
        )

    upcoming = remind_once(
        pending.filter(due_on__gte=today, due_on__lte=horizon),
        stamp="reminded_at",
        now=now,
        send=lambda r: remind(r, "issues.request_due", _("Request needed by %(date)s: %(what)s")),
    )
    overdue = remind_once(
        pending.filter(due_on__lt=today),
        stamp="overdue_reminded_at",
        now=now,
        send=lambda r: remind(
            r, "issues.request_overdue", _("Overdue request, needed by %(date)s: %(what)s")
        ),
    )
    return upcoming + overdue


# --- stored working days ---------------------------------------------------------------------

WORKDAYS_BATCH = 1000


def issues_workdays_refresh(
    *, issue_ids: Iterable[int] | None = None, batch: int = WORKDAYS_BATCH
) -> int:
    """Recount the stored working days of issues counted with another calendar; return how many.

    With `issue_ids`, recount those issues whatever their stamp (after an `update()` that moved
    their dates). Each batch is one transaction over locked rows, so a workflow saving an issue
    meanwhile waits and its own count is not overwritten; a stopped run resumes where it was.
    """
    cal = calendar()
    if issue_ids is not None:
        pending = Issue.objects.filter(pk__in=list(issue_ids))
    else:
        pending = Issue.objects.exclude(workdays_stamp=cal.fingerprint)
    done = 0
    after = 0
    while True:
        with transaction.atomic():
            rows = list(
                pending.select_for_update()
                .filter(pk__gt=after)
                .order_by("pk")
                .only("pk", "first_met_on", "submitted_at", "settled_at", *WORKDAY_COUNTS)[:batch]
            )
            if not rows:
                return done
            for issue in rows:
                issue.count_workdays(cal)
            Issue.objects.bulk_update(rows, WORKDAY_COUNTS)
        done += len(rows)
        after = rows[-1].pk
