"""The monthly recap in words and as files: its measure lines, its tables, the XLSX and the PDF.

The page and the XLSX follow the reader's language; the PDF is a document (naskah dinas) and is
always written in Indonesian. Each table is described once (`Table`) with typed values: the XLSX
writes them as numbers and dates, the PDF as Indonesian text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tuntas.dashboards.measures import Share
from tuntas.dashboards.recap import Recap
from tuntas.documents import render
from tuntas.lib.dates import format_date, zone_abbreviation
from tuntas.lib.xlsx import FORMATS, Kind, cell_value
from tuntas.meetings import paperwork
from tuntas.org.access import Viewer
from tuntas.org.models import Government, Unit
from tuntas.plans.reports import month_name, report_signatory

DOCUMENT_LANGUAGE = paperwork.LANGUAGE
NOTHING = "—"
# Three title lines and a blank row above each sheet's header.
HEADER_ROW = 5
HEADER_FILL = "D9E1F2"
TOTAL_FILL = "F2F2F2"
MAX_WIDTH = 60
NUMBERS = (Kind.INTEGER, Kind.DECIMAL, Kind.PERCENT, Kind.MONEY)


# --- numbers in words ------------------------------------------------------------------------


def percent_text(share: Share) -> str:
    """Return "66,7%" in Indonesian ("66.7%" in English), "—" when nothing was counted."""
    if share.percent is None:
        return NOTHING
    return f"{formats.number_format(share.percent, 1)}%"


def days_text(days: int | None) -> str:
    """Return "4 working days", "—" when there is nothing to measure."""
    if days is None:
        return NOTHING
    return ngettext("%(count)d working day", "%(count)d working days", days) % {"count": days}


def period_text(recap: Recap) -> str:
    return _("%(month)s %(year)s") % {"month": month_name(recap.month), "year": recap.year}


def scope_text(recap: Recap) -> str:
    if recap.asisten is None:
        return _("All units (city-wide)")
    return _("Units coordinated by %(name)s") % {"name": recap.asisten.name}


def state_text(recap: Recap) -> str:
    """Say which moment the counts at month end describe."""
    day = format_date(recap.as_of)
    if recap.complete:
        return _("Situation at the end of %(date)s") % {"date": day}
    return _("Up to %(date)s: the month has not ended") % {"date": day}


def title_text() -> str:
    return _("Monthly recap of issues and follow-up")


@dataclass(frozen=True)
class MeasureLine:
    """One measure of the month: its name, its value and what it was counted on, in words,
    and its numbers for the XLSX."""

    key: str
    label: str
    value: str
    basis: str
    percent: Decimal | None = None
    days: int | None = None
    count: int | None = None
    out_of: int | None = None


def measure_lines(recap: Recap) -> list[MeasureLine]:
    """The measures of the month, in the active language."""
    m, total = recap.measures, recap.issues.total

    def share_line(key: str, label: str, share: Share, words: str) -> MeasureLine:
        return MeasureLine(
            key,
            label,
            percent_text(share),
            words,
            percent=share.percent,
            count=share.numerator,
            out_of=share.denominator,
        )

    settled = ngettext(
        "%(count)d issue settled in the month",
        "%(count)d issues settled in the month",
        m.settle.count,
    ) % {"count": m.settle.count}
    reported = ngettext(
        "%(count)d issue reported in the month",
        "%(count)d issues reported in the month",
        m.surface.count,
    ) % {"count": m.surface.count}
    requests, items = m.requests, m.action_items
    return [
        MeasureLine("new", _("Issues reported in the month"), str(total.new), "", count=total.new),
        MeasureLine(
            "open",
            _("Issues open at month end"),
            str(total.open_at_end),
            "",
            count=total.open_at_end,
        ),
        share_line(
            "headline",
            _("Settled at OPD or Asisten level"),
            m.headline,
            ngettext(
                "%(done)d of %(count)d issue settled in the month",
                "%(done)d of %(count)d issues settled in the month",
                m.headline.denominator,
            )
            % _numbers(m.headline),
        ),
        MeasureLine(
            "settle_median",
            _("Time to settle, median"),
            days_text(m.settle.median),
            settled,
            days=m.settle.median,
            count=m.settle.count,
        ),
        MeasureLine(
            "settle_p90",
            _("Time to settle, 90th percentile"),
            days_text(m.settle.p90),
            settled,
            days=m.settle.p90,
            count=m.settle.count,
        ),
        MeasureLine(
            "surface",
            _("Time to surface, median"),
            days_text(m.surface.median),
            reported,
            days=m.surface.median,
            count=m.surface.count,
        ),
        share_line(
            "requests",
            _("Requests answered on time"),
            requests.share,
            ngettext(
                "%(done)d of %(count)d request due in the month",
                "%(done)d of %(count)d requests due in the month",
                requests.share.denominator,
            )
            % _numbers(requests.share),
        ),
        share_line(
            "action_items",
            _("Action items done on time"),
            items.share,
            ngettext(
                "%(done)d of %(count)d action item due in the month",
                "%(done)d of %(count)d action items due in the month",
                items.share.denominator,
            )
            % _numbers(items.share),
        ),
        MeasureLine(
            "overdue_requests",
            _("Requests overdue at month end"),
            str(len(recap.overdue_requests)),
            "",
            count=len(recap.overdue_requests),
        ),
        MeasureLine(
            "overdue_action_items",
            _("Action items overdue at month end"),
            str(recap.overdue_action_item_count),
            "",
            count=recap.overdue_action_item_count,
        ),
    ]


def _numbers(share: Share) -> dict[str, int]:
    return {"done": share.numerator, "count": share.denominator}


def notes(recap: Recap) -> list[str]:
    """How the recap counts, in the active language (printed under the PDF, atop the XLSX)."""
    lines = [
        _(
            "Days are local days (%(zone)s). Working days leave out weekends, national "
            "holidays, cuti bersama and local days off."
        )
        % {"zone": zone_abbreviation()},
        _(
            "Issues of the month: reported by the end of the month and not settled or closed "
            "before it began. Open at month end: not settled or closed by then, at the level "
            "they had then."
        ),
        _(
            "Settled at OPD or Asisten level: the share of the issues settled in the month "
            "that were settled at OPD or Asisten level. Time to settle: working days from "
            "report to settlement. Time to surface: working days from the day the problem was "
            "first met to its report."
        ),
        _(
            "On time: answered or done by the date due, among the requests and action items "
            "due in the month; those not yet due, and requests no longer needed because their "
            "issue ended first, are left out."
        ),
        _(
            "Overdue at month end: a request not answered by the date its answer was expected "
            "or not done by the date needed, or an action item not done by its due date, "
            "counted in working days since."
        ),
    ]
    if recap.asisten is not None:
        lines.append(
            _(
                "The recap of an Asisten counts the issues routed to that Asisten with their "
                "requests, and the Asisten's meetings with their action items."
            )
        )
    return lines


# --- the tables, typed -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a recap table: its header, its kind, and its relative width in the PDF
    (0 leaves it out of the PDF, which is narrower than a spreadsheet)."""

    header: str
    kind: Kind = Kind.TEXT
    weight: int = 2
    width: float | None = None


