"""Trend charts of the measures drawn on the server as SVG: no script, readable on a phone."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The drawing area inside a 400 by 230 view box; the SVG scales to its container's width.
WIDTH, HEIGHT = 400, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 388, 12, 180
MAX_X_LABELS = 7
GRID_COLOUR = "#dadfe5"
TEXT_COLOUR = "#667382"
BAR_COLOUR = "#206bc4"  # Tabler blue
SECOND_COLOUR = "#f76707"  # Tabler orange, apart from blue for colour-blind readers


@dataclass(frozen=True)
class Point:
    """One x position: its label, its value (None when there is none) and the value as text."""

    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str
    points: Sequence[Point]
    dashed: bool = False


def nice_top(value: float) -> float:
    """Return a round axis top at or above the value, four equal whole steps: 4, 8, 20, 40 …"""
    if value <= 0:
        return 4.0
    power = 1
    while True:
        for step in (1, 2, 5):
            if 4 * step * power >= value:
                return float(4 * step * power)
        power *= 10


def _x_of(index: int, count: int) -> float:
    slot = (RIGHT - LEFT) / max(count, 1)
    return round(LEFT + slot * (index + 0.5), 1)


def _y_of(value: float, top: float) -> float:
    value = min(max(value, 0.0), top)
    return round(BOTTOM - value * (BOTTOM - TOP) / top, 1)


def _frame(title: str, chart_id: str, summary: str, top: float, suffix: str) -> list[str]:
    ident = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" aria-describedby="{ident}-desc" '
        f'id="{ident}" class="measure-chart" width="100%" '
        f'style="max-width: 36rem; height: auto" preserveAspectRatio="xMidYMid meet" '
        f'font-family="inherit" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<desc id="{ident}-desc">{escape(summary)}</desc>',
        f'<g class="grid" stroke="{GRID_COLOUR}" stroke-width="1">',
    ]
    ticks = [top * i / 4 for i in range(5)]
    parts.extend(
        f'<line x1="{LEFT}" x2="{RIGHT}" y1="{_y_of(t, top)}" y2="{_y_of(t, top)}"/>' for t in ticks
    )
    parts.append("</g>")
    parts.append(f'<g class="y-labels" fill="{TEXT_COLOUR}" text-anchor="end" aria-hidden="true">')
    parts.extend(
        f'<text x="{LEFT - 4}" y="{_y_of(t, top) + 4}">{_tick(t)}{escape(suffix)}</text>'
        for t in ticks
    )
    parts.append("</g>")
    return parts


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _x_labels(labels: Sequence[str]) -> list[str]:
    step = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    parts = [f'<g class="x-labels" fill="{TEXT_COLOUR}" text-anchor="middle" aria-hidden="true">']
    parts.extend(
        f'<text x="{_x_of(i, len(labels))}" y="{BOTTOM + 16}">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % step == 0
    )
    parts.append("</g>")
    return parts


def bar_chart_svg(
    points: Sequence[Point],
    *,
    title: str,
    chart_id: str,
    summary: str,
    top: float | None = None,
    suffix: str = "",
) -> SafeString:
    """Return an SVG bar chart, one bar per point; a point without a value draws no bar."""
    values = [p.value for p in points if p.value is not None]
    axis = top if top is not None else nice_top(max(values, default=0.0))
    parts = _frame(title, chart_id, summary, axis, suffix)
    slot = (RIGHT - LEFT) / max(len(points), 1)
    width = round(max(slot * 0.7, 1.0), 1)
    parts.append(f'<g class="bars" fill="{BAR_COLOUR}">')
    for index, point in enumerate(points):
        if point.value is None:
            continue
        y = _y_of(point.value, axis)
        x = round(_x_of(index, len(points)) - width / 2, 1)
        height = round(BOTTOM - y, 1)
        parts.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" data-value="{point.value:g}">'
            f"<title>{escape(point.label)}: {escape(point.text)}</title></rect>"
        )
    parts.append("</g>")
    parts.extend(_x_labels([p.label for p in points]))
    parts.append("</svg>")
    # Every piece of text above went through escape(): the markup is safe to render.
    return mark_safe("".join(parts))  # noqa: S308


def line_chart_svg(
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str,
    summary: str,
    suffix: str = "",
) -> SafeString:
    """Return an SVG line chart of one or more series over the same x positions, with a legend."""
    labels = [p.label for p in series[0].points] if series else []
    values = [p.value for s in series for p in s.points if p.value is not None]
    axis = nice_top(max(values, default=0.0))
    parts = _frame(title, chart_id, summary, axis, suffix)
    count = len(labels)
    for line in series:
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(f'<g data-series="{escape(line.key)}"><title>{escape(line.label)}</title>')
        segment: list[str] = []
        segments: list[list[str]] = [segment]
        for index, point in enumerate(line.points):
            if point.value is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{_x_of(index, count)},{_y_of(point.value, axis)}")
        for drawn in segments:
            if len(drawn) > 1:
                parts.append(
                    f'<polyline points="{" ".join(drawn)}" fill="none" stroke="{line.colour}" '
                    f'stroke-width="2.5" stroke-linejoin="round"{dash}/>'
                )
        for index, point in enumerate(line.points):
            if point.value is not None:
                parts.append(
                    f'<circle cx="{_x_of(index, count)}" cy="{_y_of(point.value, axis)}" r="3" '
                    f'fill="{line.colour}"><title>{escape(point.label)}: '
                    f"{escape(point.text)}</title></circle>"
                )
        parts.append("</g>")
    parts.extend(_x_labels(labels))
    parts.append('<g class="legend" fill="#182433" aria-hidden="true">')
    for index, line in enumerate(series):
        x = LEFT + index * 170
        y = BOTTOM + 40
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{y - 4}" y2="{y - 4}" stroke="{line.colour}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{x + 30}" y="{y}" data-legend="{escape(line.key)}">'
            f"{escape(line.label)}</text>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308
