"""Setting up a recurring coordination meeting."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import REQUIRED, field_errors, login_redirect
from tuntas.meetings.models import MeetingSeries
from tuntas.meetings.tests import kit
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db
URL = "/meetings/series/new/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def data(org, **changes):
    values = {
        "title": "Rapat Koordinasi Asisten Perekonomian dan Pembangunan",
        "recurrence": "FREQ=MONTHLY;BYDAY=2TU",
        "rrule_custom": "",
        "start_time": "09.00",
        "duration_minutes": "150",
        "place": "Ruang Randang Lt. 2 Balaikota",
        "online_link": "",
        "chair": str(org.asisten2.pk),
        "secretariat": str(org.bag_ekonomi.pk),
        "standing_invitees": [str(org.pupr.pk), str(org.pdam.pk), str(org.bpn.pk)],
        "klasifikasi": "000.1.6",
    }
    values.update(changes)
    return values


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    assert login_redirect(client.get(URL), URL)


def test_someone_without_a_role_gets_404(org):
    assert org.client_for(org.nobody).get(URL).status_code == 404


@pytest.mark.parametrize("persona", ["pupr_operator", "pdam_partner"])
def test_those_who_do_not_run_meetings_get_403(org, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, data(org)).status_code == 403
    assert not MeetingSeries.objects.exists()


def test_it_rejects_put(org):
    assert org.client_for(org.asisten2).put(URL).status_code == 405


def test_the_form_offers_friendly_recurrences_and_defaults_to_the_viewers_bagian(org):
    response = org.client_for(org.bagekonomi_staff).get(URL)

    form = response.context["form"]
    rules = [value for value, _label in form.fields["recurrence"].choices]
    assert "FREQ=MONTHLY;BYDAY=2TU" in rules
    assert "FREQ=MONTHLY;BYDAY=1MO" in rules
    assert "FREQ=WEEKLY;BYDAY=TH" in rules
    assert form.initial["secretariat"] == org.bag_ekonomi.pk
    assert form.initial["chair"] == org.asisten2.pk
    labels = dict(form.fields["recurrence"].choices)
    assert "Selasa" in str(labels["FREQ=MONTHLY;BYDAY=2TU"])


def test_the_bagian_creates_a_series_for_its_asisten(org):
    response = org.client_for(org.bagekonomi_staff).post(URL, data(org))

    series = MeetingSeries.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:series_detail", args=[series.pk])
    assert series.coordinator == org.asisten2_unit
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert series.start_time == dt.time(9, 0)
    assert series.duration_minutes == 150
    assert series.chair == org.asisten2
    assert series.secretariat == org.bag_ekonomi
    assert set(series.standing_invitees.values_list("short_name", flat=True)) == {
        "PUPR",
        "PDAM",
        "BPN",
    }


def test_a_custom_rule_is_checked_and_stored(org):
    client = org.client_for(org.asisten2)

    client.post(URL, data(org, recurrence="custom", rrule_custom="freq=monthly;byday=-1fr"))

    assert MeetingSeries.objects.get().rrule == "FREQ=MONTHLY;BYDAY=-1FR"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES",
        "FREQ=HOURLY",
        "FREQ=MONTHLY;BYDAY=9XX",
        "FREQ=WEEKLY;UNTIL=20270101T000000Z",
    ],
)
def test_a_bad_custom_rule_is_refused_and_what_was_typed_is_kept(org, rule):
    response = org.client_for(org.asisten2).post(
        URL, data(org, recurrence="custom", rrule_custom=rule, title="Rakor khusus")
    )

    assert response.status_code == 200
    assert field_errors(response, "rrule_custom")
    body = response.content.decode()
    assert rule in body
    assert "Rakor khusus" in body
    assert not MeetingSeries.objects.exists()


def test_a_missing_title_and_a_wrong_time_are_reported_next_to_their_fields(org):
    response = org.client_for(org.asisten2).post(URL, data(org, title="", start_time="jam 9"))

    assert field_errors(response, "title") == [REQUIRED]
    assert field_errors(response, "start_time")
    assert 'value="jam 9"' in response.content.decode()


def test_a_bagian_of_another_asisten_cannot_be_the_secretariat(org):
    hukum = make_unit("BAG-HUKUM", "section", parent=org.setda)
    response = org.client_for(org.asisten2).post(URL, data(org, secretariat=str(hukum.pk)))

    assert field_errors(response, "secretariat")
    assert not MeetingSeries.objects.exists()
