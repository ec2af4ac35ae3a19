"""The series page: its next dates, non-working days pointed out, and its meetings."""

import datetime as dt

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


def url(series):
    return reverse("meetings:series_detail", args=[series.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    series = kit.make_series(org)

    assert login_redirect(client.get(url(series)), url(series))


@pytest.mark.parametrize("persona", ["dinsos_operator", "nobody"])
def test_outsiders_get_404(org, persona):
    series = kit.make_series(org)

    assert org.client_for(getattr(org, persona)).get(url(series)).status_code == 404


def test_it_rejects_post(org):
    series = kit.make_series(org)

    assert org.client_for(org.asisten2).post(url(series)).status_code == 405


def test_it_lists_the_next_dates_from_today(org):
    series = kit.make_series(org)

    response = org.client_for(org.bagekonomi_staff).get(url(series))

    days = [o["day"] for o in response.context["occurrences"]]
    assert days[:3] == [dt.date(2026, 5, 12), dt.date(2026, 6, 9), dt.date(2026, 7, 14)]
    assert len(days) == 6


def test_a_date_on_a_holiday_is_pointed_out(org):
    # The third Tuesday of June 2026 is Islamic New Year (1 Muharram 1448).
    series = kit.make_series(org, rrule="FREQ=MONTHLY;BYDAY=3TU")

    response = org.client_for(org.bagekonomi_staff).get(url(series))

    june = next(o for o in response.context["occurrences"] if o["day"] == dt.date(2026, 6, 16))
    may = next(o for o in response.context["occurrences"] if o["day"] == dt.date(2026, 5, 19))
    assert not june["working"]
    assert june["holiday"] == "Tahun Baru Islam"
    assert may["working"]
    assert "Tahun Baru Islam" in response.content.decode()


def test_planned_dates_link_to_their_meeting_and_others_can_be_planned(org):
    series = kit.make_series(org)
    meeting = kit.make_meeting(org, series=series)

    response = org.client_for(org.bagekonomi_staff).get(url(series))

    june = next(o for o in response.context["occurrences"] if o["day"] == dt.date(2026, 6, 9))
    assert june["meeting"] == meeting
    assert [m.pk for m in response.context["meetings"]] == [meeting.pk]
    assert reverse("meetings:plan", args=[series.pk]) in response.content.decode()


def test_a_reader_sees_no_planning_buttons(org):
    series = kit.make_series(org)

    response = org.client_for(org.pdam_partner).get(url(series))

    assert response.status_code == 200
    assert reverse("meetings:plan", args=[series.pk]) not in response.content.decode()


def test_a_rule_saved_broken_elsewhere_shows_a_message_instead_of_failing(org):
    series = kit.make_series(org, rrule="FREQ=MONTHLY;BYDAY=XX")

    response = org.client_for(org.bagekonomi_staff).get(url(series))

    assert response.status_code == 200
    assert response.context["occurrences"] == []
