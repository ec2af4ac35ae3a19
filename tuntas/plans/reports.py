"""The monthly realisation report (laporan realisasi fisik dan keuangan): rows, XLSX, PDF, page.

One line per sub kegiatan with its cumulative target, realisation and deviation of the month,
a pagu-weighted total line per unit and one for the whole report. Totals count the sub kegiatan
that have both a target and a realisation for the month: a missing report is shown as such
("belum lapor") rather than counted as zero, and the total says how many it left out. The pagu
of a total is always the whole budget of its rows.

The PDF is a document (naskah dinas) and its text is fixed Indonesian; the XLSX and the page
follow the reader's language like the other exports.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tuntas.documents.render import (
    Letterhead,
    RealisationLine,
    RealisationReport,
    Signatory,
    realisation_report_pdf,
)
from tuntas.lib import deviation as dev
from tuntas.lib.http import is_fragment
from tuntas.lib.money import format_rupiah
from tuntas.meetings import paperwork
from tuntas.org.access import Viewer, viewer_for
from tuntas.org.models import Government, RoleAssignment, Unit
from tuntas.plans import services
from tuntas.plans.access import visible_sub_activities
from tuntas.plans.models import Progress, SubActivity

Role = RoleAssignment.Role
STATUS_ORDER = {"green": 0, "yellow": 1, "red": 2}
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportLine:
    """One line of the report: a sub kegiatan, or the total of a unit or of the whole report.

    Percentages are cumulative and in percent, deviations in percentage points (negative when
    behind), money in rupiah; None where the month has no target or no realisation.
    """

    number: str
    code: str
    name: str
    pagu: Decimal
    target_physical: Decimal | None
    real_physical: Decimal | None
    dev_physical: Decimal | None
    target_financial: Decimal | None
    target_financial_pct: Decimal | None
    real_financial: Decimal | None
    real_financial_pct: Decimal | None
    dev_financial: Decimal | None
    status: str | None  # green, yellow, red
    kritis: bool = False
    reported: bool = True
    sub: SubActivity | None = None
    # Totals only: the rows under the total and how many of them it counts.
    rows: int = 0
    counted: int = 0

    @property
    def is_total(self) -> bool:
        return self.sub is None

    @property
    def missing(self) -> bool:
        """Whether the line has no report to show: a sub kegiatan, or a unit none of whose did."""
        return not self.reported and (self.sub is not None or self.counted == 0)

    @property
    def badge(self) -> str | None:
        """The status to show: green, yellow, red, not_reported or None."""
        return "not_reported" if self.missing else self.status

    @property
    def not_reported(self) -> int:
        """Rows under a total left out of its figures (no report, or no target, that month)."""
        return self.rows - self.counted


@dataclass(frozen=True)
class UnitBlock:
    """A unit's part of the report: its total line, then one line per sub kegiatan."""

    unit: Unit
    number: int
    total: ReportLine
    rows: list[ReportLine]
    thresholds: dev.Thresholds = dev.DEFAULT_THRESHOLDS


