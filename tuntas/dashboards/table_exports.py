"""The dashboard tables as XLSX workbooks: the measures page, the dependency map and the homes.

A workbook has a sheet per table the page shows, typed as the shared writer types them
(`tuntas.lib.xlsx`): counts and working days as integers, shares and realisation as numbers
shown with a % sign, rupiah as numbers in the Rp format, days and months as dates. Every sheet
opens with the page's and the table's name and a line saying who exported it when, with which
filters. The numbers are the very objects the page renders, so the file and the page agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tuntas.dashboards.dependency import Edge, Load
from tuntas.dashboards.exports import DEVIATION_FORMAT
from tuntas.dashboards.homes import Figures
from tuntas.dashboards.measures import (
    AgeBucket,
    FollowUp,
    Measures,
    MonthLine,
    SettleGroup,
    Share,
)
from tuntas.lib.xlsx import CONTENT_TYPE, Column, Kind, XlsxBook, XlsxTable
from tuntas.plans.views import STATUS_FILTERS

# The app keeps percentages as 45.5 for 45.5 %: shown with a sign, never scaled by Excel's "%".
SHARE_FORMAT = '0.0"%"'  # a share of issues, requests or action items: one decimal
PERCENT_FORMAT = '0.00"%"'  # realisation and targets, as the work plans show them
MONTH_FORMAT = "MMMM YYYY"


def label(name: str, value: object) -> str:
    """Return one filter as "Name: value" for the line above the tables."""
    return f"{name}: {value}"


def day_text(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    """Answer with a workbook to save, never kept by a shared cache."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class _Book:
    """A workbook whose sheets all start with the page's name and the same filter line."""

    def __init__(self, page: str, filters: str) -> None:
        self.page = page
        self.filters = filters
        self.book = XlsxBook()

    def sheet(
        self, name: str, title: str | None, columns: list[Column], rows: Sequence[Sequence[Any]]
    ) -> XlsxTable:
        """Add a sheet named `name`, headed "page: title" (or the page alone), with its rows."""
        heading = f"{self.page}: {title}" if title else self.page
        table = self.book.add_table(columns, sheet_title=name, title_lines=[heading, self.filters])
        table.extend(rows)
        return table


# --- the measures page -----------------------------------------------------------------------


def _share_row(name: str, share: Share) -> list[Any]:
    return [name, share.percent, None, share.numerator, share.denominator]


def _settle_sheet(book: _Book, name: str, heading: str, groups: list[SettleGroup]) -> None:
    columns = [
        Column(heading, width=40),
        Column(_("Settled"), Kind.INTEGER),
        Column(_("Median"), Kind.INTEGER),
        Column(_("P90"), Kind.INTEGER),
        Column(_("At OPD or Asisten"), Kind.PERCENT, number_format=SHARE_FORMAT, width=18),
    ]
    rows = [
        [
            group.label,
            group.durations.count,
            group.durations.median,
            group.durations.p90,
            group.settled_low.percent,
        ]
        for group in groups
    ]
    title = f"{_('Time to settle, in working days')} · {heading}"
    book.sheet(name, title, columns, rows)


def _follow_up_sheet(
    book: _Book, name: str, title: str, heading: str, follow: FollowUp, at: dt.date, *, moot: bool
) -> None:
    columns = [
        Column(heading, width=40),
        Column(_("Due"), Kind.INTEGER),
        Column(_("On time"), Kind.INTEGER),
        Column(_("Late"), Kind.INTEGER),
        Column(_("Not yet due"), Kind.INTEGER, width=16),
    ]
    if moot:
        columns.append(Column(_("No longer needed"), Kind.INTEGER, width=16))
    columns += [
        Column(_("Share on time"), Kind.PERCENT, number_format=SHARE_FORMAT, width=14),
        Column(_("Overdue on %(day)s") % {"day": day_text(at)}, Kind.INTEGER, width=22),
    ]

    def values(first: str, row: Any) -> list[Any]:
        counts = [row.due, row.on_time, row.late, row.pending]
        if moot:
            counts.append(row.moot)
        return [first, *counts, row.share.percent, row.overdue]

    table = book.sheet(name, title, columns, [values(r.unit_name, r) for r in follow.rows])
    if follow.rows:
        table.set_footer(values(_("Total"), follow.total))


