"""A unit's S-curve: its sub kegiatan weighted by pagu, for whoever may see them."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months

pytestmark = pytest.mark.django_db

M = Decimal(1_000_000)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def subs(org):
    road = make_sub(org, pagu=1000 * M)  # S-curve: March 10 %, 7 % of pagu
    bridge = make_sub(
        org,
        pagu=3000 * M,
        name="Rehabilitasi Jembatan",
        targets={m: (Decimal(m * 5), 100 * M * m) for m in range(1, 13)},
    )
    report_months(road, org.pupr_operator, [(2, 0), (5, 30 * M), (10, 70 * M)])
    report_months(bridge, org.pupr_operator, [(5, 100 * M), (10, 200 * M), (12, 300 * M)])
    return road, bridge


def url(unit, year=None):
    base = reverse("plans:unit", args=[unit.pk])
    return f"{base}?year={year}" if year else base


def test_anonymous_visitors_are_sent_to_the_login_page(client, org, subs):
    assert login_redirect(client.get(url(org.pupr)), url(org.pupr))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "bpn_partner", "nobody"])
def test_outsiders_get_404(org, subs, persona):
    assert org.client_for(getattr(org, persona)).get(url(org.pupr)).status_code == 404


def test_a_unit_without_sub_kegiatan_is_404(org, subs):
    assert org.client_for(org.admin).get(url(org.dinsos)).status_code == 404


def test_it_rejects_post(org, subs):
    assert org.client_for(org.pupr_operator).post(url(org.pupr)).status_code == 405


@pytest.mark.parametrize("persona", ["pupr_operator", "kadis_pupr", "asisten2", "sekda", "admin"])
def test_the_curve_is_weighted_by_pagu(org, subs, persona):
    response = org.client_for(getattr(org, persona)).get(url(org.pupr))

    assert response.status_code == 200
    march = response.context["months"][2]
    # Physical target (10*1000 + 15*3000) / 4000, realised (10*1000 + 12*3000) / 4000;
    # finance (70 + 300) M of 4000 M, both planned and spent.
    assert march.target_physical == Decimal("13.75")
    assert march.real_physical == Decimal("11.50")
    assert march.target_financial_pct == Decimal("9.25")
    assert march.real_financial_pct == Decimal("9.25")
    assert response.context["months"][3].real_physical is None  # April not reported
    body = response.content.decode()
    assert 'data-series="real-physical"' in body
    assert "Rehabilitasi Jembatan" in body and "Pembangunan Jalan Lingkar Utara" in body


def test_another_year_shows_no_curve(org, subs):
    response = org.client_for(org.admin).get(url(org.pupr, 2020))

    assert response.status_code == 200
    assert response.context["chart"] is None


def test_the_list_links_each_unit_to_its_curve(org, subs):
    body = org.client_for(org.asisten2).get(reverse("plans:list")).content.decode()

    assert f'href="{url(org.pupr)}?year=2026"' in body


@pytest.mark.parametrize("count", [2, 10])
def test_it_pins_its_query_count(org, count, django_assert_num_queries):
    for number in range(count):
        sub = make_sub(org, name=f"Sub kegiatan {number}", pptk=org.pupr_operator)
        report_months(sub, org.pupr_operator, [(2, 0), (5, 30 * M)])
    client = org.client_for(org.asisten2)
    client.get(url(org.pupr))
    with django_assert_num_queries(11):
        response = client.get(url(org.pupr))
    assert len(response.context["group"].rows) == count
