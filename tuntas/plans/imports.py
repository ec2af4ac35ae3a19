"""Import the budget nomenclature, the units' DPA sub kegiatan and their monthly targets.

Files are CSV or XLSX as SIPD and the units' spreadsheets export them. The header row is the
first of the first 15 rows that holds the required column names (title rows above it are
ignored); header names match in any case, with spaces or underscores. Amounts may be written
"1.250.000.000,00", "Rp 1.250.000", "1250000000" or be Excel number cells. Blank rows,
subtotal rows ("Jumlah", "Total", "Sub Total" without a code), rows of an upper level in the
sub kegiatan column (DPA and targets), the column-number row under the header and notes or
signatures below the data are skipped and listed in the preview. Codes are normalised:
"1.03.10.02.01.51" becomes "1.03.10.2.01.0051"; stray spaces are dropped.

Kinds and their columns (* required; "a | b" means either):

``nomenclature``: the budget structure of one fiscal year, one sub kegiatan a row (a row may
also name only an upper level). Each entry is created once, linked to its parent; a name that
differs from the stored one updates it. X.XX penunjang codes are kept as the template.
    kode_urusan, nama_urusan, kode_bidang_urusan, nama_bidang_urusan, kode_program,
    nama_program, kode_giat, nama_giat, kode_sub_giat*, nama_sub_giat*, tahun_anggaran

``dpa``: each unit's sub kegiatan with budget and output, keyed by (year, unit, code).
The unit is matched by ``kode_skpd`` against the unit's SIPD code, else by ``nama_skpd``
against its name or short name (any case). X.XX penunjang codes take the unit's bidang urusan
(the first two segments of its SIPD code). Program and kegiatan names come from the
nomenclature of the year when it has them, else from the file. Empty cells never clear data.
    kode_skpd* | nama_skpd*, kode_sub_giat*, nama_sub_giat*, pagu*, nama_lokasi,
    output_sub_giat (else indikator), satuan, target, kode_program, nama_program, kode_giat,
    nama_giat, tahun_anggaran

``targets``: the cumulative monthly plan of sub kegiatan already imported from the DPA.
``fisik_N`` is the physical progress (%) planned by the end of month N, ``keuangan_N`` the
money planned to be spent by then (Rp, the anggaran kas). An empty cell is 0. Each month is at
least the month before; physical at most 100; finance at most the pagu. Values are rounded to
2 decimals; a physical column written as Excel percentages (0.125 … 1) is read as 12.5 … 100.
    kode_skpd* | nama_skpd*, kode_sub_giat*, nama_sub_giat, fisik_1* … fisik_12*,
    keuangan_1* … keuangan_12*, tahun_anggaran

Accepted other spellings of the headers are in ALIASES (e.g. kode_sub_kegiatan, lokasi,
pagu_rp, outputteks, satuanoutput, target_1, fisik_01, keuangan_01).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal, cast

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.lib.budget_codes import (
    LEVELS,
    SEGMENT_COUNTS,
    BudgetCode,
    BudgetCodeError,
    GovernmentLevel,
    Level,
    parse_code,
)
from tuntas.lib.importing import import_confirmed
from tuntas.lib.money import format_rupiah
from tuntas.org import imports as org_imports
from tuntas.org.imports import (
    MAX_BYTES,
    MAX_ROWS,
    _action,
    _header_key,
    _max_length,
    _read_table,
    _str_dict,
)
from tuntas.org.imports import (
    error_lines as org_error_lines,
)
from tuntas.org.models import ChangeLog, Government, Person, Unit
from tuntas.plans.models import MonthlyTarget, Nomenclature, SubActivity

__all__ = [
    "IMPORT_KINDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportConflict",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "PlanImportKind",
    "column_guide",
    "plans_import_apply",
    "plans_import_parse",
]

PlanImportKind = Literal["nomenclature", "dpa", "targets"]
IMPORT_KINDS: dict[str, PlanImportKind] = {
    "nomenclature": "nomenclature",
    "dpa": "dpa",
    "targets": "targets",
}

HEADER_SEARCH_ROWS = 15
DATA_FORMAT = 1
MONTHS = range(1, 13)
CENT = Decimal("0.01")
MAX_PAGU_DIGITS = 16  # SubActivity.pagu: 18 digits, 2 of them decimals

CODE_COLUMNS: dict[Level, str] = {
    "urusan": "kode_urusan",
    "bidang": "kode_bidang_urusan",
    "program": "kode_program",
    "kegiatan": "kode_giat",
    "sub_kegiatan": "kode_sub_giat",
}
NAME_COLUMNS: dict[Level, str] = {
    "urusan": "nama_urusan",
    "bidang": "nama_bidang_urusan",
    "program": "nama_program",
    "kegiatan": "nama_giat",
    "sub_kegiatan": "nama_sub_giat",
}
PHYSICAL_COLUMNS = tuple(f"fisik_{month}" for month in MONTHS)
FINANCE_COLUMNS = tuple(f"keuangan_{month}" for month in MONTHS)

NOMENCLATURE_COLUMNS = (
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
    "tahun_anggaran",
)
DPA_COLUMNS = (
    "kode_skpd",
    "nama_skpd",
    "kode_sub_giat",
    "nama_sub_giat",
    "pagu",
    "nama_lokasi",
    "output_sub_giat",
    "indikator",
    "satuan",
    "target",
    "kode_program",
    "nama_program",
    "kode_giat",
    "nama_giat",
    "tahun_anggaran",
)
TARGET_COLUMNS = (
    "kode_skpd",
    "nama_skpd",
    "kode_sub_giat",
    "nama_sub_giat",
    *PHYSICAL_COLUMNS,
    *FINANCE_COLUMNS,
    "tahun_anggaran",
)
COLUMNS: dict[PlanImportKind, tuple[str, ...]] = {
    "nomenclature": NOMENCLATURE_COLUMNS,
    "dpa": DPA_COLUMNS,
    "targets": TARGET_COLUMNS,
}
# Each group is satisfied by any one of its columns.
REQUIRED: dict[PlanImportKind, tuple[tuple[str, ...], ...]] = {
    "nomenclature": (("kode_sub_giat",), ("nama_sub_giat",)),
    "dpa": (("kode_skpd", "nama_skpd"), ("kode_sub_giat",), ("nama_sub_giat",), ("pagu",)),
    "targets": (
        ("kode_skpd", "nama_skpd"),
        ("kode_sub_giat",),
        *((name,) for name in PHYSICAL_COLUMNS + FINANCE_COLUMNS),
    ),
}
# Other spellings met in exports and hand-made sheets, in order of preference after the
# column's own name: a file with several of them uses the first.
ALIASES: dict[str, tuple[str, ...]] = {
    "kode_bidang_urusan": ("kode_bidang",),
    "nama_bidang_urusan": ("nama_bidang",),
    "kode_giat": ("kode_kegiatan",),
    "nama_giat": ("nama_kegiatan",),
    "kode_sub_giat": ("kode_sub_kegiatan", "kode_subkegiatan"),
    "nama_sub_giat": ("nama_sub_kegiatan", "nama_subkegiatan"),
    "kode_skpd": ("kode_opd", "kode_perangkat_daerah"),
    "nama_skpd": ("nama_opd", "nama_perangkat_daerah", "perangkat_daerah", "skpd", "opd"),
    "pagu": ("pagu_rp", "pagu_sub_giat", "pagu_anggaran", "pagu_dpa"),
    "nama_lokasi": ("lokasi",),
    "output_sub_giat": ("outputteks", "output", "keluaran"),
    "satuan": ("satuanoutput", "satuan_output"),
    "target": ("target_1", "targetoutput", "target_output", "targetoutputteks"),
    "tahun_anggaran": ("tahun",),
    **{f"fisik_{m}": (f"fisik_{m:02d}", f"target_fisik_{m}") for m in MONTHS},
    **{f"keuangan_{m}": (f"keuangan_{m:02d}", f"target_keuangan_{m}", f"keu_{m}") for m in MONTHS},
}

# What each column means, shown beside the upload form.
COLUMN_HELP: dict[str, Any] = {
    "kode_urusan": gettext_lazy("urusan code, e.g. 1"),
    "nama_urusan": gettext_lazy("urusan name"),
    "kode_bidang_urusan": gettext_lazy("bidang urusan code, e.g. 1.03"),
    "nama_bidang_urusan": gettext_lazy("bidang urusan name"),
    "kode_program": gettext_lazy("program code, e.g. 1.03.10"),
    "nama_program": gettext_lazy("program name"),
    "kode_giat": gettext_lazy("kegiatan code, e.g. 1.03.10.2.01"),
    "nama_giat": gettext_lazy("kegiatan name"),
    "kode_sub_giat": gettext_lazy(
        "sub kegiatan code, e.g. 1.03.10.2.01.0051; older 2-digit codes and X.XX are accepted"
    ),
    "nama_sub_giat": gettext_lazy("sub kegiatan name"),
    "kode_skpd": gettext_lazy("SIPD code of the unit, e.g. 1.03.0.00.0.00.01.0000"),
    "nama_skpd": gettext_lazy("name or short name of the unit, used when kode_skpd does not match"),
    "pagu": gettext_lazy("budget in rupiah: 1.250.000.000,00, Rp 1.250.000 or a number"),
    "nama_lokasi": gettext_lazy("location"),
    "output_sub_giat": gettext_lazy("output indicator; indikator is used when empty"),
    "indikator": gettext_lazy("output indicator"),
    "satuan": gettext_lazy("unit of measure of the output"),
    "target": gettext_lazy("output target"),
    "tahun_anggaran": gettext_lazy("fiscal year; when given it must be the year imported"),
    "fisik": gettext_lazy("cumulative physical target (%) at the end of each month"),
    "keuangan": gettext_lazy(
        "cumulative finance target (Rp, anggaran kas) at the end of each month"
    ),
}

_SUBTOTAL = re.compile(r"\b(?:jumlah|total|sub\s*-?\s*total|subtotal)\b", re.IGNORECASE)
_CURRENCY = re.compile(r"^(?:rp\.?|idr)", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?[eE][+-]?\d+$")
_GOVERNMENT_LEVELS: dict[str, GovernmentLevel] = {Government.Level.PROVINCE: "provinsi"}


def column_guide(kind: PlanImportKind) -> list[tuple[str, bool, Any]]:
    """Return (column, required, meaning) for the upload form; the months collapsed."""
    required = {group[0] for group in REQUIRED[kind] if len(group) == 1}
    guide: list[tuple[str, bool, Any]] = []
    for name in COLUMNS[kind]:
        if name in PHYSICAL_COLUMNS[1:] + FINANCE_COLUMNS[1:]:
            continue
        if name in ("fisik_1", "keuangan_1"):
            stem = name.removesuffix("_1")
            guide.append((f"{stem}_1 … {stem}_12", True, COLUMN_HELP[stem]))
            continue
        help_text = COLUMN_HELP.get(name, "")
        if name in ("kode_skpd", "nama_skpd") and kind != "nomenclature":
            other = "nama_skpd" if name == "kode_skpd" else "kode_skpd"
            help_text = _("%(meaning)s (this or %(other)s)") % {
                "meaning": help_text,
                "other": other,
            }
        guide.append((name, name in required, help_text))
    return guide


# The preview -------------------------------------------------------------------------------


class ImportRow(org_imports.ImportRow):
    """One data row of a work-plan file: its cells, what importing it does, what is wrong."""

    @property
    def key(self) -> str:
        """Return the row's code, normalised when it could be read."""
        if self.values.get("kode"):
            return self.values["kode"]
        for level in reversed(LEVELS):
            if self.cells.get(CODE_COLUMNS[level]):
                return self.cells[CODE_COLUMNS[level]]
        return ""


