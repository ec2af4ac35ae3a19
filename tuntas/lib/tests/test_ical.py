import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from tuntas.lib.ical import CalendarEvent, CalendarTodo, feed_ics, invitation_ics

WIB = ZoneInfo("Asia/Jakarta")

MEETING = CalendarEvent(
    uid="meeting-17@tuntas.payakumbuhkota.go.id",
    sequence=0,
    start=dt.datetime(2026, 5, 5, 9, 0, tzinfo=WIB),
    end=dt.datetime(2026, 5, 5, 11, 30, tzinfo=WIB),
    summary="Rapat Koordinasi Penanganan Kebocoran Pipa PDAM",
    location="Ruang Randang lantai 2, Balaikota",
    description="Pembahasan kebocoran pipa di Jl. Veteran.",
    url="https://tuntas.example.go.id/meetings/17/",
    organizer_email="adpem@payakumbuhkota.go.id",
    organizer_name="Bagian Administrasi Pembangunan",
    attendees=[
        ("pupr@payakumbuhkota.go.id", "Dinas PUPR"),
        ("info@pamtigo.co.id", "Perumda Air Minum Tirta Sago"),
    ],
    status="CONFIRMED",
)


def _parse(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, calendar.events


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data.split(b"\r\n")[:-1]


def test_it_builds_a_request_with_the_calendar_headers():
    calendar, events = _parse(invitation_ics(MEETING, method="REQUEST"))
    assert calendar["PRODID"] == "-//Tuntas//Rapat Koordinasi//ID"
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "REQUEST"
    assert len(events) == 1
    assert events[0]["UID"] == MEETING.uid
    assert events[0]["SEQUENCE"] == 0
    assert events[0]["STATUS"] == "CONFIRMED"


def test_the_start_is_nine_in_jakarta_and_two_in_utc():
    data = invitation_ics(MEETING, method="REQUEST")
    assert b"DTSTART;TZID=Asia/Jakarta:20260505T090000" in _lines(data)
    assert b"DTEND;TZID=Asia/Jakarta:20260505T113000" in _lines(data)
    event = _parse(data)[1][0]
    assert event.start == dt.datetime(2026, 5, 5, 9, 0, tzinfo=WIB)
    assert event.start.astimezone(dt.UTC) == dt.datetime(2026, 5, 5, 2, 0, tzinfo=dt.UTC)
    assert event.end - event.start == dt.timedelta(hours=2, minutes=30)


def test_a_utc_start_is_written_as_jakarta_wall_time():
    utc = dataclasses.replace(
        MEETING,
        start=dt.datetime(2026, 5, 5, 2, 0, tzinfo=dt.UTC),
        end=dt.datetime(2026, 5, 5, 4, 30, tzinfo=dt.UTC),
    )
    assert b"DTSTART;TZID=Asia/Jakarta:20260505T090000" in _lines(
        invitation_ics(utc, method="REQUEST")
    )


def test_it_carries_a_vtimezone_for_wib():
    calendar, _events = _parse(invitation_ics(MEETING, method="REQUEST"))
    [zone] = calendar.timezones
    assert zone["TZID"] == "Asia/Jakarta"
    [standard] = zone.subcomponents
    assert standard["TZNAME"] == "WIB"
    assert standard["TZOFFSETTO"].td == dt.timedelta(hours=7)
    assert standard["TZOFFSETFROM"].td == dt.timedelta(hours=7)
    assert calendar.get_missing_tzids() == set()


@time_machine.travel(dt.datetime(2026, 4, 28, 8, 15, tzinfo=dt.UTC), tick=False)
def test_the_stamp_is_now_in_utc():
    data = invitation_ics(MEETING, method="REQUEST")
    assert b"DTSTAMP:20260428T081500Z" in _lines(data)


def test_a_reschedule_keeps_the_uid_and_raises_the_sequence():
    moved = dataclasses.replace(
        MEETING,
        sequence=MEETING.sequence + 1,
        start=dt.datetime(2026, 5, 6, 13, 0, tzinfo=WIB),
        end=dt.datetime(2026, 5, 6, 15, 0, tzinfo=WIB),
    )
    first = _parse(invitation_ics(MEETING, method="REQUEST"))[1][0]
    second = _parse(invitation_ics(moved, method="REQUEST"))[1][0]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == 1
    assert second.start == dt.datetime(2026, 5, 6, 13, 0, tzinfo=WIB)


def test_a_cancellation_has_method_cancel_and_status_cancelled():
    cancelled = dataclasses.replace(MEETING, sequence=2, status="CANCELLED")
    calendar, [event] = _parse(invitation_ics(cancelled, method="CANCEL"))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == MEETING.uid
    assert event["SEQUENCE"] == 2
    assert len(event.attendees) == 2


def test_method_cancel_marks_the_event_cancelled_even_if_the_status_lags():
    _calendar, [event] = _parse(invitation_ics(MEETING, method="CANCEL"))
    assert event["STATUS"] == "CANCELLED"


def test_it_lists_the_organizer_and_every_attendee_with_a_name():
    _calendar, [event] = _parse(invitation_ics(MEETING, method="REQUEST"))
    assert event["ORGANIZER"] == "mailto:adpem@payakumbuhkota.go.id"
    assert event["ORGANIZER"].params["CN"] == "Bagian Administrasi Pembangunan"
    attendees = {str(a): a.params for a in event.attendees}
    assert set(attendees) == {"mailto:pupr@payakumbuhkota.go.id", "mailto:info@pamtigo.co.id"}
    params = attendees["mailto:info@pamtigo.co.id"]
    assert params["CN"] == "Perumda Air Minum Tirta Sago"
    assert params["ROLE"] == "REQ-PARTICIPANT"
    assert params["PARTSTAT"] == "NEEDS-ACTION"
    assert params["RSVP"] == "TRUE"


def test_a_name_with_a_comma_is_quoted():
    meeting = dataclasses.replace(MEETING, attendees=[("kadis@x.go.id", "Ir. Budi, M.T.")])
    data = invitation_ics(meeting, method="REQUEST")
    assert b'CN="Ir. Budi, M.T."' in data.replace(b"\r\n ", b"")
    [attendee] = _parse(data)[1][0].attendees
    assert attendee.params["CN"] == "Ir. Budi, M.T."


def test_summary_location_and_url_round_trip():
    _calendar, [event] = _parse(invitation_ics(MEETING, method="REQUEST"))
    assert event["SUMMARY"] == MEETING.summary
    assert event["LOCATION"] == MEETING.location
    assert event["DESCRIPTION"] == MEETING.description
    assert event["URL"] == MEETING.url


def test_commas_semicolons_and_newlines_round_trip():
    tricky = dataclasses.replace(
        MEETING,
        summary="Rapat: pipa, jalan; drainase\nlanjutan",
        location="Aula Ngalau Indah; Balai Kota, lantai 3\nJl. Veteran No. 70",
    )
    data = invitation_ics(tricky, method="REQUEST")
    assert rb"SUMMARY:Rapat: pipa\, jalan\; drainase\nlanjutan" in _lines(data)
    _calendar, [event] = _parse(data)
    assert event["SUMMARY"] == tricky.summary
    assert event["LOCATION"] == tricky.location


def test_long_descriptions_are_folded_and_unfold_back():
    description = (
        "Agenda:\n1. Laporan progres perbaikan pipa transmisi PDAM — lokasi Jl. Soekarno-Hatta; "
        "2. Koordinasi galian jalan dengan Dinas PUPR, Dinas Perhubungan dan Satpol PP.\n"
    ) * 6 + "Catatan: harap membawa data dukung (foto, RAB, jadwal pelaksanaan)."
    long = dataclasses.replace(MEETING, description=description)
    data = invitation_ics(long, method="REQUEST")
    lines = _lines(data)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)
    _calendar, [event] = _parse(data)
    assert event["DESCRIPTION"] == description