@dataclass(frozen=True)
class Table:
    """A recap table: one XLSX sheet, and one table in the PDF (unless `in_pdf` is False)."""

    sheet: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    empty: str
    total: list[Any] | None = None
    in_pdf: bool = True


def _count_columns(first: str) -> list[Column]:
    return [
        Column(first, weight=6, width=45),
        Column(_("Reported"), Kind.INTEGER, 2),
        Column(_("Settled"), Kind.INTEGER, 2),
        Column(_("At OPD or Asisten"), Kind.INTEGER, 2),
        Column(_("Closed"), Kind.INTEGER, 2),
        Column(_("Open at month end"), Kind.INTEGER, 2),
    ]


def _count_values(label: str, row: Any) -> list[Any]:
    return [label, row.new, row.settled, row.settled_low, row.closed, row.open_at_end]


def tables(recap: Recap) -> list[Table]:
    """Every table of the recap in the active language, in the order the recap shows them."""
    counts = recap.issues
    no_issue = _("No issue this month.")
    total = _("Total")
    status = Table(
        sheet=_("By status"),
        title=_("Issues of the month by status at month end"),
        columns=[Column(_("Status"), weight=8, width=45), Column(_("Issues"), Kind.INTEGER, 2)],
        rows=[[row.label, row.count] for row in counts.by_status],
        total=[total, counts.caseload],
        empty=no_issue,
    )
    level = Table(
        sheet=_("By level"),
        title=_("Issues by level: settled in the month, and open at month end"),
        columns=[
            Column(_("Level"), weight=6, width=24),
            Column(_("Settled in the month"), Kind.INTEGER, 3),
            Column(_("Open at month end"), Kind.INTEGER, 3),
        ],
        rows=[[row.label, row.settled, row.open_at_end] for row in counts.by_level],
        total=[total, counts.total.settled, counts.total.open_at_end],
        empty=no_issue,
    )
    unit = Table(
        sheet=_("By unit"),
        title=_("Issues of the month by reporting unit"),
        columns=_count_columns(_("Reporting unit")),
        rows=[_count_values(row.label, row) for row in counts.by_unit],
        total=_count_values(total, counts.total) if counts.by_unit else None,
        empty=no_issue,
    )
    category = Table(
        sheet=_("By category"),
        title=_("Issues of the month by category"),
        columns=_count_columns(_("Category")),
        rows=[_count_values(row.label, row) for row in counts.by_category],
        total=_count_values(total, counts.total) if counts.by_category else None,
        empty=no_issue,
    )
    requests = Table(
        sheet=_("Overdue requests"),
        title=_("Requests overdue at month end"),
        columns=[
            Column(_("Issue"), weight=3, width=12),
            Column(_("Title"), weight=5, width=40),
            Column(_("Reporting unit"), weight=0, width=30),
            Column(_("Asked unit"), weight=4, width=30),
            Column(_("What is needed"), weight=0, width=45),
            Column(_("Late"), weight=2, width=14),
            Column(_("Answer expected by"), Kind.DATE, 0),
            Column(_("Needed by"), Kind.DATE, 0),
            Column(_("Overdue since"), Kind.DATE, 4),
            Column(_("Working days late"), Kind.INTEGER, 2, width=12),
        ],
        rows=[
            [
                r.reference,
                r.issue_title,
                r.reporting_unit,
                r.asked_unit,
                r.need,
                _("the help") if r.answered else _("the answer"),
                r.respond_by,
                r.due_on,
                r.since,
                r.days_late,
            ]
            for r in recap.overdue_requests
        ],
        empty=_("No request was overdue at month end."),
    )
    items = Table(
        sheet=_("Overdue action items"),
        title=_("Action items overdue at month end"),
        columns=[
            Column(_("Action item"), weight=6, width=50),
            Column(_("Unit"), weight=4, width=30),
            Column(_("Due on"), Kind.DATE, 4),
            Column(_("Working days late"), Kind.INTEGER, 2, width=12),
            Column(_("Meeting"), weight=0, width=36),
            Column(_("Meeting date"), Kind.DATE, 0, width=14),
            Column(_("Issue"), weight=0, width=12),
        ],
        rows=[
            [
                i.description,
                i.unit,
                i.due_on,
                i.days_late,
                i.meeting_title,
                i.meeting_date,
                i.issue_reference,
            ]
            for i in recap.overdue_action_items
        ],
        empty=_("No action item was overdue at month end."),
    )
    decisions: list[list[Any]] = []
    decision, outcome, action = _("Decision"), _("Outcome"), _("Action item")
    for meeting in recap.meetings:
        head = [meeting.date, meeting.title]
        for item in meeting.items:
            at = [*head, item.number, item.title]
            decisions += [[*at, decision, text, "", None] for text in item.decisions]
            if item.outcome:
                decisions.append([*at, outcome, item.outcome_label, "", None])
            decisions += [[*at, action, a.description, a.unit, a.due_on] for a in item.actions]
        decisions += [
            [*head, None, "", action, a.description, a.unit, a.due_on]
            for a in meeting.other_actions
        ]
    meetings = Table(
        sheet=_("Decisions"),
        title=_("Decisions of the month's meetings"),
        columns=[
            Column(_("Meeting date"), Kind.DATE, width=14),
            Column(_("Meeting"), width=36),
            Column(_("No."), Kind.INTEGER, width=6),
            Column(_("Agenda item"), width=40),
            Column(_("Kind"), width=14),
            Column(_("Text"), width=60),
            Column(_("Unit"), width=30),
            Column(_("Due on"), Kind.DATE),
        ],
        rows=decisions,
        empty=_("No meeting of the month has final minutes."),
        in_pdf=False,
    )
    return [status, level, unit, category, requests, items, meetings]


