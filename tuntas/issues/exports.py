"""Excel exports of issue lists, with real dates and numbers."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tuntas.issues.models import Issue, Level

FORMULA_STARTS = ("=", "+", "-", "@")


def issues_xlsx(issues: Iterable[Issue]) -> bytes:
    """Return an .xlsx workbook listing the issues, one row each."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Issues")[:31]
    headers = [
        _("Number"),
        _("Title"),
        _("Reporting unit"),
        _("Category"),
        _("Urgency"),
        _("Status"),
        _("Level"),
        _("First met on"),
        _("Submitted on"),
        _("Deadline"),
        _("Overdue"),
        _("Open requests"),
        _("Settled on"),
        _("Settled at level"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for issue in issues:
        submitted = timezone.localdate(issue.submitted_at) if issue.submitted_at else None
        settled = timezone.localdate(issue.settled_at) if issue.settled_at else None
        sheet.append(
            [
                issue.reference,
                issue.title,
                issue.reporting_unit.name,
                issue.category.name,
                issue.get_urgency_display(),
                issue.get_status_display(),
                str(Level(issue.level).label),
                issue.first_met_on,
                submitted,
                getattr(issue, "due", None),
                _("yes") if getattr(issue, "is_late", False) else _("no"),
                getattr(issue, "open_requests", 0),
                settled,
                str(Level(issue.settled_level).label) if issue.settled_level else "",
            ]
        )
    for column in (8, 9, 10, 13):
        for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell[0].number_format = "DD/MM/YYYY"
    # Text typed by users must never run as a formula when the file is opened.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
    widths = [12, 50, 36, 20, 10, 20, 14, 12, 12, 12, 10, 10, 12, 14]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
