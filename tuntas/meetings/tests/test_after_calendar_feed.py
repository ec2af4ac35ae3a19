"""The private calendar feed: a person's meetings at their local time and their units' due dates."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from tuntas.meetings.models import CalendarFeed, Meeting
from tuntas.meetings.tests import kit
from tuntas.org.models import Person

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def feed_for(person, token=None):
    return CalendarFeed.objects.create(person=person, token=token or f"token-{person.username}")


def url(feed):
    return reverse("meetings:calendar_feed", args=[feed.token])


def parse(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, calendar.walk("VEVENT")


@pytest.fixture
def meetings(org):
    """June's meeting (planned), this morning's (final, with a PDAM action item), a cancelled
    one, one long past, and a meeting of Asisten I that PDAM is not invited to."""
    action = kit.make_action_item(
        org, on=kit.TODAY, unit=org.pdam, due_on=dt.date(2026, 5, 29), description="Pindah pipa."
    )
    june = kit.make_meeting(org, status="invited")
    cancelled = kit.make_meeting(org, status="cancelled", on=dt.date(2026, 7, 14))
    old = kit.make_meeting(org, status="held", on=dt.date(2026, 3, 10))
    other = kit.make_series(
        org,
        coordinator=org.asisten1_unit,
        title="Rakor Asisten I",
        secretariat=org.setda,
        standing_invitees=[org.dinsos],
    )
    theirs = kit.make_meeting(org, series=other, on=dt.date(2026, 6, 9))
    return {
        "today": action.meeting,
        "june": june,
        "cancelled": cancelled,
        "old": old,
        "theirs": theirs,
        "action": action,
    }


def test_an_unknown_token_is_404(client, org):
    assert client.get(reverse("meetings:calendar_feed", args=["nope"])).status_code == 404


def test_it_rejects_post(client, org):
    assert client.post(url(feed_for(org.pdam_partner))).status_code == 405


def test_an_inactive_person_has_no_feed(client, org):
    feed = feed_for(org.pdam_partner)
    Person.objects.filter(pk=org.pdam_partner.pk).update(is_active=False)

    assert client.get(url(feed)).status_code == 404


def test_the_feed_holds_the_meetings_at_09_wib_and_the_due_dates(client, org, meetings):
    response = client.get(url(feed_for(org.pdam_partner)))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Tuntas: Ir. Adrizal, M.M."
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {
        str(meetings["today"].uid),
        str(meetings["june"].uid),
        f"action-item-{meetings['action'].pk}@tuntas",
    }
    june = by_uid[str(meetings["june"].uid)]
    start = june.decoded("DTSTART")
    assert start == dt.datetime(2026, 6, 9, 9, 0, tzinfo=JAKARTA)
    assert str(start.tzinfo) == "Asia/Jakarta"
    assert june["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert june.decoded("DTEND") == dt.datetime(2026, 6, 9, 11, 0, tzinfo=JAKARTA)
    assert str(june["SUMMARY"]) == "Rapat Koordinasi Perekonomian dan Pembangunan"
    assert str(june["LOCATION"]) == "Ruang Rapat Asisten II, Lantai 2 Balai Kota"
    due = by_uid[f"action-item-{meetings['action'].pk}@tuntas"]
    assert due.decoded("DTSTART") == dt.date(2026, 5, 29)
    assert due.decoded("DTEND") == dt.date(2026, 5, 30)
    assert "Pindah pipa." in str(due["SUMMARY"])


def test_the_runners_see_their_meetings_but_not_other_units_due_dates(client, org, meetings):
    _calendar, events = parse(client.get(url(feed_for(org.bagekonomi_staff))))

    assert {str(e["UID"]) for e in events} == {
        str(meetings["today"].uid),
        str(meetings["june"].uid),
    }


def test_a_leader_gets_only_the_meetings_they_are_part_of(client, org, meetings):
    _calendar, events = parse(client.get(url(feed_for(org.walikota))))

    assert events == []


def test_a_rescheduled_meeting_keeps_its_uid_with_a_higher_sequence(client, org, meetings):
    Meeting.objects.filter(pk=meetings["june"].pk).update(sequence=2)

    _calendar, events = parse(client.get(url(feed_for(org.kadis_pupr))))

    june = next(e for e in events if str(e["UID"]) == str(meetings["june"].uid))
    assert june["SEQUENCE"] == 2


def test_the_feed_pins_its_query_count(client, org, meetings, django_assert_num_queries):
    feed = feed_for(org.pdam_partner)
    with django_assert_num_queries(4):
        client.get(url(feed))
    for month in (8, 9, 10):
        kit.make_action_item(
            org, on=dt.date(2026, month, 11), unit=org.pdam, due_on=dt.date(2026, month, 30)
        )
    with django_assert_num_queries(4):
        _calendar, events = parse(client.get(url(feed)))
    assert len(events) == 9
