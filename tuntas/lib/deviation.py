"""Deviation (deviasi) of realisation from plan: its colour, kontrak kritis, year-end projection.

Percentages are cumulative for the fiscal year and in percent (``Decimal("45.50")`` is
45.5 %); deviations are in percentage points, negative when behind plan. Results are
rounded half up to 2 decimals, as the monthly recap (RFK) prints them.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Status = Literal["green", "yellow", "red"]

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
LAST_MONTH = 12

# Kontrak kritis of construction contracts: up to 70 % planned progress a contract may fall
# 10 points behind, beyond 70 % only 5. The rule's third case (at 70-100 %, less than 5
# points behind but finishing after the fiscal year) needs the schedule, so it is not here.
KRITIS_SPLIT_PCT = Decimal(70)
KRITIS_EARLY_POINTS = Decimal(10)
KRITIS_LATE_POINTS = Decimal(5)

# A projection this close below the target is rounding, not a shortfall.
PROJECTION_TOLERANCE = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def deviation(target_pct: Decimal, actual_pct: Decimal) -> Decimal:
    """Return realisation minus target in percentage points (negative when behind)."""
    return _round(actual_pct - target_pct)


@dataclasses.dataclass(frozen=True)
class Thresholds:
    """Points behind plan beyond which a deviation turns yellow and red."""

    yellow: Decimal = Decimal(5)
    red: Decimal = Decimal(10)

    def __post_init__(self) -> None:
        if not ZERO <= self.yellow <= self.red:
            raise ValueError(
                f"thresholds must satisfy 0 <= yellow <= red, got yellow={self.yellow} "
                f"red={self.red}"
            )


DEFAULT_THRESHOLDS = Thresholds()


def status(dev: Decimal, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Status:
    """Return the colour of a deviation: green, yellow or red.

    A threshold itself belongs to the milder colour ("no more than 5 points behind" is
    green): with the defaults, -5.00 is green, -5.01 to -10.00 yellow, below -10.00 red.
    Being ahead of plan is green.
    """
    if dev >= -thresholds.yellow:
        return "green"
    if dev >= -thresholds.red:
        return "yellow"
    return "red"


def kontrak_kritis(planned_pct: Decimal, dev: Decimal) -> bool:
    """Tell whether a construction contract is critical (kontrak kritis) at this deviation.

    Planned 0-70 % (70 included): critical when more than 10 points behind; planned above
    70 up to 100 %: more than 5 points behind. Exactly 10 (or 5) points behind is not.
    """
    if not ZERO <= planned_pct <= HUNDRED:
        raise ValueError(f"planned progress must be 0-100 %, got {planned_pct}")
    limit = KRITIS_EARLY_POINTS if planned_pct <= KRITIS_SPLIT_PCT else KRITIS_LATE_POINTS
    return -dev > limit


def financial_pct(amount: Decimal, pagu: Decimal) -> Decimal:
    """Return money spent as a percentage of the budget (pagu); 0 when the pagu is 0."""
    if pagu < 0:
        raise ValueError(f"pagu cannot be negative, got {pagu}")
    if pagu == 0:
        return _round(ZERO)
    return _round(amount * HUNDRED / pagu)


def weighted(values: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Return the mean of (percentage, pagu) pairs weighted by pagu; None when all pagu are 0."""
    total = ZERO
    weight = ZERO
    for pct, pagu in values:
        if pagu < 0:
            raise ValueError(f"pagu cannot be negative, got {pagu}")
        total += pct * pagu
        weight += pagu
    if weight == 0:
        return None
    return _round(total / weight)


def projection(points: Iterable[tuple[int, Decimal]], *, months: int = 3) -> Decimal:
    """Project the cumulative percentage at month 12 from the recent pace.

    ``points`` are (month, cumulative %) reports in any order. The pace is the average
    monthly increase over the last ``months`` reports: from the report before them to the
    last one, divided by the months in between (so a skipped month counts as time passing).
    Before the first report the year starts at 0 % in month 0, so with a single report
    the pace is value / month. The last value is extrapolated to month 12 at that pace
    and kept between the last value (progress does not go back) and 100.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    reports = sorted(points)
    if not reports:
        raise ValueError("no reports to project from")
    seen = [month for month, _value in reports]
    if len(set(seen)) != len(seen):
        raise ValueError(f"a month is reported twice: {seen}")
    if seen[0] < 1 or seen[-1] > LAST_MONTH:
        raise ValueError(f"months must be 1-12, got {seen}")

    series = [(0, ZERO), *reports]
    last_month, last_value = series[-1]
    base_month, base_value = series[max(0, len(series) - 1 - months)]
    pace = (last_value - base_value) / (last_month - base_month)
    projected = last_value + pace * (LAST_MONTH - last_month)
    return _round(max(last_value, min(projected, HUNDRED)))


def projection_short(projected: Decimal, target_at_12: Decimal) -> bool:
    """Tell whether a projection falls short of the year-end target (beyond 0.01 rounding)."""
    return projected < target_at_12 - PROJECTION_TOLERANCE


def month_cutoff(year: int, month: int, day_of_next_month: int) -> dt.date:
    """Return the last day to report on a month; a report still missing after it is late.

    The report is due on ``day_of_next_month`` of the following month (December's in
    January of the next year), moved back to that month's last day when it is shorter.
    """
    if not 1 <= month <= LAST_MONTH:
        raise ValueError(f"month must be 1-12, got {month}")
    if day_of_next_month < 1:
        raise ValueError(f"day must be at least 1, got {day_of_next_month}")
    due_year, due_month = (year + 1, 1) if month == LAST_MONTH else (year, month + 1)
    last_day = calendar.monthrange(due_year, due_month)[1]
    return dt.date(due_year, due_month, min(day_of_next_month, last_day))
