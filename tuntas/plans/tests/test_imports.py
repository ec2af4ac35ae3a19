import json
from decimal import Decimal

import pytest
from django.utils import translation

from tuntas.org.models import ChangeLog
from tuntas.plans.imports import (
    ImportConflict,
    ImportPreview,
    _number,
    column_guide,
    plans_import_apply,
    plans_import_parse,
)
from tuntas.plans.models import MonthlyTarget, Nomenclature, SubActivity
from tuntas.plans.tests.import_files import (
    NOMENCLATURE_HEADER,
    csv_bytes,
    nomenclature_rows,
    sample_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
PUPR_CODE = "1.03.0.00.0.00.01.0000"
DPA_HEADER = [
    "Kode SKPD",
    "Nama SKPD",
    "Kode Sub Giat",
    "Nama Sub Giat",
    "Pagu",
    "Nama Lokasi",
    "Output Sub Giat",
    "Satuan",
    "Target",
    "Waktu Awal",
    "Waktu Akhir",
]
PUPR_NAME = "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"
TARGET_HEADER = [
    "kode_skpd",
    "kode_sub_giat",
    *(f"fisik_{m}" for m in range(1, 13)),
    *(f"keuangan_{m}" for m in range(1, 13)),
]


@pytest.fixture
def org(org):
    org.pupr.sipd_code = PUPR_CODE
    org.pupr.save()
    return org


def messy_dpa():
    """A DPA list as exported and touched up in Excel: titles, subtotals, footers, odd codes."""
    return xlsx_bytes(
        [
            ["DAFTAR SUB KEGIATAN DPA-SKPD TAHUN ANGGARAN 2026"],
            ["PEMERINTAH KOTA PAYAKUMBUH"],
            [],
            DPA_HEADER,
            [None, None, 1, 2, 3, 4, 5, 6, 7],
            [
                f" {PUPR_CODE} ",
                PUPR_NAME,
                "1.03.10.2.01.0053",
                "Pembangunan Jalan",
                "1.250.000.000,00",
                "Kec. Payakumbuh Utara",
                "Panjang jalan yang dibangun",
                "km",
                "2,5",
                1,
                12,
            ],
            [],
            [
                PUPR_CODE,
                PUPR_NAME,
                "1.03.10.02.01.51",
                "Pemeliharaan Rutin Jalan",
                850000000,
                "Seluruh kecamatan",
            ],
            [None, None, None, "Jumlah", "2.100.000.000,00"],
            [
                PUPR_CODE,
                PUPR_NAME,
                "1.03.10.2.01. 0055",
                "Rehabilitasi  Jalan",
                "Rp 475.500.000,50",
            ],
            [PUPR_CODE, PUPR_NAME, "1.03.10", "PROGRAM PENYELENGGARAAN JALAN", 2575500000.5],
            [
                PUPR_CODE,
                PUPR_NAME,
                "X.XX.01.2.01.0001",
                "Penyusunan Dokumen Perencanaan",
                125000000.75,
            ],
            # DINSOS has no SIPD code in Tuntas: found by name; X.XX takes the row's bidang.
            [
                "1.06.0.00.0.00.01.0000",
                "dinas sosial",
                "X.XX.01.2.02.0001",
                "Gaji dan Tunjangan",
                "Rp3.000.000,-",
            ],
            [],
            [None, None, None, "Payakumbuh, 2 Januari 2026"],
            [None, None, None, "Kepala Dinas"],
        ]
    )


def errors_of(preview):
    return {(row.number, column) for row in preview.rows for column, _message in row.errors}


def parse(kind, content, filename="file.xlsx", language="en"):
    # Messages are written when the file is read, in the language active then.
    with translation.override(language):
        return plans_import_parse(kind=kind, year=YEAR, filename=filename, content=content)


def import_dpa(org):
    preview = parse("dpa", messy_dpa())
    assert preview.is_valid, preview.error_lines()
    plans_import_apply(preview=preview, by=org.admin)


# DPA -----------------------------------------------------------------------------------------


def test_it_previews_a_messy_sipd_export(org):
    preview = parse("dpa", messy_dpa())

    assert preview.is_valid, preview.error_lines()
    assert preview.header_row == 4
    assert preview.counts() == {"create": 5, "update": 0, "unchanged": 0, "error": 0, "skipped": 5}
    # Column numbers, the subtotal, the program row and the signature block.
    assert [number for number, _reason in preview.skipped] == [5, 9, 11, 15, 16]
    assert [(row.number, row.key) for row in preview.rows] == [
        (6, "1.03.10.2.01.0053"),
        (8, "1.03.10.2.01.0051"),
        (10, "1.03.10.2.01.0055"),
        (12, "1.03.01.2.01.0001"),
        (13, "1.06.01.2.02.0001"),
    ]
    assert {"Waktu Awal", "Waktu Akhir"} <= set(preview.ignored_columns)
    assert not SubActivity.objects.exists()


def test_it_creates_the_sub_kegiatan_with_exact_pagu(org):
    preview = parse("dpa", messy_dpa())

    result = plans_import_apply(preview=preview, by=org.admin)

    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    subs = {(sub.unit.short_name, sub.code): sub for sub in SubActivity.objects.all()}
    assert {code: sub.pagu for code, sub in subs.items()} == {
        ("PUPR", "1.03.10.2.01.0053"): Decimal("1250000000.00"),
        ("PUPR", "1.03.10.2.01.0051"): Decimal("850000000"),
        ("PUPR", "1.03.10.2.01.0055"): Decimal("475500000.50"),
        ("PUPR", "1.03.01.2.01.0001"): Decimal("125000000.75"),
        ("DINSOS", "1.06.01.2.02.0001"): Decimal("3000000"),
    }
    road = subs["PUPR", "1.03.10.2.01.0053"]
    assert (road.year, road.name, road.location) == (
        YEAR,
        "Pembangunan Jalan",
        "Kec. Payakumbuh Utara",
    )
    assert (road.output, road.output_unit, road.output_target) == (
        "Panjang jalan yang dibangun",
        "km",
        "2,5",
    )
    assert subs["PUPR", "1.03.10.2.01.0055"].name == "Rehabilitasi Jalan"
    assert ChangeLog.objects.filter(action=ChangeLog.Action.IMPORTED, unit=org.pupr).count() == 4


def test_importing_the_same_file_again_changes_nothing(org):
    import_dpa(org)
    versions = dict(SubActivity.objects.values_list("pk", "version"))

    preview = parse("dpa", messy_dpa())

    assert preview.is_valid, preview.error_lines()
    assert [row.action for row in preview.rows] == ["unchanged"] * 5
    assert not preview.has_changes
    result = plans_import_apply(preview=preview, by=org.admin)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert dict(SubActivity.objects.values_list("pk", "version")) == versions


def test_it_updates_the_pagu_and_keeps_what_the_file_leaves_empty(org):
    import_dpa(org)
    content = csv_bytes(
        [
            ["kode_skpd", "nama_skpd", "kode_sub_giat", "nama_sub_giat", "pagu", "nama_lokasi"],
            [PUPR_CODE, "", "1.03.10.2.01.0053", "Pembangunan Jalan", "1.300.000.000", ""],
        ]
    )

    preview = parse("dpa", content, "dpa.csv")

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].action == "update"
    assert preview.rows[0].changes == {"pagu": ("1250000000.00", "1300000000.00")}
    plans_import_apply(preview=preview, by=org.admin)
    road = SubActivity.objects.get(code="1.03.10.2.01.0053")
    assert road.pagu == Decimal("1300000000")
    assert road.location == "Kec. Payakumbuh Utara"
    assert road.version == 2


