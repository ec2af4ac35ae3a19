"""The dependency numbers against the hand-counted data set of `dependency_data`."""

import datetime as dt

import pytest
import time_machine

from tuntas.dashboards.dependency import (
    Edge,
    Period,
    UnitRef,
    dependency_edges,
    dependency_ranking,
    dependency_svg,
    edge_access,
    edge_requests,
)
from tuntas.dashboards.tests.dependency_data import NOW, waits
from tuntas.issues.tests.factories import make_asisten1, viewer
from tuntas.org.access import Access

pytestmark = pytest.mark.django_db

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def data(org):
    return waits(org)


def edges_of(person, period=YEAR, **kwargs):
    return {
        (e.asking.short_name, e.asked.short_name): (e.open, e.overdue)
        for e in dependency_edges(viewer=viewer(person), period=period, **kwargs)
    }


def ranking_of(person, period=YEAR, **kwargs):
    return [
        (x.unit.short_name, x.open, x.overdue, x.waiting_units)
        for x in dependency_ranking(viewer=viewer(person), period=period, **kwargs)
    ]


# --- counting ---------------------------------------------------------------------------------


def test_it_counts_open_and_overdue_requests_per_pair_of_units(org, data):
    assert edges_of(org.walikota) == {
        ("PUPR", "PDAM"): (3, 2),
        ("PUPR", "BPN"): (1, 0),
        ("DINSOS", "PDAM"): (1, 0),
        ("DINSOS", "PUPR"): (1, 1),
        ("DINSOS", "BPN"): (1, 0),
    }


def test_edges_come_heaviest_first(org, data):
    edges = dependency_edges(viewer=viewer(org.walikota), period=YEAR)

    assert [(e.asking.short_name, e.asked.short_name) for e in edges] == [
        ("PUPR", "PDAM"),
        ("DINSOS", "PUPR"),
        ("DINSOS", "BPN"),
        ("DINSOS", "PDAM"),
        ("PUPR", "BPN"),
    ]
    assert edges[0].asking == UnitRef(org.pupr.pk, "PUPR", org.pupr.name)


def test_the_ranking_names_the_most_waited_on_first(org, data):
    assert ranking_of(org.walikota) == [
        ("PDAM", 4, 2, 2),
        ("BPN", 2, 0, 2),
        ("PUPR", 1, 1, 1),
    ]


def test_done_declined_and_requests_of_settled_issues_keep_nobody_waiting(org, data):
    requests = data.requests
    for name in ("late_answer", "late_work", "due_today"):
        requests[name].status = "done"
        requests[name].save()

    assert ("PUPR", "PDAM") not in edges_of(org.walikota)
    assert ranking_of(org.walikota)[0] == ("BPN", 2, 0, 2)


def test_an_answer_or_the_work_due_today_is_not_overdue_yet(org, data):
    day_after = NOW + dt.timedelta(days=1)
    with time_machine.travel(day_after, tick=False):
        later = edges_of(org.walikota)

    assert edges_of(org.walikota)[("PUPR", "BPN")] == (1, 0)
    assert later[("PUPR", "BPN")] == (1, 1)  # answer expected 12 May, still not given
    assert later[("PUPR", "PDAM")] == (3, 3)  # needed by 12 May, still not done
    assert later[("DINSOS", "BPN")] == (1, 0)  # accepted: only the date needed counts


# --- the period -------------------------------------------------------------------------------


def test_the_period_counts_requests_made_on_its_first_and_last_day(org, data):
    new_years_eve = Period(dt.date(2025, 12, 31), dt.date(2025, 12, 31))
    around = Period(dt.date(2025, 12, 31), dt.date(2026, 1, 1))

    assert edges_of(org.walikota, new_years_eve) == {("PUPR", "PDAM"): (1, 1)}
    assert edges_of(org.walikota, around) == {("PUPR", "PDAM"): (1, 1), ("DINSOS", "BPN"): (1, 0)}
    assert edges_of(org.walikota, Period(dt.date(2026, 1, 2), dt.date(2026, 5, 4))) == {
        ("PUPR", "PDAM"): (3, 2),
        ("DINSOS", "PUPR"): (1, 1),
    }


def test_the_default_period_is_the_calendar_year():
    assert Period.year_of(dt.date(2026, 5, 12)) == YEAR


# --- who sees what ----------------------------------------------------------------------------


def test_a_unit_sees_the_edges_of_the_issues_it_may_see(org, data):
    assert edges_of(org.dinsos_operator) == {
        ("DINSOS", "PDAM"): (1, 0),
        ("DINSOS", "PUPR"): (1, 1),
        ("DINSOS", "BPN"): (1, 0),
    }


