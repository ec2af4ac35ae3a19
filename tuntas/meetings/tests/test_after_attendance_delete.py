"""The secretariat corrects the attendance list by taking a row off it."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings.models import Attendance
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def row(org):
    """The Kepala Dinas PUPR's line on the list of this morning's meeting."""
    kit.make_meeting(org, status="held", on=kit.TODAY)
    return Attendance.objects.get()


def url(row):
    return reverse("meetings:attendance_delete", args=[row.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, row):
    assert login_redirect(client.post(url(row)), url(row))
    assert Attendance.objects.exists()


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, row, outsider):
    assert org.client_for(getattr(org, outsider)).post(url(row)).status_code == 404
    assert Attendance.objects.exists()


@pytest.mark.parametrize("reader", ["kadis_pupr", "pdam_partner", "walikota"])
def test_readers_get_403(org, row, reader):
    assert org.client_for(getattr(org, reader)).post(url(row)).status_code == 403
    assert Attendance.objects.exists()


def test_it_rejects_get(org, row):
    assert org.client_for(org.bagekonomi_staff).get(url(row)).status_code == 405


def test_an_unknown_row_is_404(org, row):
    client = org.client_for(org.bagekonomi_staff)
    assert client.post(reverse("meetings:attendance_delete", args=[999])).status_code == 404


@pytest.mark.parametrize("runner", ["bagekonomi_staff", "asisten2"])
def test_the_runner_takes_a_row_off_the_list(org, row, runner):
    response = org.client_for(getattr(org, runner)).post(url(row))

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:attendance", args=[row.meeting_id])
    assert not Attendance.objects.exists()


def test_final_minutes_keep_their_attendance(org, row):
    kit.finalise(org, row.meeting)

    response = org.client_for(org.bagekonomi_staff).post(url(row))

    assert response.status_code == 409
    assert Attendance.objects.exists()