def test_it_takes_program_and_kegiatan_names_from_the_nomenclature(org):
    program = Nomenclature.objects.create(
        year=YEAR, level="program", code="1.03.10", name="PROGRAM PENYELENGGARAAN JALAN"
    )
    kegiatan = Nomenclature.objects.create(
        year=YEAR,
        level="kegiatan",
        code="1.03.10.2.01",
        name="Penyelenggaraan Jalan Kabupaten/Kota",
        parent=program,
    )
    sub = Nomenclature.objects.create(
        year=YEAR,
        level="sub_kegiatan",
        code="1.03.10.2.01.0053",
        name="Pembangunan Jalan",
        parent=kegiatan,
    )
    Nomenclature.objects.create(
        year=YEAR,
        level="program",
        code="X.XX.01",
        name="PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    )

    import_dpa(org)

    road = SubActivity.objects.get(code="1.03.10.2.01.0053")
    assert road.nomenclature == sub
    assert (road.program_name, road.activity_name) == (
        "PROGRAM PENYELENGGARAAN JALAN",
        "Penyelenggaraan Jalan Kabupaten/Kota",
    )
    penunjang = SubActivity.objects.get(unit=org.pupr, code="1.03.01.2.01.0001")
    assert penunjang.program_name == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert penunjang.nomenclature is None


def test_a_file_with_errors_writes_nothing_and_names_every_bad_row(org):
    content = xlsx_bytes(
        [
            ["DPA 2026"],
            ["kode_skpd", "nama_skpd", "kode_sub_giat", "nama_sub_giat", "pagu"],
            [PUPR_CODE, PUPR_NAME, "1.03.10.2.01.0053", "Pembangunan Jalan", "1.250.000.000"],
            ["9.99.0.00.0.00.01.0000", "DINAS ANTAH BERANTAH", "1.03.10.2.01.0051", "Jalan", 1000],
            [PUPR_CODE, PUPR_NAME, "1.03.10.2.1.0055", "Rehabilitasi Jalan", 1000],
            [PUPR_CODE, PUPR_NAME, "1.03.10.2.01.0056", "Peningkatan Jalan", "satu juta"],
            [PUPR_CODE, PUPR_NAME, "1.03.10.2.01.0053", "Pembangunan Jalan lagi", 5],
            [PUPR_CODE, PUPR_NAME, "", "Tanpa kode", 5],
            [PUPR_CODE, PUPR_NAME, "1.03.10.2.01.0057", "Pagu lebih", "1.000,001"],
            ["", "DINSOS", "X.XX.01.2.01.0001", "Penunjang tanpa bidang", 5],
        ]
    )

    preview = parse("dpa", content)

    assert not preview.is_valid
    assert errors_of(preview) == {
        (4, "kode_skpd"),
        (5, "kode_sub_giat"),
        (6, "pagu"),
        (7, "kode_sub_giat"),
        (8, "kode_sub_giat"),
        (9, "pagu"),
        (10, "kode_sub_giat"),
    }
    with translation.override("en"):
        lines = preview.error_lines()
    assert lines[0] == (
        'Row 4, column "kode_skpd": No unit has the SIPD code "9.99.0.00.0.00.01.0000" or the '
        'name "DINAS ANTAH BERANTAH".'
    )
    assert 'Row 6, column "pagu": "satu juta" is not an amount.' in lines[2]
    assert "already appears in row 3" in lines[3]
    with pytest.raises(ValueError):
        plans_import_apply(preview=preview, by=org.admin)
    assert not SubActivity.objects.exists()


def test_errors_are_in_indonesian(org):
    content = csv_bytes(
        [
            ["kode_skpd", "kode_sub_giat", "nama_sub_giat", "pagu"],
            [PUPR_CODE, "1.03.10.2.01.0053", "Jalan", "satu juta"],
        ]
    )

    with translation.override("id"):
        preview = parse("dpa", content, "dpa.csv", language="id")
        line = preview.error_lines()[0]

    assert line.startswith("Baris 2")
    assert "satu juta" in line


def test_a_file_without_the_required_columns_names_them(org):
    content = csv_bytes([["Judul"], ["kode_skpd", "nama_sub_giat"], [PUPR_CODE, "Jalan"]])

    with translation.override("en"):
        preview = parse("dpa", content, "dpa.csv")

    assert not preview.is_valid
    assert preview.file_errors == [
        "Required columns are missing: kode_sub_giat, pagu (header in row 2). The header must "
        "hold the column names kode_skpd or nama_skpd, kode_sub_giat, nama_sub_giat, pagu."
    ]


def test_a_csv_with_semicolons_and_a_bom_works(org):
    content = csv_bytes(
        [
            # Excel pads the title row with separators up to the table's width.
            ["DAFTAR DPA", "", "", "", ""],
            ["kode_skpd", "nama_skpd", "kode_sub_giat", "nama_sub_giat", "pagu"],
            [
                PUPR_CODE,
                PUPR_NAME,
                "1.03.10.2.01.0053",
                "Pembangunan Jalan Café",
                "1.250.000.000,00",
            ],
        ],
        delimiter=";",
        bom=True,
        encoding="utf-8",
    )

    preview = parse("dpa", content, "dpa.csv")

    assert preview.is_valid, preview.error_lines()
    plans_import_apply(preview=preview, by=org.admin)
    road = SubActivity.objects.get()
    assert (road.name, road.pagu) == ("Pembangunan Jalan Café", Decimal("1250000000"))


def test_a_windows_1252_csv_works(org):
    content = csv_bytes(
        [
            ["kode_skpd", "kode_sub_giat", "nama_sub_giat", "pagu", "nama_lokasi"],
            [
                PUPR_CODE,
                "1.03.10.2.01.0053",
                "Pembangunan Jalan",
                "1250000000",
                "Jalan Café Ibuah",
            ],
        ],
        delimiter=";",
        encoding="cp1252",
    )

    preview = parse("dpa", content, "dpa.csv")

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].changes["nama_lokasi"] == ("", "Jalan Café Ibuah")


