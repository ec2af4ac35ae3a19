"""The Asisten's table of OPDs as XLSX: the home's rows and total, typed, for the card's readers."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.exports import DEVIATION_FORMAT
from tuntas.dashboards.table_exports import PERCENT_FORMAT
from tuntas.dashboards.tests.exportkit import (
    HEADER_ROW,
    book_of,
    english,
    header_of,
    plain,
    values_of,
)
from tuntas.dashboards.tests.home_data import asisten1, seed_homes
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:portfolio_xlsx")
HOME = reverse("org:home")
HEADER = [
    "Unit",
    "Short name",
    "Head of unit",
    "Open issues",
    "Overdue issues",
    "Waiting for triage",
    "Escalation proposed",
    "Overdue requests",
    "Overdue action items",
    "Physical target (%)",
    "Physical realisation (%)",
    "Physical deviation",
    "Financial target (%)",
    "Financial realisation (%)",
    "Financial deviation",
    "Status",
    "Sub kegiatan",
    "Not reported",
]
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"
PDAM = "Perumda Air Minum Tirta Sago"


@pytest.fixture
def homes(org):
    # A Tuesday in June: May is the last reported month (home_data tells the story).
    with time_machine.travel(NOW, tick=False):
        yield seed_homes(org)


def download(org, person):
    return book_of(org.client_for(person).get(URL)).worksheets[0]


# --- who may download it ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


@pytest.mark.parametrize(
    "persona",
    ["sekda", "walikota", "kadis_pupr", "pupr_operator", "pdam_partner", "admin", "nobody"],
)
def test_whoever_has_no_opd_table_on_their_home_gets_404(org, homes, persona):
    person = getattr(org, persona)

    home = org.client_for(person).get(HOME).content.decode()

    assert 'id="portfolio"' not in home
    assert org.client_for(person).get(URL).status_code == 404


def test_the_bagian_staff_get_their_asistens_table(org, homes):
    asisten = download(org, english(org.asisten2))
    bagian = download(org, english(org.bagekonomi_staff))

    assert values_of(bagian) == values_of(asisten)
    # The Bagian acts for its Asisten, whom the file names.
    assert bagian["A2"].value.endswith(
        "by Rini Oktavia, S.E.; Asisten: Asisten Perekonomian dan Pembangunan"
    )


def test_the_asisten_i_gets_only_their_own_units(org, homes):
    sheet = download(org, english(asisten1(org)))

    assert [row[1] for row in values_of(sheet)] == ["DINSOS", None]


# --- the file ----------------------------------------------------------------------------------


def test_the_file_is_named_after_the_table_and_the_day(org, homes):
    response = org.client_for(org.asisten2).get(URL)

    book_of(response)
    assert response["Content-Disposition"] == 'attachment; filename="opd-asisten-20260616.xlsx"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_sheet_names_the_table_who_exported_it_and_whose_units(org, homes):
    sheet = download(org, english(org.asisten2))

    assert sheet.title == "Units you coordinate"
    assert sheet["A1"].value == "Units you coordinate"
    assert sheet["A2"].value == (
        f"Exported on 16/06/2026 10:00 by {org.asisten2.full_name}; "
        "Asisten: Asisten Perekonomian dan Pembangunan"
    )


def test_a_row_per_unit_and_the_total_worked_by_hand(org, homes):
    sheet = download(org, english(org.asisten2))

    assert header_of(sheet) == HEADER
    head = org.kadis_pupr.full_name
    # PUPR: four open issues, one overdue, one to triage, one proposed for escalation; its road
    # 16 against 28 (red). PDAM: the overdue request and the overdue action item.
    assert values_of(sheet) == [
        [PUPR, "PUPR", head, 4, 1, 1, 1, 0, 0, 28, 16, -12, 23, 23, 0, "Red", 1, 0],
        [PDAM, "PDAM", None, 0, 0, 0, 0, 1, 1, None, None, None, None, None, None, None, 0, 0],
        ["Total", None, None, 4, 1, 1, 1, 1, 1, 28, 16, -12, 23, 23, 0, "Red", 1, 0],
    ]


def test_counts_are_integers_and_percentages_numbers_with_a_percent_sign(org, homes):
    sheet = download(org, english(org.asisten2))

    row = HEADER_ROW + 1
    counts = [sheet.cell(row, column) for column in range(4, 10)]
    assert all(isinstance(c.value, int) and c.number_format == "0" for c in counts)
    for column in (10, 11, 13, 14):  # targets and realisations
        cell = sheet.cell(row, column)
        assert isinstance(cell.value, int | float) and cell.number_format == PERCENT_FORMAT
    for column in (12, 15):  # deviations, in points
        assert sheet.cell(row, column).number_format == DEVIATION_FORMAT
    assert sheet.cell(row, 16).data_type == "s"
    # The total is a bold footer, outside the filter so that sorting leaves it last.
    assert all(c.font.bold for c in sheet[HEADER_ROW + 3])
    assert sheet.auto_filter.ref == "A3:R5"


def test_it_holds_the_homes_rows_for_the_same_data(org, homes):
    seed_homes(org)  # more of everything: the counts differ from the single story
    client = org.client_for(english(org.asisten2))
    home = client.get(HOME).context["coordinator"]

    def figures(fig):
        if fig is None:
            return [None] * 6
        progress = fig.progress
        return [
            fig.target_physical,
            fig.real_physical,
            progress.dev_physical,
            fig.target_financial,
            fig.real_financial,
            progress.dev_financial,
        ]

    def counts(c, late_requests, late_actions):
        return [c.get(k, 0) for k in ("open", "overdue", "to_triage", "proposed")] + [
            late_requests,
            late_actions,
        ]

    expected = [
        [u.name, *counts(u.issue_counts, u.late_requests, u.late_actions), *figures(u.figures)]
        for u in home["portfolio"]
    ]
    total = home["portfolio_total"]
    expected.append(
        [
            "Total",
            *counts(total, total["late_requests"], total["late_actions"]),
            *figures(total["figures"]),
        ]
    )

    rows = values_of(book_of(client.get(URL)).worksheets[0])

    assert plain([[row[0], *row[3:15]] for row in rows]) == plain(expected)
    assert rows[0][3:5] == [8, 2]  # PUPR, twice the story


def test_an_empty_portfolio_still_has_its_header_and_a_zero_total(org):
    # Asisten I's portfolio holds DINSOS only; with the unit inactive, nothing remains.
    org.dinsos.is_active = False
    org.dinsos.save(update_fields=["is_active"])

    sheet = download(org, english(asisten1(org)))

    assert header_of(sheet) == HEADER
    assert values_of(sheet) == [["Total", None, None, 0, 0, 0, 0, 0, 0] + [None] * 7 + [0, 0]]


# --- the card's button -----------------------------------------------------------------------


def test_the_opd_table_on_the_home_links_to_the_file(org, homes):
    body = org.client_for(org.asisten2).get(HOME).content.decode()

    assert f'href="{URL}" class="btn btn-sm" id="export-portfolio"' in body
    assert reverse("dashboards:assistants_xlsx") not in body


# --- speed -----------------------------------------------------------------------------------


def test_it_pins_its_query_count(org, homes, django_assert_num_queries):
    # Session, person, roles; the portfolio and its heads; the policy of the overdue rule and
    # the issue counts; sub kegiatan, targets and realisations, with the work-plan rules read
    # as the home reads them (for the plan, the warnings and the total row); overdue requests
    # and action items. No menu or page to render.
    client = org.client_for(org.asisten2)
    client.get(URL)  # warm the working-day calendar's cache, as a running server has it
    with django_assert_num_queries(QUERIES):
        book_of(client.get(URL))
    seed_homes(org)
    for i in range(5):
        unit = make_unit(f"OPD{i}", "agency", coordinator=org.asisten2_unit)
        report_months(make_sub(org, unit), org.admin, [(1, 0), (2, 0)])
    with django_assert_num_queries(QUERIES):
        sheet = book_of(client.get(URL)).worksheets[0]
    assert len(values_of(sheet)) == 8


QUERIES = 15
