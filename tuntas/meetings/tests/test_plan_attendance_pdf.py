"""The printable daftar hadir: who checked in, who is expected, and blank rows."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.meetings import paperwork, services
from tuntas.meetings.tests import kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:attendance_pdf", args=[meeting.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    meeting = kit.make_meeting(org)

    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_it_rejects_post(org):
    meeting = kit.make_meeting(org)

    assert org.client_for(org.asisten2).post(url(meeting)).status_code == 405


def test_checked_in_people_come_first_then_the_expected_ones(org):
    meeting = kit.make_meeting(org, status="invited")
    services.invitation_reply(
        invitation=kit.invitation(meeting, org.pdam),
        by=kit.viewer(org.pdam_partner),
        reply="represented",
        name="Ir. Yusra Hidayat",
        position="Kepala Bagian Teknik",
    )
    kit.check_in(meeting, org.pupr_operator, org.pupr)

    sheet = paperwork.attendance_data(meeting)

    assert [(r.name, r.agency) for r in sheet.rows] == [
        ("Andi Saputra, A.Md.", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("Ir. Yusra Hidayat", "Perumda Air Minum Tirta Sago"),
    ]
    assert sheet.rows[1].representing == "Direktur Perumda AM Tirta Sago"
    assert sheet.blank_rows == paperwork.BLANK_ROWS


def test_before_anyone_checks_in_the_unit_heads_are_expected(org):
    meeting = kit.make_meeting(org)

    response = org.client_for(org.bagekonomi_staff).get(url(meeting))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="daftar-hadir.pdf"'
    text = kit.pdf_text(response.content)
    assert "DAFTAR HADIR" in text
    assert "Ir. Muslim, M.T." in text
    assert "Ir. Adrizal, M.M." in text
    assert "Selasa, 9 Juni 2026" in text