# --- XLSX ------------------------------------------------------------------------------------


def recap_xlsx(recap: Recap, *, made_by: str = "") -> bytes:
    """Return the recap as a workbook: the measures, then one sheet per table, typed."""
    title_lines = [
        f"{title_text()}: {period_text(recap)}",
        scope_text(recap),
        state_text(recap) + (f" · {made_by}" if made_by else ""),
    ]
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    lines = measure_lines(recap)
    summary = Table(
        sheet=_("Measures"),
        title="",
        columns=[
            Column(_("Measure"), width=40),
            Column(_("Percent"), Kind.PERCENT),
            Column(_("Working days"), Kind.INTEGER, width=14),
            Column(_("Count"), Kind.INTEGER),
            Column(_("Out of"), Kind.INTEGER),
            Column(_("Basis"), width=45),
        ],
        rows=[[x.label, x.percent, x.days, x.count, x.out_of, x.basis] for x in lines],
        empty="",
    )
    sheet = _sheet(book, summary, title_lines)
    # How the numbers were counted, under the measures.
    row = HEADER_ROW + len(lines) + 2
    for note in notes(recap):
        cell = sheet.cell(row=row, column=1, value=note)
        cell.data_type = "s"
        cell.font = Font(italic=True, size=9)
        row += 1
    for table in tables(recap):
        _sheet(book, table, title_lines)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, table: Table, title_lines: Sequence[str]) -> Worksheet:
    # Excel limits sheet names to 31 characters and forbids a few.
    name = "".join(c for c in table.sheet if c not in "[]:*?/\\")[:31] or "Sheet"
    sheet = book.create_sheet(name)
    for number, line in enumerate(title_lines, start=1):
        cell = sheet.cell(row=number, column=1, value=line)
        cell.data_type = "s"
        cell.font = Font(bold=number == 1, size=12 if number == 1 else 10)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = HEADER_ROW + 1
    for values in table.rows:
        _xlsx_row(sheet, row, table.columns, values)
        row += 1
    last = row - 1
    if table.total is not None:
        _xlsx_row(sheet, row, table.columns, table.total, total=True)
    for index, column in enumerate(table.columns, start=1):
        width = column.width or _width(column, table.rows, index - 1)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    if last > HEADER_ROW:
        end = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{end}{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return sheet


def _xlsx_row(
    sheet: Worksheet,
    row: int,
    columns: Sequence[Column],
    values: Sequence[Any],
    *,
    total: bool = False,
) -> None:
    for index, (column, raw) in enumerate(zip(columns, values, strict=True), start=1):
        value = cell_value(column.kind, raw)
        cell = sheet.cell(row=row, column=index, value=value)
        if isinstance(value, str):
            # Text typed by users must never run as a formula when the file is opened.
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        elif value is not None and column.kind in FORMATS:
            cell.number_format = FORMATS[column.kind]
        if total:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=TOTAL_FILL)