def report_rows(*, year: int, month: int, unit_ids: Iterable[int] | None = None) -> list[UnitBlock]:
    """Return the report of a month per unit, in unit order (four queries whatever the size)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")
    limits = services.thresholds()
    subs = SubActivity.objects.filter(year=year)
    if unit_ids is not None:
        subs = subs.filter(unit_id__in=list(unit_ids))
    subs = services.with_progress_data(
        subs.order_by("unit__sort_order", "unit__name", "unit_id", "code", "pk")
    )
    blocks: list[UnitBlock] = []
    for number, (_unit_id, group) in enumerate(
        itertools.groupby(subs, key=lambda s: s.unit_id), start=1
    ):
        members = list(group)
        unit = members[0].unit
        rows = [
            sub_line(sub, month, limits, f"{number}.{index}")
            for index, sub in enumerate(members, start=1)
        ]
        total = total_line(rows, number=str(number), code="", name=unit.name, limits=limits)
        blocks.append(
            UnitBlock(unit=unit, number=number, total=total, rows=rows, thresholds=limits)
        )
    return blocks


def report_total(blocks: Sequence[UnitBlock]) -> ReportLine:
    """Return the total of the whole report, weighted by pagu over every sub kegiatan."""
    rows = [row for block in blocks for row in block.rows]
    limits = blocks[0].thresholds if blocks else dev.DEFAULT_THRESHOLDS
    return total_line(rows, number="", code="", name="", limits=limits)


def sub_line(sub: SubActivity, month: int, limits: dev.Thresholds, number: str) -> ReportLine:
    progress = Progress(sub, month, limits)
    target = next((t for t in sub.targets.all() if t.month == month), None)
    return ReportLine(
        number=number,
        code=sub.code,
        name=sub.name,
        pagu=sub.pagu,
        target_physical=progress.target_physical,
        real_physical=progress.real_physical,
        dev_physical=progress.dev_physical,
        target_financial=target.financial if target is not None else None,
        target_financial_pct=progress.target_financial_pct,
        real_financial=progress.real_financial,
        real_financial_pct=progress.real_financial_pct,
        dev_financial=progress.dev_financial,
        status=progress.status,
        kritis=progress.kritis,
        reported=progress.reported,
        sub=sub,
    )


def total_line(
    rows: Sequence[ReportLine], *, number: str, code: str, name: str, limits: dev.Thresholds
) -> ReportLine:
    counted = [r for r in rows if r.dev_physical is not None and r.dev_financial is not None]
    pagu = sum((r.pagu for r in rows), Decimal(0))
    empty = ReportLine(
        number=number,
        code=code,
        name=name,
        pagu=pagu,
        target_physical=None,
        real_physical=None,
        dev_physical=None,
        target_financial=None,
        target_financial_pct=None,
        real_financial=None,
        real_financial_pct=None,
        dev_financial=None,
        status=None,
        reported=all(r.reported for r in rows),
        rows=len(rows),
        counted=len(counted),
    )
    target_physical = dev.weighted(
        (r.target_physical, r.pagu) for r in counted if r.target_physical is not None
    )
    real_physical = dev.weighted(
        (r.real_physical, r.pagu) for r in counted if r.real_physical is not None
    )
    if not counted or target_physical is None or real_physical is None:
        return empty
    counted_pagu = sum((r.pagu for r in counted), Decimal(0))
    target_financial = sum((r.target_financial or Decimal(0) for r in counted), Decimal(0))
    real_financial = sum((r.real_financial or Decimal(0) for r in counted), Decimal(0))
    target_financial_pct = dev.financial_pct(target_financial, counted_pagu)
    real_financial_pct = dev.financial_pct(real_financial, counted_pagu)
    dev_physical = dev.deviation(target_physical, real_physical)
    dev_financial = dev.deviation(target_financial_pct, real_financial_pct)
    status = max(
        (dev.status(dev_physical, limits), dev.status(dev_financial, limits)),
        key=STATUS_ORDER.__getitem__,
    )
    return ReportLine(
        number=number,
        code=code,
        name=name,
        pagu=pagu,
        target_physical=target_physical,
        real_physical=real_physical,
        dev_physical=dev_physical,
        target_financial=target_financial,
        target_financial_pct=target_financial_pct,
        real_financial=real_financial,
        real_financial_pct=real_financial_pct,
        dev_financial=dev_financial,
        status=status,
        reported=empty.reported,
        rows=len(rows),
        counted=len(counted),
    )


# --- labels -----------------------------------------------------------------------------------

STATUS_LABELS = {
    "green": gettext_lazy("Green"),
    "yellow": gettext_lazy("Yellow"),
    "red": gettext_lazy("Red"),
}
# The document's own words (naskah dinas), whatever the reader's language.
STATUS_WORDS = {"green": "Hijau", "yellow": "Kuning", "red": "Merah"}
DOCUMENT_TITLE = "LAPORAN REALISASI FISIK DAN KEUANGAN"


def status_label(line: ReportLine) -> str:
    """Return the status as the page and the XLSX show it: "Red, kontrak kritis"."""
    if line.missing:
        return _("Not reported")
    if line.status is None:
        return ""
    label = str(STATUS_LABELS[line.status])
    return _("%(status)s, kontrak kritis") % {"status": label} if line.kritis else label


def _status_word(line: ReportLine) -> str:
    if line.missing:
        return "Belum lapor"
    if line.status is None:
        return "-"
    word = STATUS_WORDS[line.status]
    return f"{word}, kritis" if line.kritis else word


def month_name(month: int, language: str | None = None) -> str:
    """Return the month's name in the active (or given) language: "November"."""
    with translation.override(language or translation.get_language()):
        return formats.date_format(dt.date(2000, month, 1), "F")


