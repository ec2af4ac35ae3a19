"""The 12-month grid of cumulative targets, entered by the unit."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import field_errors, login_redirect, messages_of
from tuntas.plans.tests.kit import NOW, make_sub, report

pytestmark = pytest.mark.django_db

PHYSICAL = [0, 0, 5, 10, 20, 35, 50, 65, 80, 90, 97, 100]
FINANCE = [
    "0", "0", "50.000.000", "100.000.000", "200.000.000", "350.000.000", "500.000.000",
    "650.000.000", "800.000.000", "900.000.000", "970.000.000", "1.000.000.000",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sub(org):
    return make_sub(org, targets=None)


def url(sub):
    return reverse("plans:targets", args=[sub.pk])


def grid(sub, **changes):
    data = {"version": sub.version}
    for month in range(1, 13):
        data[f"physical_{month}"] = str(PHYSICAL[month - 1])
        data[f"financial_{month}"] = FINANCE[month - 1]
    data.update(changes)
    return data


def saved(sub):
    return [(t.month, t.physical_pct, t.financial) for t in sub.targets.order_by("month")]


def test_anonymous_visitors_are_sent_to_the_login_page(client, sub):
    assert login_redirect(client.get(url(sub)), url(sub))


@pytest.mark.parametrize("persona", ["dinsos_operator", "pdam_partner", "nobody"])
def test_outsiders_get_404(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 404
    assert client.post(url(sub), grid(sub)).status_code == 404


@pytest.mark.parametrize("persona", ["asisten2", "bagekonomi_staff", "sekda", "walikota"])
def test_readers_get_403(org, sub, persona):
    client = org.client_for(getattr(org, persona))

    assert client.get(url(sub)).status_code == 403
    assert client.post(url(sub), grid(sub)).status_code == 403
    assert saved(sub) == []


def test_it_rejects_put(org, sub):
    assert org.client_for(org.pupr_operator).put(url(sub)).status_code == 405


def test_the_grid_has_two_inputs_a_month(org, sub):
    response = org.client_for(org.pupr_operator).get(url(sub))

    body = response.content.decode()
    assert response.status_code == 200
    for month in range(1, 13):
        assert f'name="physical_{month}"' in body
        assert f'name="financial_{month}"' in body
    assert 'inputmode="decimal"' in body


@pytest.mark.parametrize("persona", ["pupr_operator", "kadis_pupr", "admin"])
def test_the_unit_saves_its_targets(org, sub, persona):
    response = org.client_for(getattr(org, persona)).post(url(sub), grid(sub))

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[sub.pk])
    assert saved(sub)[2] == (3, Decimal("5.00"), Decimal("50000000.00"))
    assert saved(sub)[11] == (12, Decimal("100.00"), Decimal("1000000000.00"))
    assert len(messages_of(response)) == 1


def test_indonesian_numbers_are_read(org, sub):
    data = grid(sub, physical_3="5,25", financial_3="Rp50.000.000,50")

    org.client_for(org.pupr_operator).post(url(sub), data)

    assert saved(sub)[2] == (3, Decimal("5.25"), Decimal("50000000.50"))


def test_the_saved_targets_are_shown_the_indonesian_way(org):
    sub = make_sub(org)  # the S-curve: March 10 %, 7 % of 1 M

    body = org.client_for(org.pupr_operator).get(url(sub)).content.decode()

    assert 'name="physical_3" value="10"' in body
    assert 'name="financial_3" value="70.000.000"' in body


def test_a_month_lower_than_the_one_before_is_refused_next_to_it(org, sub):
    data = grid(sub, physical_6="15")

    response = org.client_for(org.pupr_operator).post(url(sub), data)

    assert response.status_code == 200
    assert len(field_errors(response, "physical_6")) == 1
    assert 'name="physical_6" value="15"' in response.content.decode()
    assert 'name="financial_4" value="100.000.000"' in response.content.decode()
    assert saved(sub) == []


def test_finance_above_the_pagu_is_refused(org, sub):
    response = org.client_for(org.pupr_operator).post(
        url(sub), grid(sub, financial_12="1.000.000.001")
    )

    assert len(field_errors(response, "financial_12")) == 1
    assert saved(sub) == []


@pytest.mark.parametrize("typed", ["sepuluh", "1250000.5", "12..5"])
def test_what_is_not_a_number_is_explained(org, sub, typed):
    response = org.client_for(org.pupr_operator).post(url(sub), grid(sub, financial_4=typed))

    assert response.status_code == 200
    assert len(field_errors(response, "financial_4")) == 1
    assert f'name="financial_4" value="{typed}"' in response.content.decode()


def test_an_empty_month_is_required(org, sub):
    response = org.client_for(org.pupr_operator).post(url(sub), grid(sub, physical_2=""))

    assert field_errors(response, "physical_2") == ["Bidang ini tidak boleh kosong."]


def test_a_stale_grid_never_overwrites_a_newer_plan(org, sub):
    client = org.client_for(org.pupr_operator)
    opened = grid(sub)
    client.post(url(sub), opened)
    report(sub, 1, 0, 0, org.pupr_operator)

    response = client.post(url(sub), {**opened, "physical_12": "99"})

    assert response.status_code == 200
    assert "diubah oleh orang lain" in response.content.decode()
    assert saved(sub)[11][1] == Decimal("100.00")
