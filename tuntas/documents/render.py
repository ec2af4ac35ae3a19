"""Render official meeting documents (undangan, bahan rapat, daftar hadir, notula) as PDF.

The documents are Typst templates in `typst/`; each reads its data from one JSON string in
`sys.inputs.data` and shows every value as plain text, so nothing a user typed is ever read as
Typst markup. The data are plain frozen dataclasses with finished Indonesian strings
("Selasa, 8 Desember 2026", "09.00 WIB s.d. selesai"): callers format dates and times first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import typst

from tuntas.lib.dates import format_time

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "typst"
COMMON = "common.typ"
# The logo is written under this name into the compilation root; common.typ reads it there.
LOGO = "logo.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclasses.dataclass(frozen=True)
class Letterhead:
    """The kop surat of the government (and optionally one of its units)."""

    government_name: str
    region_name: str
    address: str
    phone: str
    email: str
    website: str
    logo_png: bytes | None
    unit_name: str | None = None


@dataclasses.dataclass(frozen=True)
class Signatory:
    """Who signs: title lines (a.n./u.b./Plt.), name, rank (pangkat) and NIP."""

    title_lines: list[str]
    name: str
    rank: str
    nip: str | None


@dataclasses.dataclass(frozen=True)
class Invitation:
    """A meeting invitation letter (surat undangan) with its list of invitees."""

    letterhead: Letterhead
    place_and_date: str
    number: str
    nature: str
    attachment: str
    subject: str
    addressee: str
    addressee_place: str
    opening: str
    day_date: str
    time: str
    place: str
    agenda: list[str]
    closing: str
    signatory: Signatory
    copies: list[str]
    invitees: list[str]

    @property
    def letter_date(self) -> str:
        """Return the date part of "Payakumbuh, 1 Desember 2026"."""
        _place, sep, date = self.place_and_date.partition(",")
        return date.strip() if sep else self.place_and_date.strip()


@dataclasses.dataclass(frozen=True)
class BriefingPlan:
    """The sub kegiatan an agenda item is about: its latest month against target, and S-curve."""

    name: str
    code: str
    unit: str
    pagu: str
    month: str  # the month judged, e.g. "Oktober 2026"
    target_physical: str
    real_physical: str
    target_financial: str
    real_financial: str
    deviation_physical: str
    deviation_financial: str
    status: str
    chart_svg: str


@dataclasses.dataclass(frozen=True)
class BriefingItem:
    """One agenda item (pokok bahasan) of a briefing pack."""

    number: int
    title: str
    reporting_unit: str
    status: str
    level: str
    summary: str
    parties: list[tuple[str, str, str]]  # (unit, status, answer)
    key_events: list[tuple[str, str]]  # (when, what happened)
    deadline: str | None
    plan: BriefingPlan | None = None


@dataclasses.dataclass(frozen=True)
class BriefingPack:
    """The briefing pack (bahan rapat) of a meeting: a cover and one page per agenda item."""

    letterhead: Letterhead
    meeting_title: str
    day_date: str
    time: str
    place: str
    items: list[BriefingItem]


@dataclasses.dataclass(frozen=True)
class AttendanceRow:
    """One person expected at a meeting, possibly representing someone else."""

    name: str
    nip: str | None
    position: str
    agency: str
    representing: str | None = None


@dataclasses.dataclass(frozen=True)
class AttendanceSheet:
    """The printed attendance list (daftar hadir) for wet signatures."""

    letterhead: Letterhead
    meeting_title: str
    day_date: str
    time: str
    place: str
    rows: list[AttendanceRow]
    blank_rows: int = 5


@dataclasses.dataclass(frozen=True)
class MinutesItem:
    """One discussed agenda item of the minutes, with its decisions and action items."""

    number: int
    title: str
    discussion: str
    decisions: list[str]
    actions: list[tuple[str, str, str]]  # (what, unit, due date)


@dataclasses.dataclass(frozen=True)
class Minutes:
    """The minutes (notula) of a meeting."""

    letterhead: Letterhead
    meeting_title: str
    day_date: str
    time: str
    place: str
    agenda: list[str]
    chair: str
    notulis: str
    participants: list[str]
    items: list[MinutesItem]
    summary: str
    signatory_chair: Signatory
    signatory_notulis: Signatory | None


def time_span(start: dt.datetime | dt.time, end: dt.datetime | dt.time | None = None) -> str:
    """Return "09.00 WIB s.d. selesai", or "09.00 s.d. 11.30 WIB" when the end is known."""
    if end is None:
        return f"{format_time(start)} s.d. selesai"
    return f"{format_time(start, zone=False)} s.d. {format_time(end)}"


def invitation_pdf(data: Invitation) -> bytes:
    """Render the invitation letter and its list of invitees as PDF."""
    extra = {"letter_date": data.letter_date}
    return _render("invitation.typ", data, data.letterhead, extra)


def briefing_pdf(data: BriefingPack) -> bytes:
    """Render the briefing pack (bahan rapat) as PDF."""
    return _render("briefing.typ", data, data.letterhead)


def attendance_pdf(data: AttendanceSheet) -> bytes:
    """Render the attendance list (daftar hadir) as PDF."""
    if data.blank_rows < 0:
        raise ValueError(f"blank_rows must be 0 or more, not {data.blank_rows}.")
    return _render("attendance.typ", data, data.letterhead)


def minutes_pdf(data: Minutes) -> bytes:
    """Render the minutes (notula) as PDF."""
    return _render("minutes.typ", data, data.letterhead)


def _payload(data: Any, letterhead: Letterhead, extra: dict[str, Any] | None) -> str:
    """Return the document data as JSON, with the logo replaced by a has_logo flag."""
    without_logo = dataclasses.replace(letterhead, logo_png=None)
    payload = _plain(dataclasses.replace(data, letterhead=without_logo))
    del payload["letterhead"]["logo_png"]
    payload["letterhead"]["has_logo"] = bool(letterhead.logo_png)
    payload.update(extra or {})
    return json.dumps(payload, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"Cannot pass a {type(value).__name__} to a document template.")


def _render(
    template: str, data: Any, letterhead: Letterhead, extra: dict[str, Any] | None = None
) -> bytes:
    logo = letterhead.logo_png
    if logo and not logo.startswith(PNG_SIGNATURE):
        raise ValueError("The letterhead logo must be a PNG image.")
    payload = _payload(data, letterhead, extra)
    # Typst reads files only inside its root: give each rendering its own root holding the
    # templates and the logo, so concurrent renderings never see each other's files.
    with tempfile.TemporaryDirectory(prefix="tuntas-typst-") as tmp:
        root = Path(tmp)
        for name in (COMMON, template):
            shutil.copyfile(TEMPLATES / name, root / name)
        if logo:
            (root / LOGO).write_bytes(logo)
        # Only the fonts built into Typst, so the PDF looks the same on every server.
        compiler = typst.Compiler(root=str(root), ignore_system_fonts=True)
        pdf, warnings = compiler.compile_with_warnings(
            input=str(root / template), format="pdf", sys_inputs={"data": payload}
        )
    for warning in warnings:
        logger.warning("%s: %s %s", template, warning.message, " ".join(warning.hints))
    assert isinstance(pdf, bytes)
    return pdf


# --- the monthly realisation report ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RealisationLine:
    """One line of the realisation report, its numbers already written the Indonesian way.

    `kind` is "unit" (a unit's total), "sub" (a sub kegiatan) or "total" (the whole report);
    `status` is green, yellow, red or empty and colours the status cell.
    """

    kind: str
    number: str
    code: str
    name: str
    pagu: str
    target_physical: str
    real_physical: str
    dev_physical: str
    target_financial: str
    real_financial: str
    real_financial_pct: str
    dev_financial: str
    status: str
    status_label: str


@dataclasses.dataclass(frozen=True)
class RealisationReport:
    """The monthly report of physical and financial realisation (laporan realisasi)."""

    letterhead: Letterhead
    title: str
    period: str
    year: str
    scope: str
    lines: list[RealisationLine]
    notes: list[str]
    place_and_date: str
    signatory: Signatory | None


def realisation_report_pdf(data: RealisationReport) -> bytes:
    """Render the realisation report as an A4 landscape PDF with a repeated table header."""
    return _render("realisasi.typ", data, data.letterhead)


# --- the monthly recap -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RecapTable:
    """One table of the monthly recap, every cell already written as text.

    `widths` are relative column widths (Typst fractions); `numeric` marks the columns aligned
    right. `empty` is printed instead of a table without rows.
    """

    title: str
    columns: list[str]
    widths: list[int]
    numeric: list[bool]
    rows: list[list[str]]
    empty: str
    total: list[str] | None = None


@dataclasses.dataclass(frozen=True)
class RecapSection:
    """A numbered part of the recap (measures, issues, overdue items) and its tables."""

    title: str
    tables: list[RecapTable]


@dataclasses.dataclass(frozen=True)
class RecapAgendaItem:
    """An agenda item of a meeting of the month that decided something."""

    number: int
    title: str
    decisions: list[str]
    outcome: str
    actions: list[tuple[str, str, str]]  # (what, unit, due date)


@dataclasses.dataclass(frozen=True)
class RecapMeeting:
    """A meeting of the month with final minutes: "Selasa, 12 Mei 2026 · Rakor Asisten II"."""

    heading: str
    items: list[RecapAgendaItem]
    other_actions: list[tuple[str, str, str]]


@dataclasses.dataclass(frozen=True)
class RecapDocument:
    """The monthly recap of issues and follow-up (rekap permasalahan dan tindak lanjut).

    Every label comes from the caller, already translated: the template only lays them out.
    """

    letterhead: Letterhead
    title: str
    period: str
    scope: str
    state: str
    footer: str
    sections: list[RecapSection]
    meetings_title: str
    meetings: list[RecapMeeting]
    meetings_empty: str
    decisions_label: str
    outcome_label: str
    action_columns: list[str]  # No, what, unit, due date
    other_actions_label: str
    notes_title: str
    notes: list[str]
    place_and_date: str
    signatory: Signatory | None


def recap_pdf(data: RecapDocument) -> bytes:
    """Render the monthly recap as an A4 PDF under the kop surat."""
    if any(len(t.widths) != len(t.columns) for s in data.sections for t in s.tables):
        raise ValueError("every recap table needs one width per column.")
    return _render("recap.typ", data, data.letterhead)