def scope_label(
    *, asisten: Unit | None = None, unit: Unit | None = None, document: bool = False
) -> str:
    """Return what the report covers: one unit, an Asisten's units, or all units."""
    if unit is not None:
        return unit.name
    if asisten is not None:
        if document:
            return f"Perangkat Daerah Koordinasi {asisten.name}"
        return _("Units coordinated by %(name)s") % {"name": asisten.name}
    return "Seluruh Perangkat Daerah" if document else _("All units")


# --- XLSX -------------------------------------------------------------------------------------

MONEY_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = "0.00"
DEVIATION_FORMAT = "+0.00;-0.00;0.00"
# Excel's own "good", "neutral" and "bad" fills, which readers know.
STATUS_FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
HEADER_FILL = "D9E1F2"
UNIT_FILL = "F2F2F2"
TOTAL_FILL = "D9D9D9"
HEADER_ROW = 5
FIRST_DATA_ROW = HEADER_ROW + 2
COLUMNS = 12
WIDTHS = [7, 20, 52, 19, 10, 10, 10, 19, 19, 11, 10, 20]
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def report_xlsx(
    *, year: int, month: int, unit_ids: Iterable[int] | None = None, scope: str = ""
) -> bytes:
    """Return the month's report as an .xlsx workbook with real numbers and a two-row header."""
    blocks = report_rows(year=year, month=month, unit_ids=unit_ids)
    total = report_total(blocks)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Realisation")[:31]
    title = _("Physical and financial realisation report").upper()
    period = _("%(month)s %(year)s") % {"month": month_name(month), "year": year}
    for row, text, size in ((1, title, 14), (2, period, 12), (3, scope, 11)):
        sheet.cell(row=row, column=1, value=text).font = Font(bold=True, size=size)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
    _xlsx_header(sheet)
    row = FIRST_DATA_ROW
    for block in blocks:
        _xlsx_line(sheet, row, block.total, number=block.number, fill=UNIT_FILL)
        row += 1
        for line in block.rows:
            _xlsx_line(sheet, row, line, number=line.number)
            row += 1
    _xlsx_line(sheet, row, total, number="", fill=TOTAL_FILL, name=_("Total"))
    last = row
    notes = [
        _(
            "Deviation = realisation minus target, in percentage points. Totals are weighted by "
            "pagu over the sub kegiatan that reported for the month."
        ),
    ]
    if total.not_reported:
        notes.append(
            _("%(count)s sub kegiatan without a report or a target this month are not counted.")
            % {"count": total.not_reported}
        )
    for offset, note in enumerate(notes, start=2):
        sheet.cell(row=last + offset, column=1, value=note).font = Font(italic=True, size=9)
    # Text typed by users must never run as a formula when the file is opened.
    for cells in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=4)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_header(sheet: Worksheet) -> None:
    top, bottom = HEADER_ROW, HEADER_ROW + 1
    spanning = {
        1: _("No."),
        2: _("Code"),
        3: _("Unit / sub kegiatan"),
        4: _("Pagu (Rp)"),
        12: _("Status"),
    }
    for column, text in spanning.items():
        sheet.cell(row=top, column=column, value=text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    sheet.cell(row=top, column=5, value=_("Physical (%)"))
    sheet.merge_cells(start_row=top, start_column=5, end_row=top, end_column=7)
    sheet.cell(row=top, column=8, value=_("Finance"))
    sheet.merge_cells(start_row=top, start_column=8, end_row=top, end_column=11)
    below = [
        _("Target"),
        _("Realisation"),
        _("Deviation"),
        _("Target (Rp)"),
        _("Realisation (Rp)"),
        _("Realisation (%)"),
        _("Deviation"),
    ]
    for column, text in enumerate(below, start=5):
        sheet.cell(row=bottom, column=column, value=text)
    for row in (top, bottom):
        for column in range(1, COLUMNS + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.border = BOX


def _xlsx_line(
    sheet: Worksheet,
    row: int,
    line: ReportLine,
    *,
    number: int | str,
    fill: str | None = None,
    name: str | None = None,
) -> None:
    values: list[object] = [
        number,
        line.code,
        name if name is not None else line.name,
        line.pagu,
        line.target_physical,
        line.real_physical,
        line.dev_physical,
        line.target_financial,
        line.real_financial,
        line.real_financial_pct,
        line.dev_financial,
        status_label(line),
    ]
    formats_ = [None, None, None, MONEY_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT]
    formats_ += [DEVIATION_FORMAT, MONEY_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, DEVIATION_FORMAT]
    formats_ += [None]
    for column, (value, number_format) in enumerate(zip(values, formats_, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.border = BOX
        if number_format:
            cell.number_format = number_format
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        if line.is_total:
            cell.font = Font(bold=True)
        cell.alignment = Alignment(
            vertical="top", wrap_text=column == 3, horizontal="center" if column == 1 else None
        )
    if line.status:
        sheet.cell(row=row, column=COLUMNS).fill = PatternFill(
            "solid", fgColor=STATUS_FILLS[line.status]
        )


# --- PDF --------------------------------------------------------------------------------------


def report_pdf(
    *,
    year: int,
    month: int,
    unit_ids: Iterable[int] | None = None,
    scope: str = "",
    letterhead: Letterhead | None = None,
    signatory: Signatory | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Return the month's report as a PDF document (A4 landscape, kop surat, repeated header).

    `scope` says what the report covers, in Indonesian (see `scope_label(document=True)`);
    the signature block is printed only when a signatory is given.
    """
    blocks = report_rows(year=year, month=month, unit_ids=unit_ids)
    total = report_total(blocks)
    lines: list[RealisationLine] = []
    for block in blocks:
        lines.append(_pdf_line(block.total, "unit", str(block.number)))
        lines.extend(_pdf_line(row, "sub", row.number) for row in block.rows)
    lines.append(_pdf_line(total, "total", "", name="JUMLAH"))
    limits = blocks[0].thresholds if blocks else services.thresholds()
    notes = [
        "Target dan realisasi kumulatif sampai dengan akhir bulan; deviasi = realisasi "
        "dikurangi target, dalam poin persen.",
        f"Status: hijau bila tertinggal tidak lebih dari {_points(limits.yellow)} poin, "
        f"kuning sampai {_points(limits.red)} poin, merah lebih dari {_points(limits.red)} "
        "poin. Kritis: kontrak kritis, yaitu tertinggal lebih dari 10 poin pada rencana fisik "
        "0-70 % atau lebih dari 5 poin pada rencana di atas 70 %.",
        "Jumlah perangkat daerah dan jumlah seluruhnya dibobot dengan pagu, dari sub kegiatan "
        "yang telah melaporkan realisasi bulan ini.",
    ]
    if total.not_reported:
        notes.append(
            f"{total.not_reported} sub kegiatan belum melapor atau belum memiliki target bulan "
            "ini dan tidak dihitung dalam jumlah."
        )
    place_and_date = ""
    if signatory is not None:
        government = Government.current()
        day = today or timezone.localdate()
        with translation.override("id"):
            date_text = formats.date_format(day, "j F Y")
        region = government.region_name if government else ""
        place_and_date = f"{region}, {date_text}" if region else date_text
    data = RealisationReport(
        letterhead=letterhead or paperwork.letterhead(),
        title=DOCUMENT_TITLE,
        period=f"Bulan {month_name(month, 'id')} {year}",
        year=str(year),
        scope=scope,
        lines=lines,
        notes=notes,
        place_and_date=place_and_date,
        signatory=signatory,
    )
    return realisation_report_pdf(data)


def _points(value: Decimal) -> str:
    """Return a threshold as a sentence prints it: "5", "7,5"."""
    return _decimal_text(value).rstrip("0").rstrip(",")


def _pdf_line(line: ReportLine, kind: str, number: str, name: str | None = None) -> RealisationLine:
    return RealisationLine(
        kind=kind,
        number=number,
        code=line.code,
        name=name if name is not None else line.name,
        pagu=rupiah_digits(line.pagu),
        target_physical=percent_text(line.target_physical),
        real_physical=percent_text(line.real_physical),
        dev_physical=percent_text(line.dev_physical),
        target_financial=rupiah_digits(line.target_financial),
        real_financial=rupiah_digits(line.real_financial),
        real_financial_pct=percent_text(line.real_financial_pct),
        dev_financial=percent_text(line.dev_financial),
        status=line.status or "",
        status_label=_status_word(line),
    )


def rupiah_digits(amount: Decimal | None) -> str:
    """Return an amount as the report's Rp columns print it: "1.250.000.000" ("-" if none)."""
    if amount is None:
        return "-"
    return format_rupiah(amount).replace("Rp", "")


def percent_text(value: Decimal | None) -> str:
    """Return a percentage or deviation as Indonesian documents print it: "-12,50"."""
    return "-" if value is None else _decimal_text(value)


def _decimal_text(value: Decimal) -> str:
    """Return "1.234,57": dots between thousands, a comma and two decimals."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{fraction}"


# --- who signs --------------------------------------------------------------------------------


def report_signatory(viewer: Viewer) -> tuple[Signatory, Unit] | None:
    """Return the signature block of an Asisten or the Sekda, and the unit whose kop to use.

    Others (unit staff, the admin) print the report without a signature.
    """
    for role in (Role.COORDINATOR, Role.SECRETARY_GENERAL):
        assignment = next((a for a in viewer.assignments if a.role == role), None)
        if assignment is None:
            continue
        person = viewer.person
        title = assignment.signature_title.upper() or "SEKRETARIS DAERAH"
        signatory = Signatory(
            title_lines=[f"{title},"],
            name=person.full_name,
            rank=person.rank,
            nip=paperwork.format_nip(person.nip),
        )
        # An Asisten signs under the kop of the Setda above it.
        kop = assignment.unit.parent if role == Role.COORDINATOR else assignment.unit
        return signatory, kop or assignment.unit
    return None


# --- the page and its downloads ---------------------------------------------------------------


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if low <= number <= high else default


@login_required
@require_GET
def report_view(request: HttpRequest) -> HttpResponse:
    """The monthly realisation report of the units the viewer may see, as a page, XLSX or PDF.

    Query: year, month (default: the month whose report is due now), asisten and unit (ids,
    to narrow it), format=xlsx|pdf for a download.
    """
    viewer = viewer_for(request)
    default_year, default_month = services.reporting_month(viewer.today)
    year = _int(request.GET.get("year"), default_year, 2000, 2999)
    month = _int(request.GET.get("month"), default_month, 1, 12)
    visible = visible_sub_activities(viewer)
    unit_ids = set(visible.filter(year=year).values_list("unit_id", flat=True))
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("sort_order", "name"))
    assistants: list[Unit] = list(
        Unit.objects.filter(kind=Unit.Kind.ASSISTANT).order_by("sort_order", "name")
        if viewer.is_leader or viewer.is_admin
        else Unit.objects.filter(pk__in=viewer.assistant_ids).order_by("sort_order", "name")
    )
    asisten = _pick(assistants, request.GET.get("asisten"))
    unit = _pick(units, request.GET.get("unit"))
    if asisten is not None:
        portfolio = Unit.objects.coordinated_by([asisten.pk], viewer.today)
        unit_ids &= set(portfolio.values_list("pk", flat=True))
    if unit is not None:
        unit_ids &= {unit.pk}
    chosen = sorted(unit_ids)
    label_asisten, label_unit = _scope(viewer, asisten, unit, assistants, units)
    stem = f"laporan-realisasi-{year}-{month:02d}"
    output = request.GET.get("format", "")
    if output == "xlsx":
        content = report_xlsx(
            year=year,
            month=month,
            unit_ids=chosen,
            scope=scope_label(asisten=label_asisten, unit=label_unit),
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
    if output == "pdf":
        scope = scope_label(asisten=label_asisten, unit=label_unit, document=True)
        return _pdf_response(viewer, year, month, chosen, unit, scope, stem)
    blocks = report_rows(year=year, month=month, unit_ids=chosen)
    years = sorted(set(visible.values_list("year", flat=True)) | {default_year}, reverse=True)
    state = {"year": year, "month": month, "asisten": asisten, "unit": unit}
    query = urlencode(
        {
            key: value
            for key, value in (
                ("year", year),
                ("month", month),
                ("asisten", asisten.pk if asisten else ""),
                ("unit", unit.pk if unit else ""),
            )
            if value != ""
        }
    )
    context = {
        "blocks": blocks,
        "total": report_total(blocks),
        "state": state,
        "month_label": month_name(month),
        "months": [(m, month_name(m)) for m in range(1, 13)],
        "years": years,
        "units": units,
        "assistants": assistants if len(assistants) > 1 or viewer.is_leader else [],
        "query": query,
    }
    fragment = is_fragment(request)  # type: ignore[arg-type]
    template = "plans/report_monthly.html" + ("#report-table" if fragment else "")
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _pick(options: Sequence[Unit], raw: str | None) -> Unit | None:
    """Return the option whose id was asked for; 404 for an id the viewer may not choose."""
    if not raw:
        return None
    chosen = next((u for u in options if str(u.pk) == raw), None)
    if chosen is None:
        raise Http404
    return chosen


def _pdf_response(
    viewer: Viewer,
    year: int,
    month: int,
    unit_ids: list[int],
    unit: Unit | None,
    scope: str,
    stem: str,
) -> HttpResponse:
    signed = report_signatory(viewer)
    signatory = None
    if signed is not None:
        signatory, kop_unit = signed
        kop = paperwork.letterhead(kop_unit)
    else:
        kop = paperwork.letterhead(unit)
    content = report_pdf(
        year=year,
        month=month,
        unit_ids=unit_ids,
        scope=scope,
        letterhead=kop,
        signatory=signatory,
        today=viewer.today,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _scope(
    viewer: Viewer,
    asisten: Unit | None,
    unit: Unit | None,
    assistants: list[Unit],
    units: list[Unit],
) -> tuple[Unit | None, Unit | None]:
    """Return the (Asisten, unit) that name what an unfiltered report of this viewer covers."""
    if asisten is not None or unit is not None or viewer.is_leader or viewer.is_admin:
        return asisten, unit
    if len(assistants) == 1 and not viewer.unit_ids(Role.UNIT_HEAD, Role.UNIT_STAFF):
        return assistants[0], None
    if len(units) == 1:
        return None, units[0]
    return None, None
