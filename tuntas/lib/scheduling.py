"""Schedule arithmetic for periodic jobs: when a job falls due and which slot a run belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    """A daily time of day, optionally only on working days or on one weekday (0 = Monday)."""

    at: dt.time
    working_days_only: bool = False
    weekday: int | None = None

    def slot(self, day: dt.date) -> str:
        """Return the name of the period a run on the date belongs to ("2026-11-30", "2026-W49")."""
        if self.weekday is None:
            return day.isoformat()
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    def due_slot(
        self,
        now: dt.datetime,
        *,
        is_working_day: Callable[[dt.date], bool],
        since: dt.datetime | None = None,
    ) -> str | None:
        """Return the slot due at `now` (a local, aware time), or None.

        A slot is due from its time on its day until the day ends, so a scheduler that was down
        at 07.00 still runs the job when it comes back the same day. With `since` (the previous
        check), a slot whose time had already passed then is not returned again.
        """
        if now.tzinfo is None:
            raise ValueError("pass an aware datetime")
        day = now.date()
        if self.weekday is not None and day.weekday() != self.weekday:
            return None
        if self.working_days_only and not is_working_day(day):
            return None
        moment = dt.datetime.combine(day, self.at, tzinfo=now.tzinfo)
        if now < moment or (since is not None and since >= moment):
            return None
        return self.slot(day)
