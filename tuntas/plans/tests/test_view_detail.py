"""The page of one sub kegiatan: data, S-curve, the months, warnings, corrections, issues."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect, make_issue
from tuntas.org.models import Person
from tuntas.plans.models import PlanPolicy
from tuntas.plans.tests.kit import NOW, make_sub, report, report_months

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def road(org):
    pptk = Person.objects.create_user(username="pptk", full_name="Budi Santoso, S.T.")
    sub = make_sub(
        org,
        pagu=Decimal("1250000000"),
        pptk=pptk,
        output_target="2,5",
        output_unit="km",
    )
    report_months(sub, org.pupr_operator, [(2, 0), (5, 30 * M), (10, 80 * M), (18, 150 * M)])
    return sub


def url(sub):
    return reverse("plans:detail", args=[sub.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, road):
    assert login_redirect(client.get(url(road)), url(road))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, road, persona):
    assert org.client_for(getattr(org, persona)).get(url(road)).status_code == 404


def test_a_missing_sub_kegiatan_is_404(org):
    assert org.client_for(org.admin).get("/plans/99999/").status_code == 404


def test_it_rejects_post(org, road):
    assert org.client_for(org.pupr_operator).post(url(road)).status_code == 405


def test_it_shows_the_data_of_the_sub_kegiatan(org, road):
    response = org.client_for(org.asisten2).get(url(road))

    body = response.content.decode()
    assert response.status_code == 200
    assert road.code in body
    assert "Program Penyelenggaraan Jalan" in body
    assert "Rp1.250.000.000" in body
    assert "Budi Santoso, S.T." in body
    assert "2,5 km" in body


def test_it_draws_the_s_curve(org, road):
    response = org.client_for(org.asisten2).get(url(road))

    root = ET.fromstring(str(response.context["chart"]))
    assert root.get("aria-label") == road.name
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in response.content.decode()


def test_the_months_show_target_realisation_and_deviation(org, road):
    response = org.client_for(org.asisten2).get(url(road))

    months = response.context["months"]
    april = months[3]["progress"]
    assert (april.target_physical, april.real_physical, april.dev_physical) == (
        Decimal("18.00"),
        Decimal("18.00"),
        Decimal("0.00"),
    )
    assert months[3]["target_financial"] == Decimal("175000000")  # 14 % of the pagu
    assert april.real_financial_pct == Decimal("12.00")
    assert april.status == "green"
    # May's report is late (due 10 June); June's is not due yet.
    assert [m["late"] for m in months[4:6]] == [True, False]
    assert "Belum lapor" in response.content.decode() or "Not reported" in response.content.decode()


def test_it_lists_the_warnings(org, road):
    response = org.client_for(org.asisten2).get(url(road))

    kinds = [item["warning"].kind for item in response.context["warnings"]]
    assert kinds[0] == "not_reported"
    assert "Belum lapor" in response.content.decode() or "Not reported" in response.content.decode()


def test_writers_get_the_entry_buttons_readers_do_not(org, road):
    writer = org.client_for(org.pupr_operator).get(url(road)).content.decode()
    reader = org.client_for(org.walikota).get(url(road)).content.decode()

    assert reverse("plans:realisation", args=[road.pk]) in writer
    assert reverse("plans:targets", args=[road.pk]) in writer
    assert reverse("plans:issue_from", args=[road.pk]) in writer
    assert reverse("plans:realisation", args=[road.pk]) not in reader
    assert reverse("plans:issue_from", args=[road.pk]) not in reader


def test_the_asisten_may_turn_it_into_an_issue(org, road):
    body = org.client_for(org.asisten2).get(url(road)).content.decode()

    assert reverse("plans:issue_from", args=[road.pk]) in body
    assert reverse("plans:targets", args=[road.pk]) not in body


def test_it_lists_the_corrections(org, road):
    report(road, 4, 19, 150 * M, org.pupr_operator)  # the latest month: no reason needed

    response = org.client_for(org.asisten2).get(url(road))

    [correction] = response.context["corrections"]
    assert (correction.old_physical_pct, correction.new_physical_pct) == (18, 19)
    assert "Rp150.000.000" in response.content.decode()


def test_it_lists_the_linked_issues_the_viewer_may_see(org, road):
    issue = make_issue(org, "submitted", title="Material aspal terlambat")
    issue.sub_activity = road
    issue.save()
    draft = make_issue(org, "draft", title="Draf belum dikirim")
    draft.sub_activity = road
    draft.save()

    asisten = org.client_for(org.asisten2).get(url(road))
    operator = org.client_for(org.pupr_operator).get(url(road))

    assert [i.title for i in asisten.context["issues"]] == ["Material aspal terlambat"]
    assert {i.title for i in operator.context["issues"]} == {
        "Material aspal terlambat",
        "Draf belum dikirim",
    }


def test_it_pins_its_query_count(org, road, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(url(road))
    with django_assert_num_queries(15):
        client.get(url(road))
    report(road, 5, 20, 200 * M, org.pupr_operator)
    PlanPolicy.objects.update(allow_corrections=True)
    for month in (1, 2, 3):
        report(road, month, 3, 0, org.pupr_operator, reason="Salah ketik")
    for title in ["Aspal", "Alat berat", "Cuaca"]:
        make_issue(org, "submitted", title=title).__class__.objects.filter(title=title).update(
            sub_activity=road
        )
    with django_assert_num_queries(15):
        response = client.get(url(road))
    assert len(response.context["corrections"]) == 3
    assert len(response.context["issues"]) == 3
