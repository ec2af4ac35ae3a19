"""The measures page as XLSX: a typed sheet per table, the page's numbers, filters and access."""

import datetime as dt
from collections.abc import Mapping, Sequence

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.measures import MeasureFilter, Measures, measures_compute
from tuntas.dashboards.table_exports import MONTH_FORMAT, PERCENT_FORMAT, SHARE_FORMAT
from tuntas.dashboards.tests.exportkit import book_of, header_of, plain, values_of
from tuntas.dashboards.tests.measures_kit import NOW, build_city
from tuntas.dashboards.tests.test_view_measures import grow
from tuntas.issues.models import Category
from tuntas.issues.tests.viewkit import login_redirect
from tuntas.org.access import Viewer

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:measures_xlsx")
PAGE = reverse("dashboards:measures")
MAY = {"start": "2026-05-01", "end": "2026-05-31"}
SHEETS = [
    "Measures",
    "Trend",
    "Settle by level",
    "Settle by category",
    "Settle by unit",
    "Open per week",
    "Ageing",
    "Requests",
    "Action items",
    "Realisation per unit",
    "Realisation, all units",
]
D = dt.date


def midnight(day: dt.date) -> dt.datetime:
    """A date as openpyxl reads a date cell back."""
    return dt.datetime.combine(day, dt.time.min)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city(org):
    return build_city(org)


@pytest.fixture
def sekda(org):
    """The Sekda, reading in English so that the sheets have their English names."""
    org.sekda.language = "en"
    org.sekda.save(update_fields=["language"])
    return org.sekda


def download(client, **params):
    return book_of(client.get(URL, params))


# --- who may download it ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.sekda).post(URL).status_code == 405


def test_partners_get_404(org, city):
    assert org.client_for(org.pdam_partner).get(URL).status_code == 404
    assert org.client_for(org.bpn_partner).get(URL, MAY).status_code == 404


def test_a_person_without_a_role_gets_404(org):
    assert org.client_for(org.nobody).get(URL).status_code == 404


def test_each_reader_gets_the_measures_of_the_issues_they_see(org, city):
    # As on the page: Dinas Sosial sees only its issue C, settled at Asisten level.
    book = download(org.client_for(org.dinsos_operator), **MAY)

    assert values_of(book.worksheets[0])[0][1:5] == [100, None, 1, 1]


# --- the file ----------------------------------------------------------------------------------


def test_the_file_is_named_after_the_page_and_the_day(org, city):
    response = org.client_for(org.sekda).get(URL, MAY)

    book_of(response)
    assert response["Content-Disposition"] == 'attachment; filename="ukuran-kinerja-20260602.xlsx"'
    assert response["Cache-Control"] == "private, no-store"


def test_it_has_a_sheet_per_table_of_the_page(org, city, sekda):
    book = download(org.client_for(sekda), **MAY)

    assert book.sheetnames == SHEETS


def test_each_sheet_names_its_table_who_exported_it_and_the_filters(org, city, sekda):
    lahan = Category.objects.get(code="lahan")
    params = {**MAY, "coordinator": org.asisten2_unit.pk, "unit": org.pupr.pk}
    book = download(org.client_for(sekda), **params, category=lahan.pk)

    assert book["Measures"]["A1"].value == "Measures of coordination"
    assert book["Requests"]["A1"].value == "Measures of coordination: Requests per asked unit"
    line = book["Ageing"]["A2"].value
    assert line == (
        "Exported on 02/06/2026 10:00 by Rida Ananda, S.STP., M.Si.; From: 01/05/2026; "
        "To: 31/05/2026; Asisten: Asisten Perekonomian dan Pembangunan; "
        "Unit: Dinas Pekerjaan Umum dan Penataan Ruang; Category: Lahan"
    )
    assert all(sheet["A2"].value == line for sheet in book.worksheets)


# --- the numbers, worked by hand (measures_kit) ---------------------------------------------


def test_the_headline_measures(org, city, sekda):
    sheet = download(org.client_for(sekda), **MAY)["Measures"]

    assert header_of(sheet) == ["Measure", "Percent", "Working days", "Count", "Out of"]
    assert values_of(sheet) == [
        ["Settled at OPD or Asisten level", 60, None, 3, 5],
        ["Time to settle, median", None, 1, 5, None],
        ["Time to settle, 90th percentile", None, 15, 5, None],
        ["Time to surface, median", None, 2, 9, None],
        ["Open issues (at the end of 31/05/2026)", None, None, 5, None],
        ["Requests answered on time", 71.4, None, 5, 7],
        ["Action items done on time", 40, None, 2, 5],
    ]
    assert sheet["B4"].number_format == SHARE_FORMAT
    assert isinstance(sheet["C5"].value, int) and sheet["C5"].number_format == "0"


