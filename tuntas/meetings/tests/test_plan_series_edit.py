"""Changing a recurring meeting: its rule, time, place and standing invitees."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import MeetingSeries
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(series):
    return reverse("meetings:series_edit", args=[series.pk])


def data(org, series, **changes):
    values = {
        "title": series.title,
        "recurrence": "FREQ=MONTHLY;BYDAY=3TU",
        "rrule_custom": "",
        "start_time": "13.30",
        "duration_minutes": "90",
        "place": "Aula Bappeda",
        "online_link": "meet.example.go.id/rakor",
        "chair": str(org.asisten2.pk),
        "secretariat": str(org.bag_ekonomi.pk),
        "standing_invitees": [str(org.pupr.pk)],
        "klasifikasi": "000.1.5",
        "is_active": "on",
        "version": str(series.version),
    }
    values.update(changes)
    return values


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    series = kit.make_series(org)

    assert login_redirect(client.get(url(series)), url(series))


def test_an_outsider_gets_404(org):
    series = kit.make_series(org)

    assert org.client_for(org.dinsos_operator).get(url(series)).status_code == 404


def test_a_standing_invitee_may_read_but_not_edit(org):
    series = kit.make_series(org)
    client = org.client_for(org.pdam_partner)

    assert client.get(reverse("meetings:series_detail", args=[series.pk])).status_code == 200
    assert client.get(url(series)).status_code == 403
    assert client.post(url(series), data(org, series)).status_code == 403


def test_it_rejects_put(org):
    series = kit.make_series(org)

    assert org.client_for(org.asisten2).put(url(series)).status_code == 405


def test_the_form_shows_the_current_rule_as_its_preset(org):
    series = kit.make_series(org)

    form = org.client_for(org.asisten2).get(url(series)).context["form"]

    assert form.initial["recurrence"] == "FREQ=MONTHLY;BYDAY=2TU"


def test_an_unusual_rule_shows_as_a_custom_one(org):
    series = kit.make_series(org, rrule="FREQ=MONTHLY;BYMONTHDAY=15")

    form = org.client_for(org.asisten2).get(url(series)).context["form"]

    assert form.initial["recurrence"] == "custom"
    assert form.initial["rrule_custom"] == "FREQ=MONTHLY;BYMONTHDAY=15"


def test_the_bagian_changes_the_series(org):
    series = kit.make_series(org)

    response = org.client_for(org.bagekonomi_staff).post(url(series), data(org, series))

    series = MeetingSeries.objects.get(pk=series.pk)
    assert response.status_code == 302
    assert series.rrule == "FREQ=MONTHLY;BYDAY=3TU"
    assert series.start_time.strftime("%H.%M") == "13.30"
    assert series.place == "Aula Bappeda"
    assert series.online_link == "https://meet.example.go.id/rakor"
    assert series.klasifikasi == "000.1.5"
    assert list(series.standing_invitees.all()) == [org.pupr]
    assert series.version == 2


def test_a_stale_form_does_not_overwrite_a_newer_change(org):
    series = kit.make_series(org)
    client = org.client_for(org.bagekonomi_staff)
    client.post(url(series), data(org, series, place="Ruang A"))

    response = client.post(url(series), data(org, series, place="Ruang B"))

    assert response.status_code == 200
    assert "Ruang B" in response.content.decode()
    assert MeetingSeries.objects.get(pk=series.pk).place == "Ruang A"
