"""One click turns a sub kegiatan's warning into an issue linked to it, pre-filled."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues import services as issue_services
from tuntas.issues.models import Category, Issue
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)
ON_TRACK = [(2, 0), (5, 30 * M), (10, 70 * M), (18, 140 * M)]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def road(org):
    sub = make_sub(org, name="Jalan Lingkar Utara")
    # May: 16 % done of 28 % planned, 20 % spent of 23 %: red and kontrak kritis.
    report_months(sub, org.pupr_operator, [*ON_TRACK, (16, 200 * M)])
    return sub


def in_english(org, person):
    """A client of a person who reads Tuntas in English (the msgids, before translation)."""
    person.language = "en"
    person.save(update_fields=["language"])
    return org.client_for(person)


def url(sub):
    return reverse("plans:issue_from", args=[sub.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, road):
    assert login_redirect(client.post(url(road)), url(road))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "nobody"])
def test_outsiders_get_404(org, road, persona):
    assert org.client_for(getattr(org, persona)).post(url(road)).status_code == 404
    assert not Issue.objects.exists()


@pytest.mark.parametrize("persona", ["walikota", "sekda", "admin"])
def test_readers_who_neither_report_nor_handle_get_403(org, road, persona):
    assert org.client_for(getattr(org, persona)).post(url(road)).status_code == 403
    assert not Issue.objects.exists()


def test_it_rejects_get(org, road):
    assert org.client_for(org.pupr_operator).get(url(road)).status_code == 405


def test_the_unit_gets_a_prefilled_draft_to_check(org, road):
    response = in_english(org, org.pupr_operator).post(url(road), {"kind": "red", "month": 5})

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("issues:edit", args=[issue.pk])
    assert issue.status == Issue.Status.DRAFT
    assert issue.title == "Physical deviation \u221212.0 points: Jalan Lingkar Utara"
    assert issue.sub_activity == road
    assert issue.reporting_unit == org.pupr
    assert issue.reported_by == org.pupr_operator
    assert issue.first_met_on == dt.date(2026, 6, 16)
    assert issue.category.code == "anggaran"
    assert issue.urgency == Issue.Urgency.CRITICAL  # kontrak kritis
    assert "target 28.00%, realisation 16.00%, deviation \u221212.0 points" in issue.chronology
    assert "Rp200.000.000" in issue.chronology
    assert "Rp1.000.000.000" in issue.chronology


def test_the_title_reads_in_indonesian_numbers(org, road):
    org.client_for(org.pupr_operator).post(url(road), {"kind": "red", "month": 5})

    assert "\u221212,0" in Issue.objects.get().title


def test_without_a_kind_the_gravest_warning_is_used(org, road):
    in_english(org, org.kadis_pupr).post(url(road))

    assert Issue.objects.get().title.startswith("Kontrak kritis")


def test_a_sub_kegiatan_only_behind_is_urgent_but_not_critical(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, [*ON_TRACK, (20, 230 * M)])  # 8 points behind

    org.client_for(org.pupr_operator).post(url(sub))

    assert Issue.objects.get().urgency == Issue.Urgency.HIGH


def test_a_missed_report_becomes_an_issue_about_it(org):
    sub = make_sub(org)
    report_months(sub, org.pupr_operator, ON_TRACK)

    in_english(org, org.pupr_operator).post(url(sub), {"kind": "not_reported", "month": 5})

    issue = Issue.objects.get()
    assert issue.title.startswith("Not reported for May")
    assert "has not been reported" in issue.chronology


def test_without_the_anggaran_category_the_first_active_one_is_used(org, road):
    Category.objects.filter(code="anggaran").update(is_active=False)

    org.client_for(org.pupr_operator).post(url(road))

    assert Issue.objects.get().category == Category.objects.filter(is_active=True).first()


def test_an_open_issue_on_the_sub_kegiatan_is_not_duplicated(org, road):
    client = org.client_for(org.pupr_operator)
    client.post(url(road))

    response = client.post(url(road))

    issue = Issue.objects.get()
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])


@pytest.mark.parametrize("persona", ["asisten2", "bagekonomi_staff"])
def test_the_asisten_opens_and_accepts_it_at_once(org, road, persona):
    response = org.client_for(getattr(org, persona)).post(url(road))

    issue = Issue.objects.get()
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    assert issue.status == Issue.Status.IN_PROGRESS
    assert issue.coordinator == org.asisten2_unit
    assert issue.reporting_unit == org.pupr
    assert issue.sub_activity == road


def test_the_issue_page_shows_the_sub_kegiatan_and_its_curve(org, road):
    org.client_for(org.pupr_operator).post(url(road))
    issue = Issue.objects.get()

    response = org.client_for(org.pupr_operator).get(reverse("issues:detail", args=[issue.pk]))

    body = response.content.decode()
    assert 'id="sub-activity"' in body
    assert f'href="{reverse("plans:detail", args=[road.pk])}"' in body
    assert f'aria-label="{road.name}"' in body


def test_a_helper_sees_the_curve_but_no_link_to_a_plan_it_may_not_open(org, road):
    from tuntas.issues.tests.viewkit import ask, viewer

    org.client_for(org.pupr_operator).post(url(road))
    issue = issue_services.issue_submit(issue=Issue.objects.get(), by=viewer(org.pupr_operator))
    ask(org, issue, org.pdam)

    response = org.client_for(org.pdam_partner).get(reverse("issues:detail", args=[issue.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="sub-activity"' in body
    assert reverse("plans:detail", args=[road.pk]) not in body
