"""The list of sub kegiatan per unit, with each unit's deviation weighted by pagu."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months, s_curve

pytestmark = pytest.mark.django_db

URL = reverse("plans:list")
PAGU = Decimal("1000000000")
# The S-curve plans 28 % physical and 23 % finance by the end of May.
ON_TRACK = [(2, 0), (5, 30), (10, 70), (18, 140), (28, 230)]


def million(n):
    return Decimal(n) * 1_000_000


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plans(org):
    """PUPR: a road 12 points behind and a bridge on track; PDAM: May not reported."""
    road = make_sub(org, org.pupr, name="Jalan Lingkar Utara")
    report_months(
        road,
        org.pupr_operator,
        [(p, million(f)) for p, f in [*ON_TRACK[:4], (16, 200)]],
    )
    bridge = make_sub(org, org.pupr, pagu=3 * PAGU, name="Jembatan Batang Agam")
    report_months(bridge, org.pupr_operator, [(p, 3 * million(f)) for p, f in ON_TRACK])
    pipes = make_sub(org, org.pdam, name="Jaringan pipa SPAM")
    report_months(pipes, org.pdam_partner, [(p, million(f)) for p, f in ON_TRACK[:4]])
    social = make_sub(org, org.dinsos, name="Bantuan sosial")
    return {"road": road, "bridge": bridge, "pipes": pipes, "social": social}


def groups(response):
    return {g.unit.short_name: g for g in response.context["groups"]}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_the_asisten_sees_the_units_of_the_portfolio(org, plans):
    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 200
    assert set(groups(response)) == {"PUPR", "PDAM"}
    body = response.content.decode()
    assert "Jalan Lingkar Utara" in body
    assert "Bantuan sosial" not in body
    assert response.context["total"] is None  # the city-wide line is for leaders


def test_a_unit_deviation_is_weighted_by_pagu(org, plans):
    pupr = groups(org.client_for(org.asisten2).get(URL))["PUPR"]

    # Road (1 M) is 12 points behind in physical and 3 behind in finance, bridge (3 M) on plan.
    assert pupr.dev_physical == Decimal("-3.00")
    assert pupr.dev_financial == Decimal("-0.75")
    assert pupr.status == "green"
    assert pupr.pagu == 4 * PAGU
    road = next(r for r in pupr.rows if r.sub.name == "Jalan Lingkar Utara")
    assert (road.progress.month, road.progress.dev_physical, road.status) == (
        5,
        Decimal("-12.00"),
        "red",
    )
    assert road.progress.kritis


def test_a_report_missing_after_the_cutoff_shows_as_not_reported(org, plans):
    pdam = groups(org.client_for(org.asisten2).get(URL))["PDAM"]

    assert [r.status for r in pdam.rows] == ["not_reported"]
    assert pdam.missing == 1


def test_it_filters_by_status(org, plans):
    client = org.client_for(org.asisten2)

    red = client.get(URL, {"status": "red"})
    late = client.get(URL, {"status": "not_reported"})

    assert [r.sub.name for g in red.context["groups"] for r in g.rows] == ["Jalan Lingkar Utara"]
    assert [r.sub.name for g in late.context["groups"] for r in g.rows] == ["Jaringan pipa SPAM"]


def test_it_filters_by_unit_and_year(org, plans):
    make_sub(org, org.pupr, year=2025, name="Drainase 2025")
    client = org.client_for(org.asisten2)

    by_unit = client.get(URL, {"unit": org.pdam.pk})
    last_year = client.get(URL, {"year": "2025"})

    assert set(groups(by_unit)) == {"PDAM"}
    assert [r.sub.name for g in last_year.context["groups"] for r in g.rows] == ["Drainase 2025"]
    assert last_year.context["years"] == [2026, 2025]


def test_nonsense_filters_fall_back_to_the_defaults(org, plans):
    response = org.client_for(org.asisten2).get(URL, {"year": "²", "unit": "x", "status": "blue"})

    assert response.status_code == 200
    assert response.context["state"] == {"year": 2026, "unit": None, "status": "blue"}
    assert set(groups(response)) == {"PUPR", "PDAM"}


def test_leaders_see_a_city_wide_total(org, plans):
    response = org.client_for(org.walikota).get(URL)

    total = response.context["total"]
    assert set(groups(response)) == {"PUPR", "PDAM", "DINSOS"}
    # Road -12 on 1 M, bridge 0 on 3 M, pipes 0 on 1 M (April); DINSOS has no report.
    assert total.dev_physical == Decimal("-2.40")
    assert 'id="city-total"' in response.content.decode()


def test_an_operator_sees_only_the_own_unit(org, plans):
    response = org.client_for(org.pupr_operator).get(URL)

    assert set(groups(response)) == {"PUPR"}


def test_a_partner_of_no_unit_with_plans_sees_an_empty_list(org, plans):
    response = org.client_for(org.bpn_partner).get(URL)

    assert response.status_code == 200
    assert response.context["groups"] == []


def test_pagu_is_written_the_indonesian_way(org, plans):
    body = org.client_for(org.asisten2).get(URL).content.decode()

    assert "Rp3.000.000.000" in body


def test_it_pins_its_query_count(org, plans, django_assert_num_queries):
    client = org.client_for(org.walikota)
    client.get(URL)
    with django_assert_num_queries(11):
        client.get(URL)
    for i in range(20):
        sub = make_sub(org, org.dinsos, name=f"Sub {i}", targets=s_curve())
        report_months(sub, org.dinsos_operator, [(1, 0), (3, 0)])
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert len(groups(response)["DINSOS"].rows) == 21
