"""The monthly recap as files: the PDF (kop surat, Indonesian, text as typed) and the XLSX."""

import datetime as dt
import io

import pytest
import time_machine
from django.utils import translation
from openpyxl import load_workbook

from tuntas.dashboards.measures import Share
from tuntas.dashboards.recap import recap_build
from tuntas.dashboards.recap_files import (
    HEADER_ROW,
    days_text,
    measure_lines,
    percent_text,
    recap_pdf,
    recap_xlsx,
)
from tuntas.dashboards.tests.recap_kit import NOW, build_city
from tuntas.documents import render
from tuntas.documents.tests import samples
from tuntas.meetings.tests.kit import pdf_text
from tuntas.org.access import Viewer

pytestmark = pytest.mark.django_db

# Every character that means something in Typst markup or code.
MARKUP = r"Rapat #1 $x$ *tebal* _miring_ @ref <lbl> [kurung] \ `kode` #eval(1+1) // = judul"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def city(org):
    return build_city(org)


def may(person, asisten=None):
    return recap_build(viewer=Viewer.of(person), year=2026, month=5, asisten=asisten)


def squash(text):
    # Lines wrap wherever the layout needs; compare text without any whitespace.
    return "".join(text.split())


def english_book(recap):
    with translation.override("en"):
        return load_workbook(io.BytesIO(recap_xlsx(recap, made_by="made by the test")))


def rows(sheet, first=HEADER_ROW):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=first)]


# --- words ----------------------------------------------------------------------------------


def test_numbers_in_words_follow_the_language():
    with translation.override("en"):
        assert percent_text(Share(2, 3)) == "66.7%"
        assert days_text(1) == "1 working day"
        assert days_text(16) == "16 working days"
    with translation.override("id"):
        assert percent_text(Share(2, 3)) == "66,7%"
    assert percent_text(Share(0, 0)) == "—"
    assert days_text(None) == "—"


def test_the_measure_lines(org, city):
    with translation.override("en"):
        lines = {line.key: line for line in measure_lines(may(org.sekda, org.asisten2_unit))}

    assert (lines["headline"].value, lines["headline"].basis) == (
        "66.7%",
        "2 of 3 issues settled in the month",
    )
    assert lines["settle_median"].value == "6 working days"
    assert lines["settle_p90"].days == 16
    assert lines["surface"].value == "1 working day"
    assert lines["requests"].basis == "3 of 4 requests due in the month"
    assert (lines["overdue_requests"].count, lines["overdue_action_items"].count) == (2, 2)


# --- PDF ------------------------------------------------------------------------------------


def test_the_pdf_of_the_asisten(org, city):
    text = pdf_text(recap_pdf(may(org.asisten2, org.asisten2_unit), viewer=Viewer.of(org.asisten2)))

    for phrase in (
        # The kop of the Setda the Asisten signs under.
        "PEMERINTAH KOTA PAYAKUMBUH",
        "SEKRETARIAT DAERAH",
        "Pos-el setda@payakumbuhkota.go.id",
        # The month, in Indonesian whatever the reader's language.
        "Mei 2026",
        "Minggu, 31 Mei 2026",
        "66,7%",
        "75,0%",
        # Overdue at month end, with their dates.
        f"{city.issues['E'].reference} E: Pembebasan lahan Jalan",
        "Jumat, 15 Mei 2026",
        "Siapkan dokumen appraisal",
        "Kamis, 30 April 2026",
        # The decisions of the month's final minutes.
        "Selasa, 12 Mei 2026 · Rakor Asisten II Mei 2026",
        "1. Pembebasan lahan Jalan Lingkar Utara",
        "a. BPN mengukur ulang bidang tanah.",
        "b. PUPR menyiapkan dokumen appraisal.",
        "Ukur ulang bidang tanah",
        "Rabu, 20 Mei 2026",
        "2. Izin galian Jalan Sudirman",
        "Laporkan progres relokasi pipa",
        # Signed by the Asisten.
        "Payakumbuh, 2 Juni 2026",
        "Ir. Dafrul Pasi, M.T.",
        "NIP. 19700515 200003 1 002",
    ):
        assert phrase in text, phrase
    for absent in ("Dinas Sosial", "Rakor Asisten I Mei", "Tidak boleh tampil", "Lain-lain"):
        assert absent not in text, absent