def test_the_preview_survives_the_session_and_a_changed_database_is_a_conflict(org):
    preview = ImportPreview.from_data(json.loads(json.dumps(parse("dpa", messy_dpa()).to_data())))
    assert preview.is_valid
    assert preview.skipped[0][0] == 5
    SubActivity.objects.create(
        year=YEAR, unit=org.pupr, code="1.03.10.2.01.0053", name="Pembangunan Jalan", pagu=1
    )

    with pytest.raises(ImportConflict) as caught:
        plans_import_apply(preview=preview, by=org.admin)

    assert caught.value.preview.rows[0].action == "update"
    assert SubActivity.objects.count() == 1


# Targets -------------------------------------------------------------------------------------


def targets_row(code, physical, finance, unit=PUPR_CODE):
    return [unit, code, *physical, *finance]


S_PHYSICAL = ["0", "2,5", "5", "10", "18", "28", "40", "53", "66", "78", "90", "100"]
S_FINANCE = [
    "0",
    "Rp 25.000.000",
    "62.500.000",
    "125.000.000,00",
    250000000,
    350000000,
    "500.000.000",
    "650.000.000",
    "800.000.000",
    "950.000.000",
    "1.100.000.000",
    "1.250.000.000",
]


def test_it_imports_cumulative_monthly_targets(org):
    import_dpa(org)
    content = xlsx_bytes(
        [
            ["TARGET FISIK DAN KEUANGAN (ANGGARAN KAS) 2026"],
            TARGET_HEADER,
            targets_row(" 1.03.10.2.01. 0053", S_PHYSICAL, S_FINANCE),
            # Fractions as Excel keeps cells formatted as percentages.
            targets_row(
                "1.03.10.02.01.51",
                [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
                [0] * 11 + [850000000],
            ),
            [None, "Jumlah", *([None] * 23), "2.100.000.000"],
        ]
    )

    preview = parse("targets", content)

    assert preview.is_valid, preview.error_lines()
    assert [row.action for row in preview.rows] == ["create", "create"]
    assert [number for number, _reason in preview.skipped] == [5]
    plans_import_apply(preview=preview, by=org.admin)
    road = SubActivity.objects.get(code="1.03.10.2.01.0053")
    targets = {t.month: (t.physical_pct, t.financial) for t in road.targets.all()}
    assert targets[2] == (Decimal("2.50"), Decimal("25000000"))
    assert targets[12] == (Decimal("100"), Decimal("1250000000"))
    maintenance = SubActivity.objects.get(code="1.03.10.2.01.0051")
    assert maintenance.targets.get(month=7).physical_pct == Decimal("50")
    assert MonthlyTarget.objects.count() == 24

    again = parse("targets", content)
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]


