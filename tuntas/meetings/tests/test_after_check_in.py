"""Self check-in: scan the room's QR code, log in if needed, sign for one of your units."""

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings import services
from tuntas.meetings.models import Attendance
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture
def meeting(org):
    return kit.make_meeting(org, status="invited", on=kit.TODAY)


def url(token):
    return reverse("meetings:check_in", args=[token])


def indonesian(text):
    with translation.override("id"):
        return gettext(text)


def test_the_qr_code_leads_to_a_check_in_end_to_end(org, meeting, client):
    # The Bagian shows the code on the room's screen.
    screen = org.client_for(org.bagekonomi_staff).get(
        reverse("meetings:attendance_qr", args=[meeting.pk])
    )
    path = screen.context["check_in_url"].split("://", 1)[1].split("/", 1)[1]
    path = "/" + path
    # A phone that is not logged in is sent to the login page, and back here after it.
    assert login_redirect(client.get(path), path)
    phone = org.client_for(org.pdam_partner)

    form = phone.get(path)
    assert form.status_code == 200
    assert meeting.title in form.content.decode()
    done = phone.post(path, {"unit": org.pdam.pk, "representing": "Direktur Utama"})

    assert done.status_code == 200
    assert indonesian("You are on the attendance list") in done.content.decode()
    row = Attendance.objects.get()
    assert (row.person, row.unit, row.name, row.representing, row.source, row.checked_in_at) == (
        org.pdam_partner,
        org.pdam,
        "Ir. Adrizal, M.M.",
        "Direktur Utama",
        "qr",
        kit.NOW,
    )
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_checking_in_twice_updates_the_same_row(org, meeting):
    token = services.checkin_token(meeting)
    phone = org.client_for(org.pdam_partner)
    phone.post(url(token), {"unit": org.pdam.pk, "representing": "Direktur Utama"})

    again = phone.get(url(token))
    assert again.context["row"].representing == "Direktur Utama"
    phone.post(url(token), {"unit": org.pdam.pk, "representing": ""})

    assert Attendance.objects.get().representing == ""


def test_an_expired_code_gives_410(org, meeting):
    token = services.checkin_token(meeting)

    with time_machine.travel(kit.NOW + dt.timedelta(minutes=16), tick=False):
        response = org.client_for(org.pdam_partner).post(url(token), {"unit": org.pdam.pk})

    assert response.status_code == 410
    assert indonesian("This check-in code is no longer valid") in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_code_is_still_good_after_fourteen_minutes(org, meeting):
    token = services.checkin_token(meeting)

    with time_machine.travel(kit.NOW + dt.timedelta(minutes=14), tick=False):
        response = org.client_for(org.pdam_partner).post(url(token), {"unit": org.pdam.pk})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "1:1uAbCd:forged-signature",
        signing.TimestampSigner(salt="another.salt").sign("1"),
    ],
)
def test_a_forged_code_gives_410(org, meeting, token):
    response = org.client_for(org.pdam_partner).get(url(token))

    assert response.status_code == 410
    assert not Attendance.objects.exists()


def test_a_code_of_a_deleted_meeting_gives_410(org, meeting):
    token = signing.TimestampSigner(salt=services.CHECKIN_SALT).sign("999999")

    assert org.client_for(org.pdam_partner).get(url(token)).status_code == 410


def test_the_form_offers_only_the_persons_own_units(org, meeting):
    response = org.client_for(org.pdam_partner).post(
        url(services.checkin_token(meeting)), {"unit": org.pupr.pk}
    )

    assert response.status_code == 400
    assert [c[0] for c in response.context["form"].fields["unit"].choices] == [org.pdam.pk]
    assert not Attendance.objects.exists()


def test_someone_from_a_unit_not_invited_may_still_sign(org, meeting):
    # The code is the proof of being in the room: the Dinas Sosial operator came along.
    response = org.client_for(org.dinsos_operator).post(
        url(services.checkin_token(meeting)), {"unit": org.dinsos.pk}
    )

    assert response.status_code == 200
    assert Attendance.objects.get().unit == org.dinsos


def test_a_person_without_a_unit_is_told_to_ask_the_secretariat(org, meeting):
    client = org.client_for(org.nobody)

    page = client.get(url(services.checkin_token(meeting)))
    assert 'id="no-unit"' in page.content.decode()
    assert client.post(url(services.checkin_token(meeting)), {"unit": "1"}).status_code == 400
    assert not Attendance.objects.exists()


def test_final_minutes_close_the_list(org):
    meeting = kit.make_meeting(org, status="final", on=kit.TODAY)

    response = org.client_for(org.pdam_partner).post(
        url(services.checkin_token(meeting)), {"unit": org.pdam.pk}
    )

    assert response.status_code == 409
    assert not Attendance.objects.filter(person=org.pdam_partner).exists()


def test_it_rejects_put(org, meeting):
    response = org.client_for(org.pdam_partner).put(url(services.checkin_token(meeting)))

    assert response.status_code == 405