def test_an_empty_url_and_location_are_left_out():
    bare = dataclasses.replace(MEETING, url=None, location="")
    _calendar, [event] = _parse(invitation_ics(bare, method="REQUEST"))
    assert "URL" not in event
    assert "LOCATION" not in event


def test_it_refuses_naive_times():
    naive = dataclasses.replace(MEETING, start=dt.datetime(2026, 5, 5, 9, 0))
    with pytest.raises(ValueError, match="aware"):
        invitation_ics(naive, method="REQUEST")


def test_it_refuses_an_unknown_method():
    with pytest.raises(ValueError, match="REQUEST or CANCEL"):
        invitation_ics(MEETING, method="PUBLISH")


DEADLINE = CalendarTodo(
    uid="action-5@tuntas.payakumbuhkota.go.id",
    summary="Laporan perbaikan pipa",
    due=dt.date(2026, 5, 12),
    description="Dinas PUPR melaporkan hasil perbaikan.",
    url="https://tuntas.example.go.id/issues/5/",
)


def _feed():
    return _parse(feed_ics([MEETING, DEADLINE], "Tuntas — Budi Santoso"))


def test_the_feed_is_a_named_subscription_without_a_method():
    calendar, _events = _feed()
    assert "METHOD" not in calendar
    assert calendar["PRODID"] == "-//Tuntas//Rapat Koordinasi//ID"
    assert calendar["X-WR-CALNAME"] == "Tuntas — Budi Santoso"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Jakarta"
    assert calendar.refresh_interval == dt.timedelta(hours=1)


def test_the_feed_refresh_interval_declares_its_value_type():
    data = feed_ics([], "Tuntas")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in _lines(data)


def test_the_feed_shows_a_deadline_as_an_all_day_event():
    _calendar, events = _feed()
    [due] = [e for e in events if e["UID"] == DEADLINE.uid]
    assert due["SUMMARY"] == "Batas waktu: Laporan perbaikan pipa"
    assert due.start == dt.date(2026, 5, 12)
    assert not isinstance(due.start, dt.datetime)
    assert due.end == dt.date(2026, 5, 13)
    assert due["DESCRIPTION"] == DEADLINE.description
    assert due["URL"] == DEADLINE.url
    assert due["TRANSP"] == "TRANSPARENT"


def test_the_feed_has_no_vtodo():
    calendar, _events = _feed()
    assert calendar.todos == []


def test_the_feed_shows_meetings_in_jakarta_time_without_rsvp():
    calendar, events = _feed()
    [meeting] = [e for e in events if e["UID"] == MEETING.uid]
    assert meeting.start.astimezone(dt.UTC) == dt.datetime(2026, 5, 5, 2, 0, tzinfo=dt.UTC)
    assert meeting["STATUS"] == "CONFIRMED"
    assert "ATTENDEE" not in meeting
    assert [tz["TZID"] for tz in calendar.timezones] == ["Asia/Jakarta"]


def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled():
    cancelled = dataclasses.replace(MEETING, status="CANCELLED")
    _calendar, [event] = _parse(feed_ics([cancelled], "Tuntas"))
    assert event["STATUS"] == "CANCELLED"
