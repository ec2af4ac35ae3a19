"""The monthly realisation report as a PDF document (typst, kop surat, A4 landscape)."""

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal

import pytest

from tuntas.documents.render import Signatory
from tuntas.documents.tests import samples
from tuntas.org.access import Viewer
from tuntas.plans.reports import percent_text, report_pdf, report_signatory, rupiah_digits
from tuntas.plans.tests.kit import make_sub
from tuntas.plans.tests.test_report_rows import reported_march

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(org):
    return reported_march(org)


def pdf_text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        message = "pdftotext is missing (apt-get install poppler-utils)"
        if os.environ.get("TUNTAS_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    result = subprocess.run(
        [tool, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def page_size(pdf: bytes) -> str:
    tool = shutil.which("pdfinfo")
    if tool is None:
        pytest.skip("pdfinfo is missing (apt-get install poppler-utils)")
    result = subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True)
    return next(
        line for line in result.stdout.decode().splitlines() if line.startswith("Page size")
    )


def test_it_prints_the_title_month_units_and_amounts(march):
    pdf = report_pdf(year=2026, month=3, scope="Seluruh Perangkat Daerah")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "LAPORAN REALISASI FISIK DAN KEUANGAN" in text
    assert "Bulan Maret 2026" in text
    assert "Tahun Anggaran 2026" in text
    assert "Seluruh Perangkat Daerah" in text
    assert march.pupr.name in text
    assert "Dinas Sosial" in text
    assert "Pembangunan Jalan" in text
    assert "1.03.10.2.01.0053" in text
    assert "1.000.000.000" in text  # pagu
    assert "4.750.000.000" in text  # the city's pagu
    assert "-12,00" in text
    assert "22,75" in text
    assert "Merah, kritis" in text
    assert "Belum lapor" in text
    assert "JUMLAH" in text
    assert "1 sub kegiatan belum melapor" in text
    assert "PEMERINTAH KOTA PAYAKUMBUH" in text  # the kop surat


def test_it_is_a4_landscape(march):
    assert "841.89 x 595.276" in page_size(report_pdf(year=2026, month=3))


def test_the_header_repeats_on_every_page(org):
    for number in range(45):
        make_sub(org, name=f"Sub kegiatan nomor {number}", year=2026)
    pages = pdf_text(report_pdf(year=2026, month=3)).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 1
    assert all("Perangkat Daerah / Sub Kegiatan" in page for page in pages)


def test_it_signs_as_the_asisten_under_the_setda_kop(march):
    signed = report_signatory(Viewer.of(march.asisten2))
    assert signed is not None
    signatory, kop = signed
    assert kop == march.setda
    assert signatory.title_lines == ["ASISTEN PEREKONOMIAN DAN PEMBANGUNAN,"]
    text = pdf_text(
        report_pdf(
            year=2026,
            month=3,
            letterhead=samples.letterhead(),
            signatory=signatory,
            today=dt.date(2026, 4, 8),
        )
    )
    assert "Payakumbuh, 8 April 2026" in text
    assert "Ir. Dafrul Pasi, M.T." in text
    assert "NIP. 19700515 200003 1 002" in text


def test_the_sekda_signs_and_others_do_not(org):
    signed = report_signatory(Viewer.of(org.sekda))
    assert signed is not None
    signatory, kop = signed
    assert kop == org.setda
    assert signatory.name == "Rida Ananda, S.STP., M.Si."
    assert report_signatory(Viewer.of(org.pupr_operator)) is None
    assert report_signatory(Viewer.of(org.kadis_pupr)) is None


def test_markup_in_names_is_printed_as_text(org):
    make_sub(org, name="Jalan #eval(1+1) *tebal* _miring_ [x] $y$", year=2026)
    text = pdf_text(
        report_pdf(
            year=2026,
            month=3,
            signatory=Signatory(["KEPALA #1,"], "Nama *tebal*", "", None),
        )
    )
    assert "#eval(1+1) *tebal* _miring_ [x] $y$" in text
    assert "Nama *tebal*" in text


def test_numbers_are_written_the_indonesian_way():
    assert rupiah_digits(Decimal("1250000000")) == "1.250.000.000"
    assert rupiah_digits(Decimal("999.50")) == "1.000"
    assert rupiah_digits(None) == "-"
    assert percent_text(Decimal("-12.5")) == "-12,50"
    assert percent_text(Decimal("1234.567")) == "1.234,57"
    assert percent_text(Decimal("0")) == "0,00"
    assert percent_text(None) == "-"
