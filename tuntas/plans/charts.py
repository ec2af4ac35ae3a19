"""The S-curve of a sub kegiatan drawn on the server as SVG: no script, readable on a phone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from typing import Protocol

from django.utils.dates import MONTHS_3
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# The drawing area inside a 400 by 270 view box; the SVG scales to its container's width.
WIDTH, HEIGHT = 400, 270
LEFT, RIGHT, TOP, BOTTOM = 44, 382, 12, 182
TICKS = (0, 25, 50, 75, 100)
PHYSICAL_COLOUR = "#206bc4"  # Tabler blue
FINANCIAL_COLOUR = "#f76707"  # Tabler orange, apart from blue for colour-blind readers


class ProgressRow(Protocol):
    """What the chart reads of one month (a `tuntas.plans.models.Progress`)."""

    month: int
    target_physical: Decimal | None
    real_physical: Decimal | None
    target_financial_pct: Decimal | None
    real_financial_pct: Decimal | None


def month_label(month: int) -> str:
    """Return the short month name in the active language: "Jan" … "Mei" … "Des"."""
    return str(MONTHS_3[month]).capitalize()


def x_of(month: int) -> float:
    return round(LEFT + (month - 1) * (RIGHT - LEFT) / 11, 1)


def y_of(pct: Decimal | float) -> float:
    value = min(max(float(pct), 0.0), 100.0)
    return round(BOTTOM - value * (BOTTOM - TOP) / 100, 1)


def _segments(values: Iterable[tuple[int, Decimal | None]]) -> list[list[tuple[int, Decimal]]]:
    """Split a series at its missing months, so a gap is never drawn as a line."""
    out: list[list[tuple[int, Decimal]]] = [[]]
    for month, value in values:
        if value is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append((month, value))
    return [segment for segment in out if segment]


def _series(
    key: str,
    label: str,
    colour: str,
    values: list[tuple[int, Decimal | None]],
    *,
    dashed: bool,
) -> list[str]:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    parts = [f'<g data-series="{key}"><title>{escape(label)}</title>']
    for segment in _segments(values):
        points = " ".join(f"{x_of(m)},{y_of(v)}" for m, v in segment)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5" stroke-linejoin="round"{dash}/>'
        )
        if not dashed:
            parts.extend(
                f'<circle cx="{x_of(m)}" cy="{y_of(v)}" r="3" fill="{colour}"/>' for m, v in segment
            )
    parts.append("</g>")
    return parts


def _pct(value: Decimal) -> str:
    return f"{number_format(value, 1)}%"


def _summary(rows: Sequence[ProgressRow]) -> str:
    """Say in words what the curve shows: the latest reported month against its plan."""
    reported = [r for r in rows if r.real_physical is not None]
    if not reported:
        return _("No realisation reported yet.")
    last = reported[-1]
    text = _("%(month)s: physical %(real)s of a planned %(target)s") % {
        "month": month_label(last.month),
        "real": _pct(last.real_physical or Decimal(0)),
        "target": _pct(last.target_physical) if last.target_physical is not None else "—",
    }
    if last.real_financial_pct is not None:
        text += "; " + _("finance %(real)s of a planned %(target)s") % {
            "real": _pct(last.real_financial_pct),
            "target": (
                _pct(last.target_financial_pct) if last.target_financial_pct is not None else "—"
            ),
        }
    return text + "."


def s_curve_svg(
    progress_rows: Iterable[ProgressRow], *, title: str, chart_id: str = "s-curve"
) -> str:
    """Return an SVG S-curve: physical and financial target against realisation, 12 months."""
    rows = sorted(progress_rows, key=lambda r: r.month)
    by_month = {r.month: r for r in rows}

    def values(attr: str) -> list[tuple[int, Decimal | None]]:
        return [(m, getattr(by_month[m], attr) if m in by_month else None) for m in range(1, 13)]

    series = [
        ("target-physical", _("Physical target"), PHYSICAL_COLOUR, "target_physical", True),
        ("real-physical", _("Physical realisation"), PHYSICAL_COLOUR, "real_physical", False),
        ("target-financial", _("Finance target"), FINANCIAL_COLOUR, "target_financial_pct", True),
        (
            "real-financial",
            _("Finance realisation"),
            FINANCIAL_COLOUR,
            "real_financial_pct",
            False,
        ),
    ]
    ident = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" aria-describedby="{ident}-desc" '
        f'class="s-curve" width="100%" style="max-width: 36rem; height: auto" '
        f'preserveAspectRatio="xMidYMid meet" '
        f'font-family="inherit" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<desc id="{ident}-desc">{escape(_summary(rows))}</desc>',
        '<g class="grid" stroke="#dadfe5" stroke-width="1">',
    ]
    parts.extend(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y_of(t)}" y2="{y_of(t)}"/>' for t in TICKS)
    parts.append("</g>")
    parts.append('<g class="y-labels" fill="#667382" text-anchor="end" aria-hidden="true">')
    parts.extend(f'<text x="{LEFT - 4}" y="{y_of(t) + 4}">{t}%</text>' for t in TICKS)
    parts.append("</g>")
    parts.append('<g class="x-labels" fill="#667382" text-anchor="middle" aria-hidden="true">')
    parts.extend(
        f'<text x="{x_of(m)}" y="{BOTTOM + 16}">{escape(month_label(m))}</text>'
        for m in range(1, 13)
    )
    parts.append("</g>")
    for key, label, colour, attr, dashed in series:
        parts.extend(_series(key, label, colour, values(attr), dashed=dashed))
    parts.append('<g class="legend" fill="#182433" aria-hidden="true">')
    for index, (key, label, colour, _attr, dashed) in enumerate(series):
        x = LEFT + (index % 2) * 180
        y = BOTTOM + 44 + (index // 2) * 20
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{x + 30}" y="{y}" data-legend="{key}">{escape(label)}</text>'
        )
    parts.append("</g></svg>")
    # Every piece of text above went through escape(): the markup is safe to render.
    return mark_safe("".join(parts))  # noqa: S308
