"""Excel exports of issue lists, with real dates and numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.issues.models import Issue, Level
from tuntas.lib.xlsx import Column, Kind, table_xlsx


def issue_columns() -> list[Column]:
    """Return the columns of an issue export, headers in the active language."""
    return [
        Column(_("Number"), width=12),
        Column(_("Title"), width=50),
        Column(_("Reporting unit"), width=36),
        Column(_("Category"), width=20),
        Column(_("Urgency"), width=10),
        Column(_("Status"), width=20),
        Column(_("Level"), width=14),
        Column(_("First met on"), Kind.DATE, width=12),
        Column(_("Submitted on"), Kind.DATE, width=12),
        Column(_("Deadline"), Kind.DATE, width=12),
        Column(_("Overdue"), width=10),
        Column(_("Open requests"), Kind.INTEGER, width=10),
        Column(_("Settled on"), Kind.DATE, width=12),
        Column(_("Settled at level"), width=14),
    ]


def issue_values(issue: Issue) -> list[Any]:
    """Return one issue's cells; `due`, `is_late` and `open_requests` come from the list."""
    return [
        issue.reference,
        issue.title,
        issue.reporting_unit.name,
        issue.category.name,
        issue.get_urgency_display(),
        issue.get_status_display(),
        str(Level(issue.level).label),
        issue.first_met_on,
        timezone.localdate(issue.submitted_at) if issue.submitted_at else None,
        getattr(issue, "due", None),
        _("yes") if getattr(issue, "is_late", False) else _("no"),
        getattr(issue, "open_requests", 0),
        timezone.localdate(issue.settled_at) if issue.settled_at else None,
        str(Level(issue.settled_level).label) if issue.settled_level else "",
    ]


def issues_xlsx(issues: Iterable[Issue]) -> bytes:
    """Return an .xlsx workbook listing the issues, one row each."""
    return table_xlsx(issue_columns(), (issue_values(i) for i in issues), sheet_title=_("Issues"))