def _width(column: Column, rows: Sequence[Sequence[Any]], index: int) -> float:
    longest = len(column.header)
    if column.kind is Kind.TEXT:
        longest = max([longest, *(len(str(r[index] or "")) for r in rows)])
    return float(min(max(10, longest + 2), MAX_WIDTH))


# --- PDF -------------------------------------------------------------------------------------


def _text(kind: Kind, value: Any) -> str:
    """Return a table value as the PDF prints it."""
    if value is None or value == "":
        return "-"
    if kind is Kind.DATE:
        return format_date(value)
    if kind in (Kind.PERCENT, Kind.DECIMAL):
        return str(formats.number_format(value, 1))
    return str(value)


def _pdf_table(table: Table) -> render.RecapTable:
    shown = [i for i, c in enumerate(table.columns) if c.weight]

    def cells(values: Sequence[Any]) -> list[str]:
        return [_text(table.columns[i].kind, values[i]) for i in shown]

    return render.RecapTable(
        title=table.title,
        columns=[table.columns[i].header for i in shown],
        widths=[table.columns[i].weight for i in shown],
        numeric=[table.columns[i].kind in NUMBERS for i in shown],
        rows=[cells(row) for row in table.rows],
        empty=table.empty,
        total=cells(table.total) if table.total is not None else None,
    )