@dataclass
class ImportPreview:
    """What an uploaded work-plan file would change, row by row, before anything is written."""

    kind: PlanImportKind
    year: int
    filename: str
    sha256: str
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def has_changes(self) -> bool:
        return any(row.action in ("create", "update") for row in self.rows)

    def counts(self) -> dict[str, int]:
        """Count the rows to create, to update, left unchanged, wrong, and skipped."""
        result = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            result["error" if row.errors else (row.action or "error")] += 1
        result["skipped"] = len(self.skipped)
        return result

    def error_lines(self) -> list[str]:
        """Return every error as one sentence naming its row and column, file errors first."""
        return org_error_lines(self.file_errors, self.rows, self.columns)  # type: ignore[arg-type]

    def to_data(self) -> dict[str, Any]:
        """Return the preview as JSON-safe primitives (to keep it in the session)."""
        return {
            "format": DATA_FORMAT,
            "kind": self.kind,
            "year": self.year,
            "filename": self.filename,
            "sha256": self.sha256,
            "header_row": self.header_row,
            "columns": dict(self.columns),
            "ignored_columns": list(self.ignored_columns),
            "skipped": [[number, reason] for number, reason in self.skipped],
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
            if data["format"] != DATA_FORMAT or data["kind"] not in IMPORT_KINDS:
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
                kind=IMPORT_KINDS[data["kind"]],
                year=int(data["year"]),
                filename=str(data["filename"]),
                sha256=str(data["sha256"]),
                header_row=int(data["header_row"]),
                columns=_str_dict(data["columns"]),
                ignored_columns=[str(name) for name in data["ignored_columns"]],
                rows=rows,
                skipped=[(int(number), str(reason)) for number, reason in data["skipped"]],
                file_errors=[str(message) for message in data["file_errors"]],
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed import preview: {error!r}") from error


@dataclass(frozen=True)
class ImportResult:
    """What an applied work-plan import wrote (rows of the file)."""

    kind: PlanImportKind
    year: int
    created: int
    updated: int
    unchanged: int


class ImportConflict(Exception):
    """The data changed between the preview and the confirmation; carries the new preview."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__("the data changed since the preview")
        self.preview = preview


def plans_import_parse(
    *, kind: PlanImportKind, year: int, filename: str, content: bytes
) -> ImportPreview:
    """Read a nomenclature, DPA or targets file of a fiscal year and say what importing does."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    preview = ImportPreview(
        kind=kind, year=year, filename=filename, sha256=hashlib.sha256(content).hexdigest()
    )
    if not 2000 <= year <= 2100:
        preview.file_errors.append(_("The fiscal year %(year)s is not valid.") % {"year": year})
        return preview
    table, error = _read_table(content)
    if error:
        preview.file_errors.append(error)
        return preview
    _read_rows(preview, table)
    if not preview.file_errors:
        _check(preview)
    return preview