def _realisation_columns() -> list[Column]:
    return [
        Column(_("Month"), Kind.DATE, number_format=MONTH_FORMAT, width=16),
        Column(_("Pagu (Rp)"), Kind.MONEY),
        Column(_("Physical target (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Physical realisation (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Physical deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Financial target (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Financial realisation (Rp)"), Kind.MONEY),
        Column(_("Financial realisation (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Financial deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Status")),
        Column(_("Sub kegiatan"), Kind.INTEGER, width=13),
        Column(_("Counted"), Kind.INTEGER),
    ]


def _realisation_values(month: MonthLine) -> list[Any]:
    line = month.line
    status = STATUS_FILTERS.get(line.badge or "")
    return [
        month.day,
        line.pagu,
        line.target_physical,
        line.real_physical,
        line.dev_physical,
        line.target_financial_pct,
        line.real_financial,
        line.real_financial_pct,
        line.dev_financial,
        str(status) if status else "",
        line.rows,
        line.counted,
    ]


def _bucket_text(bucket: AgeBucket) -> str:
    """Return "6 to 10" (with an en dash) or "41 or more", as the page labels the age buckets."""
    if bucket.high is None:
        return _("%(low)s or more") % {"low": bucket.low}
    return f"{bucket.low}\u2013{bucket.high}"


def measures_xlsx(m: Measures, *, filters: str) -> bytes:
    """Return every table of the measures page, a sheet each, for the line of filters given."""
    book = _Book(_("Measures of coordination"), filters)
    at = m.backlog.at
    settle, surface = m.settle.overall, m.surface
    open_now = f"{_('Open issues')} ({_('at the end of %(day)s') % {'day': day_text(at)}})"
    book.sheet(
        _("Measures"),
        None,
        [
            Column(_("Measure"), width=44),
            Column(_("Percent"), Kind.PERCENT, number_format=SHARE_FORMAT),
            Column(_("Working days"), Kind.INTEGER, width=14),
            Column(_("Count"), Kind.INTEGER),
            Column(_("Out of"), Kind.INTEGER),
        ],
        [
            _share_row(_("Settled at OPD or Asisten level"), m.headline),
            [_("Time to settle, median"), None, settle.median, settle.count, None],
            [_("Time to settle, 90th percentile"), None, settle.p90, settle.count, None],
            [_("Time to surface, median"), None, surface.median, surface.count, None],
            [open_now, None, None, m.backlog.open, None],
            _share_row(_("Requests answered on time"), m.requests.total.share),
            _share_row(_("Action items done on time"), m.action_items.total.share),
        ],
    )
    book.sheet(
        _("Trend"),
        _("Trend"),
        [
            Column(_("Month"), Kind.DATE, number_format=MONTH_FORMAT, width=16),
            Column(_("At OPD or Asisten"), Kind.PERCENT, number_format=SHARE_FORMAT, width=18),
            Column(_("Settled"), Kind.INTEGER),
            Column(_("Median to settle"), Kind.INTEGER, width=18),
            Column(_("P90 to settle"), Kind.INTEGER, width=16),
            Column(_("Reported"), Kind.INTEGER),
            Column(_("Median to surface"), Kind.INTEGER, width=18),
            Column(_("Open at month end"), Kind.INTEGER, width=18),
        ],
        [
            [
                t.start,
                t.settled_low.percent,
                t.settle.count,
                t.settle.median,
                t.settle.p90,
                t.submitted,
                t.surface.median,
                t.open_at_end,
            ]
            for t in m.trend
        ],
    )
    _settle_sheet(book, _("Settle by level"), _("Level"), m.settle.by_level)
    _settle_sheet(book, _("Settle by category"), _("Category"), m.settle.by_category)
    _settle_sheet(book, _("Settle by unit"), _("Reporting unit"), m.settle.by_unit)
    book.sheet(
        _("Open per week"),
        _("Open issues at the end of each week"),
        [Column(_("Week ending"), Kind.DATE, width=14), Column(_("Open issues"), Kind.INTEGER)],
        [[week.day, week.open] for week in m.backlog.weeks],
    )
    ageing = book.sheet(
        _("Ageing"),
        _("Open issues by age on %(day)s") % {"day": day_text(at)},
        [
            Column(_("Working days since submission"), width=30),
            Column(_("Open issues"), Kind.INTEGER, width=20),
        ],
        [[_bucket_text(b), b.count] for b in m.backlog.ageing],
    )
    ageing.set_footer([_("Total"), m.backlog.open])
    _follow_up_sheet(
        book,
        _("Requests"),
        _("Requests per asked unit"),
        _("Asked unit"),
        m.requests,
        at,
        moot=True,
    )
    _follow_up_sheet(
        book,
        _("Action items"),
        _("Action items per unit"),
        _("Unit"),
        m.action_items,
        at,
        moot=False,
    )
    realisation = m.realisation
    title = _("Realisation against target, %(year)s") % {"year": realisation.year}
    book.sheet(
        _("Realisation per unit"),
        title,
        [Column(_("Unit"), width=40), *_realisation_columns()],
        [
            [unit.unit.name, *_realisation_values(month)]
            for unit in realisation.units
            for month in unit.months
        ],
    )
    book.sheet(
        _("Realisation, all units"),
        f"{title} · {_('All units')}",
        _realisation_columns(),
        [_realisation_values(month) for month in realisation.city],
    )
    return book.book.to_bytes()