def test_a_targets_file_with_errors_writes_nothing(org):
    import_dpa(org)
    decreasing = list(S_PHYSICAL)
    decreasing[5] = "15"
    content = csv_bytes(
        [
            TARGET_HEADER,
            targets_row("1.03.10.2.01.0053", decreasing, S_FINANCE),
            targets_row("1.03.10.2.01.0051", S_PHYSICAL, ["0"] * 11 + ["900.000.000"]),
            targets_row("1.03.10.2.01.0099", S_PHYSICAL, ["0"] * 12),
            targets_row("1.03.10.2.01.0055", ["0"] * 11 + ["101"], ["0"] * 11 + ["banyak"]),
        ]
    )

    preview = parse("targets", content, "target.csv")

    assert errors_of(preview) == {
        (2, "fisik_6"),
        (3, "keuangan_12"),
        (4, "kode_sub_giat"),
        (5, "fisik_12"),
        (5, "keuangan_12"),
    }
    with translation.override("en"):
        lines = preview.error_lines()
    assert lines[0] == (
        'Row 2, column "fisik_6": Targets are cumulative: 15.00 is lower than month 5 (18.00).'
    )
    assert "above the pagu" in lines[1]
    assert not MonthlyTarget.objects.exists()


# Nomenclature --------------------------------------------------------------------------------


