"""Moving a meeting: the calendar invitation goes out again with a higher SEQUENCE."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect
from tuntas.meetings import paperwork
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db

DATA = {
    "on": "2026-06-10",
    "start": "10.00",
    "end": "",
    "place": "Aula Bappeda",
    "reason": "Asisten mendampingi Wali Kota ke Padang.",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:reschedule", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).post(url(meeting), DATA).status_code == 404


def test_an_invited_partner_gets_403(org):
    meeting = kit.make_meeting(org, status="invited")

    assert org.client_for(org.pdam_partner).post(url(meeting), DATA).status_code == 403
    assert Meeting.objects.get().sequence == 0


def test_it_rejects_put(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).put(url(meeting)).status_code == 405


def test_the_form_starts_from_the_current_date_and_place(org):
    meeting = kit.make_meeting(org)

    form = org.client_for(org.bagekonomi_staff).get(url(meeting)).context["form"]

    assert form.initial["on"] == dt.date(2026, 6, 9)
    assert form.initial["start"] == dt.time(9, 0)
    assert form.initial["place"] == meeting.place


def test_moving_an_invited_meeting_sends_a_new_sequence_with_the_same_uid(org):
    meeting = kit.make_meeting(org, status="invited", render_ics=paperwork.meeting_ics)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), DATA)

    moved = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert moved.starts_at == dt.datetime(2026, 6, 10, 10, 0, tzinfo=kit.WIB)
    assert moved.ends_at == dt.datetime(2026, 6, 10, 12, 0, tzinfo=kit.WIB)
    assert moved.place == "Aula Bappeda"
    assert moved.change_reason == DATA["reason"]
    assert moved.sequence == 1
    [first] = set(kit.sent_attachments("meetings.invited", "undangan.ics"))
    [update] = set(kit.sent_attachments("meetings.rescheduled", "undangan.ics"))
    _cal, before = kit.ics_event(first)
    calendar, after = kit.ics_event(update)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(after["UID"]) == str(before["UID"]) == str(meeting.uid)
    assert int(before["SEQUENCE"]) == 0
    assert int(after["SEQUENCE"]) == 1
    assert after.decoded("DTSTART") == dt.datetime(2026, 6, 10, 10, 0, tzinfo=kit.WIB)


def test_a_planned_meeting_moves_without_telling_anyone(org):
    meeting = kit.make_meeting(org)

    org.client_for(org.bagekonomi_staff).post(url(meeting), DATA)

    assert Meeting.objects.get().sequence == 1
    assert kit.sent_attachments("meetings.rescheduled", "undangan.ics") == []


def test_the_reason_is_required_and_the_input_kept(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), {**DATA, "reason": ""})

    assert response.status_code == 400
    assert field_errors(response, "reason")
    assert 'value="Aula Bappeda"' in response.content.decode()
    assert Meeting.objects.get().sequence == 0


def test_a_held_meeting_cannot_be_moved(org):
    meeting = kit.make_meeting(org, status="held")

    org.client_for(org.bagekonomi_staff).post(url(meeting), DATA)

    assert Meeting.objects.get().sequence == 0
