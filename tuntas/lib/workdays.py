"""Working days (hari kerja) of Indonesian civil servants: no weekends, holidays, cuti bersama."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
import time
from collections.abc import Mapping
from types import MappingProxyType

import holidays
from django.apps import apps

# The package's Indonesian calendar puts libur nasional under PUBLIC and cuti bersama ASN
# under GOVERNMENT; civil servants have both off.
CATEGORIES = (holidays.PUBLIC, holidays.GOVERNMENT)

# The local overrides live in org.models, loaded by name so this module never imports models.
# (A variable, not a literal at the call: django-stubs would insist the model exists.)
OVERRIDE_MODEL = "org.WorkdayOverride"
DAY_OFF = "day_off"
WORKING_DAY = "working_day"

# Overrides are invalidated from WorkdayOverride.save()/delete(), which only reaches the
# process that saved; other gunicorn workers, and bulk deletes (the admin's "delete
# selected"), are caught up by this age limit.
CALENDAR_MAX_AGE = 300.0  # seconds

# Counts that start earlier start here: a mistyped year (first met in 0026) must not make a
# count walk two thousand years.
EARLIEST = dt.date(2000, 1, 1)


@functools.cache
def national_holidays(year: int) -> Mapping[dt.date, str]:
    """Return the national holidays and cuti bersama of a year by date, with Indonesian names."""
    # language="id" explicitly: otherwise the package picks the language from the locale.
    days = holidays.country_holidays("ID", years=year, categories=CATEGORIES, language="id")
    return MappingProxyType(dict(days))


def _check_date(day: dt.date) -> None:
    # A datetime is a date, but it never equals one as a dict key, so overrides would be missed.
    if isinstance(day, dt.datetime):
        raise TypeError("pass a date, not a datetime (use timezone.localdate())")


class WorkCalendar:
    """Decide which dates are working days and count deadlines in working days."""

    def __init__(
        self,
        *,
        extra_days_off: Mapping[dt.date, str] | None = None,
        working_days: Mapping[dt.date, str] | None = None,
    ) -> None:
        self.extra_days_off: Mapping[dt.date, str] = dict(extra_days_off or {})
        self.working_days: Mapping[dt.date, str] = dict(working_days or {})
        both = self.extra_days_off.keys() & self.working_days.keys()
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")

    @functools.cached_property
    def fingerprint(self) -> str:
        """Return a short digest of what decides working days: the holidays package and overrides.

        Working-day counts stored with one fingerprint are stale once it changes (a local day off
        added, a package upgrade that publishes next year's cuti bersama).
        """
        parts = [f"holidays {holidays.__version__}"]
        parts += [f"off {day.isoformat()}" for day in sorted(self.extra_days_off)]
        parts += [f"work {day.isoformat()}" for day in sorted(self.working_days)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def is_working_day(self, d: dt.date) -> bool:
        """Return whether civil servants work on the date."""
        _check_date(d)
        if d in self.working_days:
            return True
        if d in self.extra_days_off or d.weekday() >= 5:
            return False
        return d not in national_holidays(d.year)

    def holiday_name(self, d: dt.date) -> str | None:
        """Return the name of the holiday or local day off on the date, or None."""
        _check_date(d)
        if d in self.working_days:
            return None
        if d in self.extra_days_off:
            return self.extra_days_off[d]
        return national_holidays(d.year).get(d)

    def next_working_day(self, d: dt.date) -> dt.date:
        """Return the first working day after the date."""
        _check_date(d)
        day = d + dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Return the date n working days after start (n=0: start, or the next working day)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count the working days after start up to and including end (0 if end <= start)."""
        _check_date(start)
        _check_date(end)
        count = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count


def _load_overrides() -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    model = apps.get_model(OVERRIDE_MODEL)
    days_off: dict[dt.date, str] = {}
    working: dict[dt.date, str] = {}
    for day, kind, name in model._default_manager.values_list("date", "kind", "name"):
        (working if kind == WORKING_DAY else days_off)[day] = name
    return days_off, working


_version = 0
_cached: tuple[int, float, WorkCalendar] | None = None
_lock = threading.Lock()


def invalidate_calendar() -> None:
    """Make the next calendar() call reload the local overrides."""
    global _version
    with _lock:
        _version += 1


def calendar() -> WorkCalendar:
    """Return the working-day calendar with this government's local overrides."""
    global _cached
    cached = _cached
    version = _version
    if cached and cached[0] == version and time.monotonic() - cached[1] < CALENDAR_MAX_AGE:
        return cached[2]
    # Stamped with the version read before loading: a save during the load triggers another.
    loaded_at = time.monotonic()
    days_off, working = _load_overrides()
    fresh = WorkCalendar(extra_days_off=days_off, working_days=working)
    _cached = (version, loaded_at, fresh)
    return fresh