def test_the_bagian_prints_it_unsigned_under_the_setda_kop(org, city):
    viewer = Viewer.of(org.bagekonomi_staff)
    recap = recap_build(viewer=viewer, year=2026, month=5, asisten=org.asisten2_unit)
    text = pdf_text(recap_pdf(recap, viewer=viewer))

    assert "SEKRETARIAT DAERAH" in text
    assert "NIP." not in text and "Payakumbuh, 2 Juni 2026" not in text


def test_the_wali_kota_prints_the_city_under_the_government_kop(org, city):
    viewer = Viewer.of(org.walikota)
    text = pdf_text(recap_pdf(recap_build(viewer=viewer, year=2026, month=5), viewer=viewer))

    assert "PEMERINTAH KOTA PAYAKUMBUH" in text and "SEKRETARIAT DAERAH" not in text
    assert "Dinas Sosial" in text and "Mutakhirkan data DTKS" in text


def test_what_users_typed_is_printed_as_text(org, city):
    meeting = city.meetings["M1"]
    meeting.title = MARKUP
    meeting.save(update_fields=["title"])
    meeting.agenda_items.filter(order=2).update(decisions=MARKUP)

    text = pdf_text(recap_pdf(may(org.sekda, org.asisten2_unit), viewer=Viewer.of(org.sekda)))

    # The meeting's heading, and a decision of its second agenda item.
    assert squash(f"Selasa, 12 Mei 2026 · {MARKUP}") in squash(text)
    assert squash(f"a. {MARKUP}") in squash(text)


def test_an_empty_month_prints(org, city):
    recap = recap_build(viewer=Viewer.of(org.sekda), year=2025, month=11)

    text = pdf_text(recap_pdf(recap, viewer=Viewer.of(org.sekda)))

    assert "November 2025" in text and "Minggu, 30 November 2025" in text


def test_a_table_needs_a_width_per_column():
    table = render.RecapTable(
        title="T", columns=["a", "b"], widths=[1], numeric=[False, True], rows=[], empty="-"
    )
    document = render.RecapDocument(
        letterhead=samples.letterhead(),
        title="REKAP",
        period="Mei 2026",
        scope="",
        state="",
        footer="Rekap",
        sections=[render.RecapSection(title="A", tables=[table])],
        meetings_title="D",
        meetings=[],
        meetings_empty="-",
        decisions_label="",
        outcome_label="",
        action_columns=["No", "RTL", "Unit", "Batas"],
        other_actions_label="",
        notes_title="",
        notes=[],
        place_and_date="",
        signatory=None,
    )
    with pytest.raises(ValueError):
        render.recap_pdf(document)


# --- XLSX -----------------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table(org, city):
    book = english_book(may(org.sekda, org.asisten2_unit))

    assert book.sheetnames == [
        "Measures",
        "By status",
        "By level",
        "By unit",
        "By category",
        "Overdue requests",
        "Overdue action items",
        "Decisions",
    ]
    sheet = book["Measures"]
    assert sheet.cell(1, 1).value == "Monthly recap of issues and follow-up: May 2026"
    assert sheet.cell(2, 1).value == ("Units coordinated by Asisten Perekonomian dan Pembangunan")
    assert sheet.cell(3, 1).value.startswith("Situation at the end of Sunday, 31 May 2026")


def test_the_measures_are_numbers(org, city):
    sheet = english_book(may(org.sekda, org.asisten2_unit))["Measures"]

    header, *lines = rows(sheet)
    assert header == ["Measure", "Percent", "Working days", "Count", "Out of", "Basis"]
    by_label = {line[0]: line for line in lines if line[0]}
    assert by_label["Settled at OPD or Asisten level"][1:5] == [66.7, None, 2, 3]
    assert by_label["Time to settle, median"][1:4] == [None, 6, 3]
    assert by_label["Requests answered on time"][1:5] == [75, None, 3, 4]
    percent = sheet.cell(HEADER_ROW + 3, 2)
    assert (percent.data_type, percent.number_format) == ("n", "0.00")
    days = sheet.cell(HEADER_ROW + 4, 3)
    assert (days.value, days.data_type, days.number_format) == (6, "n", "0")


