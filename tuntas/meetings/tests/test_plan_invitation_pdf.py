"""The Undangan letter as PDF: only once the invitations went out."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import ask, login_redirect, make_issue
from tuntas.meetings import paperwork
from tuntas.meetings.models import Meeting
from tuntas.meetings.tests import kit
from tuntas.org.models import Government

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:invitation_pdf", args=[meeting.pk])


@pytest.fixture
def meeting(org):
    meeting = kit.make_meeting(org)
    issue = make_issue(org, "in_progress", title="Pipa PDAM menghalangi pelebaran Jl. Sudirman")
    ask(org, issue, org.pdam)
    kit.add_issue_item(meeting, issue)
    kit.add_other_item(meeting, "Persiapan Pasar Ibuh")
    return kit.services.invitations_send(
        meeting=meeting,
        by=kit.viewer(org.bagekonomi_staff),
        klasifikasi="000.1.6",
        render_pdf=paperwork.invitation_pdf_bytes,
        render_ics=kit.fake_ics,
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org, meeting):
    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_it_rejects_post(org, meeting):
    assert org.client_for(org.asisten2).post(url(meeting)).status_code == 405


def test_there_is_no_letter_before_the_invitations_are_sent(org):
    planned = kit.make_meeting(org)

    assert org.client_for(org.asisten2).get(url(planned)).status_code == 404


def test_an_invited_partner_reads_the_letter_with_number_date_place_and_agenda(org, meeting):
    response = org.client_for(org.pdam_partner).get(url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="undangan.pdf"'
    text = kit.pdf_text(response.content)
    assert "000.1.6/1/BAG-EKONOMI/2026" in text
    assert "Selasa, 9 Juni 2026" in text
    assert "09.00 WIB s.d. selesai" in text
    assert "Ruang Rapat Asisten II, Lantai 2 Balai Kota" in text
    assert "Pipa PDAM menghalangi pelebaran Jl. Sudirman" in text
    assert "Persiapan Pasar Ibuh" in text
    assert "a.n. WALI KOTA PAYAKUMBUH" in text
    assert "NIP. 19700515 200003 1 002" in text
    assert "Direktur Perumda Air Minum Tirta Sago Kota Payakumbuh" in text


def test_the_letter_is_the_one_sent_even_after_the_meeting_and_letterhead_changed(org, meeting):
    Government.objects.update(name="Pemerintah Kota Contoh")
    Meeting.objects.filter(pk=meeting.pk).update(place="Aula Kantor Camat")

    text = kit.pdf_text(org.client_for(org.pdam_partner).get(url(meeting)).content)

    assert "Ruang Rapat Asisten II, Lantai 2 Balai Kota" in text
    assert "Aula Kantor Camat" not in text
    assert "CONTOH" not in text.upper()


def test_a_letter_sent_before_letters_were_kept_is_made_on_download(org, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(letter_file="", place="Aula Kantor Camat")

    text = kit.pdf_text(org.client_for(org.pdam_partner).get(url(meeting)).content)

    assert "Aula Kantor Camat" in text


def test_the_letter_is_signed_by_an_acting_asisten_with_plt(org, meeting):
    assignment = org.asisten2.assignments.get()
    assignment.capacity = "plt"
    assignment.position_title = "Asisten Perekonomian dan Pembangunan"
    assignment.save()

    data = paperwork.invitation_data(meeting)

    assert data.signatory.title_lines == [
        "a.n. WALI KOTA PAYAKUMBUH",
        "SEKRETARIS DAERAH,",
        "u.b.",
        "Plt. ASISTEN PEREKONOMIAN DAN PEMBANGUNAN,",
    ]
