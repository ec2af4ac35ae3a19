"""The dependency map page: who may open it, what it shows to whom, filters, query count."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.dependency_data import NOW, ask, waits
from tuntas.issues.models import Category, Issue
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.org.models import Unit
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:dependency")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def data(org):
    return waits(org)


def ranking(response):
    return [
        (x.unit.short_name, x.open, x.overdue, x.waiting_units) for x in response.context["ranking"]
    ]


def edge_keys(response):
    return {(e.asking.short_name, e.asked.short_name) for e, _url in response.context["edges"]}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_a_person_without_a_role_gets_404(org, data):
    assert org.client_for(org.nobody).get(URL).status_code == 404


def test_the_asisten_sees_the_most_waited_on_first_and_the_graph(org, data):
    response = org.client_for(org.asisten2).get(URL)

    assert response.status_code == 200
    assert ranking(response) == [("PDAM", 4, 2, 2), ("BPN", 2, 0, 2), ("PUPR", 1, 1, 1)]
    body = response.content.decode()
    assert 'id="dependency-ranking"' in body
    assert "<svg" in body and 'id="dependency-graph"' in body
    edge = reverse("dashboards:dependency_edge", args=[org.pupr.pk, org.pdam.pk])
    assert f'href="{edge}?start=2026-01-01&amp;end=2026-12-31"' in body
    assert 'data-edge="PUPR-PDAM"' in body
    assert 'value="2026-01-01"' in body and 'value="2026-12-31"' in body


def test_a_partner_sees_only_the_edges_of_its_unit(org, data):
    response = org.client_for(org.pdam_partner).get(URL)

    assert response.status_code == 200
    assert ranking(response) == [("PDAM", 4, 2, 2)]
    assert edge_keys(response) == {("PUPR", "PDAM"), ("DINSOS", "PDAM")}
    assert "BPN" not in response.content.decode()


def test_a_unit_sees_what_its_own_issues_wait_for(org, data):
    response = org.client_for(org.dinsos_operator).get(URL)

    assert edge_keys(response) == {("DINSOS", "PDAM"), ("DINSOS", "PUPR"), ("DINSOS", "BPN")}


def test_the_period_and_asisten_filters(org, data):
    client = org.client_for(org.sekda)

    response = client.get(URL, {"start": "2025-12-31", "end": "2025-12-31"})
    assert ranking(response) == [("PDAM", 1, 1, 1)]

    response = client.get(URL, {"assistant": str(org.asisten1_unit.pk)})
    assert edge_keys(response) == {("DINSOS", "PDAM"), ("DINSOS", "PUPR"), ("DINSOS", "BPN")}
    body = response.content.decode()
    assert f'<option value="{org.asisten1_unit.pk}" selected>' in body
    assert f"assistant={org.asisten1_unit.pk}" in body  # the edge links keep the filter


def test_unreadable_filters_fall_back_to_this_year_and_every_asisten(org, data):
    response = org.client_for(org.sekda).get(
        URL, {"start": "kemarin", "end": "2026-02-30", "assistant": "²"}
    )

    filters = response.context["filters"]
    assert (filters.period.start, filters.period.end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert filters.assistant_id is None
    assert len(ranking(response)) == 3


@pytest.mark.parametrize("end", ["9999-12-31", "0001-01-01"])
def test_dates_beyond_any_calendar_year_fall_back_too(org, data, end):
    response = org.client_for(org.sekda).get(URL, {"start": end, "end": end})

    assert response.status_code == 200
    period = response.context["filters"].period
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_a_period_given_backwards_is_turned_around(org, data):
    response = org.client_for(org.sekda).get(URL, {"start": "2026-05-04", "end": "2026-01-02"})

    period = response.context["filters"].period
    assert (period.start, period.end) == (dt.date(2026, 1, 2), dt.date(2026, 5, 4))


def test_an_empty_period_says_so(org, data):
    response = org.client_for(org.sekda).get(URL, {"start": "2024-01-01", "end": "2024-12-31"})

    body = response.content.decode()
    assert 'id="dependency-empty"' in body
    assert "<svg" not in body.split('id="dependency-empty"')[0].split("page-body")[-1]


def test_the_nav_links_to_the_map(org, data):
    body = org.client_for(org.kadis_pupr).get(reverse("org:home")).content.decode()

    assert f'href="{URL}"' in body


def test_it_pins_its_query_count_whatever_the_number_of_edges(org, data, django_assert_num_queries):
    client = org.client_for(org.asisten2)
    client.get(URL)  # warm the session and the language

    with django_assert_num_queries(QUERIES):
        first = client.get(URL)
    # Twenty more units asking PDAM, each its own edge.
    for n in range(20):
        unit = make_unit(f"UNIT-{n}", Unit.Kind.AGENCY, coordinator=org.asisten2_unit)
        issue = Issue.objects.create(
            title=f"Masalah {n}",
            chronology="Kronologi.",
            category=Category.objects.get(code="utilitas"),
            first_met_on=NOW.date(),
            reporting_unit=unit,
            reported_by=org.kadis_pupr,
            coordinator=org.asisten2_unit,
            status=Issue.Status.IN_PROGRESS,
            submitted_at=NOW,
        )
        ask(issue, org.pdam, org.kadis_pupr, respond_by="2026-05-20", due_on="2026-05-30", made=NOW)
    with django_assert_num_queries(QUERIES):
        second = client.get(URL)

    assert len(second.context["edges"]) == len(first.context["edges"]) + 20


QUERIES = 9
