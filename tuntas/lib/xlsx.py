"""Excel tables with real types: dates as dates, rupiah as numbers, users' text never a formula.

One sheet, one header row, written row by row in openpyxl's write-only mode so that a long
export keeps its memory flat:

    table = XlsxTable([Column(_("Title")), Column(_("Pagu"), Kind.MONEY)], sheet_title="Sheet")
    table.append(["Jalan Sudirman", Decimal("1250000000")])
    content = table.to_bytes()

Several tables in one workbook, a sheet each (a dashboard's tables), come from an `XlsxBook`:

    book = XlsxBook()
    table = book.add_table(columns, sheet_title="Per unit", title_lines=lines)
    table.extend(rows)
    table.set_footer([_("Total"), 12])  # bold, under the rows, outside the filter
    content = book.to_bytes()
"""

from __future__ import annotations

import datetime as dt
import enum
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses longer cell text.
MAX_TEXT = 32767
# Rows looked at to size the text columns before the first row is written.
SAMPLE_ROWS = 200
MAX_WIDTH = 60


class Kind(enum.Enum):
    """What a column holds, which decides the cell's type and number format."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"  # a percentage as the app stores it: 45.5 means 45.5 %
    MONEY = "money"  # rupiah
    DATE = "date"
    DATETIME = "datetime"


FORMATS = {
    Kind.INTEGER: "0",
    Kind.DECIMAL: "#,##0.00",
    Kind.PERCENT: "0.00",
    Kind.MONEY: '"Rp"#,##0',
    Kind.DATE: "DD/MM/YYYY",
    Kind.DATETIME: "DD/MM/YYYY HH:MM",
}
WIDTHS = {
    Kind.TEXT: 12,  # the least; text columns grow with their content
    Kind.INTEGER: 10,
    Kind.DECIMAL: 12,
    Kind.PERCENT: 10,
    Kind.MONEY: 19,
    Kind.DATE: 12,
    Kind.DATETIME: 17,
}


@dataclass(frozen=True)
class Column:
    """One column: its header, what it holds, and optionally a fixed width or own format."""

    header: str | Promise
    kind: Kind = Kind.TEXT
    width: float | None = None
    number_format: str | None = None

    @property
    def format(self) -> str | None:
        return self.number_format or FORMATS.get(self.kind)


def cell_value(kind: Kind, value: Any) -> Any:
    """Return the value as the column's kind stores it (None stays an empty cell)."""
    if value is None or (isinstance(value, str) and not value):
        return None
    if kind is Kind.TEXT:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        return text[:MAX_TEXT]
    if kind is Kind.INTEGER:
        return int(value)
    if kind in (Kind.DECIMAL, Kind.PERCENT, Kind.MONEY):
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise TypeError(f"a {kind.value} column needs a number, not {value!r}")
        return value
    if kind is Kind.DATE:
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if not isinstance(value, dt.date):
            raise TypeError(f"a date column needs a date, not {value!r}")
        return value
    # Kind.DATETIME: Excel knows no time zones, so the reader's local time is written.
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min)
    raise TypeError(f"a datetime column needs a datetime, not {value!r}")