def test_time_to_settle_per_level_category_and_unit(org, city, sekda):
    book = download(org.client_for(sekda), **MAY)

    assert header_of(book["Settle by level"]) == [
        "Level",
        "Settled",
        "Median",
        "P90",
        "At OPD or Asisten",
    ]
    assert values_of(book["Settle by level"]) == [
        ["OPD", 1, 1, 1, 100],
        ["Asisten", 2, 0, 2, 100],
        ["Sekda", 1, 1, 1, 0],
        ["Kepala Daerah", 1, 15, 15, 0],
    ]
    categories = {row[0]: row[1:] for row in values_of(book["Settle by category"])}
    assert categories == {
        "Utilitas (air, listrik, telekomunikasi)": [2, 0, 2, 100],
        "Lahan": [2, 1, 15, 50],
        "Perizinan": [1, 1, 1, 0],
    }
    assert values_of(book["Settle by unit"]) == [
        ["Dinas Pekerjaan Umum dan Penataan Ruang", 4, 1, 15, 50],
        ["Dinas Sosial", 1, 2, 2, 100],
    ]
    assert book["Settle by unit"]["E4"].number_format == SHARE_FORMAT


def test_the_backlog_per_week_and_the_ageing(org, city, sekda):
    book = download(org.client_for(sekda), **MAY)

    weeks = book["Open per week"]
    assert header_of(weeks) == ["Week ending", "Open issues"]
    assert values_of(weeks) == [
        [midnight(D(2026, 5, 3)), 1],
        [midnight(D(2026, 5, 10)), 4],
        [midnight(D(2026, 5, 17)), 5],
        [midnight(D(2026, 5, 24)), 4],
        [midnight(D(2026, 5, 31)), 5],
    ]
    assert weeks["A4"].is_date and weeks["A4"].number_format == "DD/MM/YYYY"
    ageing = book["Ageing"]
    assert ageing["A1"].value == "Measures of coordination: Open issues by age on 31/05/2026"
    assert values_of(ageing) == [
        ["0\u20135", 2],
        ["6\u201310", 1],
        ["11\u201320", 1],
        ["21\u201340", 0],
        ["41 or more", 1],
        ["Total", 5],
    ]
    # The total is a bold footer, outside the filter so that sorting leaves it last.
    assert ageing["A9"].font.bold
    assert ageing.auto_filter.ref == "A3:B8"


def test_requests_and_action_items_per_unit_with_their_totals(org, city, sekda):
    book = download(org.client_for(sekda), **MAY)

    requests = book["Requests"]
    assert header_of(requests) == [
        "Asked unit",
        "Due",
        "On time",
        "Late",
        "Not yet due",
        "No longer needed",
        "Share on time",
        "Overdue on 31/05/2026",
    ]
    # PDAM: R4 is moot (its issue was settled before the answer was due).
    assert values_of(requests) == [
        ["Kantor Pertanahan Kota Payakumbuh", 3, 2, 1, 0, 0, 66.7, 1],
        ["Perumda Air Minum Tirta Sago", 5, 3, 1, 0, 1, 75, 2],
        ["Total", 8, 5, 2, 0, 1, 71.4, 3],
    ]
    assert requests["G4"].number_format == SHARE_FORMAT
    items = book["Action items"]
    assert header_of(items)[0] == "Unit" and len(header_of(items)) == 7
    assert values_of(items) == [
        ["Perumda Air Minum Tirta Sago", 2, 0, 2, 0, 0, 3],
        ["Dinas Pekerjaan Umum dan Penataan Ruang", 3, 2, 1, 0, 66.7, 0],
        ["Total", 5, 2, 3, 0, 40, 3],
    ]


