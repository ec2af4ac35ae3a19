"""Early warnings of the sub kegiatan a person follows, grouped per unit."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months

pytestmark = pytest.mark.django_db

URL = reverse("plans:warnings")
M = Decimal(1_000_000)
ON_TRACK = [(2, 0), (5, 30 * M), (10, 70 * M), (18, 140 * M), (28, 230 * M)]
# 12 points behind in May while 28 % was planned: red and kontrak kritis.
BEHIND = [*ON_TRACK[:4], (16, 200 * M)]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plans(org):
    road = make_sub(org, org.pupr, name="Jalan Lingkar Utara")
    report_months(road, org.pupr_operator, BEHIND)
    pipes = make_sub(org, org.pdam, name="Jaringan pipa SPAM")
    report_months(pipes, org.pdam_partner, ON_TRACK[:4])  # May missing after 10 June
    social = make_sub(org, org.dinsos, name="Bantuan sosial")
    report_months(social, org.dinsos_operator, BEHIND)
    return {"road": road, "pipes": pipes, "social": social}


def warnings_of(response):
    return {
        (g["unit"].short_name, item["warning"].sub.name, item["warning"].kind)
        for g in response.context["groups"]
        for item in g["warnings"]
    }


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_the_asisten_sees_the_warnings_of_the_portfolio(org, plans):
    response = org.client_for(org.asisten2).get(URL)

    found = warnings_of(response)
    assert ("PUPR", "Jalan Lingkar Utara", "red") in found
    assert ("PUPR", "Jalan Lingkar Utara", "kritis") in found
    assert ("PDAM", "Jaringan pipa SPAM", "not_reported") in found
    assert not any(unit == "DINSOS" for unit, _name, _kind in found)
    assert [g["unit"].short_name for g in response.context["groups"]] == ["PUPR", "PDAM"]


def test_the_gravest_warning_comes_first(org, plans):
    response = org.client_for(org.asisten2).get(URL)

    pupr = response.context["groups"][0]
    assert [i["warning"].kind for i in pupr["warnings"]][:2] == ["kritis", "red"]


def test_each_warning_offers_to_become_an_issue(org, plans):
    response = org.client_for(org.asisten2).get(URL)

    body = response.content.decode()
    assert reverse("plans:issue_from", args=[plans["road"].pk]) in body
    assert 'name="kind" value="kritis"' in body
    assert all(i["can_open_issue"] for g in response.context["groups"] for i in g["warnings"])


def test_leaders_see_every_unit_but_do_not_open_issues(org, plans):
    response = org.client_for(org.walikota).get(URL)

    assert {unit for unit, _name, _kind in warnings_of(response)} == {"PUPR", "PDAM", "DINSOS"}
    assert reverse("plans:issue_from", args=[plans["road"].pk]) not in response.content.decode()


def test_an_operator_sees_the_own_unit(org, plans):
    response = org.client_for(org.pupr_operator).get(URL)

    assert {unit for unit, _name, _kind in warnings_of(response)} == {"PUPR"}


def test_nothing_to_warn_about_is_said(org):
    response = org.client_for(org.bpn_partner).get(URL)

    assert response.status_code == 200
    assert response.context["groups"] == []


def test_it_pins_its_query_count(org, plans, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(URL)
    with django_assert_num_queries(10):
        client.get(URL)
    for i in range(10):
        report_months(make_sub(org, org.pupr, name=f"Ruas {i}"), org.pupr_operator, BEHIND)
    with django_assert_num_queries(10):
        response = client.get(URL)
    assert len(response.context["groups"][0]["warnings"]) > 20
