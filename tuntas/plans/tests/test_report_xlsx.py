"""The monthly realisation report as an Excel workbook."""

import io

import pytest
import time_machine
from django.utils import translation
from openpyxl import load_workbook

from tuntas.plans.reports import report_xlsx
from tuntas.plans.tests.kit import at, make_sub, report
from tuntas.plans.tests.test_report_rows import reported_march

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Labels are checked in English, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def march(org):
    return reported_march(org)


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def row_named(sheet, name: str) -> int:
    for row in sheet.iter_rows(min_col=3, max_col=3):
        if row[0].value == name:
            return row[0].row
    raise AssertionError(f"no row named {name!r}")


def test_it_has_a_merged_two_row_header_and_frozen_panes(march):
    sheet = sheet_of(report_xlsx(year=2026, month=3, scope="Semua unit"))
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"E5:G5", "H5:K5", "A5:A6", "C5:C6", "L5:L6"} <= merged
    assert sheet["E5"].value == "Physical (%)"
    assert sheet["H5"].value == "Finance"
    assert [sheet.cell(6, c).value for c in range(5, 12)] == [
        "Target",
        "Realisation",
        "Deviation",
        "Target (Rp)",
        "Realisation (Rp)",
        "Realisation (%)",
        "Deviation",
    ]
    assert sheet["A2"].value == "March 2026"
    assert sheet["A3"].value == "Semua unit"
    assert sheet.freeze_panes == "D7"


def test_money_and_percentages_are_numbers(march):
    sheet = sheet_of(report_xlsx(year=2026, month=3))
    row = row_named(sheet, "Pembangunan Jalan")
    assert sheet.cell(row, 2).value == "1.03.10.2.01.0053"
    pagu = sheet.cell(row, 4)
    assert pagu.value == 1000000000
    assert pagu.number_format == '"Rp"#,##0'
    assert [sheet.cell(row, c).value for c in range(5, 12)] == [
        40,
        28,
        -12,
        300000000,
        250000000,
        25,
        -5,
    ]
    assert sheet.cell(row, 5).number_format == "0.00"
    assert sheet.cell(row, 9).number_format == '"Rp"#,##0'
    assert sheet.cell(row, 7).number_format == "+0.00;-0.00;0.00"


def test_the_status_cell_is_coloured_and_unit_rows_are_bold(march):
    sheet = sheet_of(report_xlsx(year=2026, month=3))
    red = sheet.cell(row_named(sheet, "Pembangunan Jalan"), 12)
    assert red.value == "Red, kontrak kritis"
    assert red.fill.fgColor.rgb == "00FFC7CE"
    green = sheet.cell(row_named(sheet, "Pemeliharaan Rutin Jalan"), 12)
    assert green.fill.fgColor.rgb == "00C6EFCE"
    yellow = sheet.cell(row_named(sheet, "Penyediaan Permakanan"), 12)
    assert yellow.fill.fgColor.rgb == "00FFEB9C"
    late = sheet.cell(row_named(sheet, "Penyaluran Bantuan Sosial"), 12)
    assert late.value == "Not reported"
    unit = row_named(sheet, march.pupr.name)
    assert sheet.cell(unit, 3).font.b
    assert sheet.cell(unit, 4).value == 4000000000
    assert sheet.cell(unit, 5).value == 25
    assert sheet.cell(unit, 6).value == 22.75
    assert not sheet.cell(row_named(sheet, "Pembangunan Jalan"), 3).font.b
    total = row_named(sheet, "Total")
    assert sheet.cell(total, 4).value == 4750000000
    assert sheet.cell(total, 5).value == 25.56


def test_typed_text_never_becomes_a_formula(org):
    with time_machine.travel(at("2026-02-20"), tick=False):
        sub = make_sub(org, name='=HYPERLINK("http://evil.example","klik")', code="=1+1")
        report(sub, 1, "2", "0", org.pupr_operator)
    sheet = sheet_of(report_xlsx(year=2026, month=1))
    cell = sheet.cell(row_named(sheet, '=HYPERLINK("http://evil.example","klik")'), 3)
    assert cell.data_type == "s"
    assert sheet.cell(cell.row, 2).data_type == "s"


def test_an_empty_report_still_opens(db):
    sheet = sheet_of(report_xlsx(year=2026, month=3))
    assert sheet["A1"].value == "PHYSICAL AND FINANCIAL REALISATION REPORT"
    assert sheet.cell(row_named(sheet, "Total"), 4).value == 0