class XlsxTable:
    """A sheet: optional title lines, a bold frozen header with filters, typed rows, a footer.

    On its own it is a one-sheet workbook; `XlsxBook.add_table` puts several in one.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        sheet_title: str | Promise = "Sheet",
        title_lines: Sequence[str | Promise] = (),
        book: Workbook | None = None,
    ) -> None:
        if not columns:
            raise ValueError("a table needs at least one column")
        self.columns = list(columns)
        self.title_lines = [str(line) for line in title_lines if str(line)]
        self.rows = 0
        self._book = book if book is not None else Workbook(write_only=True)
        # Excel limits sheet names to 31 characters and forbids a few.
        name = "".join(c for c in str(sheet_title) if c not in "[]:*?/\\")[:31] or "Sheet"
        self._sheet: WriteOnlyWorksheet = self._book.create_sheet(name)
        self._pending: list[list[Any]] | None = []
        self._footer: list[Any] | None = None
        self._finished = False

    @property
    def header_row(self) -> int:
        return len(self.title_lines) + 1

    def append(self, values: Sequence[Any]) -> None:
        """Add one data row, a value per column, converted to the column's kind."""
        if self._finished:
            raise ValueError("the table is already written")
        row = self._converted(values)
        self.rows += 1
        if self._pending is not None:
            self._pending.append(row)
            if len(self._pending) >= SAMPLE_ROWS:
                self._start()
        else:
            self._write(row)

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.append(values)

    def set_footer(self, values: Sequence[Any]) -> None:
        """Write this row in bold under the data, outside its filter and sorting (a total)."""
        if self._finished:
            raise ValueError("the table is already written")
        self._footer = self._converted(values)

    def finish(self) -> None:
        """Write what is still held back and the footer; the table cannot be added to afterwards."""
        if self._finished:
            return
        self._start()
        if self._footer is not None:
            self._write(self._footer, bold=True)
        last = get_column_letter(len(self.columns))
        self._sheet.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + self.rows}"
        self._finished = True

    def save(self, target: IO[bytes]) -> None:
        """Write the workbook to a binary file; the table cannot be added to afterwards."""
        self.finish()
        self._book.save(target)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    # --- writing ------------------------------------------------------------------------------

    def _start(self) -> None:
        """Size the columns from the rows seen so far, then write the top and those rows."""
        if self._pending is None:
            return
        pending, self._pending = self._pending, None
        sheet = self._sheet
        for index, column in enumerate(self.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width or _width(column, pending, index)
        sheet.freeze_panes = f"A{self.header_row + 1}"
        for number, line in enumerate(self.title_lines):
            cell = WriteOnlyCell(sheet, cell_value(Kind.TEXT, line))
            cell.data_type = "s"
            cell.font = Font(bold=number == 0, size=12 if number == 0 else 10)
            sheet.append([cell])
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(sheet, cell_value(Kind.TEXT, column.header))
            cell.data_type = "s"
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in pending:
            self._write(row)

    def _converted(self, values: Sequence[Any]) -> list[Any]:
        if len(values) != len(self.columns):
            raise ValueError(f"{len(values)} values for {len(self.columns)} columns")
        return [cell_value(c.kind, v) for c, v in zip(self.columns, values, strict=True)]

    def _write(self, row: list[Any], *, bold: bool = False) -> None:
        cells = []
        for column, value in zip(self.columns, row, strict=True):
            cell = WriteOnlyCell(self._sheet, value)
            if isinstance(value, str):
                # Text typed by users must never run as a formula when the file is opened
                # ("=HYPERLINK(…)", formula injection): every text cell is stored as a string.
                cell.data_type = "s"
            elif value is not None and column.format:
                cell.number_format = column.format
            if bold:
                cell.font = Font(bold=True)
            cells.append(cell)
        self._sheet.append(cells)


class XlsxBook:
    """A workbook of several tables, a sheet each, in the order they are added."""

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)
        self.tables: list[XlsxTable] = []

    def add_table(
        self,
        columns: Sequence[Column],
        *,
        sheet_title: str | Promise,
        title_lines: Sequence[str | Promise] = (),
    ) -> XlsxTable:
        """Return a new sheet's table; fill it before the book is saved."""
        table = XlsxTable(
            columns, sheet_title=sheet_title, title_lines=title_lines, book=self._book
        )
        self.tables.append(table)
        return table

    def save(self, target: IO[bytes]) -> None:
        """Write the workbook to a binary file; its tables cannot be added to afterwards."""
        if not self.tables:
            raise ValueError("a workbook needs at least one table")
        for table in self.tables:
            table.finish()
        self._book.save(target)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


def _width(column: Column, rows: list[list[Any]], index: int) -> float:
    """Return a width that fits the header and the sampled text, within bounds."""
    least = WIDTHS[column.kind]
    longest = len(str(column.header))
    if column.kind is Kind.TEXT:
        for row in rows:
            value = row[index - 1]
            if value:
                longest = max(longest, max(len(part) for part in value.splitlines() or [""]))
    return float(min(max(least, longest + 2), MAX_WIDTH))


def table_xlsx(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str | Promise = "Sheet",
    title_lines: Sequence[str | Promise] = (),
) -> bytes:
    """Return an .xlsx workbook of one table."""
    table = XlsxTable(columns, sheet_title=sheet_title, title_lines=title_lines)
    table.extend(rows)
    return table.to_bytes()