def plans_import_apply(*, preview: ImportPreview, by: Person) -> ImportResult:
    """Write what a valid preview announced, all or nothing.

    The rows are checked again against the database inside the transaction; when the outcome
    differs from what the user confirmed, nothing is written and ImportConflict carries the
    new preview.
    """
    fresh = import_confirmed(
        preview,
        cells_only=_cells_only,
        check=lambda p, lock: _check(p, lock=lock),
        write=lambda _fresh, write: write(by),
        conflict=ImportConflict,
    )
    counts = fresh.counts()
    return ImportResult(
        kind=fresh.kind,
        year=fresh.year,
        created=counts["create"],
        updated=counts["update"],
        unchanged=counts["unchanged"],
    )


# Reading the file -----------------------------------------------------------------------------

_Table = list[tuple[int, list[str]]]


def _column_key(text: str) -> str:
    """Return a header's key: "Kode Sub Giat", "PAGU (Rp)" → kode_sub_giat, pagu_rp."""
    return re.sub(r"[^0-9a-z]+", "_", _header_key(text)).strip("_")


def _lookup(kind: PlanImportKind) -> dict[str, tuple[str, int]]:
    """Map every accepted header key of a kind to (column, preference)."""
    result: dict[str, tuple[str, int]] = {}
    for name in COLUMNS[kind]:
        for preference, key in enumerate((name, *ALIASES.get(name, ()))):
            result.setdefault(key, (name, preference))
    return result


def _missing(kind: PlanImportKind, found: Iterable[str]) -> list[str]:
    present = set(found)
    return [
        _(" or ").join(group)
        for group in REQUIRED[kind]
        if not any(name in present for name in group)
    ]


