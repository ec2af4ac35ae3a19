"""Import units and people from a CSV or XLSX file: parse into a preview, then apply it."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.lib.importing import import_confirmed
from tuntas.org.models import (
    ChangeLog,
    Person,
    RoleAssignment,
    Unit,
    UnitCoordination,
    phone_validator,
)

ImportKind = Literal["units", "people"]
RowAction = Literal["create", "update", "unchanged"]
IMPORT_KINDS: dict[str, ImportKind] = {"units": "units", "people": "people"}

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Sheets formatted down to row 1,048,576 yield empty rows; stop long before that.
MAX_SCANNED_ROWS = 100_000
DATA_FORMAT = 1

UNIT_COLUMNS = (
    "nama",
    "singkatan",
    "jenis",
    "induk",
    "kode_sipd",
    "asisten_koordinator",
    "berlaku_mulai",
    "alamat",
    "telepon",
    "email",
)
UNIT_REQUIRED = ("nama", "singkatan", "jenis")
PEOPLE_COLUMNS = (
    "username",
    "nama_lengkap",
    "nip",
    "jabatan",
    "pangkat_golongan",
    "telepon",
    "email",
    "unit",
    "peran",
    "status",
    "mulai",
    "selesai",
)
PEOPLE_REQUIRED = ("username", "nama_lengkap")
ROLE_COLUMNS = ("unit", "peran", "status", "mulai", "selesai")

Kind = Unit.Kind
Role = RoleAssignment.Role
Capacity = RoleAssignment.Capacity

KIND_WORDS: dict[str, str] = {
    **{kind.value: kind.value for kind in Kind},
    "kepala_daerah": Kind.HEAD,
    "walikota": Kind.HEAD,
    "wali_kota": Kind.HEAD,
    "bupati": Kind.HEAD,
    "gubernur": Kind.HEAD,
    "sekretariat_daerah": Kind.SETDA,
    "asisten": Kind.ASSISTANT,
    "bagian": Kind.SECTION,
    "dinas": Kind.AGENCY,
    "badan": Kind.AGENCY,
    "kantor": Kind.AGENCY,
    "opd": Kind.AGENCY,
    "kecamatan": Kind.DISTRICT,
    "kelurahan": Kind.SUBDISTRICT,
    "bumd": Kind.ENTERPRISE,
    "mitra": Kind.PARTNER,
}
ROLE_WORDS: dict[str, str] = {
    **{role.value: role.value for role in Role},
    "kepala_daerah": Role.HEAD,
    "sekda": Role.SECRETARY_GENERAL,
    "sekretaris_daerah": Role.SECRETARY_GENERAL,
    "asisten": Role.COORDINATOR,
    "sekretariat": Role.SECRETARIAT,
    "bagian": Role.SECRETARIAT,
    "kepala_unit": Role.UNIT_HEAD,
    "operator": Role.UNIT_STAFF,
    "mitra": Role.PARTNER,
    "admin": Role.ADMIN,
    "administrator": Role.ADMIN,
}
# The words listed in error messages (more spellings are accepted).
KIND_NAMES = (
    "kepala_daerah",
    "setda",
    "asisten",
    "bagian",
    "dinas",
    "badan",
    "kantor",
    "kecamatan",
    "kelurahan",
    "bumd",
    "mitra",
)
ROLE_NAMES = (
    "kepala_daerah",
    "sekda",
    "asisten",
    "sekretariat",
    "kepala_unit",
    "operator",
    "mitra",
    "admin",
)
CAPACITY_WORDS: dict[str, str] = {
    **{capacity.value: capacity.value for capacity in Capacity},
    "definitif": Capacity.DEFINITIVE,
    "plt": Capacity.PLT,
    "plh": Capacity.PLH,
}

# What each column means, shown beside the upload form.
COLUMN_HELP: dict[str, Any] = {
    "nama": gettext_lazy("full name of the unit"),
    "singkatan": gettext_lazy("short name, the key: an existing unit with it is updated"),
    "jenis": ", ".join(KIND_NAMES),
    "induk": gettext_lazy("short name of the parent unit"),
    "kode_sipd": gettext_lazy("SIPD unit code"),
    "asisten_koordinator": gettext_lazy("short name of the coordinating Asisten"),
    "berlaku_mulai": gettext_lazy("date the coordination applies from (2026-01-31 or 31/01/2026)"),
    "alamat": gettext_lazy("address"),
    "telepon": gettext_lazy("telephone; for people a mobile number such as 081234567890"),
    "email": gettext_lazy("email address"),
    "username": gettext_lazy("user name, the key: an existing person with it is updated"),
    "nama_lengkap": gettext_lazy("full name with titles"),
    "nip": gettext_lazy("18 digits; format the column as Text in Excel"),
    "jabatan": gettext_lazy("position"),
    "pangkat_golongan": gettext_lazy("rank/grade, e.g. Pembina (IV/a)"),
    "unit": gettext_lazy("short name of the unit of the role"),
    "peran": "kepala_daerah, sekda, asisten, sekretariat, kepala_unit, operator, mitra, admin",
    "status": gettext_lazy("definitif (default), plt or plh"),
    "mulai": gettext_lazy("start of the role (default today)"),
    "selesai": gettext_lazy("end of the role, if known"),
}


def column_guide(kind: ImportKind) -> list[tuple[str, bool, Any]]:
    """Return (column, required, meaning) for the upload form."""
    columns, required = _columns(kind)
    return [(name, name in required, COLUMN_HELP.get(name, "")) for name in columns]


_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


@dataclass
class ImportRow:
    """One data row of the file: its cells, what importing it would do, and what is wrong."""

    number: int
    cells: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)
    action: RowAction | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Return the row's key as written: the unit's short name or the user name."""
        return self.cells.get("singkatan") or self.cells.get("username") or ""

    def add_error(self, column: str, message: str) -> None:
        self.errors.append((column, message))

    def has_error(self, column: str) -> bool:
        return any(name == column for name, _message in self.errors)


