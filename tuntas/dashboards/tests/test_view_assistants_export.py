"""The Asisten side by side as XLSX: the leaders' cards as rows, typed, for the leaders only."""

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.exports import DEVIATION_FORMAT
from tuntas.dashboards.table_exports import PERCENT_FORMAT, SHARE_FORMAT
from tuntas.dashboards.tests.exportkit import (
    HEADER_ROW,
    book_of,
    english,
    header_of,
    plain,
    values_of,
)
from tuntas.dashboards.tests.home_data import seed_homes
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.plans.tests.kit import NOW, make_sub, report_months
from tuntas.testing.personas import make_unit

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:assistants_xlsx")
HOME = reverse("org:home")
# Roles whose home has no Asisten side by side (with the admin and the role-less).
NO_CARD = ["asisten2", "bagekonomi_staff", "kadis_pupr", "pupr_operator", "pdam_partner"]
HEADER = [
    "Asisten",
    "Short name",
    "Units",
    "Open issues",
    "Overdue issues",
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
    "Settled at OPD or Asisten level, this year",
    "At OPD or Asisten",
    "Settled",
]


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
    assert org.client_for(org.sekda).post(URL).status_code == 405


@pytest.mark.parametrize("persona", [*NO_CARD, "admin", "nobody"])
def test_whoever_does_not_see_the_asisten_side_by_side_gets_404(org, homes, persona):
    person = getattr(org, persona)

    home = org.client_for(person).get(HOME).content.decode()

    assert "leader-home" not in home
    assert org.client_for(person).get(URL).status_code == 404


def test_the_sekda_and_the_wali_kota_get_the_same_rows(org, homes):
    sekda = download(org, english(org.sekda))
    walikota = download(org, english(org.walikota))

    assert values_of(sekda) == values_of(walikota)
    assert len(values_of(sekda)) == 2


# --- the file ----------------------------------------------------------------------------------


def test_the_file_is_named_after_the_comparison_and_the_day(org, homes):
    response = org.client_for(org.sekda).get(URL)

    book_of(response)
    assert response["Content-Disposition"] == (
        'attachment; filename="perbandingan-asisten-20260616.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_sheet_names_the_table_and_who_exported_it(org, homes):
    sheet = download(org, english(org.walikota))

    assert sheet.title == "The Asisten side by side"
    assert sheet["A1"].value == "The Asisten side by side"
    assert sheet["A2"].value == f"Exported on 16/06/2026 10:00 by {org.walikota.full_name}"


def test_a_row_per_asisten_worked_by_hand(org, homes):
    sheet = download(org, english(org.walikota))

    assert header_of(sheet) == HEADER
    one, two = org.asisten1_unit, org.asisten2_unit
    # Asisten I: DINSOS's issue waiting for triage, its overdue action item, its social aid on
    # track, nothing settled. Asisten II: PUPR's four open issues, PDAM's overdue request and
    # action item, the road 12 points behind, one issue settled at Asisten level.
    assert values_of(sheet) == [
        [one.name, "ASISTEN1", 1, 1, 0, 0, 1, 28, 28, 0, 23, 23, 0, "Green", 1, 0, None, 0, 0],
        [two.name, "ASISTEN2", 2, 4, 1, 1, 1, 28, 16, -12, 23, 23, 0, "Red", 1, 0, 100, 1, 1],
    ]


def test_counts_are_integers_and_percentages_numbers_with_a_percent_sign(org, homes):
    sheet = download(org, english(org.walikota))

    row = HEADER_ROW + 2  # Asisten II
    counts = [sheet.cell(row, column) for column in (3, 4, 5, 6, 7, 15, 16, 18, 19)]
    assert all(isinstance(c.value, int) and c.number_format == "0" for c in counts)
    for column in (8, 9, 11, 12):  # targets and realisations
        cell = sheet.cell(row, column)
        assert isinstance(cell.value, int | float) and cell.number_format == PERCENT_FORMAT
    for column in (10, 13):  # deviations, in points
        assert sheet.cell(row, column).number_format == DEVIATION_FORMAT
    assert sheet.cell(row, 17).number_format == SHARE_FORMAT
    assert sheet.cell(row, 14).data_type == "s"
    assert sheet.auto_filter.ref == "A3:S5"


def test_it_holds_the_homes_cards_for_the_same_data(org, homes):
    seed_homes(org)  # more of everything: the counts differ from the single story
    client = org.client_for(english(org.sekda))
    cards = client.get(HOME).context["leader"]["assistants"]

    def row(a):
        s, fig = a.stats, a.stats.figures
        figures = (
            [None] * 6
            if fig is None
            else [
                fig.target_physical,
                fig.real_physical,
                fig.progress.dev_physical,
                fig.target_financial,
                fig.real_financial,
                fig.progress.dev_financial,
            ]
        )
        share = s.settled_low
        return [
            a.name,
            a.portfolio_size,
            s.open,
            s.overdue,
            s.late_requests,
            s.late_actions,
            *figures,
            share.percent,
            share.numerator,
            share.denominator,
        ]

    rows = values_of(book_of(client.get(URL)).worksheets[0])

    found = [[r[0], *r[2:13], *r[16:]] for r in rows]
    assert plain(found) == plain([row(a) for a in cards])
    assert rows[1][3] == 8  # Asisten II's open issues, twice the story


# --- the card's button -----------------------------------------------------------------------


def test_the_leaders_home_links_to_the_file(org, homes):
    body = org.client_for(org.walikota).get(HOME).content.decode()

    assert f'href="{URL}" class="btn btn-sm" id="export-assistants"' in body
    assert reverse("dashboards:portfolio_xlsx") not in body


# --- speed -----------------------------------------------------------------------------------


def test_it_pins_its_query_count(org, homes, django_assert_num_queries):
    # Session, person, roles; the policy of the overdue rule; the issues per Asisten; each
    # unit's Asisten today; overdue requests and action items; the work-plan rules, sub
    # kegiatan, targets and realisations; the Asisten. No menu or page to render.
    client = org.client_for(org.sekda)
    client.get(URL)  # warm the working-day calendar's cache, as a running server has it
    with django_assert_num_queries(QUERIES):
        book_of(client.get(URL))
    seed_homes(org)
    for i in range(5):
        unit = make_unit(f"OPD{i}", "agency", coordinator=org.asisten2_unit)
        report_months(make_sub(org, unit), org.admin, [(1, 0), (2, 0)])
    with django_assert_num_queries(QUERIES):
        sheet = book_of(client.get(URL)).worksheets[0]
    assert values_of(sheet)[1][2] == 7  # Asisten II: PUPR, PDAM and five new units


QUERIES = 13