def recap_document(
    recap: Recap,
    *,
    letterhead: render.Letterhead,
    signatory: render.Signatory | None = None,
    place_and_date: str = "",
) -> render.RecapDocument:
    """Return the recap as the PDF lays it out, in the active language."""
    measures = render.RecapTable(
        title=_("Measures of the month"),
        columns=[_("Measure"), _("Value"), _("Counted on")],
        widths=[6, 3, 6],
        numeric=[False, True, False],
        rows=[[x.label, x.value, x.basis or "-"] for x in measure_lines(recap)],
        empty="",
    )
    by = [_pdf_table(t) for t in tables(recap) if t.in_pdf]
    sections = [
        render.RecapSection(title=_("A. Measures"), tables=[measures]),
        render.RecapSection(title=_("B. Issues"), tables=by[:4]),
        render.RecapSection(title=_("C. Overdue at month end"), tables=by[4:]),
    ]
    meetings = [
        render.RecapMeeting(
            heading=f"{format_date(m.date)} · {m.title}",
            items=[
                render.RecapAgendaItem(
                    number=item.number,
                    title=item.title,
                    decisions=item.decisions,
                    outcome=item.outcome_label,
                    actions=[_action(a) for a in item.actions],
                )
                for item in m.items
            ],
            other_actions=[_action(a) for a in m.other_actions],
        )
        for m in recap.meetings
    ]
    title = title_text()
    period = period_text(recap)
    return render.RecapDocument(
        letterhead=letterhead,
        title=title.upper(),
        period=period,
        scope=scope_text(recap),
        state=state_text(recap),
        footer=f"{title}, {period}",
        sections=sections,
        meetings_title=_("D. Decisions of the month's meetings"),
        meetings=meetings,
        meetings_empty=_("No meeting of the month has final minutes."),
        decisions_label=_("Decisions:"),
        outcome_label=_("Outcome for the issue:"),
        action_columns=[_("No."), _("Action item"), _("Unit"), _("Due on")],
        other_actions_label=_("Other action items of the meeting:"),
        notes_title=_("Notes:"),
        notes=notes(recap),
        place_and_date=place_and_date,
        signatory=signatory,
    )


def _action(action: Any) -> tuple[str, str, str]:
    return (action.description, action.unit, format_date(action.due_on))


def recap_pdf(recap: Recap, *, viewer: Viewer) -> bytes:
    """Return the recap as a PDF in Indonesian, under the kop of the Setda when an Asisten or
    the Sekda signs it (the government's otherwise)."""
    with translation.override(DOCUMENT_LANGUAGE):
        signed = report_signatory(viewer)
        signatory = None
        kop_unit: Unit | None
        place_and_date = ""
        if signed is not None:
            signatory, kop_unit = signed
            place_and_date = _place_and_date(viewer.today)
        else:
            kop_unit = recap.asisten.parent if recap.asisten is not None else None
        document = recap_document(
            recap,
            letterhead=paperwork.letterhead(kop_unit),
            signatory=signatory,
            place_and_date=place_and_date,
        )
    return render.recap_pdf(document)


def _place_and_date(day: dt.date) -> str:
    """Return "Payakumbuh, 2 Juni 2026" (in the active language)."""
    government = Government.current()
    region = government.region_name if government else ""
    date_text = formats.date_format(day, "j F Y")
    return f"{region}, {date_text}" if region else date_text
