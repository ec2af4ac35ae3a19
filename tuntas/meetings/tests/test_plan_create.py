"""Planning a one-off meeting of the viewer's Asisten."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import REQUIRED, field_errors, login_redirect
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db
URL = "/meetings/new/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def data(org, **changes):
    values = {
        "title": "Rapat Percepatan Pelebaran Jl. Sudirman",
        "on": "2026-05-20",
        "start": "13.30",
        "end": "15.00",
        "place": "Ruang Randang Lt. 2 Balaikota",
        "online_link": "",
        "chair": str(org.asisten2.pk),
        "secretariat": str(org.bag_ekonomi.pk),
        "invitees": [str(org.pupr.pk), str(org.pdam.pk)],
    }
    values.update(changes)
    return values


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    assert login_redirect(client.get(URL), URL)


def test_someone_without_a_role_gets_404(org):
    assert org.client_for(org.nobody).get(URL).status_code == 404


def test_a_unit_operator_gets_403(org):
    client = org.client_for(org.pupr_operator)

    assert client.get(URL).status_code == 403
    assert client.post(URL, data(org)).status_code == 403


def test_it_rejects_put(org):
    assert org.client_for(org.asisten2).put(URL).status_code == 405


def test_the_asisten_plans_a_one_off_meeting(org):
    response = org.client_for(org.asisten2).post(URL, data(org))

    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.series is None
    assert meeting.coordinator == org.asisten2_unit
    assert meeting.secretariat == org.bag_ekonomi
    assert meeting.starts_at == dt.datetime(2026, 5, 20, 13, 30, tzinfo=kit.WIB)
    assert meeting.ends_at == dt.datetime(2026, 5, 20, 15, 0, tzinfo=kit.WIB)
    assert set(meeting.invitations.values_list("unit__short_name", flat=True)) == {"PUPR", "PDAM"}


def test_without_an_end_it_lasts_two_hours(org):
    org.client_for(org.asisten2).post(URL, data(org, end=""))

    meeting = Meeting.objects.get()
    assert meeting.end - meeting.starts_at == dt.timedelta(hours=2)
    assert meeting.ends_at is not None


def test_errors_keep_what_was_typed(org):
    response = org.client_for(org.asisten2).post(
        URL, data(org, title="", end="12.00", place="Aula Kantor Camat")
    )

    assert response.status_code == 200
    assert field_errors(response, "title") == [REQUIRED]
    assert field_errors(response, "end")
    body = response.content.decode()
    assert 'value="Aula Kantor Camat"' in body
    assert 'value="13.30"' in body
    assert not Meeting.objects.exists()


def test_a_date_in_the_past_is_refused(org):
    response = org.client_for(org.asisten2).post(URL, data(org, on="2026-05-01"))

    assert field_errors(response, "on")
    assert not Meeting.objects.exists()
