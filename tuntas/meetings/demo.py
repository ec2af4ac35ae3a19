"""Payakumbuh demo meetings: one monthly series per Asisten, last month's meeting with final
minutes (and an action item now overdue), and next month's meeting waiting for its agenda."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from tuntas.lib.workdays import calendar
from tuntas.meetings import paperwork, services
from tuntas.meetings.models import AgendaItem, DraftActionItem, Meeting, MeetingSeries
from tuntas.org.access import Viewer
from tuntas.org.models import Person, Unit

PLACE = "Ruang Randang Lt. 2 Balaikota Payakumbuh"
SERIES = [
    # (Asisten, chair's username, Bagian, title, rule, invited units beyond the portfolio)
    (
        "ASISTEN2",
        "asisten2",
        "BAG-EKONOMI",
        "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "FREQ=MONTHLY;BYDAY=2TU",
        ["BPN"],
    ),
    (
        "ASISTEN1",
        "asisten1",
        "BAG-TAPEM",
        "Rapat Koordinasi Asisten Pemerintahan dan Kesra",
        "FREQ=MONTHLY;BYDAY=2WE",
        [],
    ),
    (
        "ASISTEN3",
        "asisten3",
        "BAG-UMUM",
        "Rapat Koordinasi Asisten Administrasi Umum",
        "FREQ=MONTHLY;BYDAY=2TH",
        [],
    ),
]


def _working_occurrence(series: MeetingSeries, after: dt.date) -> dt.date:
    """The first occurrence after a date that falls on a working day."""
    cal = calendar()
    for day in services.series_occurrences(series, after=after, count=6):
        if cal.is_working_day(day):
            return day
    return services.series_occurrences(series, after=after, count=1)[0]


def meetings_demo_load() -> dict[str, int]:
    """Create the demo series and meetings once; running it again changes nothing."""
    counts = {"series": 0, "meetings": 0, "action_items": 0}
    today = timezone.localdate()
    with transaction.atomic():
        for assistant_code, chair_name, bagian_code, title, rule, extra in SERIES:
            if MeetingSeries.objects.filter(title=title).exists():
                continue
            assistant = Unit.objects.filter(short_name=assistant_code).first()
            chair = Person.objects.filter(username=chair_name).first()
            bagian = (
                Unit.objects.filter(short_name=bagian_code).first()
                or Unit.objects.filter(parent=assistant, kind=Unit.Kind.SECTION).first()
            )
            if assistant is None or chair is None or bagian is None:
                continue
            series = MeetingSeries.objects.create(
                coordinator=assistant,
                title=title,
                rrule=rule,
                start_time=dt.time(9, 0),
                duration_minutes=150,
                place=PLACE,
                chair=chair,
                secretariat=bagian,
                klasifikasi="000.1.5",
            )
            portfolio = Unit.objects.coordinated_by([assistant.pk], today).filter(
                is_active=True, kind__in=[Unit.Kind.AGENCY, Unit.Kind.ENTERPRISE]
            )
            series.standing_invitees.set([*portfolio, *Unit.objects.filter(short_name__in=extra)])
            counts["series"] += 1
            if assistant_code == "ASISTEN2":
                counts["meetings"] += _asisten2_meetings(series, bagian, today)
                counts["action_items"] += series.meetings.get(
                    status=Meeting.Status.FINAL
                ).action_items.count()
    return counts


def _asisten2_meetings(series: MeetingSeries, bagian: Unit, today: dt.date) -> int:
    """Last month's meeting, final with an action item for PDAM; next month's, planned."""
    staff = Person.objects.filter(assignments__unit=bagian, assignments__role="secretariat").first()
    if staff is None:
        return 0
    by = Viewer.of(staff)
    past_day = _working_occurrence(series, today - dt.timedelta(days=62))
    past = services.meeting_plan(series=series, on=past_day, by=by)
    services.agenda_draft(meeting=past, by=by)
    past.letter_number = services.letter_number_take(
        unit=series.secretariat, on=past_day - dt.timedelta(days=7), klasifikasi=series.klasifikasi
    )
    past.letter_date = past_day - dt.timedelta(days=7)
    past.status = Meeting.Status.HELD
    past.notulis = staff
    past.summary = "Rapat membahas kendala lintas perangkat daerah dalam portofolio Asisten II."
    past.save()
    pdam = Unit.objects.filter(short_name="PDAM").first()
    for item in past.agenda_items.select_related("issue")[:3]:
        item.discussion = "Para pihak menyampaikan perkembangan dan kendala di lapangan."
        item.decisions = "Para pihak menindaklanjuti sesuai kewenangan masing-masing."
        item.outcome = AgendaItem.Outcome.CONTINUED if item.issue_id else ""
        item.save()
        owner = pdam if pdam and item.units.filter(pk=pdam.pk).exists() else item.units.first()
        if owner is not None:
            DraftActionItem.objects.create(
                agenda_item=item,
                unit=owner,
                description=f"Menindaklanjuti: {item.title[:200]}",
                due_on=past_day + dt.timedelta(days=14),
            )
    services.minutes_finalise(meeting=past, by=by, render_pdf=paperwork.minutes_pdf_bytes)
    next_day = _working_occurrence(series, today)
    services.meeting_plan(series=series, on=next_day, by=by)
    return 2