# --- the dependency map ----------------------------------------------------------------------


def dependency_xlsx(*, ranking: Sequence[Load], edges: Sequence[Edge], filters: str) -> bytes:
    """Return the map's two tables: the units most waited on, and who waits on whom."""
    book = _Book(_("Dependency map"), filters)
    book.sheet(
        _("Most waited on"),
        _("Most waited on"),
        [
            Column(_("No."), Kind.INTEGER, width=6),
            Column(_("Short name"), width=16),
            Column(_("Unit"), width=45),
            Column(_("Open requests"), Kind.INTEGER, width=18),
            Column(_("Overdue requests"), Kind.INTEGER, width=18),
            Column(_("Units waiting on it"), Kind.INTEGER, width=20),
        ],
        [
            [number, x.unit.short_name, x.unit.name, x.open, x.overdue, x.waiting_units]
            for number, x in enumerate(ranking, start=1)
        ],
    )
    book.sheet(
        _("Who waits on whom"),
        _("Who waits on whom"),
        [
            Column(_("Asking unit"), width=16),
            Column(_("Asked unit"), width=20),
            Column(_("Open requests"), Kind.INTEGER, width=18),
            Column(_("Overdue requests"), Kind.INTEGER, width=18),
        ],
        [[e.asking.short_name, e.asked.short_name, e.open, e.overdue] for e in edges],
    )
    return book.book.to_bytes()


# --- the homes -------------------------------------------------------------------------------


def _figure_columns() -> list[Column]:
    return [
        Column(_("Physical target (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Physical realisation (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Physical deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Financial target (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Financial realisation (%)"), Kind.PERCENT, number_format=PERCENT_FORMAT),
        Column(_("Financial deviation"), Kind.DECIMAL, number_format=DEVIATION_FORMAT),
        Column(_("Status")),
        Column(_("Sub kegiatan"), Kind.INTEGER, width=13),
        Column(_("Not reported"), Kind.INTEGER, width=13),
    ]


