import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
import time_machine
from django.utils import translation
from openpyxl import Workbook

from tuntas.org.imports import (
    MAX_BYTES,
    MAX_ROWS,
    ImportConflict,
    ImportPreview,
    import_apply,
    import_parse,
)
from tuntas.org.models import ChangeLog, Person, RoleAssignment, Unit, UnitCoordination

pytestmark = pytest.mark.django_db

UNIT_HEADER = ["nama", "singkatan", "jenis", "induk", "asisten_koordinator", "berlaku_mulai"]
NIP = "197001012000011001"


def csv_bytes(rows, *, delimiter=",", bom=False, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_exact_number(content, written, exact):
    """Rewrite a number in the sheet XML, as tools that write whole numbers in full do."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(f"<v>{written}</v>".encode(), f"<v>{exact}</v>".encode())
            target.writestr(item, data)
    return out.getvalue()


def errors_of(preview):
    return {(row.number, column) for row in preview.rows for column, _message in row.errors}


def units_file():
    # The Bagian and the Dinas come before their parent and coordinator in the file.
    return csv_bytes(
        [
            UNIT_HEADER,
            ["Bagian Hukum", "BAG-HUKUM", "bagian", "ASISTEN3", "", ""],
            ["Dinas Pariwisata", "DISPAR", "dinas", "", "ASISTEN3", "01/01/2026"],
            ["Asisten Administrasi Umum", "ASISTEN3", "asisten", "SETDA", "", ""],
            ["Dinas Perhubungan", "DISHUB", "Dinas", "", "asisten2", "2026-01-01"],
        ]
    )


def test_it_creates_the_unit_tree_and_coordinations(org):
    preview = import_parse(kind="units", filename="opd.csv", content=units_file())

    assert preview.is_valid, preview.error_lines()
    assert [row.number for row in preview.rows] == [2, 3, 4, 5]
    assert [row.action for row in preview.rows] == ["create"] * 4
    result = import_apply(preview=preview, by=org.admin)

    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assistant = Unit.objects.get(short_name="ASISTEN3")
    assert assistant.kind == Unit.Kind.ASSISTANT
    assert assistant.parent == org.setda
    assert Unit.objects.get(short_name="BAG-HUKUM").parent == assistant
    assert UnitCoordination.objects.filter(
        unit__short_name="DISPAR", coordinator=assistant, valid_from=dt.date(2026, 1, 1)
    ).exists()
    assert Unit.objects.get(short_name="DISHUB").coordinator_on(dt.date(2026, 2, 1)) == (
        org.asisten2_unit
    )
    logs = ChangeLog.objects.filter(action=ChangeLog.Action.IMPORTED)
    assert logs.count() == 4
    assert {log.actor for log in logs} == {org.admin}
    assert {log.unit.short_name for log in logs if log.unit} == {
        "BAG-HUKUM",
        "DISPAR",
        "ASISTEN3",
        "DISHUB",
    }


def test_it_updates_a_unit_matched_by_short_name_in_any_case(org):
    content = csv_bytes(
        [
            ["Nama", "SINGKATAN", " Jenis ", "Kode SIPD"],
            ["Dinas PUPR Baru", "pupr", "dinas", "1.03"],
        ]
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].action == "update"
    assert preview.rows[0].changes["nama"] == (
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR Baru",
    )
    import_apply(preview=preview, by=org.admin)
    org.pupr.refresh_from_db()
    assert (org.pupr.name, org.pupr.sipd_code, org.pupr.short_name) == (
        "Dinas PUPR Baru",
        "1.03",
        "PUPR",
    )
    assert org.pupr.version == 2


def test_it_reads_a_semicolon_csv_with_bom(org):
    content = csv_bytes(
        [
            ["nama", "singkatan", "jenis"],
            ["", "", ""],
            ["Kecamatan Latina", "KEC-LATINA", "kecamatan"],
        ],
        delimiter=";",
        bom=True,
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert preview.is_valid, preview.error_lines()
    assert [row.number for row in preview.rows] == [3]
    assert preview.rows[0].cells["nama"] == "Kecamatan Latina"
    assert preview.rows[0].values["jenis"] == Unit.Kind.DISTRICT


def test_it_reads_a_windows_1252_csv(org):
    content = csv_bytes(
        [["nama", "singkatan", "jenis"], ["Kantor Café", "CAFE", "kantor"]], encoding="cp1252"
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].cells["nama"] == "Kantor Café"


def test_it_reads_xlsx_with_an_excel_date_and_a_numeric_nip(org):
    # Excel and openpyxl keep 15 significant digits; the file holds the NIP in full here.
    content = xlsx_bytes(
        [
            ["Username", "Nama Lengkap", "NIP", "Telepon", "unit", "peran", "status", "mulai"],
            [
                "budi",
                "Budi Santoso, S.T.",
                int(NIP),
                81234567890,
                "PUPR",
                "operator",
                "Plt.",
                dt.datetime(2026, 3, 2),
            ],
            [None, None, None, None, None, None, None, None],
            ["rina", "Rina", None, "0812-3456-7891", None, None, None, None],
        ]
    )
    content = with_exact_number(content, "1.97001012000011e+17", NIP)

    preview = import_parse(kind="people", filename="pegawai.xlsx", content=content)

    assert preview.is_valid, preview.error_lines()
    assert [row.number for row in preview.rows] == [2, 4]
    import_apply(preview=preview, by=org.admin)
    budi = Person.objects.get(username="budi")
    assert budi.nip == NIP
    assert budi.phone == "081234567890"
    assignment = budi.assignments.get()
    assert (assignment.unit, assignment.role, assignment.capacity, assignment.valid_from) == (
        org.pupr,
        RoleAssignment.Role.UNIT_STAFF,
        RoleAssignment.Capacity.PLT,
        dt.date(2026, 3, 2),
    )
    assert Person.objects.get(username="rina").phone == "081234567891"


def test_a_units_xlsx_accepts_a_real_excel_date(org):
    content = xlsx_bytes(
        [UNIT_HEADER, ["Dinas Pangan", "DISPANGAN", "dinas", "", "ASISTEN2", dt.date(2026, 7, 1)]]
    )

    preview = import_parse(kind="units", filename="opd.xlsx", content=content)

    assert preview.is_valid, preview.error_lines()
    assert preview.rows[0].values["berlaku_mulai"] == "2026-07-01"


def test_one_bad_row_writes_nothing_and_names_its_row_and_column(org):
    content = csv_bytes(
        [
            ["nama", "singkatan", "jenis", "email"],
            ["Dinas A", "DIS-A", "dinas", ""],
            ["Dinas B", "DIS-B", "kementerian", "b@example.go.id"],
            ["Dinas C", "DIS-C", "dinas", "bukan-email"],
        ]
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert not preview.is_valid
    assert errors_of(preview) == {(3, "jenis"), (4, "email")}
    assert preview.rows[0].action == "create"
    with translation.override("en"):
        lines = import_parse(kind="units", filename="opd.csv", content=content).error_lines()
    assert lines[0].startswith('Row 3, column "jenis": "kementerian" is not a known value.')
    with pytest.raises(ValueError):
        import_apply(preview=preview, by=org.admin)
    assert not Unit.objects.filter(short_name__startswith="DIS-").exists()


def test_it_rejects_a_short_name_given_twice_in_the_file(org):
    content = csv_bytes(
        [
            ["nama", "singkatan", "jenis"],
            ["Dinas A", "DIS-A", "dinas"],
            ["Dinas A2", "dis-a", "dinas"],
        ]
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(3, "singkatan")}


def test_it_rejects_an_unknown_parent(org):
    content = csv_bytes(
        [["nama", "singkatan", "jenis", "induk"], ["Dinas A", "DIS-A", "dinas", "NOPE"]]
    )

    with translation.override("en"):
        preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "induk")}
    assert '"NOPE"' in preview.rows[0].errors[0][1]


def test_it_rejects_a_loop_of_parents_in_the_file(org):
    content = csv_bytes(
        [
            ["nama", "singkatan", "jenis", "induk"],
            ["Bagian A", "BAG-A", "bagian", "BAG-B"],
            ["Bagian B", "BAG-B", "bagian", "BAG-A"],
            ["Bagian C", "BAG-C", "bagian", "BAG-A"],
        ]
    )

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "induk"), (3, "induk")}


def test_it_rejects_a_loop_through_units_in_the_database(org):
    # ASISTEN2's parent is SETDA in the database; making SETDA a child of ASISTEN2 loops.
    content = csv_bytes(
        [
            ["nama", "singkatan", "jenis", "induk"],
            ["Sekretariat Daerah", "SETDA", "setda", "ASISTEN2"],
        ]
    )

    with translation.override("en"):
        preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "induk")}
    assert "SETDA → ASISTEN2 → SETDA" in preview.rows[0].errors[0][1]


def test_the_coordinator_must_be_an_assistant(org):
    content = csv_bytes([UNIT_HEADER, ["Dinas A", "DIS-A", "dinas", "", "PUPR", "2026-01-01"]])

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "asisten_koordinator")}


def test_an_assistant_that_coordinates_units_keeps_its_kind(org):
    content = csv_bytes([["nama", "singkatan", "jenis"], ["Asisten II", "ASISTEN2", "badan"]])

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "jenis")}


def test_a_coordinator_needs_a_valid_start_date(org):
    content = csv_bytes([UNIT_HEADER, ["Dinas A", "DIS-A", "dinas", "", "ASISTEN2", "31/02/2026"]])

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert errors_of(preview) == {(2, "berlaku_mulai")}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(org):
    import_apply(
        preview=import_parse(kind="units", filename="opd.csv", content=units_file()), by=org.admin
    )
    logged = ChangeLog.objects.count()

    preview = import_parse(kind="units", filename="opd.csv", content=units_file())
    result = import_apply(preview=preview, by=org.admin)

    assert [row.action for row in preview.rows] == ["unchanged"] * 4
    assert not preview.has_changes
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert ChangeLog.objects.count() == logged


def test_importing_the_same_people_twice_changes_nothing_even_a_day_later(org):
    content = csv_bytes(
        [["username", "nama_lengkap", "unit", "peran"], ["budi", "Budi", "PUPR", "operator"]]
    )
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)):
        import_apply(
            preview=import_parse(kind="people", filename="p.csv", content=content), by=org.admin
        )
    with time_machine.travel(dt.datetime(2026, 5, 5, 9, tzinfo=dt.UTC)):
        preview = import_parse(kind="people", filename="p.csv", content=content)

    assert [row.action for row in preview.rows] == ["unchanged"]
    assert RoleAssignment.objects.filter(person__username="budi").count() == 1


def test_apply_refuses_when_the_database_changed_since_the_preview(org):
    preview = import_parse(kind="units", filename="opd.csv", content=units_file())
    Unit.objects.create(short_name="DISPAR", name="Dinas Pariwisata dan Olahraga", kind="agency")
    logged = ChangeLog.objects.count()

    with pytest.raises(ImportConflict) as caught:
        import_apply(preview=preview, by=org.admin)

    fresh = caught.value.preview
    assert [row.action for row in fresh.rows] == ["create", "update", "create", "create"]
    assert not Unit.objects.filter(short_name__in=["ASISTEN3", "BAG-HUKUM", "DISHUB"]).exists()
    assert ChangeLog.objects.count() == logged


def test_apply_refuses_when_the_preview_became_invalid(org):
    content = csv_bytes(
        [["nama", "singkatan", "jenis", "induk"], ["Bagian X", "BAG-X", "bagian", "BPN"]]
    )
    preview = import_parse(kind="units", filename="opd.csv", content=content)
    assert preview.is_valid
    Person.objects.filter(assignments__unit=org.bpn).delete()
    org.bpn.delete()

    with pytest.raises(ImportConflict) as caught:
        import_apply(preview=preview, by=org.admin)

    assert errors_of(caught.value.preview) == {(2, "induk")}
    assert not Unit.objects.filter(short_name="BAG-X").exists()


def test_a_nip_in_scientific_notation_is_an_error(org):
    content = csv_bytes([["username", "nama_lengkap", "nip"], ["budi", "Budi", "1.97E+17"]])

    with translation.override("en"):
        preview = import_parse(kind="people", filename="p.csv", content=content)

    assert errors_of(preview) == {(2, "nip")}
    assert "Text" in preview.rows[0].errors[0][1]


def test_a_nip_stored_by_excel_as_a_number_is_an_error(org):
    content = xlsx_bytes(
        [["username", "nama_lengkap", "nip"], ["budi", "Budi", 1.97001012000011e17]]
    )

    preview = import_parse(kind="people", filename="p.xlsx", content=content)

    assert errors_of(preview) == {(2, "nip")}


def test_a_nip_must_have_18_digits_and_belong_to_nobody_else(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "nip"],
            ["budi", "Budi", "1970 0101"],
            ["rina", "Rina", "1970 0515 2000 03 1 002"],  # the NIP of asisten2
            ["asisten2", "Ir. Dafrul Pasi, M.T.", "197005152000031002"],
            ["dodi", "Dodi", NIP],
            ["dedi", "Dedi", NIP],
        ]
    )

    with translation.override("en"):
        preview = import_parse(kind="people", filename="p.csv", content=content)

    assert errors_of(preview) == {(2, "nip"), (3, "nip"), (6, "nip")}
    assert preview.rows[0].errors[0][1] == 'NIP must be 18 digits (found "1970 0101").'
    assert preview.rows[2].action == "unchanged"


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(org):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

    preview = import_parse(kind="units", filename="opd.csv", content=png)

    assert not preview.is_valid
    assert len(preview.file_errors) == 1
    assert preview.rows == []


def test_a_zip_that_is_not_a_workbook_is_refused(org):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")

    preview = import_parse(kind="units", filename="opd.xlsx", content=out.getvalue())

    assert len(preview.file_errors) == 1


def test_missing_required_columns_are_a_file_error(org):
    content = csv_bytes([["nama", "jenis", "catatan"], ["Dinas A", "dinas", "x"]])

    with translation.override("en"):
        preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert "singkatan" in preview.file_errors[0]
    assert preview.ignored_columns == ["catatan"]


def test_a_file_over_5_mb_is_a_file_error(org):
    preview = import_parse(kind="units", filename="opd.csv", content=b"a" * (MAX_BYTES + 1))

    assert len(preview.file_errors) == 1


def test_too_many_rows_is_a_file_error(org):
    rows = [["nama", "singkatan", "jenis"]]
    rows += [[f"Unit {n}", f"U{n}", "dinas"] for n in range(MAX_ROWS + 1)]

    preview = import_parse(kind="units", filename="opd.csv", content=csv_bytes(rows))

    assert len(preview.file_errors) == 1
    assert preview.rows == []


def test_a_value_outside_the_header_is_an_error(org):
    # An unquoted comma in the name shifts the row by one cell.
    content = b"nama,singkatan,jenis\r\nDinas Pekerjaan Umum, Penataan Ruang,PU,dinas\r\n"

    preview = import_parse(kind="units", filename="opd.csv", content=content)

    assert (2, "") in errors_of(preview)


def test_people_import_with_a_role_creates_the_assignment_and_no_password(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "jabatan", "email", "unit", "peran", "mulai", "selesai"],
            [
                "budi",
                "Budi Santoso, S.T.",
                "Analis",
                "budi@example.go.id",
                "dinsos",
                "Kepala Unit",
                "01-02-2026",
                "31/12/2026",
            ],
        ]
    )

    preview = import_parse(kind="people", filename="p.csv", content=content)
    result = import_apply(preview=preview, by=org.admin)

    assert result.created == 1
    budi = Person.objects.get(username="budi")
    assert not budi.has_usable_password()
    assert budi.email == "budi@example.go.id"
    assignment = budi.assignments.get()
    assert (assignment.unit, assignment.role, assignment.capacity) == (
        org.dinsos,
        RoleAssignment.Role.UNIT_HEAD,
        RoleAssignment.Capacity.DEFINITIVE,
    )
    assert (assignment.valid_from, assignment.valid_until) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 12, 31),
    )
    log = ChangeLog.objects.get(person=budi)
    assert (log.action, log.actor, log.unit) == (ChangeLog.Action.IMPORTED, org.admin, org.dinsos)


def test_people_import_updates_an_existing_person_and_adds_a_role(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "pangkat golongan", "unit", "peran", "status", "mulai"],
            [
                "Operator.PUPR",
                "Andi Saputra, A.Md.",
                "Penata (III/c)",
                "DINSOS",
                "operator",
                "plh",
                "2026-04-01",
            ],
        ]
    )

    preview = import_parse(kind="people", filename="p.csv", content=content)
    import_apply(preview=preview, by=org.admin)

    assert preview.rows[0].action == "update"
    assert set(preview.rows[0].changes) == {"pangkat_golongan", "peran"}
    org.pupr_operator.refresh_from_db()
    assert org.pupr_operator.rank == "Penata (III/c)"
    assert org.pupr_operator.has_usable_password()
    assert org.pupr_operator.assignments.count() == 2


@time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC))
def test_a_role_cannot_end_before_it_starts(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "unit", "peran", "mulai", "selesai"],
            ["budi", "Budi", "PUPR", "operator", "2026-05-01", "2026-04-30"],
            ["rina", "Rina", "PUPR", "operator", "", "2026-05-31"],  # starts today
            ["operator.pupr", "Andi Saputra, A.Md.", "PUPR", "operator", "", "2024-12-31"],
        ]
    )

    preview = import_parse(kind="people", filename="p.csv", content=content)

    assert errors_of(preview) == {(2, "selesai"), (3, "selesai"), (4, "selesai")}


def test_a_role_needs_a_known_unit_and_role(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "unit", "peran", "status"],
            ["budi", "Budi", "NOPE", "operator", ""],
            ["rina", "Rina", "PUPR", "bos", ""],
            ["dodi", "Dodi", "", "", "plt"],
        ]
    )

    preview = import_parse(kind="people", filename="p.csv", content=content)

    assert errors_of(preview) == {(2, "unit"), (3, "peran"), (4, "unit"), (4, "peran")}


def test_the_preview_survives_a_json_round_trip(org):
    content = csv_bytes(
        [
            ["username", "nama_lengkap", "nip", "unit", "peran"],
            ["budi", "Budi", NIP, "PUPR", "operator"],
            ["rina", "Rina", "123", "", ""],
        ]
    )
    preview = import_parse(kind="people", filename="p.csv", content=content)

    data = json.loads(json.dumps(preview.to_data()))
    restored = ImportPreview.from_data(data)

    assert restored == preview
    assert restored.to_data() == preview.to_data()
    assert restored.sha256 == hashlib.sha256(content).hexdigest()
    with pytest.raises(ValueError):
        ImportPreview.from_data({"format": 1, "kind": "units"})


def test_a_round_tripped_preview_can_be_applied(org):
    preview = import_parse(kind="units", filename="opd.csv", content=units_file())

    restored = ImportPreview.from_data(json.loads(json.dumps(preview.to_data())))
    result = import_apply(preview=restored, by=org.admin)

    assert result.created == 4
