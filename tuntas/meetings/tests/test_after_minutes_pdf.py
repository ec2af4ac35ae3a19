"""The notula of final minutes, for everyone who may see the meeting."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings import paperwork
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit
from tuntas.org.models import Government

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def notula(monkeypatch):
    calls = []

    def render(meeting):
        calls.append(meeting.pk)
        return kit.FAKE_PDF

    monkeypatch.setattr(paperwork, "minutes_pdf_bytes", render)
    return calls


@pytest.fixture
def meeting(org):
    return kit.make_meeting(org, status="final", on=kit.TODAY)


def url(meeting):
    return reverse("meetings:minutes_pdf", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


@pytest.mark.parametrize("outsider", ["dinsos_operator", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, meeting, outsider):
    assert org.client_for(getattr(org, outsider)).get(url(meeting)).status_code == 404


def test_it_rejects_post(org, meeting):
    assert org.client_for(org.bagekonomi_staff).post(url(meeting)).status_code == 405


@pytest.mark.parametrize("person", ["bagekonomi_staff", "pdam_partner", "kadis_pupr", "walikota"])
def test_runners_invited_units_and_leaders_download_it(org, meeting, person, notula):
    response = org.client_for(getattr(org, person)).get(url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="notula-20260512.pdf"'
    # The notula kept when the minutes were finalised, not made again.
    assert response.content == kit.FAKE_PDF
    assert notula == []


def test_the_notula_is_the_one_finalised_even_after_the_letterhead_changed(org, meeting, notula):
    Government.objects.update(name="Pemerintah Kota Payakumbuh (nama baru)")
    kept = meeting.minutes_file.name

    response = org.client_for(org.kadis_pupr).get(url(meeting))

    assert response.content == kit.FAKE_PDF
    assert kept and notula == []


def test_a_notula_finalised_before_it_was_kept_is_made_on_download(org, meeting, notula):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_file="")

    response = org.client_for(org.kadis_pupr).get(url(meeting))

    assert response.content == kit.FAKE_PDF
    assert notula == [meeting.pk]


@pytest.mark.parametrize("status", ["planned", "invited", "held", "cancelled"])
def test_there_is_no_notula_before_the_minutes_are_final(org, status, notula):
    meeting = kit.make_meeting(org, status=status, on=kit.TODAY)

    assert org.client_for(org.bagekonomi_staff).get(url(meeting)).status_code == 404
    assert notula == []
