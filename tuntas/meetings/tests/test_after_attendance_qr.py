"""The room's screen shows a QR code to check in with, renewed by htmx every five minutes."""

import re

import pytest
import time_machine
from django.conf import settings
from django.urls import resolve, reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings import services
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def meeting(org):
    return kit.make_meeting(org, status="held", on=kit.TODAY)


def url(meeting):
    return reverse("meetings:attendance_qr", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, meeting, outsider):
    assert org.client_for(getattr(org, outsider)).get(url(meeting)).status_code == 404


@pytest.mark.parametrize("reader", ["kadis_pupr", "pdam_partner", "sekda"])
def test_only_the_runners_show_the_code(org, meeting, reader):
    assert org.client_for(getattr(org, reader)).get(url(meeting)).status_code == 403


def test_it_rejects_post(org, meeting):
    assert org.client_for(org.bagekonomi_staff).post(url(meeting)).status_code == 405


def test_the_page_shows_a_big_qr_code_of_the_absolute_check_in_link(org, meeting):
    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    assert response.status_code == 200
    link = response.context["check_in_url"]
    assert link.startswith(settings.SITE_URL + "/meetings/check-in/")
    match = resolve(link.removeprefix(settings.SITE_URL))
    assert match.view_name == "meetings:check_in"
    assert services.checkin_meeting_id(match.kwargs["token"]) == meeting.pk
    body = response.content.decode()
    assert re.search(r'<svg style="width:100%;height:auto" viewBox="0 0 \d+ \d+"', body)
    assert 'hx-trigger="every 300s"' in body
    assert f'hx-get="{url(meeting)}"' in body
    assert response["Cache-Control"] == "no-store"


def test_htmx_gets_a_fresh_code_only(org, meeting):
    client = org.client_for(org.asisten2)
    first = client.get(url(meeting)).context["check_in_url"]

    with time_machine.travel(kit.NOW.replace(minute=5), tick=False):
        response = client.get(url(meeting), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="qr"')
    assert "/meetings/check-in/" in body
    assert first not in body  # the token carries the time it was made
    assert "HX-Request" in response["Vary"]


def test_final_minutes_show_no_code(org, meeting):
    kit.finalise(org, meeting)

    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    assert response.status_code == 200
    assert "check_in_url" not in response.context
    assert "<svg" not in response.content.decode()
