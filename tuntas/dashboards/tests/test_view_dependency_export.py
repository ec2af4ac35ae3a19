"""The dependency map as XLSX: the most waited-on units and the edges, as the page counts them."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.dependency import dependency_edges, dependency_ranking
from tuntas.dashboards.tests.dependency_data import NOW, ask, day, waits
from tuntas.dashboards.tests.exportkit import book_of, english, header_of, values_of
from tuntas.issues.models import Category, Issue
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.org.access import Viewer
from tuntas.org.models import Unit
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:dependency_xlsx")
PAGE = reverse("dashboards:dependency")
SHEETS = ["Most waited on", "Who waits on whom"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def data(org):
    return waits(org)


def download(client, **params):
    book = book_of(client.get(URL, params))
    return [values_of(sheet) for sheet in book.worksheets]


# --- who may download it ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_a_person_without_a_role_gets_404(org, data):
    assert org.client_for(org.nobody).get(URL).status_code == 404


def test_a_partner_gets_only_the_edges_of_its_unit_as_on_the_page(org, data):
    ranking, edges = download(org.client_for(org.pdam_partner))

    assert ranking == [[1, "PDAM", "Perumda Air Minum Tirta Sago", 4, 2, 2]]
    assert {(row[0], row[1]) for row in edges} == {("PUPR", "PDAM"), ("DINSOS", "PDAM")}


# --- the file ----------------------------------------------------------------------------------


def test_the_file_is_named_after_the_map_and_the_day(org, data):
    response = org.client_for(org.asisten2).get(URL)

    book_of(response)
    assert response["Content-Disposition"] == (
        'attachment; filename="peta-ketergantungan-20260512.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_most_waited_on_come_first_then_the_edges(org, data):
    client = org.client_for(english(org.walikota))

    book = book_of(client.get(URL))

    assert book.sheetnames == SHEETS
    ranking, edges = book.worksheets
    assert ranking["A1"].value == "Dependency map: Most waited on"
    assert edges["A1"].value == "Dependency map: Who waits on whom"
    assert header_of(ranking) == [
        "No.",
        "Short name",
        "Unit",
        "Open requests",
        "Overdue requests",
        "Units waiting on it",
    ]
    assert values_of(ranking) == [
        [1, "PDAM", "Perumda Air Minum Tirta Sago", 4, 2, 2],
        [2, "BPN", "Kantor Pertanahan Kota Payakumbuh", 2, 0, 2],
        [3, "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 1, 1, 1],
    ]
    assert header_of(edges) == ["Asking unit", "Asked unit", "Open requests", "Overdue requests"]
    # Hand-counted in dependency_data: most open first, then most overdue, then by name.
    assert values_of(edges) == [
        ["PUPR", "PDAM", 3, 2],
        ["DINSOS", "PUPR", 1, 1],
        ["DINSOS", "BPN", 1, 0],
        ["DINSOS", "PDAM", 1, 0],
        ["PUPR", "BPN", 1, 0],
    ]
    for sheet in book.worksheets:
        assert all(isinstance(c.value, int) for c in sheet[4][-2:])
        assert all(c.number_format == "0" for c in sheet[4][-2:])


def test_the_line_above_says_who_exported_it_and_the_filters(org, data):
    client = org.client_for(english(org.sekda))

    book = book_of(client.get(URL, {"assistant": org.asisten1_unit.pk, "end": "2026-06-30"}))

    line = book.worksheets[0]["A2"].value
    assert line == (
        "Exported on 12/05/2026 10:00 by Rida Ananda, S.STP., M.Si.; "
        "Requests made 01/01/2026 – 30/06/2026; "  # noqa: RUF001
        "Coordinating assistant: Asisten Pemerintahan dan Kesejahteraan Rakyat"
    )
    assert book.worksheets[1]["A2"].value == line


# --- the filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"start": "2025-12-31", "end": "2025-12-31"},
        {"start": "2026-05-01", "end": "2026-05-31"},
        {"assistant": "asisten1"},
        {"assistant": "asisten2", "start": "2026-04-01"},
        {"start": "kemarin", "end": "2026-02-30"},  # unreadable: this year, as on the page
    ],
)
def test_the_rows_are_those_the_page_counts_for_the_same_filters(org, data, params):
    if "assistant" in params:
        params = {**params, "assistant": getattr(org, f"{params['assistant']}_unit").pk}
    viewer = Viewer.of(org.sekda)
    page = org.client_for(org.sekda).get(PAGE, params)
    period, assistant = page.context["filters"].period, page.context["filters"].assistant_id

    ranking, edges = download(org.client_for(org.sekda), **params)

    loads = dependency_ranking(viewer=viewer, period=period, assistant_id=assistant)
    assert ranking == [
        [n, x.unit.short_name, x.unit.name, x.open, x.overdue, x.waiting_units]
        for n, x in enumerate(loads, start=1)
    ]
    assert [[x.unit.short_name, x.open] for x in page.context["ranking"]] == [
        row[1:4:2] for row in ranking
    ]
    found = dependency_edges(viewer=viewer, period=period, assistant_id=assistant)
    assert edges == [[e.asking.short_name, e.asked.short_name, e.open, e.overdue] for e in found]
    assert len(edges) == len(page.context["edges"])


def test_the_period_and_the_asisten_narrow_the_file(org, data):
    client = org.client_for(org.sekda)

    ranking, _edges = download(client, start="2025-12-31", end="2025-12-31")
    assert ranking == [[1, "PDAM", "Perumda Air Minum Tirta Sago", 1, 1, 1]]

    _ranking, edges = download(client, assistant=org.asisten1_unit.pk)
    assert {(row[0], row[1]) for row in edges} == {
        ("DINSOS", "PDAM"),
        ("DINSOS", "PUPR"),
        ("DINSOS", "BPN"),
    }


def test_an_empty_period_gives_the_headers_only(org, data):
    book = book_of(org.client_for(org.sekda).get(URL, {"start": "2024-01-01", "end": "2024-12-31"}))

    assert [values_of(sheet) for sheet in book.worksheets] == [[], []]
    assert all(header_of(sheet)[0] for sheet in book.worksheets)


# --- the page's button -------------------------------------------------------------------------


def test_the_map_links_to_the_file_with_its_filters(org, data):
    client = org.client_for(org.asisten2)

    plain = client.get(PAGE).content.decode()
    query = f"start=2026-02-01&amp;assistant={org.asisten2_unit.pk}"
    filtered = client.get(PAGE, {"start": "2026-02-01", "assistant": org.asisten2_unit.pk})

    assert f'href="{URL}" class="btn" id="export-xlsx"' in plain
    assert f'href="{URL}?{query}" class="btn" id="export-xlsx"' in filtered.content.decode()


# --- speed -----------------------------------------------------------------------------------


def test_it_pins_its_query_count_whatever_the_number_of_edges(org, data, django_assert_num_queries):
    # Session, person, roles; the Asisten to filter by; the portfolio; the ranking; the edges.
    client = org.client_for(org.asisten2)
    client.get(URL)  # warm the session and the language

    with django_assert_num_queries(QUERIES):
        first = download(client)
    for n in range(20):
        unit = make_unit(f"UNIT-{n}", Unit.Kind.AGENCY, coordinator=org.asisten2_unit)
        issue = Issue.objects.create(
            title=f"Masalah {n}",
            chronology="Kronologi.",
            category=Category.objects.get(code="utilitas"),
            first_met_on=day("2026-05-01"),
            reporting_unit=unit,
            reported_by=org.kadis_pupr,
            coordinator=org.asisten2_unit,
            status=Issue.Status.IN_PROGRESS,
            submitted_at=NOW,
        )
        ask(issue, org.pdam, org.kadis_pupr, respond_by="2026-05-20", due_on="2026-05-30", made=NOW)
    with django_assert_num_queries(QUERIES):
        second = download(client)

    assert len(second[1]) == len(first[1]) + 20


QUERIES = 7
