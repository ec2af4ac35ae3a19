"""Helpers shared by the export tests: read a downloaded workbook by column position."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from tuntas.lib.xlsx import CONTENT_TYPE

# The title and the "exported on … ; filters" line come above the header.
HEADER_ROW = 3


def export_url(kind: str) -> str:
    return reverse("dashboards:export", args=[kind])


def book_of(response: HttpResponse) -> Workbook:
    """Return the workbook, after checking the response is an XLSX download."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def sheet_of(response: HttpResponse) -> Worksheet:
    """Return the workbook's sheet, after checking the response is an XLSX download."""
    sheet = book_of(response).active
    assert sheet is not None
    return sheet


def header_of(sheet: Worksheet) -> list[Any]:
    return [c.value for c in sheet[HEADER_ROW]]


def values_of(sheet: Worksheet) -> list[list[Any]]:
    """Return the values of the rows under the header (a footer row included)."""
    return [list(row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def cells_of(response: HttpResponse, columns: list[str]) -> list[dict[str, Cell]]:
    """Return the data rows as {column key: cell}; the header must have exactly those columns."""
    sheet = sheet_of(response)
    header = [c.value for c in sheet[HEADER_ROW]]
    assert len(header) == len(columns), header
    assert all(header), header
    return [
        dict(zip(columns, row, strict=True))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(columns))
    ]


def rows_of(response: HttpResponse, columns: list[str]) -> list[dict[str, Any]]:
    return [{k: c.value for k, c in row.items()} for row in cells_of(response, columns)]


def title_lines(response: HttpResponse) -> list[str]:
    sheet = sheet_of(response)
    return [sheet.cell(row, 1).value or "" for row in range(1, HEADER_ROW)]


def english(person: Any) -> Any:
    """Make the person read in English, so that sheets and headers have their English names."""
    person.language = "en"
    person.save(update_fields=["language"])
    return person


def plain(rows: Any) -> list[list[Any]]:
    """Every number as a float: Decimal, int and float compare as the cell holds them."""
    return [[float(v) if isinstance(v, int | float | Decimal) else v for v in row] for row in rows]