def test_realisation_per_unit_and_of_all_units_per_month(org, city, sekda):
    book = download(org.client_for(sekda), **MAY)

    units = book["Realisation per unit"]
    assert units["A1"].value == "Measures of coordination: Realisation against target, 2026"
    assert header_of(units) == [
        "Unit",
        "Month",
        "Pagu (Rp)",
        "Physical target (%)",
        "Physical realisation (%)",
        "Physical deviation",
        "Financial target (%)",
        "Financial realisation (Rp)",
        "Financial realisation (%)",
        "Financial deviation",
        "Status",
        "Sub kegiatan",
        "Counted",
    ]
    may = midnight(D(2026, 5, 1))
    assert values_of(units) == [
        [
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            may,
            400_000_000,
            47.5,
            45,
            -2.5,
            30,
            80_000_000,
            20,
            -10,
            "Yellow",
            2,
            2,
        ],
        ["Dinas Sosial", may, 200_000_000, 60, 45, -15, 50, 50_000_000, 25, -25, "Red", 1, 1],
    ]
    month, pagu, target, *_rest = units[4][1:]
    assert month.is_date and month.number_format == MONTH_FORMAT
    assert pagu.number_format == '"Rp"#,##0' and isinstance(pagu.value, int)
    assert target.number_format == PERCENT_FORMAT
    assert units["F4"].number_format == "+0.00;-0.00;0.00"
    city_wide = book["Realisation, all units"]
    assert values_of(city_wide) == [
        [may, 600_000_000, 51.67, 45, -6.67, 36.67, 130_000_000, 21.67, -15, "Red", 3, 3]
    ]


def test_the_trend_per_month(org, city, sekda):
    book = download(org.client_for(sekda), start="2026-04-01", end="2026-05-31")

    trend = book["Trend"]
    assert header_of(trend) == [
        "Month",
        "At OPD or Asisten",
        "Settled",
        "Median to settle",
        "P90 to settle",
        "Reported",
        "Median to surface",
        "Open at month end",
    ]
    rows = values_of(trend)
    assert [row[0] for row in rows] == [midnight(D(2026, 4, 1)), midnight(D(2026, 5, 1))]
    assert rows[1][1:4] == [60, 5, 1]  # May: 3 of 5 low, median 1
    assert trend["A4"].number_format == MONTH_FORMAT
    # Two months of realisation, per unit and of all units.
    assert len(values_of(book["Realisation per unit"])) == 4
    assert len(values_of(book["Realisation, all units"])) == 2


# --- the numbers are the page's, whatever the filter ------------------------------------------


def plain_sheets(
    sheets: Mapping[str, Sequence[Sequence[object]]],
) -> dict[str, list[list[object]]]:
    """Every sheet's numbers as floats (see exportkit.plain)."""
    return {name: plain(rows) for name, rows in sheets.items()}


def expected(m: Measures) -> dict[str, list[list[object]]]:
    """What each sheet must hold (the status and counted columns aside), from the service."""

    def follow(rows, total, moot):
        def line(name, r):
            counts = [r.due, r.on_time, r.late, r.pending, *([r.moot] if moot else [])]
            return [name, *counts, r.share.percent, r.overdue]

        return [line(r.unit_name, r) for r in rows] + ([line("Total", total)] if rows else [])

    def settle(groups):
        return [
            [g.label, g.durations.count, g.durations.median, g.durations.p90, g.settled_low.percent]
            for g in groups
        ]

    def real(month):
        line = month.line
        return [
            midnight(month.day),
            line.pagu,
            line.target_physical,
            line.real_physical,
            line.dev_physical,
            line.target_financial_pct,
            line.real_financial,
            line.real_financial_pct,
            line.dev_financial,
        ]

    return plain_sheets(
        {
            "Trend": [
                [
                    midnight(t.start),
                    t.settled_low.percent,
                    t.settle.count,
                    t.settle.median,
                    t.settle.p90,
                    t.submitted,
                    t.surface.median,
                    t.open_at_end,
                ]
                for t in m.trend
            ],
            "Settle by level": settle(m.settle.by_level),
            "Settle by category": settle(m.settle.by_category),
            "Settle by unit": settle(m.settle.by_unit),
            "Open per week": [[midnight(w.day), w.open] for w in m.backlog.weeks],
            "Ageing": [[b.count] for b in m.backlog.ageing] + [[m.backlog.open]],
            "Requests": follow(m.requests.rows, m.requests.total, moot=True),
            "Action items": follow(m.action_items.rows, m.action_items.total, moot=False),
            "Realisation per unit": [
                [u.unit.name, *real(month)] for u in m.realisation.units for month in u.months
            ],
            "Realisation, all units": [real(month) for month in m.realisation.city],
        }
    )


