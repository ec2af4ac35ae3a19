"""Plain factories shared by the work-plan tests: sub kegiatan, targets and reports via services."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from tuntas.org.access import Viewer
from tuntas.org.models import Person, Unit
from tuntas.plans import services
from tuntas.plans.models import Realisation, SubActivity
from tuntas.testing.personas import Org

WIB = ZoneInfo("Asia/Jakarta")
PAGU = Decimal("1000000000")

# A typical S-curve of a construction sub kegiatan: slow start, steep middle, flat end.
S_CURVE_PHYSICAL = [2, 5, 10, 18, 28, 40, 53, 66, 78, 88, 95, 100]
S_CURVE_FINANCIAL = [0, 3, 7, 14, 23, 34, 47, 60, 72, 83, 92, 100]  # % of pagu

_codes = itertools.count(1)


def at(day: dt.date | str, hour: int = 9) -> dt.datetime:
    """Return a moment on a date in Payakumbuh (WIB), for time_machine.travel."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def as_viewer(who: Person | Viewer) -> Viewer:
    return who if isinstance(who, Viewer) else Viewer.of(who)


def s_curve(pagu: Decimal = PAGU) -> dict[int, tuple[Decimal, Decimal]]:
    """Return 12 cumulative S-shaped monthly targets (physical %, finance Rp) for a pagu."""
    return {
        month: (Decimal(physical), (pagu * financial / 100).quantize(Decimal("1")))
        for month, (physical, financial) in enumerate(
            zip(S_CURVE_PHYSICAL, S_CURVE_FINANCIAL, strict=True), start=1
        )
    }


def make_sub(
    org: Org,
    unit: Unit | None = None,
    pagu: Decimal = PAGU,
    targets: str | dict[int, tuple[Decimal, Decimal]] | None = "s-curve",
    *,
    year: int | None = None,
    code: str | None = None,
    name: str = "Pembangunan Jalan Lingkar Utara",
    **fields: Any,
) -> SubActivity:
    """Create a sub kegiatan (PUPR's, this year, by default) with S-curve targets via services.

    `targets`: "s-curve" (default), None for no targets, or a {month: (physical, finance)} dict.
    """
    unit = unit or org.pupr
    number = next(_codes)
    sub = SubActivity.objects.create(
        year=year or timezone.localdate().year,
        unit=unit,
        code=code or f"1.03.02.2.01.{number:04d}",
        name=name,
        program_name=fields.pop("program_name", "Program Penyelenggaraan Jalan"),
        activity_name=fields.pop("activity_name", "Penyelenggaraan Jalan Kabupaten/Kota"),
        pagu=pagu,
        location=fields.pop("location", "Kec. Payakumbuh Utara"),
        output=fields.pop("output", "Jalan yang dibangun"),
        **fields,
    )
    if targets is not None:
        rows = s_curve(pagu) if targets == "s-curve" else targets
        assert isinstance(rows, dict)
        services.targets_save(sub=sub, rows=rows, by=as_viewer(org.admin))
    return sub


def report(
    sub: SubActivity,
    month: int,
    physical: Decimal | int | str,
    financial: Decimal | int | str,
    by: Person | Viewer,
    *,
    note: str = "",
    reason: str = "",
    today: dt.date | None = None,
) -> Realisation:
    """Report a month's realisation through the services.

    Without `today` the report is made on time (the 5th of the next month) when the clock
    is still before that, so tests frozen early in the year can fill later months.
    """
    if today is None:
        on_time = (dt.date(sub.year, month, 1) + dt.timedelta(days=32)).replace(day=5)
        today = max(timezone.localdate(), on_time)
    return services.realisation_save(
        sub=sub,
        month=month,
        physical=Decimal(str(physical)),
        financial=Decimal(str(financial)),
        note=note,
        by=as_viewer(by),
        reason=reason,
        today=today,
    )


# A Tuesday in June 2026: May's report is due by 10 June, so a missing one is late now.
NOW = at("2026-06-16", 10)
TODAY = NOW.date()


def report_months(sub: SubActivity, by: Person | Viewer, rows: list[tuple[object, object]]) -> None:
    """Report months 1, 2, … in order with (physical %, finance Rp) pairs."""
    for month, (physical, financial) in enumerate(rows, start=1):
        report(sub, month, physical, financial, by)
