"""The briefing pack (bahan rapat): per agenda item the issue, its parties and its timeline."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.models import Issue
from tuntas.issues.tests.viewkit import answer, ask, login_redirect, make_issue
from tuntas.meetings import paperwork
from tuntas.meetings.tests import kit
from tuntas.plans.tests import kit as plans_kit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(kit.NOW, tick=False):
        yield


def url(meeting):
    return reverse("meetings:briefing_pdf", args=[meeting.pk])


@pytest.fixture
def meeting(org):
    series = kit.make_series(org)
    kit.make_action_item(
        org,
        on=dt.date(2026, 4, 14),
        unit=org.pdam,
        due_on=dt.date(2026, 4, 30),
        series=series,
        description="PDAM menyerahkan peta jaringan pipa.",
    )
    issue = make_issue(org, "in_progress", title="Pipa PDAM menghalangi pelebaran Jl. Sudirman")
    answer(ask(org, issue, org.pdam), org.pdam_partner, "Tim survei turun hari Kamis.")
    meeting = kit.make_meeting(org, series=series)
    kit.services.agenda_draft(meeting=meeting, by=kit.viewer(org.bagekonomi_staff))
    kit.add_other_item(meeting, "Lain-lain")
    return meeting


def test_anonymous_visitors_are_sent_to_the_login_page(client, meeting):
    assert login_redirect(client.get(url(meeting)), url(meeting))


def test_an_outsider_gets_404(org, meeting):
    assert org.client_for(org.dinsos_operator).get(url(meeting)).status_code == 404


def test_it_rejects_post(org, meeting):
    assert org.client_for(org.asisten2).post(url(meeting)).status_code == 405


def test_the_pack_has_one_section_per_item_with_parties_and_events(org, meeting):
    data = paperwork.briefing_data(meeting)

    follow_up, issue_item, other = data.items
    assert follow_up.reporting_unit == "Perumda Air Minum Tirta Sago"
    assert "PDAM menyerahkan peta jaringan pipa." in follow_up.summary
    assert follow_up.deadline == "Kamis, 30 April 2026"
    assert issue_item.title == "Pipa PDAM menghalangi pelebaran Jl. Sudirman"
    assert issue_item.reporting_unit == "Dinas Pekerjaan Umum dan Penataan Ruang"
    [(unit, _status, reply)] = issue_item.parties
    assert unit == "Perumda Air Minum Tirta Sago"
    assert reply == "Tim survei turun hari Kamis."
    assert len(issue_item.key_events) >= 3  # submitted, accepted, request added
    assert other.title == "Lain-lain"


def test_an_invited_partner_may_not_read_every_issues_history(org, meeting):
    # The pack holds the full history of every agenda issue, some of which PDAM may not see.
    response = org.client_for(org.pdam_partner).get(url(meeting))
    assert response.status_code == 403


def test_the_sekda_downloads_it(org, meeting):
    response = org.client_for(org.sekda).get(url(meeting))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="bahan-rapat.pdf"'
    text = kit.pdf_text(response.content)
    assert "Pipa PDAM menghalangi pelebaran Jl. Sudirman" in text
    assert "Tim survei turun hari Kamis." in text


def test_an_item_about_a_sub_kegiatan_shows_its_month_against_target_and_its_s_curve(org):
    sub = plans_kit.make_sub(org, name="Pembangunan Jalan Lingkar Utara")
    targets = plans_kit.s_curve()
    for month in range(1, 5):  # April, the month reported last, 12 points behind
        physical, financial = targets[month]
        plans_kit.report(
            sub, month, physical - (12 if month == 4 else 0), financial, org.pupr_operator
        )
    issue = make_issue(org, "in_progress", title="Pembebasan lahan Jalan Lingkar Utara")
    Issue.objects.filter(pk=issue.pk).update(sub_activity=sub)
    meeting = kit.make_meeting(org)
    kit.add_issue_item(meeting, issue)
    kit.add_other_item(meeting, "Lain-lain")

    about_sub, other = paperwork.briefing_data(meeting).items

    plan = about_sub.plan
    assert plan is not None and other.plan is None
    assert (plan.name, plan.unit, plan.month) == (
        "Pembangunan Jalan Lingkar Utara",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "April 2026",
    )
    expected = targets[4][0] - 12
    assert plan.real_physical == f"{expected:.2f}".replace(".", ",")
    assert (plan.deviation_physical, plan.deviation_financial) == ("-12,00", "0,00")
    assert plan.status == "Merah"
    assert plan.chart_svg.startswith("<svg") and "Realisasi fisik" in plan.chart_svg

    text = kit.pdf_text(paperwork.briefing_pdf_bytes(meeting))
    assert "Sub kegiatan terkait" in text
    assert "Pembangunan Jalan Lingkar Utara" in text
    assert "-12,00" in text
