"""The Excel export of the filtered issue list."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tuntas.issues.tests.viewkit import LONG_AGO, NOW, ask, login_redirect, make_issue

pytestmark = pytest.mark.django_db

URL = reverse("issues:export")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    return book.active


# The columns of the workbook, in order (the headers themselves are translated).
COLUMNS = [
    "number",
    "title",
    "unit",
    "category",
    "urgency",
    "status",
    "level",
    "first_met_on",
    "submitted_on",
    "deadline",
    "overdue",
    "open_requests",
    "settled_on",
    "settled_level",
]
COL = {name: index for index, name in enumerate(COLUMNS, start=1)}


def rows_of(response):
    """Return the data rows as dicts keyed by COLUMNS."""
    values = list(sheet_of(response).iter_rows(values_only=True))
    assert len(values[0]) == len(COLUMNS)
    return [dict(zip(COLUMNS, row, strict=True)) for row in values[1:]]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert login_redirect(client.get(URL), URL)


def test_it_rejects_post(org):
    assert org.client_for(org.asisten2).post(URL).status_code == 405


def test_it_downloads_a_workbook_with_one_row_per_issue(org):
    first = make_issue(org, "submitted", title="Pipa PDAM")
    second = make_issue(org, "in_progress", title="Trotoar rusak")

    response = org.client_for(org.asisten2).get(URL)

    assert response["Content-Disposition"] == 'attachment; filename="permasalahan-20260512.xlsx"'
    rows = rows_of(response)
    assert sorted(r["number"] for r in rows) == sorted([first.reference, second.reference])
    assert {r["title"] for r in rows} == {"Pipa PDAM", "Trotoar rusak"}


def test_the_header_is_in_indonesian_and_bold(org):
    sheet = sheet_of(org.client_for(org.asisten2).get(URL))

    assert [c.value for c in sheet[1]][:3] == ["Nomor", "Judul", "Unit pelapor"]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


def test_dates_are_real_date_cells(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "settled", first_met_on=dt.date(2026, 4, 1))
    make_issue(org, "submitted", first_met_on=dt.date(2026, 5, 4))

    sheet = sheet_of(org.client_for(org.asisten2).get(URL))
    first_met, submitted = COL["first_met_on"], COL["submitted_on"]
    settled, deadline = COL["settled_on"], COL["deadline"]
    cells = {(r, c): sheet.cell(r, c) for r in (2, 3) for c in (first_met, submitted, settled)}

    newest, oldest = 2, 3  # the list is sorted newest first
    assert sheet.cell(newest, first_met).value == dt.datetime(2026, 5, 4)
    assert sheet.cell(newest, submitted).value == dt.datetime(2026, 5, 12)
    assert isinstance(sheet.cell(newest, deadline).value, dt.datetime)
    assert sheet.cell(newest, settled).value is None
    assert sheet.cell(oldest, settled).value == dt.datetime.combine(LONG_AGO.date(), dt.time())
    assert all(c.is_date and c.number_format == "DD/MM/YYYY" for c in cells.values() if c.value)


def test_the_filters_are_honoured(org):
    make_issue(org, "submitted", title="Kritis", urgency="critical")
    make_issue(org, "submitted", title="Biasa", urgency="low")
    in_progress = make_issue(org, "in_progress", title="Pipa bocor")
    ask(org, in_progress)

    client = org.client_for(org.asisten2)

    assert [r["title"] for r in rows_of(client.get(URL, {"urgency": "critical"}))] == ["Kritis"]
    assert [r["title"] for r in rows_of(client.get(URL, {"q": "bocor"}))] == ["Pipa bocor"]
    rows = rows_of(client.get(URL, {"involved": str(org.pdam.pk)}))
    assert [(r["title"], r["open_requests"]) for r in rows] == [("Pipa bocor", 1)]


def test_the_ready_made_view_is_honoured(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "submitted", title="Lama")
    make_issue(org, "submitted", title="Minggu ini")

    rows = rows_of(org.client_for(org.asisten2).get(URL, {"view": "new"}))

    assert [r["title"] for r in rows] == ["Minggu ini"]


def test_overdue_issues_are_marked(org):
    with time_machine.travel(LONG_AGO, tick=False):
        make_issue(org, "submitted", title="Lama")
    make_issue(org, "submitted", title="Baru")

    rows = rows_of(org.client_for(org.asisten2).get(URL))

    assert {r["title"]: r["overdue"] for r in rows} == {"Lama": "ya", "Baru": "tidak"}


def test_an_outsider_exports_nothing_of_other_units(org):
    make_issue(org, "in_progress", title="Jalan PUPR")

    assert rows_of(org.client_for(org.bpn_partner).get(URL)) == []
    assert rows_of(org.client_for(org.dinsos_operator).get(URL)) == []


def test_partners_export_only_what_involves_them(org):
    ask(org, make_issue(org, "in_progress", title="Pipa PDAM"))
    make_issue(org, "in_progress", title="Trotoar")

    rows = rows_of(org.client_for(org.pdam_partner).get(URL))

    assert [r["title"] for r in rows] == ["Pipa PDAM"]


def test_text_typed_by_users_is_never_exported_as_a_formula(org):
    # Excel would run it when the sheet is opened (formula injection).
    make_issue(org, "submitted", title='=HYPERLINK("http://evil.example","Klik")')

    sheet = sheet_of(org.client_for(org.asisten2).get(URL))
    cell = sheet.cell(2, COL["title"])

    assert cell.data_type == "s"


@pytest.mark.parametrize(("name", "value"), [("unit", "99999999999999999999"), ("q", "²")])
def test_odd_numbers_in_the_query_string_are_not_a_crash(org, name, value):
    make_issue(org, "submitted")
    client = org.client_for(org.asisten2)
    client.raise_request_exception = False

    assert client.get(URL, {name: value}).status_code == 200