def _figure_values(fig: Figures | None) -> list[Any]:
    """Return realisation against target as the home shows it; blank without sub kegiatan."""
    if fig is None:
        return [None] * 6 + ["", 0, 0]
    progress = fig.progress
    status = STATUS_FILTERS.get(progress.status or "")
    return [
        fig.target_physical,
        fig.real_physical,
        progress.dev_physical,
        fig.target_financial,
        fig.real_financial,
        progress.dev_financial,
        str(status) if status else "",
        fig.subs,
        progress.missing,
    ]


def portfolio_xlsx(*, units: Sequence[Any], total: dict[str, Any], filters: str) -> bytes:
    """Return the Asisten's table of OPDs with its total row (units from `portfolio_table`)."""
    book = _Book(_("Units you coordinate"), filters)

    def counts(issues: dict[str, int], late_requests: int, late_actions: int) -> list[Any]:
        return [
            issues.get("open", 0),
            issues.get("overdue", 0),
            issues.get("to_triage", 0),
            issues.get("proposed", 0),
            late_requests,
            late_actions,
        ]

    table = book.sheet(
        _("Units you coordinate"),
        None,
        [
            Column(_("Unit"), width=45),
            Column(_("Short name"), width=14),
            Column(_("Head of unit"), width=30),
            Column(_("Open issues"), Kind.INTEGER, width=14),
            Column(_("Overdue issues"), Kind.INTEGER, width=14),
            Column(_("Waiting for triage"), Kind.INTEGER, width=14),
            Column(_("Escalation proposed"), Kind.INTEGER, width=14),
            Column(_("Overdue requests"), Kind.INTEGER, width=14),
            Column(_("Overdue action items"), Kind.INTEGER, width=14),
            *_figure_columns(),
        ],
        [
            [
                unit.name,
                unit.short_name,
                ", ".join(f"{a.capacity_prefix}{a.person.full_name}" for a in unit.heads),
                *counts(unit.issue_counts, unit.late_requests, unit.late_actions),
                *_figure_values(unit.figures),
            ]
            for unit in units
        ],
    )
    # The home shows the total row even for an empty portfolio: so does the file.
    table.set_footer(
        [
            _("Total"),
            None,
            None,
            *counts(total, total["late_requests"], total["late_actions"]),
            *_figure_values(total["figures"]),
        ]
    )
    return book.book.to_bytes()


def assistants_xlsx(*, assistants: Sequence[Any], filters: str) -> bytes:
    """Return the Asisten side by side (from `assistants_side_by_side`), a row each."""
    book = _Book(_("The Asisten side by side"), filters)
    book.sheet(
        _("The Asisten side by side"),
        None,
        [
            Column(_("Asisten"), width=45),
            Column(_("Short name"), width=14),
            Column(_("Units"), Kind.INTEGER),
            Column(_("Open issues"), Kind.INTEGER, width=14),
            Column(_("Overdue issues"), Kind.INTEGER, width=14),
            Column(_("Overdue requests"), Kind.INTEGER, width=14),
            Column(_("Overdue action items"), Kind.INTEGER, width=14),
            *_figure_columns(),
            Column(
                _("Settled at OPD or Asisten level, this year"),
                Kind.PERCENT,
                number_format=SHARE_FORMAT,
                width=24,
            ),
            Column(_("At OPD or Asisten"), Kind.INTEGER, width=18),
            Column(_("Settled"), Kind.INTEGER),
        ],
        [
            [
                a.name,
                a.short_name,
                a.portfolio_size,
                a.stats.open,
                a.stats.overdue,
                a.stats.late_requests,
                a.stats.late_actions,
                *_figure_values(a.stats.figures),
                a.stats.settled_low.percent,
                a.stats.settled_low.numerator,
                a.stats.settled_low.denominator,
            ]
            for a in assistants
        ],
    )
    return book.book.to_bytes()
