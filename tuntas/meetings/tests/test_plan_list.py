"""The meetings list: upcoming and past meetings the viewer may see."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db
URL = "/meetings/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_it_splits_upcoming_and_past_meetings(org):
    past = kit.make_meeting(org, on=dt.date(2026, 4, 14))
    upcoming = kit.make_meeting(org, status="invited")

    response = org.client_for(org.bagekonomi_staff).get(URL)

    assert response.status_code == 200
    assert [m.pk for m in response.context["upcoming"]] == [upcoming.pk]
    assert [m.pk for m in response.context["past"]] == [past.pk]
    body = response.content.decode()
    assert reverse("meetings:detail", args=[upcoming.pk]) in body
    assert reverse("meetings:series_create") in body


def test_an_invited_partner_sees_the_meeting_and_that_it_waits_for_an_answer(org):
    meeting = kit.make_meeting(org, status="invited")

    response = org.client_for(org.pdam_partner).get(URL)

    assert [m.pk for m in response.context["upcoming"]] == [meeting.pk]
    assert response.context["upcoming"][0].needs_answer
    # Partners do not run meetings: no link to create one.
    assert reverse("meetings:series_create") not in response.content.decode()


def test_an_outsider_sees_nothing(org):
    kit.make_meeting(org, status="invited")

    response = org.client_for(org.dinsos_operator).get(URL)

    assert response.context["upcoming"] == []
    assert response.context["past"] == []


def test_the_list_pins_its_query_count(org, django_assert_num_queries):
    client = org.client_for(org.bagekonomi_staff)
    kit.make_meeting(org)
    client.get(URL)  # the first request after logging in also saves the session
    with django_assert_num_queries(8):
        client.get(URL)
    for day in (dt.date(2026, 4, 14), dt.date(2026, 3, 10), dt.date(2026, 7, 14)):
        kit.make_meeting(org, on=day)
    with django_assert_num_queries(8):
        client.get(URL)