def test_the_asisten_sees_the_portfolio_and_what_involves_it(org, data):
    # DINSOS is Asisten I's, but asks PDAM and PUPR, which are Asisten II's.
    assert edges_of(org.asisten2) == edges_of(org.walikota)
    asisten1 = make_asisten1(org)
    assert edges_of(asisten1) == {
        ("DINSOS", "PDAM"): (1, 0),
        ("DINSOS", "PUPR"): (1, 1),
        ("DINSOS", "BPN"): (1, 0),
    }


def test_a_partner_sees_only_the_edges_of_its_own_unit(org, data):
    # PDAM may open the road issue, but what BPN is asked there is not PDAM's business.
    assert edges_of(org.pdam_partner) == {("PUPR", "PDAM"): (3, 2), ("DINSOS", "PDAM"): (1, 0)}
    assert ranking_of(org.pdam_partner) == [("PDAM", 4, 2, 2)]
    assert edges_of(org.bpn_partner) == {("PUPR", "BPN"): (1, 0), ("DINSOS", "BPN"): (1, 0)}


def test_a_person_without_a_role_sees_nothing(org, data):
    assert edges_of(org.nobody) == {}
    assert ranking_of(org.nobody) == []


def test_the_asisten_filter_keeps_the_issues_that_asisten_coordinates(org, data):
    assert edges_of(org.walikota, assistant_id=org.asisten1_unit.pk) == {
        ("DINSOS", "PDAM"): (1, 0),
        ("DINSOS", "PUPR"): (1, 1),
        ("DINSOS", "BPN"): (1, 0),
    }
    assert ranking_of(org.walikota, assistant_id=org.asisten2_unit.pk) == [
        ("PDAM", 3, 2, 1),
        ("BPN", 1, 0, 1),
    ]


# --- one edge ---------------------------------------------------------------------------------


def test_an_edge_lists_its_open_requests_overdue_first(org, data):
    rows = edge_requests(
        viewer=viewer(org.walikota), asking_id=org.pupr.pk, asked_id=org.pdam.pk, period=YEAR
    )

    r = data.requests
    assert [x.pk for x in rows] == [r["late_work"].pk, r["late_answer"].pk, r["due_today"].pk]
    assert [x.late for x in rows] == [1, 1, 0]


def test_an_edge_can_list_every_request_of_the_period(org, data):
    rows = edge_requests(
        viewer=viewer(org.walikota),
        asking_id=org.pupr.pk,
        asked_id=org.pdam.pk,
        period=YEAR,
        pending_only=False,
    )

    r = data.requests
    # The request left open on the settled issue is not late: nobody waits on it.
    assert [(x.pk, x.late) for x in rows] == [
        (r["late_work"].pk, 1),
        (r["late_answer"].pk, 1),
        (r["done"].pk, 0),
        (r["left_open"].pk, 0),
        (r["due_today"].pk, 0),
    ]


def test_edge_access_follows_what_the_viewer_may_see(org, data):
    def access(person, asking, asked):
        return edge_access(viewer(person), asking_id=asking.pk, asked_id=asked.pk)

    assert access(org.walikota, org.pupr, org.pdam) == Access.READ
    assert access(org.walikota, org.pdam, org.pupr) == Access.NONE  # nobody asked that way
    assert access(org.pdam_partner, org.pupr, org.pdam) == Access.READ
    assert access(org.pdam_partner, org.pupr, org.bpn) == Access.NONE
    assert access(org.bpn_partner, org.pupr, org.pdam) == Access.NONE
    assert access(org.dinsos_operator, org.dinsos, org.pdam) == Access.READ
    assert access(org.dinsos_operator, org.pupr, org.pdam) == Access.NONE
    assert access(org.nobody, org.pupr, org.pdam) == Access.NONE


# --- the drawing ------------------------------------------------------------------------------


def test_the_graph_links_every_edge_and_marks_the_overdue_ones(org, data):
    edges = dependency_edges(viewer=viewer(org.walikota), period=YEAR)

    svg = dependency_svg(
        edges, edge_url=lambda e: f"/e/{e.asking.pk}/{e.asked.pk}/?a=1&b=2", title="Peta <uji>"
    )

    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<a class="edge"') == 5
    assert f'href="/e/{org.pupr.pk}/{org.pdam.pk}/?a=1&amp;b=2"' in svg
    assert svg.count('class="overdue"') == 2  # PUPR→PDAM and DINSOS→PUPR
    assert 'aria-label="Peta &lt;uji&gt;"' in svg
    assert 'data-unit="PDAM"' in svg


def test_unit_names_are_escaped_in_the_graph():
    evil = UnitRef(1, "<b>X</b>", 'Dinas "X" & <script>')
    other = UnitRef(2, "Y", "Y")

    svg = dependency_svg([Edge(evil, other, 1, 0)], edge_url=lambda e: "/x/", title="t")

    assert "<b>" not in svg and "<script>" not in svg
    assert "&lt;b&gt;X&lt;/b&gt;" in svg
