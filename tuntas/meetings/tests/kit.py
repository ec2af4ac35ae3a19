"""Shared helpers for meeting tests: series, meetings and agenda items built with the services.

Import what you need; the functions take the `org` personas fixture (tuntas.testing.personas).
The documents are replaced by cheap stand-ins (FAKE_PDF, fake_ics) unless a test passes the
real renderers from tuntas.meetings.paperwork.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from tuntas.issues.models import Issue
from tuntas.meetings import services
from tuntas.meetings.models import (
    ActionItem,
    AgendaItem,
    DraftActionItem,
    Invitation,
    Meeting,
    MeetingSeries,
)
from tuntas.org.access import Viewer
from tuntas.org.models import Person, Unit
from tuntas.testing.personas import Org

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 12 May 2026 (the second Tuesday of the month), 10.00 WIB: tests freeze the clock here.
NOW = dt.datetime(2026, 5, 12, 10, 0, tzinfo=WIB)
TODAY = NOW.date()
# The next second Tuesday after TODAY: the default date of a meeting.
NEXT_MEETING_ON = dt.date(2026, 6, 9)

FAKE_PDF = b"%PDF-1.4\n% stand-in for a rendered letter\n%%EOF\n"
STATUSES = ("planned", "invited", "held", "final", "cancelled")


def fake_pdf(meeting: Meeting) -> bytes:
    return FAKE_PDF


def fake_ics(meeting: Meeting, method: str) -> bytes:
    return f"BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nEND:VCALENDAR\r\n".encode()


def viewer(person: Person) -> Viewer:
    return Viewer.of(person)


def make_series(org: Org, **fields: object) -> MeetingSeries:
    """Create Asisten II's monthly meeting (second Tuesday, 09.00) inviting PUPR and PDAM."""
    invitees: list[Unit] = fields.pop("standing_invitees", [org.pupr, org.pdam])  # type: ignore[assignment]
    values: dict[str, object] = {
        "coordinator": org.asisten2_unit,
        "title": "Rapat Koordinasi Perekonomian dan Pembangunan",
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "start_time": dt.time(9, 0),
        "duration_minutes": 120,
        "place": "Ruang Rapat Asisten II, Lantai 2 Balai Kota",
        "chair": org.asisten2,
        "secretariat": org.bag_ekonomi,
    }
    values.update(fields)
    series = MeetingSeries.objects.create(**values)
    series.standing_invitees.set(invitees)
    return series


def make_meeting(
    org: Org,
    *,
    status: str = "planned",
    on: dt.date = NEXT_MEETING_ON,
    series: MeetingSeries | None = None,
    by: Person | None = None,
    render_pdf: Callable[[Meeting], bytes] = fake_pdf,
    render_ics: Callable[[Meeting, str], bytes] = fake_ics,
) -> Meeting:
    """Plan a meeting of the series on a date and take it through the services to a status.

    Without `series`, the first series of Asisten II is used (created if there is none), so
    successive calls give meetings of the same series. "invited" numbers and sends the
    invitations; "held" also checks in the Kepala Dinas PUPR; "final" finalises the minutes
    (creating the ActionItems of any DraftActionItems added before); "cancelled" cancels a
    planned meeting.
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    series = series or (
        MeetingSeries.objects.filter(coordinator=org.asisten2_unit).order_by("pk").first()
        or make_series(org)
    )
    runner = viewer(by or org.bagekonomi_staff)
    meeting = services.meeting_plan(series=series, on=on, by=runner)
    if status == "cancelled":
        return services.meeting_cancel(
            meeting=meeting, by=runner, reason="Asisten dipanggil Wali Kota.", render_ics=render_ics
        )
    if status == "planned":
        return meeting
    meeting = services.invitations_send(
        meeting=meeting,
        by=runner,
        klasifikasi=series.klasifikasi,
        render_pdf=render_pdf,
        render_ics=render_ics,
    )
    if status == "invited":
        return meeting
    check_in(meeting, org.kadis_pupr, org.pupr)
    meeting.refresh_from_db()
    if status == "held":
        return meeting
    return finalise(org, meeting, render_pdf=render_pdf)


def check_in(meeting: Meeting, person: Person, unit: Unit) -> None:
    services.attendance_check_in(meeting=meeting, person=person, unit=unit, source="secretariat")


def finalise(
    org: Org, meeting: Meeting, *, render_pdf: Callable[[Meeting], bytes] = fake_pdf
) -> Meeting:
    """Finalise the minutes as the Bagian (creating the ActionItems of the draft ones)."""
    meeting, _pdf = services.minutes_finalise(
        meeting=meeting, by=viewer(org.bagekonomi_staff), render_pdf=render_pdf
    )
    return meeting


def add_issue_item(
    meeting: Meeting, issue: Issue, *, minutes: int = 15, reason: str = ""
) -> AgendaItem:
    """Put an issue at the end of the agenda, inviting its units, as the agenda form does."""
    with transaction.atomic():
        last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=(last or 0) + 1,
            source=AgendaItem.Source.ISSUE,
            issue=issue,
            title=issue.title[:300],
            reason=reason,
            minutes_allotted=minutes,
        )
        item.units.set([issue.reporting_unit_id, *issue.requests.values_list("unit_id", flat=True)])
        services.invitations_sync(meeting)
    return item


def add_other_item(meeting: Meeting, title: str, units: list[Unit] = ()) -> AgendaItem:  # type: ignore[assignment]
    """Put a free item (not an issue) at the end of the agenda."""
    with transaction.atomic():
        last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
        item = AgendaItem.objects.create(meeting=meeting, order=(last or 0) + 1, title=title)
        item.units.set(units)
        services.invitations_sync(meeting)
    return item


def draft_action(
    item: AgendaItem, unit: Unit, *, due_on: dt.date, description: str = ""
) -> DraftActionItem:
    """Write an action item into the (not yet final) minutes of an agenda item."""
    return DraftActionItem.objects.create(
        agenda_item=item,
        unit=unit,
        due_on=due_on,
        description=description or "PDAM memindahkan pipa transmisi di Jl. Sudirman.",
    )


def make_action_item(
    org: Org,
    *,
    on: dt.date,
    unit: Unit,
    due_on: dt.date,
    series: MeetingSeries | None = None,
    description: str = "PDAM memindahkan pipa transmisi di Jl. Sudirman.",
) -> ActionItem:
    """Hold and finalise a meeting of the series on a date that decided one action item."""
    meeting = make_meeting(org, status="held", on=on, series=series)
    item = add_other_item(meeting, "Tindak lanjut pemindahan pipa", [unit])
    draft_action(item, unit, due_on=due_on, description=description)
    meeting = finalise(org, meeting)
    return ActionItem.objects.get(meeting=meeting)


def invitation(meeting: Meeting, unit: Unit) -> Invitation:
    return Invitation.objects.get(meeting=meeting, unit=unit)


# --- reading documents ------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """Return the text of a PDF as pdftotext reads it, with whitespace runs made single spaces."""
    import subprocess

    assert content.startswith(b"%PDF"), content[:40]
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def ics_event(content: bytes) -> tuple[Any, Any]:
    """Return the calendar and its only VEVENT, parsed with icalendar."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def sent_attachments(kind: str, filename: str) -> list[bytes]:
    """Return the contents of a file attached to the emails of one kind of notification."""
    from tuntas.notifications.models import DeliveryAttachment

    return [
        bytes(a.content)
        for a in DeliveryAttachment.objects.filter(
            delivery__notification__kind=kind, filename=filename
        )
    ]