def test_the_counts_sheets(org, city):
    book = english_book(may(org.sekda, org.asisten2_unit))

    assert rows(book["By status"]) == [
        ["Status", "Issues"],
        ["Not yet accepted (triage or more information)", 1],
        ["Being handled", 2],
        ["Settled in the month", 3],
        ["Closed in the month", 1],
        ["Total", 7],
    ]
    assert rows(book["By unit"]) == [
        [
            "Reporting unit",
            "Reported",
            "Settled",
            "At OPD or Asisten",
            "Closed",
            "Open at month end",
        ],
        ["Dinas Pekerjaan Umum dan Penataan Ruang", 4, 3, 2, 1, 2],
        ["Perumda Air Minum Tirta Sago", 1, 0, 0, 0, 1],
        ["Total", 5, 3, 2, 1, 3],
    ]
    assert rows(book["By level"])[1:] == [
        ["OPD", 1, 1],
        ["Asisten", 1, 1],
        ["Sekda", 1, 1],
        ["Kepala Daerah", 0, 0],
        ["Total", 3, 3],
    ]


def test_the_overdue_sheets_have_dates_and_numbers(org, city):
    book = english_book(may(org.sekda, org.asisten2_unit))

    requests = book["Overdue requests"]
    header, first, second = rows(requests)
    assert header[0] == "Issue" and header[-2:] == ["Overdue since", "Working days late"]
    assert first[0] == city.issues["C"].reference
    assert first[5:] == [
        "the help",
        dt.datetime(2026, 5, 20),
        dt.datetime(2026, 5, 25),
        dt.datetime(2026, 5, 25),
        2,
    ]
    assert second[5] == "the answer" and second[-1] == 8
    since = requests.cell(HEADER_ROW + 1, 9)
    assert since.is_date and since.number_format == "DD/MM/YYYY"
    late = requests.cell(HEADER_ROW + 1, 10)
    assert (late.data_type, late.number_format) == ("n", "0")

    items = rows(book["Overdue action items"])
    pupr = "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert items[1][:4] == ["Siapkan dokumen appraisal", pupr, dt.datetime(2026, 5, 22), 3]
    assert items[2][4:6] == ["Rakor Asisten II April 2026", dt.datetime(2026, 4, 14)]


def test_the_decisions_sheet(org, city):
    sheet = english_book(may(org.sekda, org.asisten2_unit))["Decisions"]

    header, *lines = rows(sheet)
    assert header[4:6] == ["Kind", "Text"]
    assert [(line[2], line[4], line[5], line[7]) for line in lines] == [
        (1, "Decision", "BPN mengukur ulang bidang tanah.", None),
        (1, "Decision", "PUPR menyiapkan dokumen appraisal.", None),
        (1, "Outcome", "Continued", None),
        (1, "Action item", "Ukur ulang bidang tanah", dt.datetime(2026, 5, 20)),
        (1, "Action item", "Siapkan dokumen appraisal", dt.datetime(2026, 5, 22)),
        (2, "Decision", "Diteruskan kepada Sekretaris Daerah.", None),
        (2, "Outcome", "Escalated to the Sekda", None),
        (None, "Action item", "Laporkan progres relokasi pipa", dt.datetime(2026, 5, 29)),
    ]
    assert sheet.cell(HEADER_ROW + 1, 1).is_date


def test_text_that_looks_like_a_formula_stays_text(org, city):
    item = city.items["AI2"]
    item.description = '=HYPERLINK("http://contoh.test","klik")'
    item.save(update_fields=["description"])

    sheet = english_book(may(org.sekda, org.asisten2_unit))["Overdue action items"]

    cell = sheet.cell(HEADER_ROW + 1, 1)
    assert (cell.value, cell.data_type) == (item.description, "s")
