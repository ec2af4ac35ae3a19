"""The meeting's calendar file: 09.00 WIB, a stable UID, the invited units' contacts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:invitation_ics", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_it_rejects_post(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).post(url(meeting)).status_code == 405


def test_it_parses_and_starts_at_nine_in_jakarta(org, settings):
    settings.SITE_URL = "https://tuntas.payakumbuhkota.go.id"
    settings.DEFAULT_FROM_EMAIL = "Tuntas Payakumbuh <tuntas@payakumbuhkota.go.id>"
    meeting = kit.make_meeting(org, status="invited")
    kit.add_other_item(meeting, "Percepatan pelebaran Jl. Sudirman")

    response = org.client_for(org.pdam_partner).get(url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, event = kit.ics_event(response.content)
    assert str(calendar["METHOD"]) == "REQUEST"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 6, 9, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert str(start.tzinfo) == "Asia/Jakarta"
    assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert event.decoded("DTEND") == dt.datetime(2026, 6, 9, 11, 0, tzinfo=kit.WIB)
    assert str(event["UID"]) == str(meeting.uid)
    assert int(event["SEQUENCE"]) == 0
    assert str(event["URL"]) == f"https://tuntas.payakumbuhkota.go.id/meetings/{meeting.pk}/"
    assert str(event["ORGANIZER"]) == "mailto:tuntas@payakumbuhkota.go.id"
    attendees = {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]}
    assert attendees == {"kadis.pupr@example.go.id", "pdam@example.go.id"}
    assert "Percepatan pelebaran Jl. Sudirman" in str(event["DESCRIPTION"])
    assert "000.1.6/1/BAG-EKONOMI/2026" in str(event["DESCRIPTION"])


def test_a_cancelled_meeting_gives_method_cancel(org):
    meeting = kit.make_meeting(org, status="cancelled")

    calendar, event = kit.ics_event(org.client_for(org.asisten2).get(url(meeting)).content)

    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
