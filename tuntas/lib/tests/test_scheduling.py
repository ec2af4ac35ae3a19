import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tuntas.lib.scheduling import Schedule

WIB = ZoneInfo("Asia/Jakarta")
SEVEN = dt.time(7, 0)


def weekdays(day: dt.date) -> bool:
    return day.weekday() < 5


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=WIB)  # 30 Nov 2026 is a Monday


def test_it_is_not_due_before_its_time():
    assert Schedule(SEVEN).due_slot(at(30, 6, 59), is_working_day=weekdays) is None


def test_it_is_due_from_its_time_until_the_day_ends():
    schedule = Schedule(SEVEN)
    assert schedule.due_slot(at(30, 7), is_working_day=weekdays) == "2026-11-30"
    assert schedule.due_slot(at(30, 23, 59), is_working_day=weekdays) == "2026-11-30"


def test_a_working_day_job_skips_days_off():
    assert (
        Schedule(SEVEN, working_days_only=True).due_slot(at(29, 8), is_working_day=weekdays) is None
    )
    assert Schedule(SEVEN).due_slot(at(29, 8), is_working_day=weekdays) == "2026-11-29"


def test_it_is_not_due_again_once_checked_after_its_time():
    schedule = Schedule(SEVEN)
    assert (
        schedule.due_slot(at(30, 7, 1), is_working_day=weekdays, since=at(30, 6, 59))
        == "2026-11-30"
    )
    assert schedule.due_slot(at(30, 7, 1), is_working_day=weekdays, since=at(30, 7)) is None


def test_a_weekly_job_has_the_iso_week_as_its_slot():
    schedule = Schedule(SEVEN, weekday=0)
    assert schedule.due_slot(at(30, 7), is_working_day=weekdays) == "2026-W49"
    assert (
        schedule.due_slot(dt.datetime(2026, 12, 1, 7, tzinfo=WIB), is_working_day=weekdays) is None
    )


def test_it_refuses_a_naive_time():
    with pytest.raises(ValueError):
        Schedule(SEVEN).due_slot(dt.datetime(2026, 11, 30, 7), is_working_day=weekdays)