def test_it_builds_the_nomenclature_tree_from_the_sample(org):
    content = csv_bytes(nomenclature_rows())

    preview = parse("nomenclature", content, "nomenklatur.csv")

    assert preview.is_valid, preview.error_lines()
    assert preview.counts()["create"] == 119
    plans_import_apply(preview=preview, by=org.admin)
    sample = sample_rows()
    expected = {
        "urusan": {row["kode_urusan"] for row in sample},
        "bidang": {row["kode_bidang_urusan"] for row in sample},
        "program": {row["kode_program"] for row in sample},
        "kegiatan": {row["kode_kegiatan"] for row in sample},
        "sub_kegiatan": {row["kode_sub_kegiatan"] for row in sample},
    }
    for level, codes in expected.items():
        assert (
            set(Nomenclature.objects.filter(year=YEAR, level=level).values_list("code", flat=True))
            == codes
        )
    assert Nomenclature.objects.count() == 1 + 2 + 4 + 19 + 119
    entry: Nomenclature | None = Nomenclature.objects.get(code="1.01.01.2.01.0001")
    chain = []
    while entry is not None:
        chain.append(entry.code)
        entry = entry.parent
    assert chain == ["1.01.01.2.01.0001", "1.01.01.2.01", "1.01.01", "1.01", "1"]
    assert (
        Nomenclature.objects.get(code="1.01.01.2.02").name
        == "Administrasi Keuangan Perangkat Daerah"
    )

    again = parse("nomenclature", content, "nomenklatur.csv")
    assert again.is_valid
    assert not again.has_changes


def test_a_renamed_entry_is_updated_and_a_conflicting_name_is_an_error(org):
    plans_import_apply(preview=parse("nomenclature", csv_bytes(nomenclature_rows())), by=org.admin)
    rows = nomenclature_rows()
    rows[1][5] = "PROGRAM PENUNJANG (BARU)"

    preview = parse("nomenclature", csv_bytes(rows))

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].changes == {
        "nama_program": (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "PROGRAM PENUNJANG (BARU)",
        )
    }
    rows[3][5] = "NAMA LAIN"
    assert errors_of(parse("nomenclature", csv_bytes(rows))) == {(4, "nama_program")}