def error_lines(
    file_errors: list[str], rows: list[ImportRow], columns: dict[str, str]
) -> list[str]:
    """Return every error as one sentence naming its row and column, file errors first."""
    lines = list(file_errors)
    for row in rows:
        for column, message in row.errors:
            if column:
                lines.append(
                    _('Row %(row)s, column "%(column)s": %(message)s')
                    % {"row": row.number, "column": columns.get(column, column), "message": message}
                )
            else:
                lines.append(
                    _("Row %(row)s: %(message)s") % {"row": row.number, "message": message}
                )
    return lines


@dataclass
class ImportPreview:
    """What an uploaded file would change, row by row, before anything is written."""

    kind: ImportKind
    filename: str
    sha256: str
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def has_changes(self) -> bool:
        return any(row.action in ("create", "update") for row in self.rows)

    def counts(self) -> dict[str, int]:
        """Count the rows to create, to update, left unchanged, and wrong."""
        result = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            result["error" if row.errors else (row.action or "error")] += 1
        return result

    def error_lines(self) -> list[str]:
        """Return every error as one sentence naming its row and column, file errors first."""
        return error_lines(self.file_errors, self.rows, self.columns)

    def to_data(self) -> dict[str, Any]:
        """Return the preview as JSON-safe primitives (to keep it in the session)."""
        return {
            "format": DATA_FORMAT,
            "kind": self.kind,
            "filename": self.filename,
            "sha256": self.sha256,
            "columns": dict(self.columns),
            "ignored_columns": list(self.ignored_columns),
            "file_errors": list(self.file_errors),
            "rows": [
                {
                    "number": row.number,
                    "cells": dict(row.cells),
                    "values": dict(row.values),
                    "action": row.action,
                    "errors": [[column, message] for column, message in row.errors],
                    "changes": {name: [old, new] for name, (old, new) in row.changes.items()},
                }
                for row in self.rows
            ],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ImportPreview:
        """Rebuild a preview from to_data(); raise ValueError for anything else."""
        try:
            if data["format"] != DATA_FORMAT or data["kind"] not in ("units", "people"):
                raise ValueError("unknown import preview format")
            rows = [
                ImportRow(
                    number=int(item["number"]),
                    cells=_str_dict(item["cells"]),
                    values=_str_dict(item["values"]),
                    action=_action(item["action"]),
                    errors=[(str(column), str(message)) for column, message in item["errors"]],
                    changes={
                        str(name): (str(old), str(new))
                        for name, (old, new) in item["changes"].items()
                    },
                )
                for item in data["rows"]
            ]
            return cls(
                kind=cast(ImportKind, data["kind"]),
                filename=str(data["filename"]),
                sha256=str(data["sha256"]),
                columns=_str_dict(data["columns"]),
                ignored_columns=[str(name) for name in data["ignored_columns"]],
                rows=rows,
                file_errors=[str(message) for message in data["file_errors"]],
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed import preview: {error!r}") from error


@dataclass(frozen=True)
class ImportResult:
    """What an applied import wrote."""

    kind: ImportKind
    created: int
    updated: int
    unchanged: int


class ImportConflict(Exception):
    """The data changed between the preview and the confirmation; carries the new preview."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__("the data changed since the preview")
        self.preview = preview


def import_parse(*, kind: ImportKind, filename: str, content: bytes) -> ImportPreview:
    """Read a CSV or XLSX file of units or people and say what importing it would do."""
    preview = ImportPreview(
        kind=kind, filename=filename, sha256=hashlib.sha256(content).hexdigest()
    )
    table, error = _read_table(content)
    if error:
        preview.file_errors.append(error)
        return preview
    _read_header(preview, table)
    if not preview.file_errors:
        _check(preview)
    return preview


def import_apply(*, preview: ImportPreview, by: Person) -> ImportResult:
    """Write what a valid preview announced, all or nothing, and log each changed record.

    The rows are checked again against the database inside the transaction; when the outcome
    differs from what the user confirmed, nothing is written and ImportConflict carries the
    new preview.
    """

    def write(fresh: ImportPreview, plans: list[_UnitPlan] | list[_PersonPlan]) -> None:
        if fresh.kind == "units":
            _write_units(fresh, cast(list[_UnitPlan], plans), by)
        else:
            _write_people(fresh, cast(list[_PersonPlan], plans), by)

    fresh = import_confirmed(
        preview,
        cells_only=_cells_only,
        check=lambda p, lock: _check(p, lock=lock),
        write=write,
        conflict=ImportConflict,
    )
    counts = fresh.counts()
    return ImportResult(
        kind=fresh.kind,
        created=counts["create"],
        updated=counts["update"],
        unchanged=counts["unchanged"],
    )


# Reading the file -----------------------------------------------------------------------------

_Table = list[tuple[int, list[str]]]


def _read_table(content: bytes) -> tuple[_Table, str]:
    """Return the non-blank rows with their numbers in the file, or a file-level error."""
    if not content:
        return [], _("The file is empty.")
    if len(content) > MAX_BYTES:
        return [], _("The file is larger than 5 MB. Split it into several files.")
    if content.startswith(_ZIP_MAGIC):
        return _read_xlsx(content)
    if content.startswith(_OLE2_MAGIC):
        return [], _(
            "This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV, "
            "then upload it again."
        )
    return _read_csv(content)


def _read_xlsx(content: bytes) -> tuple[_Table, str]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        return [], _(
            "The file is a ZIP archive but not a readable Excel workbook (.xlsx). "
            "Save it from Excel as .xlsx or CSV and upload it again."
        )
    try:
        if not workbook.worksheets:
            return [], _("The workbook has no sheet.")
        sheet = workbook.worksheets[0]
        table: _Table = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_SCANNED_ROWS:
                return [], _(
                    "The first sheet has more than %(count)s rows, counting empty ones. "
                    "Delete the empty rows below the data."
                ) % {"count": number_format(MAX_SCANNED_ROWS, force_grouping=True)}
            cells = [_cell_text(value) for value in values]
            if any(cells):
                table.append((number, cells))
                if len(table) > MAX_ROWS + 1:
                    return [], _too_many_rows()
        return table, ""
    except Exception:
        return [], _("The Excel workbook could not be read. Save it again from Excel and retry.")
    finally:
        workbook.close()


def _read_csv(content: bytes) -> tuple[_Table, str]:
    text = _decode(content)
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        return [], _(
            "The file is neither a CSV file nor an Excel workbook (.xlsx). "
            "Upload the list as .csv or .xlsx."
        )
    # Exports often carry title lines above the table: judge the separator by the widest of
    # the first lines, not by the first one alone.
    sample = [line for line in text.splitlines() if line.strip()][:15] or [""]
    delimiter = max(
        (",", ";", "\t"),
        key=lambda candidate: max(
            len(next(csv.reader([line], delimiter=candidate))) for line in sample
        ),
    )
    table: _Table = []
    try:
        for number, values in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
        ):
            cells = [_cell_text(value) for value in values]
            if any(cells):
                table.append((number, cells))
                if len(table) > MAX_ROWS + 1:
                    return [], _too_many_rows()
    except csv.Error as error:
        return [], _("The CSV file could not be read: %(error)s.") % {"error": error}
    return table, ""


def _decode(content: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else Windows-1252, else Latin-1 (never fails)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export: tab-separated UTF-16.
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _too_many_rows() -> str:
    return _("The file has more than %(count)s rows. Split it into several files.") % {
        "count": number_format(MAX_ROWS, force_grouping=True)
    }


def _cell_text(value: object) -> str:
    """Turn a CSV or Excel cell into trimmed text without losing the digits of whole numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Beyond 2**53 a float no longer holds every digit: show it as Excel would, so that the
        # NIP check can say the column must be formatted as text.
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return f"{value:.15G}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).translate(_INVISIBLE).split())


def _header_key(text: str) -> str:
    return re.sub(r"[\s_]+", "_", text.strip().lower()).strip("_")


def _read_header(preview: ImportPreview, table: _Table) -> None:
    """Map the header row to known columns and turn the other rows into ImportRows."""
    known, required = _columns(preview.kind)
    if len(table) < 2:
        preview.file_errors.append(
            _("The file has no data rows. The first row must hold the column names.")
        )
        if not table:
            return
    header_number, header = table[0]
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        key = _header_key(text)
        if not key:
            continue
        if key in positions:
            preview.file_errors.append(
                _('The column "%(column)s" appears twice in the header (row %(row)s).')
                % {"column": text, "row": header_number}
            )
        elif key in known:
            positions[key] = index
            preview.columns[key] = text
        else:
            positions[key] = index
            preview.ignored_columns.append(text)
    missing = [name for name in required if name not in preview.columns]
    if missing:
        preview.file_errors.append(
            _(
                "Required columns are missing: %(columns)s. The first row must hold the column "
                "names: %(expected)s."
            )
            % {"columns": ", ".join(missing), "expected": ", ".join(known)}
        )
    if preview.file_errors:
        return
    header_width = len(header)
    used = {name: positions[name] for name in preview.columns}
    for number, cells in table[1:]:
        row = ImportRow(
            number=number,
            cells={
                name: cells[index] if index < len(cells) else "" for name, index in used.items()
            },
        )
        for index, value in enumerate(cells):
            if value and (index >= header_width or not _header_key(header[index])):
                row.add_error(
                    "",
                    _(
                        'There is a value in column %(index)s, which has no header ("%(value)s"). '
                        "Check for a stray separator or add the column name."
                    )
                    % {"index": index + 1, "value": value},
                )
                break
        preview.rows.append(row)


def _columns(kind: ImportKind) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if kind == "units":
        return UNIT_COLUMNS, UNIT_REQUIRED
    return PEOPLE_COLUMNS, PEOPLE_REQUIRED


def _cells_only(preview: ImportPreview) -> ImportPreview:
    """Return a new, unchecked preview holding only the file's cells from the given one."""
    return ImportPreview(
        kind=preview.kind,
        filename=preview.filename,
        sha256=preview.sha256,
        columns=dict(preview.columns),
        ignored_columns=list(preview.ignored_columns),
        rows=[ImportRow(number=row.number, cells=dict(row.cells)) for row in preview.rows],
    )


# Cleaning single cells ------------------------------------------------------------------------


def _key(text: str) -> str:
    return text.strip().lower()


def _word(text: str) -> str:
    return re.sub(r"[\s_.-]+", "_", text.strip().lower()).strip("_")


def _required(row: ImportRow, column: str) -> str:
    value = row.cells.get(column, "")
    if not value:
        row.add_error(column, _("This column must be filled in."))
    return value


def _max_length(row: ImportRow, column: str, limit: int | None) -> str:
    value = row.cells.get(column, "")
    if limit is not None and len(value) > limit:
        row.add_error(
            column,
            _("At most %(limit)s characters are allowed; this value has %(length)s.")
            % {"limit": limit, "length": len(value)},
        )
    return value


def _field_limit(model: type[Unit] | type[Person], name: str) -> int | None:
    return cast(int | None, getattr(model._meta.get_field(name), "max_length", None))


def _choice(
    row: ImportRow, column: str, words: Mapping[str, str], allowed: Iterable[str]
) -> str | None:
    value = row.cells.get(column, "")
    if not value:
        return None
    choice = words.get(_word(value))
    if choice is None:
        row.add_error(
            column,
            _('"%(value)s" is not a known value. Use one of: %(allowed)s.')
            % {"value": value, "allowed": ", ".join(allowed)},
        )
    return choice


def _date(row: ImportRow, column: str) -> dt.date | None:
    value = row.cells.get(column, "")
    if not value:
        return None
    try:
        if match := _ISO_DATE.match(value):
            year, month, day = match.groups()
            return dt.date(int(year), int(month), int(day))
        if match := _DMY_DATE.match(value):
            day, month, year = match.groups()
            return dt.date(int(year), int(month), int(day))
        if value.isdigit() and 20000 <= int(value) <= 80000:
            # An Excel date serial number from a cell that is not formatted as a date.
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    except ValueError:
        pass
    row.add_error(
        column,
        _('"%(value)s" is not a valid date. Write it as 2026-01-31, 31/01/2026 or 31-01-2026.')
        % {"value": value},
    )
    return None


def _email(row: ImportRow, column: str, limit: int | None) -> str:
    value = _max_length(row, column, limit)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            row.add_error(column, _('"%(value)s" is not a valid email address.') % {"value": value})
    return value


def _nip(row: ImportRow, column: str) -> str:
    raw = row.cells.get(column, "")
    value = raw.replace(" ", "").lstrip("'")
    if re.fullmatch(r"\d{18}\.0+", value):
        value = value.split(".")[0]
    if not value:
        return ""
    if _SCIENTIFIC.match(value):
        row.add_error(
            column,
            _(
                'The NIP was written as a number in scientific notation ("%(value)s"), so its '
                "last digits are lost. Format the NIP column as Text in Excel, type the NIPs "
                "again and save."
            )
            % {"value": raw},
        )
        return ""
    if not re.fullmatch(r"\d{18}", value):
        row.add_error(column, _('NIP must be 18 digits (found "%(value)s").') % {"value": raw})
        return ""
    return value


def _phone(row: ImportRow, column: str) -> str:
    raw = row.cells.get(column, "")
    value = re.sub(r"[\s().-]+", "", raw)
    if not value:
        return ""
    if value.startswith("8"):
        # Excel drops the leading zero of a phone number typed as a number.
        value = f"0{value}"
    try:
        phone_validator(value)
    except ValidationError:
        row.add_error(
            column,
            _('Enter a mobile number such as 081234567890 or +6281234567890 (found "%(value)s").')
            % {"value": raw},
        )
        return ""
    return value


# Checking rows against the database ------------------------------------------------------------


@dataclass
class _UnitPlan:
    row: ImportRow
    key: str
    unit: Unit | None
    fields: dict[str, str]
    parent_key: str | None
    coordinator_key: str | None
    coordination_from: dt.date | None
    coordination: UnitCoordination | None


@dataclass
class _RolePlan:
    unit: Unit
    role: str
    capacity: str
    valid_from: dt.date
    valid_until: dt.date | None
    existing: RoleAssignment | None
    fields: dict[str, Any]


@dataclass
class _PersonPlan:
    row: ImportRow
    person: Person | None
    fields: dict[str, str | None]
    role: _RolePlan | None


def _check(preview: ImportPreview, *, lock: bool = False) -> list[_UnitPlan] | list[_PersonPlan]:
    """Fill in each row's values, errors, action and changes; return the plan to write."""
    if preview.kind == "units":
        return _check_units(preview, lock=lock)
    return _check_people(preview, lock=lock)


def _check_units(preview: ImportPreview, *, lock: bool) -> list[_UnitPlan]:
    units = Unit.objects.select_related("parent")
    if lock:
        units = units.select_for_update(of=("self",))
    in_db = {unit.short_name.lower(): unit for unit in units}
    first_row: dict[str, int] = {}
    kind_of = {key: unit.kind for key, unit in in_db.items()}
    coordinations = {
        (row.unit_id, row.valid_from): row
        for row in UnitCoordination.objects.select_related("coordinator")
    }
    name_of = {key: unit.short_name for key, unit in in_db.items()}
    coordinating = {row.coordinator_id for row in coordinations.values()}

    for row in preview.rows:
        for column in UNIT_REQUIRED:
            _required(row, column)
        for column, field_name in (
            ("nama", "name"),
            ("singkatan", "short_name"),
            ("kode_sipd", "sipd_code"),
            ("alamat", "address"),
            ("telepon", "phone"),
        ):
            _max_length(row, column, _field_limit(Unit, field_name))
        _email(row, "email", _field_limit(Unit, "email"))
        kind = _choice(row, "jenis", KIND_WORDS, KIND_NAMES)
        since = _date(row, "berlaku_mulai")
        short_name = row.cells.get("singkatan", "")
        key = _key(short_name)
        if key:
            if key in first_row:
                row.add_error(
                    "singkatan",
                    _('The short name "%(value)s" already appears in row %(row)s.')
                    % {"value": short_name, "row": first_row[key]},
                )
            else:
                first_row[key] = row.number
                name_of.setdefault(key, short_name)
                if kind:
                    kind_of[key] = kind
        row.values = {
            column: row.cells.get(column, "")
            for column in UNIT_COLUMNS
            if column in preview.columns
        }
        if kind:
            row.values["jenis"] = kind
            unit = in_db.get(key)
            if unit and unit.pk in coordinating and kind != Kind.ASSISTANT:
                row.add_error(
                    "jenis",
                    _(
                        '"%(value)s" coordinates other units, so it must stay an assistant; '
                        "move their coordination first."
                    )
                    % {"value": short_name},
                )
        if since:
            row.values["berlaku_mulai"] = since.isoformat()
        if row.cells.get("asisten_koordinator") and not row.cells.get("berlaku_mulai"):
            row.add_error(
                "berlaku_mulai",
                _("Give the date from which the coordinating assistant applies."),
            )
        if row.cells.get("berlaku_mulai") and not row.cells.get("asisten_koordinator"):
            row.add_error(
                "berlaku_mulai",
                _(
                    'This date only applies with "asisten_koordinator"; fill that in or clear '
                    "the date."
                ),
            )

    # References to other units, in the database or anywhere in the file.
    parent_of = {
        key: unit.parent.short_name.lower() if unit.parent else None for key, unit in in_db.items()
    }
    for row in preview.rows:
        key = _key(row.cells.get("singkatan", ""))
        parent = row.cells.get("induk", "")
        if parent:
            parent_key = _key(parent)
            if parent_key not in kind_of:
                row.add_error(
                    "induk",
                    _('No unit has the short name "%(value)s", in the database or in this file.')
                    % {"value": parent},
                )
            elif parent_key == key:
                row.add_error("induk", _("A unit cannot be its own parent."))
            elif first_row.get(key) == row.number:
                parent_of[key] = parent_key
        coordinator = row.cells.get("asisten_koordinator", "")
        if coordinator:
            coordinator_key = _key(coordinator)
            if coordinator_key not in kind_of:
                row.add_error(
                    "asisten_koordinator",
                    _('No unit has the short name "%(value)s", in the database or in this file.')
                    % {"value": coordinator},
                )
            elif coordinator_key == key:
                row.add_error("asisten_koordinator", _("A unit cannot coordinate itself."))
            elif kind_of[coordinator_key] != Kind.ASSISTANT:
                row.add_error(
                    "asisten_koordinator",
                    _('"%(value)s" is not an assistant unit (its kind is "%(kind)s").')
                    % {"value": coordinator, "kind": kind_of[coordinator_key]},
                )

    loops = _loops(parent_of, first_row)
    for row in preview.rows:
        key = _key(row.cells.get("singkatan", ""))
        if key in loops and first_row.get(key) == row.number and not row.has_error("induk"):
            row.add_error(
                "induk",
                _("This parent makes a loop: %(path)s.")
                % {"path": _path_text([name_of.get(item, item) for item in loops[key]])},
            )

    plans: list[_UnitPlan] = []
    for row in preview.rows:
        if row.errors:
            continue
        plans.append(_unit_plan(row, in_db, name_of, coordinations))
    return plans


def _path_text(names: list[str]) -> str:
    if len(names) > 8:
        names = [*names[:4], "…", *names[-2:]]
    return " → ".join(names)


def _loops(parent_of: Mapping[str, str | None], starts: Iterable[str]) -> dict[str, list[str]]:
    """Return, for each unit on a loop of parents, the loop from it back to itself."""
    done: set[str] = set()
    loops: dict[str, list[str]] = {}
    for start in starts:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = parent_of.get(node)
        if node is not None and node in on_path:
            loop = path[on_path[node] :]
            for index, member in enumerate(loop):
                loops[member] = [*loop[index:], *loop[:index], member]
        done.update(path)
    return loops


def _unit_plan(
    row: ImportRow,
    in_db: Mapping[str, Unit],
    name_of: Mapping[str, str],
    coordinations: Mapping[tuple[int, dt.date], UnitCoordination],
) -> _UnitPlan:
    key = _key(row.cells["singkatan"])
    unit = in_db.get(key)
    wanted = {
        "name": row.cells["nama"],
        "kind": row.values["jenis"],
        "sipd_code": row.cells.get("kode_sipd", ""),
        "address": row.cells.get("alamat", ""),
        "phone": row.cells.get("telepon", ""),
        "email": row.cells.get("email", ""),
    }
    column_of = {
        "name": "nama",
        "kind": "jenis",
        "sipd_code": "kode_sipd",
        "address": "alamat",
        "phone": "telepon",
        "email": "email",
    }
    parent_key = _key(row.cells["induk"]) if row.cells.get("induk") else None
    coordinator_key = (
        _key(row.cells["asisten_koordinator"]) if row.cells.get("asisten_koordinator") else None
    )
    since = dt.date.fromisoformat(row.values["berlaku_mulai"]) if coordinator_key else None
    plan = _UnitPlan(
        row=row,
        key=key,
        unit=unit,
        fields={},
        parent_key=None,
        coordinator_key=None,
        coordination_from=since,
        coordination=None,
    )
    # An empty cell leaves the stored value as it is; it never clears it.
    for name, value in wanted.items():
        old = "" if unit is None else str(getattr(unit, name))
        if value and value != old:
            plan.fields[name] = value
            row.changes[column_of[name]] = (old, value)
    if parent_key is not None:
        old_parent = unit.parent.short_name.lower() if unit and unit.parent else None
        if parent_key != old_parent:
            plan.parent_key = parent_key
            row.changes["induk"] = (
                name_of.get(old_parent, "") if old_parent else "",
                name_of.get(parent_key, parent_key),
            )
    if coordinator_key is not None and since is not None:
        existing = coordinations.get((unit.pk, since)) if unit else None
        old_coordinator = existing.coordinator.short_name.lower() if existing else None
        if coordinator_key != old_coordinator:
            plan.coordinator_key = coordinator_key
            plan.coordination = existing
            row.changes["asisten_koordinator"] = (
                f"{name_of.get(old_coordinator, '')} {since.isoformat()}"
                if old_coordinator
                else "",
                f"{name_of.get(coordinator_key, coordinator_key)} {since.isoformat()}",
            )
    row.action = "create" if unit is None else ("update" if row.changes else "unchanged")
    return plan


def _check_people(preview: ImportPreview, *, lock: bool) -> list[_PersonPlan]:
    usernames = {_key(row.cells.get("username", "")) for row in preview.rows} - {""}
    people = Person.objects.annotate(username_key=Lower("username")).filter(
        username_key__in=usernames
    )
    if lock:
        people = people.select_for_update()
    in_db = {person.username.lower(): person for person in people}
    units = {unit.short_name.lower(): unit for unit in Unit.objects.all()}
    nips = {_nip_digits(row.cells.get("nip", "")) for row in preview.rows} - {""}
    nip_owner = {person.nip: person for person in Person.objects.filter(nip__in=nips)}
    assignments: dict[int, list[RoleAssignment]] = {}
    for assignment in RoleAssignment.objects.filter(person__in=list(in_db.values())):
        assignments.setdefault(assignment.person_id, []).append(assignment)
    today = timezone.localdate()
    first_row: dict[str, int] = {}
    first_nip: dict[str, int] = {}
    plans: list[_PersonPlan] = []

    for row in preview.rows:
        username = _required(row, "username")
        _max_length(row, "username", _field_limit(Person, "username"))
        if username:
            try:
                Person.username_validator(username)
            except ValidationError:
                row.add_error(
                    "username",
                    _(
                        '"%(value)s" is not a valid username: use letters, digits and . @ + - _ '
                        "only, without spaces."
                    )
                    % {"value": username},
                )
        _required(row, "nama_lengkap")
        for column, field_name in (
            ("nama_lengkap", "full_name"),
            ("jabatan", "position"),
            ("pangkat_golongan", "rank"),
        ):
            _max_length(row, column, _field_limit(Person, field_name))
        email = _email(row, "email", _field_limit(Person, "email"))
        nip = _nip(row, "nip")
        phone = _phone(row, "telepon")
        key = _key(username)
        person = in_db.get(key)
        if key:
            if key in first_row:
                row.add_error(
                    "username",
                    _('The username "%(value)s" already appears in row %(row)s.')
                    % {"value": username, "row": first_row[key]},
                )
            else:
                first_row[key] = row.number
        if nip:
            # The NIP's holder in the database keeps it; other rows claiming it are wrong.
            owner = nip_owner.get(nip)
            if owner is not None and owner.username.lower() != key:
                row.add_error(
                    "nip",
                    _("NIP %(value)s already belongs to %(name)s (username %(username)s).")
                    % {"value": nip, "name": owner.full_name, "username": owner.username},
                )
            elif nip in first_nip:
                row.add_error(
                    "nip",
                    _("NIP %(value)s already appears in row %(row)s.")
                    % {"value": nip, "row": first_nip[nip]},
                )
            else:
                first_nip[nip] = row.number
        role = _role(row, units, today)
        row.values = {
            column: row.cells.get(column, "")
            for column in PEOPLE_COLUMNS
            if column in preview.columns
        }
        if nip:
            row.values["nip"] = nip
        if phone:
            row.values["telepon"] = phone
        if role is not None:
            asked = role
            role = _role_plan(row, asked, assignments.get(person.pk, []) if person else [], today)
            row.values.update({"peran": asked.role, "mulai": asked.valid_from.isoformat()})
            if asked.capacity:
                row.values["status"] = asked.capacity
            if asked.valid_until:
                row.values["selesai"] = asked.valid_until.isoformat()
        if row.errors:
            continue
        plan = _PersonPlan(row=row, person=person, fields={}, role=role)
        wanted: dict[str, tuple[str, str]] = {
            "full_name": ("nama_lengkap", row.cells["nama_lengkap"]),
            "nip": ("nip", nip),
            "position": ("jabatan", row.cells.get("jabatan", "")),
            "rank": ("pangkat_golongan", row.cells.get("pangkat_golongan", "")),
            "phone": ("telepon", phone),
            "email": ("email", email),
        }
        for name, (column, value) in wanted.items():
            old = "" if person is None else str(getattr(person, name) or "")
            if value and value != old:
                plan.fields[name] = value
                row.changes[column] = (old, value)
        row.action = "create" if person is None else ("update" if row.changes else "unchanged")
        plans.append(plan)
    return plans


def _nip_digits(text: str) -> str:
    return text.replace(" ", "").lstrip("'").split(".")[0]


def _role(row: ImportRow, units: Mapping[str, Unit], today: dt.date) -> _RolePlan | None:
    """Return the role the row asks for (not yet matched with existing assignments)."""
    if not any(row.cells.get(column) for column in ROLE_COLUMNS):
        return None
    unit_text = row.cells.get("unit", "")
    unit = units.get(_key(unit_text)) if unit_text else None
    if not unit_text:
        row.add_error("unit", _("Give the unit (its short name) for the role in this row."))
    elif unit is None:
        row.add_error("unit", _('No unit has the short name "%(value)s".') % {"value": unit_text})
    elif not unit.is_active:
        row.add_error("unit", _('The unit "%(value)s" is no longer active.') % {"value": unit_text})
    if not row.cells.get("peran"):
        row.add_error("peran", _("Give the role for the unit in this row."))
    role = _choice(row, "peran", ROLE_WORDS, ROLE_NAMES)
    capacity = _choice(row, "status", CAPACITY_WORDS, ["definitif", "plt", "plh"])
    start = _date(row, "mulai")
    end = _date(row, "selesai")
    if start and end and end < start:
        row.add_error("selesai", _end_before_start(end, start))
    if unit is None or role is None or row.errors:
        return None
    return _RolePlan(
        unit=unit,
        role=role,
        capacity=capacity or "",
        valid_from=start or today,
        valid_until=end,
        existing=None,
        fields={},
    )


def _role_plan(
    row: ImportRow, role: _RolePlan, held: list[RoleAssignment], today: dt.date
) -> _RolePlan | None:
    """Match the requested role with the assignments the person holds; None when nothing changes."""
    same = [a for a in held if a.unit_id == role.unit.pk and a.role == role.role]
    if row.cells.get("mulai"):
        existing = next((a for a in same if a.valid_from == role.valid_from), None)
    else:
        # Without a start date, an assignment in force today is the one meant, so that
        # importing the same file on another day does not add the role again.
        existing = next((a for a in same if a.is_active_on(today)), None)
    label = f"{role.unit.short_name}: {role.role}"
    if existing is None:
        if role.valid_until and role.valid_until < role.valid_from:
            row.add_error("selesai", _end_before_start(role.valid_until, role.valid_from))
            return None
        role.capacity = role.capacity or Capacity.DEFINITIVE
        row.changes["peran"] = (
            "",
            _role_text(label, role.capacity, role.valid_from, role.valid_until),
        )
        return role
    role.existing = existing
    role.valid_from = existing.valid_from
    if role.valid_until and role.valid_until < existing.valid_from:
        row.add_error("selesai", _end_before_start(role.valid_until, existing.valid_from))
        return None
    if role.capacity and role.capacity != existing.capacity:
        role.fields["capacity"] = role.capacity
    if role.valid_until and role.valid_until != existing.valid_until:
        role.fields["valid_until"] = role.valid_until
    if not role.fields:
        return None
    row.changes["peran"] = (
        _role_text(label, existing.capacity, existing.valid_from, existing.valid_until),
        _role_text(
            label,
            role.fields.get("capacity", existing.capacity),
            existing.valid_from,
            role.fields.get("valid_until", existing.valid_until),
        ),
    )
    return role


def _end_before_start(end: dt.date, start: dt.date) -> str:
    return _("The end date %(end)s is before the start date %(start)s.") % {
        "end": end.isoformat(),
        "start": start.isoformat(),
    }


def _role_text(label: str, capacity: str, start: dt.date, end: dt.date | None) -> str:
    # Language-neutral on purpose: the changes are compared again when the import is confirmed.
    return f"{label} ({capacity}) {start.isoformat()}..{end.isoformat() if end else ''}"


# Writing ---------------------------------------------------------------------------------------


def _log(
    *,
    by: Person,
    preview: ImportPreview,
    row: ImportRow,
    text: str,
    unit: Unit | None = None,
    person: Person | None = None,
    changes: Mapping[str, Any],
) -> None:
    summary = _("Imported from %(file)s, row %(row)s: %(text)s") % {
        "file": preview.filename,
        "row": row.number,
        "text": text,
    }
    ChangeLog.objects.create(
        actor=by,
        action=ChangeLog.Action.IMPORTED,
        unit=unit,
        person=person,
        summary=summary[:300],
        changes={name: _json_text(value) for name, value in changes.items()},
    )


def _json_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _write_units(preview: ImportPreview, plans: list[_UnitPlan], by: Person) -> None:
    pending = [plan for plan in plans if plan.row.action != "unchanged"]
    by_key = {unit.short_name.lower(): unit for unit in Unit.objects.all()}
    for plan in pending:
        if plan.unit is None:
            plan.unit = Unit.objects.create(short_name=plan.row.cells["singkatan"], **plan.fields)
            by_key[plan.key] = plan.unit
        elif plan.fields:
            for name, value in plan.fields.items():
                setattr(plan.unit, name, value)
            plan.unit.save(update_fields=list(plan.fields))
    # Parents and coordinators may be rows further down the file: link them once all exist.
    for plan in pending:
        assert plan.unit is not None
        changes: dict[str, Any] = dict(plan.fields)
        if plan.parent_key is not None:
            plan.unit.parent = by_key[plan.parent_key]
            plan.unit.save(update_fields=["parent"])
            changes["parent"] = plan.unit.parent.short_name
        if plan.coordinator_key is not None and plan.coordination_from is not None:
            coordinator = by_key[plan.coordinator_key]
            if plan.coordination is None:
                UnitCoordination.objects.create(
                    unit=plan.unit, coordinator=coordinator, valid_from=plan.coordination_from
                )
            else:
                plan.coordination.coordinator = coordinator
                plan.coordination.save(update_fields=["coordinator"])
            changes["coordinator"] = (
                f"{coordinator.short_name} {plan.coordination_from.isoformat()}"
            )
        created = plan.row.action == "create"
        text = (_("unit %(unit)s created") if created else _("unit %(unit)s changed")) % {
            "unit": plan.unit.short_name
        }
        _log(by=by, preview=preview, row=plan.row, text=text, unit=plan.unit, changes=changes)
    # Open edit forms of these units are now stale (see tuntas.lib.concurrency).
    updated = [plan.unit.pk for plan in pending if plan.unit and plan.row.action == "update"]
    Unit.objects.filter(pk__in=updated).update(version=F("version") + 1)


def _write_people(preview: ImportPreview, plans: list[_PersonPlan], by: Person) -> None:
    updated: list[int] = []
    for plan in plans:
        if plan.row.action == "unchanged":
            continue
        person = plan.person
        if person is None:
            person = Person(username=plan.row.cells["username"], **plan.fields)
            # New people choose their own password through the password-reset email.
            person.set_unusable_password()
            person.save()
            text = _("account %(name)s created") % {"name": person.full_name}
        else:
            for name, value in plan.fields.items():
                setattr(person, name, value)
            if plan.fields:
                person.save(update_fields=list(plan.fields))
                updated.append(person.pk)
            text = _("data of %(name)s changed") % {"name": person.full_name}
        changes: dict[str, Any] = dict(plan.fields)
        role = plan.role
        if role is not None:
            if role.existing is None:
                RoleAssignment.objects.create(
                    person=person,
                    unit=role.unit,
                    role=role.role,
                    capacity=role.capacity,
                    valid_from=role.valid_from,
                    valid_until=role.valid_until,
                )
            else:
                for name, value in role.fields.items():
                    setattr(role.existing, name, value)
                role.existing.save(update_fields=list(role.fields))
                RoleAssignment.objects.filter(pk=role.existing.pk).update(version=F("version") + 1)
            changes["role"] = plan.row.changes["peran"][1]
        _log(
            by=by,
            preview=preview,
            row=plan.row,
            text=text,
            unit=role.unit if role else None,
            person=person,
            changes=changes,
        )
    Person.objects.filter(pk__in=updated).update(version=F("version") + 1)


# Helpers for from_data ---------------------------------------------------------------------


def _str_dict(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("expected a mapping")
    return {str(name): str(item) for name, item in value.items()}


def _action(value: object) -> RowAction | None:
    if value is None or value in ("create", "update", "unchanged"):
        return cast(RowAction | None, value)
    raise TypeError(f"unknown row action {value!r}")
