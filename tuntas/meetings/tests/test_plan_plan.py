"""Planning the series' meeting on a date."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect, messages_of
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(series):
    return reverse("meetings:plan", args=[series.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    series = kit.make_series(org)

    assert login_redirect(client.post(url(series), {"on": "2026-06-09"}), url(series))


def test_an_outsider_gets_404(org):
    series = kit.make_series(org)

    response = org.client_for(org.dinsos_operator).post(url(series), {"on": "2026-06-09"})

    assert response.status_code == 404


def test_a_standing_invitee_gets_403(org):
    series = kit.make_series(org)

    response = org.client_for(org.pdam_partner).post(url(series), {"on": "2026-06-09"})

    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_it_rejects_get(org):
    series = kit.make_series(org)

    assert org.client_for(org.asisten2).get(url(series)).status_code == 405


def test_it_plans_the_meeting_with_the_standing_invitees(org):
    series = kit.make_series(org)

    response = org.client_for(org.bagekonomi_staff).post(url(series), {"on": "2026-06-09"})

    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.status == "planned"
    assert meeting.starts_at == dt.datetime(2026, 6, 9, 9, 0, tzinfo=kit.WIB)
    assert meeting.ends_at == dt.datetime(2026, 6, 9, 11, 0, tzinfo=kit.WIB)
    assert set(meeting.invitations.values_list("unit__short_name", flat=True)) == {"PUPR", "PDAM"}


def test_a_date_already_planned_leads_to_that_meeting(org):
    series = kit.make_series(org)
    meeting = kit.make_meeting(org, series=series)

    response = org.client_for(org.bagekonomi_staff).post(url(series), {"on": "2026-06-09"})

    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert Meeting.objects.count() == 1


def test_a_holiday_is_planned_with_a_warning(org):
    series = kit.make_series(org, rrule="FREQ=MONTHLY;BYDAY=3TU")

    response = org.client_for(org.bagekonomi_staff).post(
        url(series), {"on": "2026-06-16"}, follow=True
    )

    assert Meeting.objects.count() == 1
    assert any("Tahun Baru Islam" in m for m in messages_of(response))


@pytest.mark.parametrize("day", ["2026-05-11", "kemarin", ""])
def test_a_past_or_unreadable_date_is_refused(org, day):
    series = kit.make_series(org)

    response = org.client_for(org.bagekonomi_staff).post(url(series), {"on": day})

    assert response["Location"] == reverse("meetings:series_detail", args=[series.pk])
    assert not Meeting.objects.exists()


def test_an_inactive_series_plans_nothing(org):
    series = kit.make_series(org, is_active=False)

    org.client_for(org.bagekonomi_staff).post(url(series), {"on": "2026-06-09"})

    assert not Meeting.objects.exists()