def test_an_unnamed_new_entry_and_a_misplaced_code_are_errors(org):
    content = csv_bytes(
        [
            ["kode_program", "nama_program", "kode_giat", "kode_sub_giat", "nama_sub_giat"],
            ["1.03.10", "", "1.03.10.2.01", "1.03.10.2.01.0053", "Pembangunan Jalan"],
            ["1.03.10", "PROGRAM JALAN", "1.03.11.2.01", "1.03.10.2.01.0055", "Rehabilitasi Jalan"],
        ]
    )

    preview = parse("nomenclature", content)

    assert (3, "kode_giat") in errors_of(preview)
    assert (2, "nama_giat") in errors_of(preview)
    assert (2, "nama_bidang_urusan") in errors_of(preview)


def test_penunjang_template_codes_are_kept_as_the_template(org):
    content = csv_bytes(
        [
            NOMENCLATURE_HEADER,
            [
                "X",
                "URUSAN",
                "X.XX",
                "BIDANG",
                "X.XX.01",
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                "X.XX.01.2.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                "X.XX.01.2.01.01",
                "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            ],
        ]
    )

    preview = parse("nomenclature", content, "nomenklatur.csv")

    assert preview.is_valid, preview.error_lines()
    plans_import_apply(preview=preview, by=org.admin)
    template = Nomenclature.objects.get(code="X.XX.01.2.01.0001")
    assert template.parent.code == "X.XX.01.2.01"
    import_dpa(org)
    # The unit's own penunjang sub kegiatan is linked to the template.
    penunjang = SubActivity.objects.get(unit=org.pupr, code="1.03.01.2.01.0001")
    assert penunjang.nomenclature == template
    assert penunjang.activity_name == (
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
    )


def test_a_listing_with_one_code_column_builds_every_level(org):
    content = csv_bytes(
        [
            ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Tahun Anggaran"],
            ["1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", "2026"],
            ["1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", "2026"],
            ["1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "2026"],
            ["1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota", "2026"],
            ["1.03.10.2.01.0053", "Pembangunan Jalan", "2025"],
        ]
    )

    preview = parse("nomenclature", content, "nomenklatur.csv")

    assert errors_of(preview) == {(6, "tahun_anggaran")}
    assert [row.values.get("level") for row in preview.rows[:4]] == [
        "urusan",
        "bidang",
        "program",
        "kegiatan",
    ]


def test_the_column_guide_lists_the_months_once():
    guide = {name: required for name, required, _help in column_guide("targets")}

    assert guide == {
        "kode_skpd": False,
        "nama_skpd": False,
        "kode_sub_giat": True,
        "nama_sub_giat": False,
        "fisik_1 … fisik_12": True,
        "keuangan_1 … keuangan_12": True,
        "tahun_anggaran": False,
    }


# Numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250.000.000,00", "1250000000.00"),
        ("Rp 1.250.000", "1250000"),
        ("Rp1.250.000,-", "1250000"),
        ("1250000000", "1250000000"),
        ("1250000.5", "1250000.5"),
        ("1,250,000.50", "1250000.50"),
        ("1.250", "1250"),
        ("12,5", "12.5"),
        ("0.125", "0.125"),
        ("1.25E+15", "1.25E+15"),
    ],
)
def test_it_reads_indonesian_and_plain_numbers(text, value):
    assert _number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["satu juta", "1.25.000", "1,2,3.4.5", "", "Rp", "12-5"])
def test_it_rejects_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        _number(text)


def test_a_percentage_with_three_decimals_is_not_thousands():
    assert _number("33.333", percent=True) == Decimal("33.333")
    assert _number("12,5%", percent=True) == Decimal("12.5")
