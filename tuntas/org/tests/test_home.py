"""Each role's home page shows what the person is responsible for."""

import pytest
from django.urls import reverse

from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_go_to_login(client):
    response = client.get(reverse("org:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_asisten_sees_the_units_of_their_portfolio(org):
    response = org.client_for(org.asisten2).get(reverse("org:home"))
    assert response.status_code == 200
    assert {u.short_name for u in response.context["portfolio"]} == {"PUPR", "PDAM"}
    body = response.content.decode()
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in body
    assert org.kadis_pupr.full_name in body  # the head of each unit is named
    assert "Dinas Sosial" not in body  # Asisten I's unit


def test_the_bagian_staff_see_their_asistens_portfolio(org):
    response = org.client_for(org.bagekonomi_staff).get(reverse("org:home"))
    assert {u.short_name for u in response.context["portfolio"]} == {"PUPR", "PDAM"}


def test_leaders_see_the_asisten_side_by_side(org):
    response = org.client_for(org.walikota).get(reverse("org:home"))
    sizes = {a.short_name: a.portfolio_size for a in response.context["assistants"]}
    assert sizes == {"ASISTEN1": 1, "ASISTEN2": 2}


def test_an_operator_sees_their_unit(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:home"))
    assert [u.short_name for u in response.context["own_units"]] == ["PUPR"]
    assert response.context["portfolio"] == []


def test_a_person_without_role_is_told_so(org):
    response = org.client_for(org.nobody).get(reverse("org:home"))
    assert response.status_code == 200
    assert response.context["assignments"] == []


def test_the_admin_sees_the_counts(org):
    response = org.client_for(org.admin).get(reverse("org:home"))
    assert response.context["stats"]["units"] == 10


def test_home_rejects_post(org):
    assert org.client_for(org.asisten2).post(reverse("org:home")).status_code == 405


def test_the_asisten_home_pins_its_query_count(org, django_assert_num_queries):
    from tuntas.plans.tests.kit import make_sub, report_months

    report_months(make_sub(org, org.pupr), org.pupr_operator, [(1, 0)])
    client = org.client_for(org.asisten2)
    client.get(reverse("org:home"))
    with django_assert_num_queries(19):
        client.get(reverse("org:home"))
    for i in range(15):
        unit = make_unit(f"OPD{i}", "agency", coordinator=org.asisten2_unit)
        report_months(make_sub(org, unit), org.admin, [(1, 0), (2, 0)])
    with django_assert_num_queries(19):
        client.get(reverse("org:home"))


def test_the_asisten_sees_per_unit_what_needs_them(org):
    import datetime as dt

    from tuntas.issues import services
    from tuntas.issues.models import Category, Issue
    from tuntas.org.access import Viewer

    reporter = Viewer.of(org.pupr_operator)
    for title in ["Pipa PDAM di badan jalan", "Izin galian belum terbit"]:
        issue = Issue(
            title=title,
            chronology="Kronologi",
            category=Category.objects.get(code="utilitas"),
            first_met_on=dt.date(2026, 11, 2),
            reporting_unit=org.pupr,
        )
        services.issue_create(issue=issue, by=reporter)
        services.issue_submit(issue=issue, by=reporter)
    response = org.client_for(org.asisten2).get(reverse("org:home"))
    pupr = next(u for u in response.context["portfolio"] if u.short_name == "PUPR")
    assert pupr.issue_counts["to_triage"] == 2
    assert pupr.issue_counts["new_this_week"] == 2
    assert (
        next(u for u in response.context["portfolio"] if u.short_name == "PDAM").issue_counts == {}
    )


def test_the_asisten_sees_each_units_deviation_and_the_early_warnings(org):
    from decimal import Decimal

    import time_machine

    from tuntas.plans.tests.kit import at, make_sub, report_months

    m = Decimal(1_000_000)
    with time_machine.travel(at("2026-06-16"), tick=False):
        road = make_sub(org, org.pupr, name="Jalan Lingkar Utara")
        report_months(
            road,
            org.pupr_operator,
            [(2, 0), (5, 30 * m), (10, 70 * m), (18, 140 * m), (16, 200 * m)],
        )
        response = org.client_for(org.asisten2).get(reverse("org:home"))

    pupr = next(u for u in response.context["portfolio"] if u.short_name == "PUPR")
    pdam = next(u for u in response.context["portfolio"] if u.short_name == "PDAM")
    assert (pupr.plan.dev_physical, pupr.plan.dev_financial) == (
        Decimal("-12.00"),
        Decimal("-3.00"),
    )
    assert pupr.plan.status == "red"
    assert pdam.plan is None  # no sub kegiatan this year
    assert [i["warning"].kind for i in response.context["plan_warnings"]][:2] == ["kritis", "red"]
    body = response.content.decode()
    assert 'id="early-warnings"' in body
    assert reverse("plans:detail", args=[road.pk]) in body


def test_an_operator_sees_no_early_warning_card(org):
    response = org.client_for(org.pupr_operator).get(reverse("org:home"))

    assert 'id="early-warnings"' not in response.content.decode()