def read(book) -> dict[str, list[list[object]]]:
    found = {name: values_of(book[name]) for name in SHEETS[1:]}
    found["Ageing"] = [row[1:] for row in found["Ageing"]]
    found["Realisation per unit"] = [row[:10] for row in found["Realisation per unit"]]
    found["Realisation, all units"] = [row[:9] for row in found["Realisation, all units"]]
    return plain_sheets(found)


@pytest.mark.parametrize(
    "choose",
    [
        lambda org: {},
        lambda org: {"coordinator": org.asisten1_unit.pk},
        lambda org: {"coordinator": org.asisten2_unit.pk},
        lambda org: {"unit": org.pdam.pk},
        lambda org: {"unit": org.dinsos.pk},
        lambda org: {"category": Category.objects.get(code="lahan").pk},
    ],
    ids=["everything", "asisten-1", "asisten-2", "pdam", "dinsos", "lahan"],
)
def test_every_sheet_holds_what_the_page_computes_for_the_same_filter(org, city, sekda, choose):
    chosen = choose(org)
    flt = MeasureFilter(
        start=D(2026, 4, 1),
        end=D(2026, 5, 31),
        coordinator_id=chosen.get("coordinator"),
        unit_id=chosen.get("unit"),
        category_id=chosen.get("category"),
    )
    m = measures_compute(viewer=Viewer.of(sekda), flt=flt)

    book = download(org.client_for(sekda), start="2026-04-01", end="2026-05-31", **chosen)

    assert read(book) == expected(m)
    headline = values_of(book["Measures"])[0]
    percent = m.headline.percent
    assert headline[1:] == [
        None if percent is None else float(percent),
        None,
        m.headline.numerator,
        m.headline.denominator,
    ]


def test_the_filters_narrow_the_file_as_they_narrow_the_page(org, city, sekda):
    client = org.client_for(sekda)
    lahan = Category.objects.get(code="lahan").pk

    def headline(**params):
        return values_of(download(client, **MAY, **params)["Measures"])[0][3:]

    # The same counts test_view_measures reads from the page.
    assert headline() == [3, 5]
    assert headline(coordinator=org.asisten1_unit.pk) == [1, 1]
    assert headline(unit=org.dinsos.pk) == [1, 1]
    assert headline(category=lahan) == [1, 2]


def test_a_wrong_filter_gives_the_measures_the_page_shows_instead(org, city, sekda):
    book = download(org.client_for(sekda), start="2026-05-31", end="2026-05-01")

    # The page falls back to this year to date, and says so; the file says which period it has.
    assert "From: 01/01/2026; To: 02/06/2026" in book["Measures"]["A2"].value
    assert values_of(book["Measures"])[0][3:] == [4, 7]


def test_an_empty_selection_still_has_every_sheet_and_header(org, sekda):
    book = download(org.client_for(sekda), **MAY)

    assert book.sheetnames == SHEETS
    assert values_of(book["Requests"]) == []
    assert values_of(book["Settle by level"]) == []
    assert header_of(book["Realisation per unit"])[0] == "Unit"


# --- the page's button -------------------------------------------------------------------------


def test_the_page_links_to_the_file_with_its_filters(org, city):
    client = org.client_for(org.sekda)

    unfiltered = client.get(PAGE).content.decode()
    filtered = client.get(PAGE, {**MAY, "unit": org.pupr.pk}).content.decode()

    assert f'href="{URL}" class="btn" id="export-xlsx"' in unfiltered
    query = f"start=2026-05-01&amp;end=2026-05-31&amp;unit={org.pupr.pk}"
    assert f'href="{URL}?{query}" class="btn" id="export-xlsx"' in filtered


# --- speed -----------------------------------------------------------------------------------


def test_it_pins_its_query_count(org, city, django_assert_num_queries):
    # Session, person, roles, portfolio; the Asisten checked; settled issues (by month, category,
    # unit), surfaced issues, open issues (starts, ends, open at the end), requests, action items;
    # work-plan rules, sub kegiatan, targets, realisations.
    # No menu, letterhead or choices to render.
    client = org.client_for(org.asisten2)
    params = {**MAY, "coordinator": org.asisten2_unit.pk}
    client.get(URL, params)  # warm the working-day calendar's cache, as a running server has it
    with django_assert_num_queries(QUERIES):
        download(client, **params)
    grow(org, 30)
    with django_assert_num_queries(QUERIES):
        book = download(client, **params)
    assert values_of(book.worksheets[0])[0][4] > 5


QUERIES = 18
