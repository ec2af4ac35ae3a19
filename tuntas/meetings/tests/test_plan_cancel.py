"""Cancelling a meeting: invitees get METHOD:CANCEL."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import REQUIRED, field_errors, login_redirect
from tuntas.meetings import paperwork
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db
DATA = {"reason": "Bertepatan dengan kunjungan kerja Gubernur."}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:cancel", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).post(url(meeting), DATA).status_code == 404


def test_an_invited_partner_gets_403(org):
    meeting = kit.make_meeting(org, status="invited")

    assert org.client_for(org.pdam_partner).post(url(meeting), DATA).status_code == 403
    assert Meeting.objects.get().status == "invited"


def test_it_rejects_put(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).put(url(meeting)).status_code == 405


def test_cancelling_an_invited_meeting_sends_method_cancel(org):
    meeting = kit.make_meeting(org, status="invited", render_ics=paperwork.meeting_ics)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), DATA)

    cancelled = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert cancelled.status == "cancelled"
    assert cancelled.change_reason == DATA["reason"]
    [content] = set(kit.sent_attachments("meetings.cancelled", "batal.ics"))
    calendar, event = kit.ics_event(content)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(meeting.uid)
    assert int(event["SEQUENCE"]) == 1


def test_the_reason_is_required(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), {"reason": ""})

    assert response.status_code == 400
    assert field_errors(response, "reason") == [REQUIRED]
    assert Meeting.objects.get().status == "planned"


def test_a_cancelled_meeting_cannot_be_cancelled_again(org):
    meeting = kit.make_meeting(org, status="cancelled")

    response = org.client_for(org.bagekonomi_staff).post(url(meeting), DATA)

    assert response.status_code == 302
    assert Meeting.objects.get().sequence == 1