def _read_rows(preview: ImportPreview, table: _Table) -> None:
    """Find the header row, map it to known columns and turn the rows below into ImportRows."""
    lookup = _lookup(preview.kind)
    header_at = None
    closest: tuple[int, list[str]] | None = None
    for position, (number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        found = [lookup[key][0] for key in map(_column_key, cells) if key in lookup]
        missing = _missing(preview.kind, found)
        if not missing:
            header_at = position
            break
        if found and (closest is None or len(missing) < len(closest[1])):
            closest = (number, missing)
    if header_at is None:
        expected = ", ".join(_(" or ").join(group) for group in REQUIRED[preview.kind])
        if closest is None:
            preview.file_errors.append(
                _(
                    "No header row found in the first %(count)s rows. The header must hold "
                    "the column names %(expected)s."
                )
                % {"count": HEADER_SEARCH_ROWS, "expected": expected}
            )
        else:
            preview.file_errors.append(
                _(
                    "Required columns are missing: %(columns)s (header in row %(row)s). The "
                    "header must hold the column names %(expected)s."
                )
                % {"columns": ", ".join(closest[1]), "row": closest[0], "expected": expected}
            )
        return
    header_number, header = table[header_at]
    preview.header_row = header_number
    chosen: dict[str, tuple[int, int]] = {}  # column -> (index, preference)
    for index, text in enumerate(header):
        key = _column_key(text)
        if not key:
            continue
        if key not in lookup:
            preview.ignored_columns.append(text)
            continue
        name, preference = lookup[key]
        if name not in chosen:
            chosen[name] = (index, preference)
        elif chosen[name][1] == preference:
            preview.file_errors.append(
                _('The column "%(column)s" appears twice in the header (row %(row)s).')
                % {"column": text, "row": header_number}
            )
        elif preference < chosen[name][1]:
            preview.ignored_columns.append(header[chosen[name][0]])
            chosen[name] = (index, preference)
        else:
            preview.ignored_columns.append(text)
    if preview.file_errors:
        return
    preview.columns = {name: header[index] for name, (index, _p) in chosen.items()}
    rows = [
        (
            ImportRow(
                number=number,
                cells={
                    name: cells[index] if index < len(cells) else ""
                    for name, (index, _p) in chosen.items()
                },
            ),
            cells,
        )
        for number, cells in table[header_at + 1 :]
    ]
    _keep_data_rows(preview, rows)
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append(
            _("The file has no data rows below the header (row %(row)s).") % {"row": header_number}
        )


def _keep_data_rows(preview: ImportPreview, rows: list[tuple[ImportRow, list[str]]]) -> None:
    """Put the data rows in the preview; list headings, subtotals and notes as skipped."""
    code_columns = (
        list(CODE_COLUMNS.values()) if preview.kind == "nomenclature" else ["kode_sub_giat"]
    )
    amount_columns = {
        "nomenclature": (),
        "dpa": ("pagu",),
        "targets": PHYSICAL_COLUMNS + FINANCE_COLUMNS,
    }[preview.kind]
    content_columns = {
        "nomenclature": NOMENCLATURE_COLUMNS,
        "dpa": ("nama_sub_giat", "pagu"),
        "targets": PHYSICAL_COLUMNS + FINANCE_COLUMNS,
    }[preview.kind]
    coded = [any(row.cells.get(column) for column in code_columns) for row, _cells in rows]
    last_coded = max((index for index, has in enumerate(coded) if has), default=-1)
    for index, (row, cells) in enumerate(rows):
        reason = ""
        if index == 0 and _is_numbering(cells):
            reason = _("column numbers under the header")
        elif coded[index] and preview.kind != "nomenclature":
            level = _level_of(row.cells["kode_sub_giat"])
            if level is not None and level != "sub_kegiatan":
                reason = _("a %(level)s row (%(code)s), not a sub kegiatan") % {
                    "level": Nomenclature.Level(level).label,
                    "code": row.cells["kode_sub_giat"],
                }
        elif not coded[index]:
            if any(_SUBTOTAL.search(cell) for cell in cells):
                reason = _("a subtotal row")
            elif index > last_coded and not any(
                _is_number(row.cells.get(column, "")) for column in amount_columns
            ):
                reason = _("below the data (notes or signatures)")
            elif not any(row.cells.get(column) for column in content_columns):
                reason = _("a heading without code or amounts")
        if reason:
            preview.skipped.append((row.number, reason))
        else:
            preview.rows.append(row)


def _is_numbering(cells: list[str]) -> bool:
    """Say whether a row holds only the column numbers 1, 2, 3 … that printouts put there."""
    filled = [cell for cell in cells if cell]
    if len(filled) < 3 or not all(cell.isdigit() for cell in filled):
        return False
    numbers = [int(cell) for cell in filled]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _cells_only(preview: ImportPreview) -> ImportPreview:
    """Return a new, unchecked preview holding only the file's cells from the given one."""
    return ImportPreview(
        kind=preview.kind,
        year=preview.year,
        filename=preview.filename,
        sha256=preview.sha256,
        header_row=preview.header_row,
        columns=dict(preview.columns),
        ignored_columns=list(preview.ignored_columns),
        rows=[ImportRow(number=row.number, cells=dict(row.cells)) for row in preview.rows],
        skipped=list(preview.skipped),
    )


# Cleaning single cells ------------------------------------------------------------------------


def _code_text(raw: str) -> str:
    """Return a code without spaces; a bidang read from a number cell ("1.1") gets its 0 back."""
    text = "".join(raw.split())
    if re.fullmatch(r"\d\.\d", text):
        text += "0"
    return text


def _level_of(raw: str) -> Level | None:
    """Return the level a code's segment count names, without checking the segments."""
    segments = [part for part in _code_text(raw).split(".") if part]
    return SEGMENT_COUNTS.get(len(segments))


def _is_template(text: str) -> bool:
    return _code_text(text).split(".")[0].upper() == "X"


def _number(text: str, *, percent: bool = False) -> Decimal:
    """Read 1.250.000,50 · Rp 1.250.000,- · 1250000.5 · 1,250,000.50 · 12,5%; else ValueError.

    A single dot followed by exactly three digits groups thousands ("1.250" is 1250), as
    Indonesians write money, except in percentages, which are never that large.
    """
    s = "".join(text.split())
    s = _CURRENCY.sub("", s)
    if s.endswith((",-", ".-")):
        s = s[:-2]
    if percent:
        s = s.removesuffix("%")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.startswith("-"):
        negative, s = True, s[1:]
    if _SCIENTIFIC.match(s):
        value = Decimal(s)
        return -value if negative else value
    if not s or not re.fullmatch(r"[0-9.,]+", s):
        raise ValueError(f"not a number: {text!r}")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
    elif commas:
        decimal_sep = "," if commas == 1 else ""
    elif dots == 1 and (percent or not re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", s)):
        decimal_sep = "."
    else:
        decimal_sep = ""
    group_sep = {",": ".", ".": ",", "": "." if dots else ","}[decimal_sep]
    whole, fraction = s.split(decimal_sep, 1) if decimal_sep else (s, "")
    if group_sep in whole:
        if not re.fullmatch(rf"[1-9]\d{{0,2}}(?:{re.escape(group_sep)}\d{{3}})+", whole):
            raise ValueError(f"misplaced thousands separators: {text!r}")
        whole = whole.replace(group_sep, "")
    if not (whole or fraction) or not (whole or "0").isdigit() or not (fraction or "0").isdigit():
        raise ValueError(f"not a number: {text!r}")
    try:
        value = Decimal(f"{whole or '0'}.{fraction or '0'}")
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error
    return -value if negative else value


def _is_number(text: str) -> bool:
    try:
        _number(text)
    except ValueError:
        return False
    return True


def _money(row: ImportRow, column: str) -> Decimal | None:
    """Return an amount in rupiah, whole cents, not negative; None after adding an error."""
    raw = row.cells.get(column, "")
    try:
        value = _number(raw)
    except ValueError:
        row.add_error(
            column,
            _(
                '"%(value)s" is not an amount. Write it as 1.250.000.000,00, Rp 1.250.000 or '
                "1250000000."
            )
            % {"value": raw},
        )
        return None
    if value < 0:
        row.add_error(column, _("The amount cannot be negative."))
        return None
    if value != value.quantize(CENT):
        row.add_error(
            column,
            _('"%(value)s" has more than 2 decimals; rupiah have at most 2.') % {"value": raw},
        )
        return None
    if len(str(int(value))) > MAX_PAGU_DIGITS:
        row.add_error(column, _('"%(value)s" is too large for an amount.') % {"value": raw})
        return None
    return value.quantize(CENT)


def _required(row: ImportRow, column: str) -> str:
    value = row.cells.get(column, "")
    if not value:
        row.add_error(column, _("This column must be filled in."))
    return value


def _limit(model: type[models.Model], name: str) -> int | None:
    return cast(int | None, getattr(model._meta.get_field(name), "max_length", None))


def _check_year(row: ImportRow, year: int) -> None:
    raw = row.cells.get("tahun_anggaran", "")
    if not raw:
        return
    if not raw.isdigit():
        row.add_error("tahun_anggaran", _('"%(value)s" is not a year.') % {"value": raw})
    elif int(raw) != year:
        row.add_error(
            "tahun_anggaran",
            _("This row is for fiscal year %(found)s, but the import is for %(year)s.")
            % {"found": raw, "year": year},
        )


def _government_level() -> GovernmentLevel:
    government = Government.current()
    return _GOVERNMENT_LEVELS.get(government.level if government else "", "kota")


def _code(
    row: ImportRow, column: str, gov: GovernmentLevel, own_bidang: str | None = None
) -> BudgetCode | None:
    """Read a budget code cell; None (and an error) when it cannot be read."""
    raw = row.cells.get(column, "")
    try:
        return parse_code(_code_text(raw), government_level=gov, own_bidang=own_bidang)
    except BudgetCodeError:
        row.add_error(column, _bad_code(raw, gov))
        return None


def _bad_code(raw: str, gov: GovernmentLevel) -> str:
    return _(
        '"%(value)s" is not a valid budget code. Write it as u.bb.pp.g.kk.ssss, e.g. '
        "%(example)s, where g is %(digit)s for this government."
    ) % {
        "value": raw,
        "example": "1.03.10.2.01.0051" if gov == "kota" else "1.03.10.1.01.0051",
        "digit": "2" if gov == "kota" else "1",
    }


def _template(text: str, gov: GovernmentLevel) -> BudgetCode:
    """Read an X.XX penunjang code as the template itself, e.g. X.XX.01.2.01.0001."""
    real = parse_code(text, government_level=gov, own_bidang="1.01")

    def swap(part: str | None) -> str | None:
        if part is None:
            return None
        return "X" if part == "1" else "X.XX" + part[4:]

    return BudgetCode(
        cast(str, swap(real.urusan)),
        swap(real.bidang),
        swap(real.program),
        swap(real.kegiatan),
        swap(real.sub_kegiatan),
    )


def _ancestor(code: BudgetCode, level: Level) -> BudgetCode:
    while code.level != level and code.parent is not None:
        code = code.parent
    return code


def _chain(code: BudgetCode) -> list[BudgetCode]:
    """Return the code and every level above it, urusan first."""
    chain = [code]
    while chain[-1].parent is not None:
        chain.append(cast(BudgetCode, chain[-1].parent))
    return chain[::-1]


def _level_label(level: str) -> str:
    return str(Nomenclature.Level(level).label)


# Checking against the database -------------------------------------------------------------

_Write = Callable[[Person], None]


def _check(preview: ImportPreview, *, lock: bool = False) -> _Write:
    """Fill in each row's action, changes and errors; return what writes the valid preview."""
    if preview.kind == "nomenclature":
        return _check_nomenclature(preview, lock=lock)
    if preview.kind == "dpa":
        return _check_dpa(preview, lock=lock)
    return _check_targets(preview, lock=lock)


def _log(*, by: Person, preview: ImportPreview, text: str, unit: Unit | None, changes: Any) -> None:
    summary = _("Imported from %(file)s: %(text)s") % {"file": preview.filename, "text": text}
    ChangeLog.objects.create(
        actor=by,
        action=ChangeLog.Action.IMPORTED,
        unit=unit,
        summary=summary[:300],
        changes=changes,
    )


# Nomenclature


@dataclass
class _Entry:
    code: BudgetCode
    row: ImportRow  # the first row naming it (else mentioning it): it carries the change
    name: str = ""
    named: bool = False


def _check_nomenclature(preview: ImportPreview, *, lock: bool) -> _Write:
    gov = _government_level()
    entries: dict[str, _Entry] = {}
    name_limit = _limit(Nomenclature, "name")
    for row in preview.rows:
        _check_year(row, preview.year)
        parsed: dict[str, BudgetCode] = {}
        for level, column in CODE_COLUMNS.items():
            raw = row.cells.get(column, "")
            if not raw:
                continue
            try:
                code = (
                    _template(_code_text(raw), gov)
                    if _is_template(raw)
                    else parse_code(_code_text(raw), government_level=gov)
                )
            except BudgetCodeError:
                row.add_error(column, _bad_code(raw, gov))
                continue
            # The sub kegiatan column may carry any level in listings with one code column.
            if column != "kode_sub_giat" and code.level != level:
                row.add_error(
                    column,
                    _('"%(value)s" is a %(found)s code; this column holds %(level)s codes.')
                    % {
                        "value": raw,
                        "found": _level_label(code.level),
                        "level": _level_label(level),
                    },
                )
                continue
            parsed[column] = code
        if not parsed:
            if not row.errors:
                _required(row, "kode_sub_giat")
            continue
        deepest = max(parsed.values(), key=lambda code: LEVELS.index(code.level))
        deepest_column = next(column for column, code in parsed.items() if code == deepest)
        for column, code in parsed.items():
            expected = _ancestor(deepest, code.level)
            if expected.code != code.code:
                row.add_error(
                    column,
                    _("%(code)s does not belong to %(deeper)s, which lies under %(expected)s.")
                    % {"code": code.code, "deeper": deepest.code, "expected": expected.code},
                )
        if row.errors:
            continue
        row.values = {"kode": deepest.code, "level": deepest.level}
        for code in _chain(deepest):
            name_column = NAME_COLUMNS[code.level]
            if code == deepest and deepest_column == "kode_sub_giat":
                name_column = "nama_sub_giat"
            name = _max_length(row, name_column, name_limit)
            entry = entries.get(code.code)
            if entry is None:
                entry = entries[code.code] = _Entry(code=code, row=row)
            if not name:
                continue
            if not entry.named:
                entry.name, entry.named = name, True
                entry.row = row
            elif entry.name.casefold() != name.casefold():
                row.add_error(
                    name_column,
                    _('%(level)s %(code)s is named "%(name)s" in row %(row)s.')
                    % {
                        "level": _level_label(code.level),
                        "code": code.code,
                        "name": entry.name,
                        "row": entry.row.number,
                    },
                )

    stored_qs = Nomenclature.objects.filter(year=preview.year).select_related("parent")
    if lock:
        stored_qs = stored_qs.select_for_update(of=("self",))
    stored = {item.code: item for item in stored_qs}
    creating: dict[str, _Entry] = {}
    updating: dict[str, tuple[_Entry, dict[str, Any]]] = {}
    for code_text, entry in sorted(
        entries.items(), key=lambda item: (LEVELS.index(item[1].code.level), item[0])
    ):
        code, row = entry.code, entry.row
        parent_code = code.parent.code if code.parent else None
        existing = stored.get(code_text)
        if existing is None:
            if not entry.named:
                row.add_error(
                    NAME_COLUMNS[code.level],
                    _("Give the name of %(level)s %(code)s, in this row or another one.")
                    % {"level": _level_label(code.level), "code": code_text},
                )
                continue
            creating[code_text] = entry
            row.changes[CODE_COLUMNS[code.level]] = ("", f"{code_text} {entry.name}")
            continue
        fields: dict[str, Any] = {}
        if entry.named and entry.name != existing.name:
            fields["name"] = entry.name
            row.changes[NAME_COLUMNS[code.level]] = (existing.name, entry.name)
        old_parent = existing.parent.code if existing.parent else None
        if existing.level != code.level or old_parent != parent_code:
            fields["level"] = code.level
            fields["parent_code"] = parent_code
            row.changes[CODE_COLUMNS[code.level]] = (
                f"{code_text} ({existing.level} < {old_parent or '-'})",
                f"{code_text} ({code.level} < {parent_code or '-'})",
            )
        if fields:
            updating[code_text] = (entry, fields)
    new_rows = {id(entry.row) for entry in creating.values()}
    for row in preview.rows:
        if not row.errors:
            row.action = (
                "create" if id(row) in new_rows else "update" if row.changes else "unchanged"
            )

    def write(by: Person) -> None:
        by_code = dict(stored)
        for level in LEVELS:
            batch = [entry for entry in creating.values() if entry.code.level == level]
            if not batch:
                continue
            Nomenclature.objects.bulk_create(
                [
                    Nomenclature(
                        year=preview.year,
                        level=level,
                        code=entry.code.code,
                        name=entry.name,
                        parent=by_code[entry.code.parent.code] if entry.code.parent else None,
                    )
                    for entry in batch
                ],
                batch_size=500,
            )
            # Fetch them back: not every database returns the new keys from a bulk insert.
            for item in Nomenclature.objects.filter(
                year=preview.year, code__in=[entry.code.code for entry in batch]
            ):
                by_code[item.code] = item
        changed = []
        for code_text, (_entry, fields) in updating.items():
            item = by_code[code_text]
            item.name = fields.get("name", item.name)
            if "level" in fields:
                item.level = fields["level"]
                parent_code = fields["parent_code"]
                item.parent = by_code[parent_code] if parent_code else None
            changed.append(item)
        Nomenclature.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=500)
        if creating or updating:
            _log(
                by=by,
                preview=preview,
                text=_(
                    "budget nomenclature %(year)s, %(created)s entries created, %(updated)s changed"
                )
                % {"year": preview.year, "created": len(creating), "updated": len(updating)},
                unit=None,
                changes={"created": len(creating), "updated": len(updating)},
            )

    return write


# Units (DPA and targets)


class _Units:
    """Find the unit of a row by its SIPD code, else by its name or short name."""

    def __init__(self) -> None:
        self.by_code: dict[str, list[Unit]] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in Unit.objects.all():
            if unit.sipd_code:
                self.by_code.setdefault(_code_text(unit.sipd_code), []).append(unit)
            for name in {_name_key(unit.name), _name_key(unit.short_name)}:
                self.by_name.setdefault(name, []).append(unit)

    def find(self, row: ImportRow) -> Unit | None:
        code = _code_text(row.cells.get("kode_skpd", ""))
        name = row.cells.get("nama_skpd", "")
        column = "kode_skpd" if code else "nama_skpd"
        if not code and not name:
            row.add_error(
                "kode_skpd" if "kode_skpd" in row.cells else "nama_skpd",
                _("Give the unit: its SIPD code (kode_skpd) or its name (nama_skpd)."),
            )
            return None
        found = self.by_code.get(code, []) if code else []
        if not found and name:
            found = self.by_name.get(_name_key(name), [])
        if not found:
            if code and name:
                message = _('No unit has the SIPD code "%(code)s" or the name "%(name)s".')
            elif code:
                message = _('No unit has the SIPD code "%(code)s".')
            else:
                message = _('No unit has the name or short name "%(name)s".')
            row.add_error(column, message % {"code": row.cells.get("kode_skpd", ""), "name": name})
            return None
        if len(found) > 1:
            row.add_error(
                column,
                _('Several units match "%(value)s": %(units)s. Give each its own SIPD code.')
                % {
                    "value": row.cells.get(column, ""),
                    "units": ", ".join(sorted(unit.short_name for unit in found)),
                },
            )
            return None
        unit = found[0]
        if not unit.is_active:
            row.add_error(
                column, _('The unit "%(value)s" is no longer active.') % {"value": unit.short_name}
            )
            return None
        return unit


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unit_bidang(unit: Unit, row: ImportRow) -> str | None:
    """Return the unit's own bidang urusan ("1.03"), from its SIPD code or the row's kode_skpd."""
    for source in (unit.sipd_code, row.cells.get("kode_skpd", "")):
        segments = _code_text(source).split(".")
        if len(segments) >= 2:
            try:
                bidang = parse_code(".".join(segments[:2]))
            except BudgetCodeError:
                continue
            return bidang.code
    return None


def _sub_code(row: ImportRow, unit: Unit | None, gov: GovernmentLevel) -> BudgetCode | None:
    """Read the row's sub kegiatan code, an X.XX template resolved with the unit's bidang."""
    raw = row.cells.get("kode_sub_giat", "")
    if not _required(row, "kode_sub_giat"):
        return None
    own_bidang = None
    if _is_template(raw):
        if unit is None:
            return None  # the unit's error says enough
        own_bidang = _unit_bidang(unit, row)
        if own_bidang is None:
            row.add_error(
                "kode_sub_giat",
                _(
                    'The code "%(value)s" is the X.XX template of the support programme; it '
                    "needs the unit's bidang urusan. Enter the SIPD code of %(unit)s on the "
                    "unit's page, or write the code with its bidang."
                )
                % {"value": raw, "unit": unit.short_name},
            )
            return None
    code = _code(row, "kode_sub_giat", gov, own_bidang)
    if code is not None and code.level != "sub_kegiatan":
        row.add_error("kode_sub_giat", _bad_code(raw, gov))
        return None
    return code


def _duplicate(
    row: ImportRow, first_row: dict[tuple[int, str], int], unit: Unit, code: str
) -> bool:
    key = (unit.pk, code)
    if key in first_row:
        row.add_error(
            "kode_sub_giat",
            _("Sub kegiatan %(code)s of %(unit)s already appears in row %(row)s.")
            % {"code": code, "unit": unit.short_name, "row": first_row[key]},
        )
        return True
    first_row[key] = row.number
    return False


# DPA


@dataclass
class _SubPlan:
    row: ImportRow
    unit: Unit
    code: str
    sub: SubActivity | None
    fields: dict[str, Any]


def _check_dpa(preview: ImportPreview, *, lock: bool) -> _Write:
    gov = _government_level()
    units = _Units()
    first_row: dict[tuple[int, str], int] = {}
    read: list[tuple[ImportRow, Unit, BudgetCode, Decimal]] = []
    for row in preview.rows:
        _check_year(row, preview.year)
        unit = units.find(row)
        code = _sub_code(row, unit, gov)
        _required(row, "pagu")
        pagu = _money(row, "pagu") if row.cells.get("pagu") else None
        for column, name in (
            ("nama_sub_giat", "name"),
            ("nama_lokasi", "location"),
            ("output_sub_giat", "output"),
            ("indikator", "output"),
            ("satuan", "output_unit"),
            ("target", "output_target"),
            ("nama_program", "program_name"),
            ("nama_giat", "activity_name"),
        ):
            _max_length(row, column, _limit(SubActivity, name))
        if unit is None or code is None:
            continue
        row.values = {"kode": str(code.sub_kegiatan), "unit": unit.short_name}
        if _duplicate(row, first_row, unit, str(code.sub_kegiatan)) or pagu is None:
            continue
        row.values["pagu"] = str(pagu)
        read.append((row, unit, code, pagu))

    subs = SubActivity.objects.filter(
        year=preview.year,
        unit__in={unit.pk for _row, unit, _code, _pagu in read},
        code__in={str(code) for _row, _unit, code, _pagu in read},
    ).select_related("nomenclature")
    if lock:
        # Only the sub kegiatan rows: PostgreSQL cannot lock the nullable side of a join.
        subs = subs.select_for_update(of=("self",))
    stored = {(sub.unit_id, sub.code): sub for sub in subs}
    wanted_codes: set[str] = set()
    for _row, _unit, code, _pagu in read:
        for part in (code, cast(BudgetCode, code.parent), _ancestor(code, "program")):
            wanted_codes.update((part.code, "X.XX" + part.code[4:]))
    nomenclature = {
        item.code: item
        for item in Nomenclature.objects.filter(year=preview.year, code__in=wanted_codes)
    }

    def entry(code: BudgetCode) -> Nomenclature | None:
        # A penunjang entry may be stored as the X.XX template only.
        return nomenclature.get(code.code) or nomenclature.get("X.XX" + code.code[4:])

    plans: list[_SubPlan] = []
    for row, unit, code, pagu in read:
        sub = stored.get((unit.pk, code.code))
        own = entry(code)
        program = entry(_ancestor(code, "program"))
        activity = entry(_ancestor(code, "kegiatan"))
        name = row.cells.get("nama_sub_giat") or (own.name if own else "")
        if not name:
            _required(row, "nama_sub_giat")
            continue
        output_column = "output_sub_giat" if row.cells.get("output_sub_giat") else "indikator"
        wanted: dict[str, tuple[str, str]] = {
            "name": ("nama_sub_giat", name),
            "location": ("nama_lokasi", row.cells.get("nama_lokasi", "")),
            "output": (output_column, row.cells.get(output_column, "")),
            "output_target": ("target", row.cells.get("target", "")),
            "output_unit": ("satuan", row.cells.get("satuan", "")),
            "program_name": (
                "nama_program",
                program.name if program else row.cells.get("nama_program", ""),
            ),
            "activity_name": (
                "nama_giat",
                activity.name if activity else row.cells.get("nama_giat", ""),
            ),
        }
        plan = _SubPlan(row=row, unit=unit, code=code.code, sub=sub, fields={})
        for attribute, (column, value) in wanted.items():
            old = "" if sub is None else str(getattr(sub, attribute))
            if value and value != old:
                plan.fields[attribute] = value
                row.changes[column] = (old, value)
        if sub is None or sub.pagu != pagu:
            plan.fields["pagu"] = pagu
            row.changes["pagu"] = ("" if sub is None else str(sub.pagu), str(pagu))
        if own is not None and (sub is None or sub.nomenclature_id != own.pk):
            plan.fields["nomenclature"] = own
            row.changes["nomenklatur"] = ("" if sub is None else _nomenclature_code(sub), own.code)
        row.action = "create" if sub is None else ("update" if row.changes else "unchanged")
        plans.append(plan)

    def write(by: Person) -> None:
        updated: list[int] = []
        for plan in plans:
            if plan.row.action == "unchanged":
                continue
            if plan.sub is None:
                plan.sub = SubActivity.objects.create(
                    year=preview.year, unit=plan.unit, code=plan.code, **plan.fields
                )
                text = _("sub kegiatan %(code)s of %(unit)s created")
            else:
                for name, value in plan.fields.items():
                    setattr(plan.sub, name, value)
                plan.sub.save(update_fields=list(plan.fields))
                updated.append(plan.sub.pk)
                text = _("sub kegiatan %(code)s of %(unit)s changed")
            _log(
                by=by,
                preview=preview,
                text=_("row %(row)s: %(text)s")
                % {
                    "row": plan.row.number,
                    "text": text % {"code": plan.code, "unit": plan.unit.short_name},
                },
                unit=plan.unit,
                changes={column: new for column, (_old, new) in plan.row.changes.items()},
            )
        # Open edit forms of these sub kegiatan are now stale (see tuntas.lib.concurrency).
        SubActivity.objects.filter(pk__in=updated).update(version=F("version") + 1)

    return write


def _nomenclature_code(sub: SubActivity) -> str:
    return sub.nomenclature.code if sub.nomenclature_id and sub.nomenclature else ""


# Targets


@dataclass
class _TargetPlan:
    row: ImportRow
    sub: SubActivity
    months: dict[int, tuple[Decimal, Decimal]]
    stored: dict[int, MonthlyTarget]


def _check_targets(preview: ImportPreview, *, lock: bool) -> _Write:
    gov = _government_level()
    units = _Units()
    first_row: dict[tuple[int, str], int] = {}
    read: list[tuple[ImportRow, Unit, str, dict[int, Decimal], dict[int, Decimal]]] = []
    for row in preview.rows:
        _check_year(row, preview.year)
        unit = units.find(row)
        code = _sub_code(row, unit, gov)
        physical, finance = _months(row)
        if unit is None or code is None:
            continue
        row.values = {"kode": code.code, "unit": unit.short_name}
        if not _duplicate(row, first_row, unit, code.code):
            read.append((row, unit, code.code, physical, finance))

    subs = (
        SubActivity.objects.filter(
            year=preview.year,
            unit__in={item[1].pk for item in read},
            code__in={item[2] for item in read},
        )
        .select_related("unit")
        .prefetch_related("targets")
    )
    if lock:
        subs = subs.select_for_update(of=("self",))
    stored = {(sub.unit_id, sub.code): sub for sub in subs}
    plans: list[_TargetPlan] = []
    for row, unit, sub_code, physical, finance in read:
        sub = stored.get((unit.pk, sub_code))
        if sub is None:
            row.add_error(
                "kode_sub_giat",
                _("%(unit)s has no sub kegiatan %(code)s in %(year)s. Import the DPA first.")
                % {"unit": unit.short_name, "code": sub_code, "year": preview.year},
            )
            continue
        for month, financial in finance.items():
            if financial > sub.pagu:
                row.add_error(
                    f"keuangan_{month}",
                    _("%(amount)s is above the pagu of %(pagu)s.")
                    % {
                        "amount": format_rupiah(financial, cents=True),
                        "pagu": format_rupiah(sub.pagu, cents=True),
                    },
                )
        if row.errors:
            continue
        months = {month: (physical[month], finance[month]) for month in MONTHS}
        have = {target.month: target for target in sub.targets.all()}
        for month, (pct, money) in months.items():
            old = have.get(month)
            for column, new, before in (
                (f"fisik_{month}", pct, old.physical_pct if old else None),
                (f"keuangan_{month}", money, old.financial if old else None),
            ):
                if before is None or before != new:
                    row.changes[column] = ("" if before is None else str(before), str(new))
        row.action = "create" if not have else ("update" if row.changes else "unchanged")
        plans.append(_TargetPlan(row=row, sub=sub, months=months, stored=have))

    def write(by: Person) -> None:
        changed: list[int] = []
        for plan in plans:
            if plan.row.action == "unchanged":
                continue
            for month, (pct, money) in plan.months.items():
                target = plan.stored.get(month)
                if target is None:
                    MonthlyTarget.objects.create(
                        sub_activity=plan.sub, month=month, physical_pct=pct, financial=money
                    )
                elif (target.physical_pct, target.financial) != (pct, money):
                    target.physical_pct, target.financial = pct, money
                    target.save(update_fields=["physical_pct", "financial"])
            changed.append(plan.sub.pk)
            _log(
                by=by,
                preview=preview,
                text=_("row %(row)s: monthly targets of %(code)s of %(unit)s")
                % {
                    "row": plan.row.number,
                    "code": plan.sub.code,
                    "unit": plan.sub.unit.short_name,
                },
                unit=plan.sub.unit,
                changes={column: new for column, (_old, new) in plan.row.changes.items()},
            )
        # The targets grid of these sub kegiatan is now stale (see tuntas.lib.concurrency).
        SubActivity.objects.filter(pk__in=changed).update(version=F("version") + 1)

    return write


def _months(row: ImportRow) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Read the cumulative physical % and finance Rp by month; errors go on the row.

    The months whose cell cannot be read are left out, so the others are still checked.
    """
    physical: dict[int, Decimal] = {}
    finance: dict[int, Decimal] = {}
    for series, stem, percent in ((physical, "fisik", True), (finance, "keuangan", False)):
        for month in MONTHS:
            raw = row.cells.get(f"{stem}_{month}", "")
            try:
                series[month] = _number(raw, percent=percent) if raw else Decimal("0")
            except ValueError:
                row.add_error(
                    f"{stem}_{month}",
                    (
                        _('"%(value)s" is not a percentage. Write it as 12,5 or 12.5.')
                        if percent
                        else _('"%(value)s" is not an amount. Write it as 1.250.000,00.')
                    )
                    % {"value": raw},
                )
    # Excel cells formatted as percentages hold fractions: 100% is 1.
    if len(physical) == 12 and max(physical.values()) == 1 and min(physical.values()) >= 0:
        physical = {month: value * 100 for month, value in physical.items()}
    for series, stem in ((physical, "fisik"), (finance, "keuangan")):
        previous: tuple[int, Decimal] | None = None
        for month in sorted(series):
            value = series[month] = series[month].quantize(CENT, rounding=ROUND_HALF_UP)
            column = f"{stem}_{month}"
            if stem == "fisik" and not Decimal("0") <= value <= Decimal("100"):
                row.add_error(column, _("Physical progress lies between 0 and 100%."))
            elif value < 0:
                row.add_error(column, _("The amount cannot be negative."))
            elif previous is not None and value < previous[1]:
                row.add_error(
                    column,
                    _(
                        "Targets are cumulative: %(value)s is lower than month %(month)s "
                        "(%(previous)s)."
                    )
                    % {"value": value, "month": previous[0], "previous": previous[1]},
                )
            previous = (month, value)
    return physical, finance
