"""Files for the work-plan import tests: CSV and XLSX bytes, and a nomenclature in SIPD layout."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

# A copy of shared/data/sub_kegiatan_sample.csv: real codes, raw (".02." and ".2.") and normalised.
SAMPLE = Path(__file__).parent / "import_sub_kegiatan_sample.csv"

# Urusan and bidang names from shared/data/kode_urusan_bidang_urusan.csv.
URUSAN_BIDANG = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "1.01": "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
    "1.02": "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
}
# Program and kegiatan names of Permendagri 90/2019 for the sample's codes (test data only).
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
PROGRAM_KEGIATAN = {
    "1.01.01": PENUNJANG,
    "1.01.02": "PROGRAM PENGELOLAAN PENDIDIKAN",
    "1.01.04": "PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN",
    "1.02.01": PENUNJANG,
    "2.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "2.02": "Administrasi Keuangan Perangkat Daerah",
    "2.05": "Administrasi Kepegawaian Perangkat Daerah",
    "2.06": "Administrasi Umum Perangkat Daerah",
    "2.07": "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "2.08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "2.09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "1.01.02.2.01": "Pengelolaan Pendidikan Sekolah Dasar",
    "1.01.02.2.02": "Pengelolaan Pendidikan Sekolah Menengah Pertama",
    "1.01.02.2.03": "Pengelolaan Pendidikan Anak Usia Dini (PAUD)",
    "1.01.02.2.04": "Pengelolaan Pendidikan Nonformal/Kesetaraan",
    "1.01.04.2.01": (
        "Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan bagi Satuan "
        "Pendidikan Dasar, PAUD, dan Pendidikan Nonformal/Kesetaraan"
    ),
}
NOMENCLATURE_HEADER = [
    "kode_urusan",
    "nama_urusan",
    "kode_bidang_urusan",
    "nama_bidang_urusan",
    "kode_program",
    "nama_program",
    "kode_giat",
    "nama_giat",
    "kode_sub_giat",
    "nama_sub_giat",
]


def csv_bytes(rows, *, delimiter=",", bom=False, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def xlsx_bytes(rows):
    """Write rows to a sheet; None leaves a cell empty, [] leaves the whole row empty."""
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sample_rows():
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def kegiatan_name(code):
    return PROGRAM_KEGIATAN.get(code) or PROGRAM_KEGIATAN[code.split(".", 3)[3]]


def nomenclature_rows():
    """The sample in SIPD's data_prog_keg layout, with raw codes as found.

    Upper levels are named on the first row of each, and left unnamed below, as in listings
    where a name is written once.
    """
    rows = [NOMENCLATURE_HEADER]
    named = set()
    for item in sample_rows():
        raw = item["kode_sub_kegiatan_raw"]
        kegiatan_raw = raw.rsplit(".", 1)[0]
        codes = [
            item["kode_urusan"],
            item["kode_bidang_urusan"],
            item["kode_program"],
            kegiatan_raw,
        ]
        names = [
            URUSAN_BIDANG[item["kode_urusan"]],
            URUSAN_BIDANG[item["kode_bidang_urusan"]],
            PROGRAM_KEGIATAN[item["kode_program"]],
            kegiatan_name(item["kode_kegiatan"]),
        ]
        row = []
        for code, name, normal in zip(
            codes,
            names,
            [
                item["kode_urusan"],
                item["kode_bidang_urusan"],
                item["kode_program"],
                item["kode_kegiatan"],
            ],
            strict=True,
        ):
            row += [code, "" if normal in named else name]
            named.add(normal)
        row += [raw, item["nama_sub_kegiatan"]]
        rows.append(row)
    return rows
