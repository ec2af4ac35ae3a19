"""Excel tables with real types: dates, rupiah and counts as numbers, text never a formula."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tuntas.lib.xlsx import (
    SAMPLE_ROWS,
    Column,
    Kind,
    XlsxBook,
    XlsxTable,
    cell_value,
    table_xlsx,
)

WIB = ZoneInfo("Asia/Jakarta")
COLUMNS = [
    Column("Judul"),
    Column("Jumlah", Kind.INTEGER),
    Column("Pagu", Kind.MONEY),
    Column("Fisik (%)", Kind.PERCENT),
    Column("Deviasi", Kind.DECIMAL, number_format="+0.00;-0.00;0.00"),
    Column("Tanggal", Kind.DATE),
    Column("Waktu", Kind.DATETIME),
]
ROW = [
    "Jalan Lingkar Utara",
    3,
    Decimal("1250000000.00"),
    Decimal("45.50"),
    Decimal("-12.25"),
    dt.date(2026, 5, 4),
    dt.datetime(2026, 5, 12, 3, 0, tzinfo=dt.UTC),
]


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_each_kind_gets_its_cell_type_and_format():
    sheet = sheet_of(table_xlsx(COLUMNS, [ROW], sheet_title="Uji"))
    title, count, pagu, physical, deviation, day, moment = sheet[2]

    assert (title.value, title.data_type) == ("Jalan Lingkar Utara", "s")
    assert (count.value, count.number_format) == (3, "0")
    assert isinstance(count.value, int)
    assert (pagu.value, pagu.number_format) == (1250000000, '"Rp"#,##0')
    assert (physical.value, physical.number_format) == (45.5, "0.00")
    assert (deviation.value, deviation.number_format) == (-12.25, "+0.00;-0.00;0.00")
    assert day.is_date and day.number_format == "DD/MM/YYYY"
    assert day.value == dt.datetime(2026, 5, 4)
    # Excel has no time zones: the moment is written in Payakumbuh's time (03.00 UTC = 10.00 WIB).
    assert moment.is_date and moment.number_format == "DD/MM/YYYY HH:MM"
    assert moment.value == dt.datetime(2026, 5, 12, 10, 0)


def test_the_header_is_bold_frozen_and_filtered():
    sheet = sheet_of(table_xlsx(COLUMNS, [ROW, ROW], sheet_title="Uji"))

    assert sheet.title == "Uji"
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G3"


def test_title_lines_come_above_the_header():
    content = table_xlsx(
        COLUMNS, [ROW], sheet_title="Uji", title_lines=["Rencana tindak lanjut", "Filter: PUPR"]
    )
    sheet = sheet_of(content)

    assert sheet["A1"].value == "Rencana tindak lanjut"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "Filter: PUPR"
    assert sheet["A3"].value == "Judul"
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:G4"


def test_empty_values_leave_empty_cells():
    sheet = sheet_of(table_xlsx(COLUMNS, [[None, None, None, None, None, None, ""]]))

    assert [c.value for c in sheet[2]] == [None] * len(COLUMNS)


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","Klik")', "+62 812", "-5 poin", "@SUM(A1)"]
)
def test_text_is_never_a_formula(text):
    sheet = sheet_of(table_xlsx([Column("Judul")], [[text]]))

    assert sheet["A2"].value == text
    assert sheet["A2"].data_type == "s"


def test_control_characters_pasted_by_users_are_dropped():
    sheet = sheet_of(table_xlsx([Column("Kronologi")], [["Pipa\x0b bocor\x00"]]))

    assert sheet["A2"].value == "Pipa bocor"


def test_an_18_digit_nip_stays_text_in_a_text_column():
    sheet = sheet_of(table_xlsx([Column("NIP")], [[197005152000031002]]))

    assert sheet["A2"].value == "197005152000031002"


def test_text_columns_grow_with_their_content_within_bounds():
    columns = [Column("A"), Column("Uraian"), Column("Pagu", Kind.MONEY), Column("X", width=7)]
    rows = [["ab", "x" * 200, Decimal(1), "y"]]
    sheet = sheet_of(table_xlsx(columns, rows))
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]

    assert widths == [12, 60, 19, 7]


def test_a_long_table_is_written_past_the_sample():
    table = XlsxTable([Column("No", Kind.INTEGER)], sheet_title="Panjang")
    for number in range(SAMPLE_ROWS + 50):
        table.append([number])
    sheet = sheet_of(table.to_bytes())

    assert table.rows == SAMPLE_ROWS + 50
    assert sheet.max_row == SAMPLE_ROWS + 51
    assert sheet.cell(SAMPLE_ROWS + 51, 1).value == SAMPLE_ROWS + 49


def test_an_empty_table_still_has_its_header():
    sheet = sheet_of(table_xlsx(COLUMNS, []))

    assert sheet.max_row == 1
    assert sheet["A1"].value == "Judul"


def test_sheet_names_are_cut_to_what_excel_accepts():
    sheet = sheet_of(
        table_xlsx([Column("A")], [], sheet_title="Rekap: permasalahan/tindak lanjut 2026")
    )

    assert sheet.title == "Rekap permasalahantindak lanjut"


def test_a_row_must_match_the_columns():
    table = XlsxTable(COLUMNS)

    with pytest.raises(ValueError):
        table.append(["terlalu sedikit"])


@pytest.mark.parametrize(
    ("kind", "value"),
    [(Kind.MONEY, "1.250.000"), (Kind.MONEY, True), (Kind.DATE, "2026-05-04"), (Kind.DATETIME, 5)],
)
def test_a_value_of_the_wrong_kind_is_refused(kind, value):
    with pytest.raises(TypeError):
        cell_value(kind, value)


def test_a_naive_datetime_is_written_as_it_is_and_a_date_column_takes_a_moment_s_day():
    naive = dt.datetime(2026, 5, 12, 9, 30, 15)
    evening_utc = dt.datetime(2026, 5, 12, 20, 0, tzinfo=dt.UTC)  # already 13 May in WIB

    assert cell_value(Kind.DATETIME, naive) == dt.datetime(2026, 5, 12, 9, 30, 15)
    assert cell_value(Kind.DATE, evening_utc) == dt.date(2026, 5, 13)
    assert cell_value(Kind.DATETIME, dt.date(2026, 5, 4)) == dt.datetime(2026, 5, 4)


def test_a_footer_comes_bold_under_the_rows_and_outside_the_filter():
    table = XlsxTable([Column("Unit"), Column("Jumlah", Kind.INTEGER)], title_lines=["Rekap"])
    table.extend([["PUPR", 2], ["PDAM", 3]])
    table.set_footer(["Total", 5])
    sheet = sheet_of(table.to_bytes())

    assert [c.value for c in sheet[5]] == ["Total", 5]
    assert all(c.font.bold for c in sheet[5])
    assert sheet["B5"].number_format == "0"
    assert not sheet["A4"].font.bold
    assert sheet.auto_filter.ref == "A2:B4"


def test_a_written_table_takes_no_more_rows():
    table = XlsxTable([Column("A")])
    table.to_bytes()

    with pytest.raises(ValueError):
        table.append(["late"])
    with pytest.raises(ValueError):
        table.set_footer(["late"])


def test_a_book_holds_a_typed_table_per_sheet_in_order():
    book = XlsxBook()
    first = book.add_table(COLUMNS, sheet_title="Pertama", title_lines=["Satu", "Filter"])
    second = book.add_table([Column("Pekan", Kind.DATE)], sheet_title="Kedua")
    second.append([dt.date(2026, 5, 10)])
    first.append(ROW)
    for number in range(SAMPLE_ROWS + 1):
        second.append([dt.date(2026, 5, 10) + dt.timedelta(days=number)])
    loaded = load_workbook(io.BytesIO(book.to_bytes()))

    assert loaded.sheetnames == ["Pertama", "Kedua"]
    one, two = loaded["Pertama"], loaded["Kedua"]
    assert one["A1"].value == "Satu" and one["A3"].value == "Judul"
    assert one["C4"].value == 1250000000 and one["C4"].number_format == '"Rp"#,##0'
    assert one.auto_filter.ref == "A3:G4"
    assert two.max_row == SAMPLE_ROWS + 3
    assert two["A2"].is_date and two["A2"].value == dt.datetime(2026, 5, 10)
    assert two.auto_filter.ref == f"A1:A{SAMPLE_ROWS + 3}"


def test_a_book_needs_a_table():
    with pytest.raises(ValueError):
        XlsxBook().to_bytes()
