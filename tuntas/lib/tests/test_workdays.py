import csv
import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps

from tuntas.lib import workdays
from tuntas.lib.workdays import WorkCalendar

# A copy of shared/data/hari_libur_id_2025_2026.csv (SKB 3 Menteri), so the test needs
# nothing outside the repository.
CSV_PATH = Path(__file__).parent / "data" / "hari_libur_id_2025_2026.csv"
with CSV_PATH.open(encoding="utf-8") as f:
    CSV_ROWS = [
        (dt.date.fromisoformat(r["tanggal"]), r["jenis"], r["nama"]) for r in csv.DictReader(f)
    ]

D = dt.date
national = WorkCalendar()


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "kind", "name"), CSV_ROWS, ids=[f"{r[0]} {r[2]}" for r in CSV_ROWS]
)
def test_every_official_holiday_is_a_day_off_with_its_name(day, kind, name):
    assert not national.is_working_day(day)
    assert national.holiday_name(day) == name


def test_the_package_and_the_official_list_agree_on_weekday_holidays():
    # Fails when a holidays upgrade changes the 2025-2026 data: check the SKB, then the CSV.
    official = {day for day, _kind, _name in CSV_ROWS if day.weekday() < 5}
    from_package = {
        day
        for day in days(D(2025, 1, 1), D(2026, 12, 31))
        if day.weekday() < 5 and national.holiday_name(day) is not None
    }
    assert from_package == official


def test_the_csv_has_the_2026_skb_counts():
    rows_2026 = [kind for day, kind, _name in CSV_ROWS if day.year == 2026]
    assert rows_2026.count("libur_nasional") == 17
    assert rows_2026.count("cuti_bersama_asn") == 8


def test_ordinary_weekdays_are_working_days_and_weekends_are_not():
    assert national.is_working_day(D(2026, 7, 8))  # Wednesday
    assert not national.is_working_day(D(2026, 7, 11))  # Saturday
    assert not national.is_working_day(D(2026, 7, 12))  # Sunday
    assert national.holiday_name(D(2026, 7, 8)) is None
    assert national.holiday_name(D(2026, 7, 11)) is None


def test_lebaran_2026_closes_offices_from_18_to_24_march():
    # Cuti bersama Nyepi, Nyepi, cuti bersama, Idul Fitri on the weekend, two more cuti bersama.
    assert national.is_working_day(D(2026, 3, 17))
    assert not any(national.is_working_day(day) for day in days(D(2026, 3, 18), D(2026, 3, 24)))
    assert national.is_working_day(D(2026, 3, 25))
    assert national.holiday_name(D(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert national.holiday_name(D(2026, 3, 23)) == "Cuti Bersama Hari Raya Idul Fitri"


def test_a_deadline_counted_before_lebaran_2026_lands_after_it():
    assert national.add_working_days(D(2026, 3, 17), 1) == D(2026, 3, 25)
    # Tue 17, then Wed 25, Thu 26, Fri 27, Mon 30.
    assert national.add_working_days(D(2026, 3, 16), 5) == D(2026, 3, 30)


def test_lebaran_2025_closes_offices_from_28_march_to_7_april():
    assert national.is_working_day(D(2025, 3, 27))
    assert not any(national.is_working_day(day) for day in days(D(2025, 3, 28), D(2025, 4, 7)))
    assert national.holiday_name(D(2025, 3, 31)) == "Hari Raya Idul Fitri"
    assert national.holiday_name(D(2025, 4, 1)) == "Hari kedua dari Hari Raya Idul Fitri"
    assert national.add_working_days(D(2025, 3, 27), 1) == D(2025, 4, 8)
    assert national.working_days_between(D(2025, 3, 27), D(2025, 4, 8)) == 1


def test_independence_day_2026_is_a_monday_off():
    assert not national.is_working_day(D(2026, 8, 17))
    assert national.holiday_name(D(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert national.add_working_days(D(2026, 8, 14), 1) == D(2026, 8, 18)


def test_christmas_2026_and_its_cuti_bersama_make_a_long_weekend():
    assert national.holiday_name(D(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert national.holiday_name(D(2026, 12, 25)) == "Hari Raya Natal"
    assert national.add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 28)


def test_it_counts_over_a_weekend():
    assert national.add_working_days(D(2026, 7, 10), 1) == D(2026, 7, 13)  # Friday to Monday
    assert national.add_working_days(D(2026, 7, 8), 3) == D(2026, 7, 13)
    assert national.next_working_day(D(2026, 7, 10)) == D(2026, 7, 13)


def test_day_one_is_the_first_working_day_after_a_holiday_start():
    assert national.add_working_days(D(2026, 8, 17), 1) == D(2026, 8, 18)
    assert national.add_working_days(D(2026, 3, 21), 3) == D(2026, 3, 27)


def test_zero_days_is_the_start_or_the_next_working_day():
    assert national.add_working_days(D(2026, 7, 8), 0) == D(2026, 7, 8)
    assert national.add_working_days(D(2026, 7, 11), 0) == D(2026, 7, 13)
    assert national.add_working_days(D(2026, 3, 18), 0) == D(2026, 3, 25)


def test_it_refuses_a_negative_count():
    with pytest.raises(ValueError, match="negative"):
        national.add_working_days(D(2026, 7, 8), -1)


def test_it_refuses_a_datetime():
    with pytest.raises(TypeError, match="localdate"):
        national.is_working_day(dt.datetime(2026, 7, 8, 9, 0))


def test_working_days_between_counts_after_start_through_end():
    assert national.working_days_between(D(2026, 7, 8), D(2026, 7, 8)) == 0
    assert national.working_days_between(D(2026, 7, 9), D(2026, 7, 8)) == 0
    assert national.working_days_between(D(2026, 7, 8), D(2026, 7, 9)) == 1
    assert national.working_days_between(D(2026, 7, 10), D(2026, 7, 13)) == 1
    assert national.working_days_between(D(2026, 3, 17), D(2026, 3, 24)) == 0


def test_2026_has_240_working_days():
    # 261 weekdays minus 21 weekday holidays and cuti bersama.
    assert national.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 240


@pytest.mark.parametrize("n", [1, 2, 5, 10, 30])
def test_counting_between_undoes_adding(n):
    for start in days(D(2025, 1, 1), D(2026, 12, 31)):
        end = national.add_working_days(start, n)
        assert national.working_days_between(start, end) == n, start


def test_a_local_day_off_closes_a_weekday():
    local = WorkCalendar(extra_days_off={D(2026, 12, 17): "Hari Jadi Kota"})
    assert national.is_working_day(D(2026, 12, 17))
    assert not local.is_working_day(D(2026, 12, 17))
    assert local.holiday_name(D(2026, 12, 17)) == "Hari Jadi Kota"
    assert local.add_working_days(D(2026, 12, 16), 1) == D(2026, 12, 18)
    assert local.working_days_between(D(2026, 12, 14), D(2026, 12, 18)) == 3


def test_a_working_saturday_counts():
    saturday = D(2026, 3, 28)
    local = WorkCalendar(working_days={saturday: "Hari kerja pengganti"})
    assert local.is_working_day(saturday)
    assert local.holiday_name(saturday) is None
    assert national.add_working_days(D(2026, 3, 27), 1) == D(2026, 3, 30)
    assert local.add_working_days(D(2026, 3, 27), 1) == saturday
    assert local.working_days_between(D(2026, 3, 25), D(2026, 3, 30)) == 4


def test_a_cancelled_cuti_bersama_is_a_working_day():
    local = WorkCalendar(working_days={D(2026, 12, 24): "Cuti bersama dibatalkan"})
    assert local.is_working_day(D(2026, 12, 24))
    assert local.holiday_name(D(2026, 12, 24)) is None
    assert local.add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 24)


def test_a_date_cannot_be_both_off_and_working():
    with pytest.raises(ValueError, match="both"):
        WorkCalendar(extra_days_off={D(2026, 7, 8): "x"}, working_days={D(2026, 7, 8): "y"})


def test_other_years_are_built_when_asked():
    assert not national.is_working_day(D(2027, 8, 17))
    assert national.holiday_name(D(2024, 12, 25)) == "Hari Raya Natal"


@pytest.fixture
def fresh_cache(monkeypatch):
    monkeypatch.setattr(workdays, "_cached", None)
    loads = []

    def load():
        loads.append(1)
        return {D(2026, 12, 17): "Hari Jadi Kota"}, {D(2026, 3, 28): "Hari kerja pengganti"}

    monkeypatch.setattr(workdays, "_load_overrides", load)
    return loads


def test_the_calendar_applies_the_stored_overrides_and_is_cached(fresh_cache):
    cal = workdays.calendar()
    assert not cal.is_working_day(D(2026, 12, 17))
    assert cal.is_working_day(D(2026, 3, 28))
    assert workdays.calendar() is cal
    assert len(fresh_cache) == 1


def test_the_calendar_reloads_after_an_override_changes(fresh_cache):
    cal = workdays.calendar()
    workdays.invalidate_calendar()
    assert workdays.calendar() is not cal
    assert len(fresh_cache) == 2


def test_the_calendar_reloads_when_it_is_old(fresh_cache, monkeypatch):
    cal = workdays.calendar()
    monkeypatch.setattr(workdays, "CALENDAR_MAX_AGE", 0.0)
    assert workdays.calendar() is not cal
    assert len(fresh_cache) == 2


def _override_model():
    try:
        return apps.get_model(workdays.OVERRIDE_MODEL)
    except LookupError:
        return None


@pytest.mark.django_db
@pytest.mark.skipif(
    _override_model() is None, reason="org.WorkdayOverride not in org/models.py yet"
)
def test_saving_and_deleting_an_override_changes_the_calendar(monkeypatch):
    monkeypatch.setattr(workdays, "_cached", None)
    model = _override_model()
    assert workdays.calendar().is_working_day(D(2026, 12, 17))
    row = model.objects.create(date=D(2026, 12, 17), kind="day_off", name="Hari Jadi Kota")
    assert workdays.calendar().holiday_name(D(2026, 12, 17)) == "Hari Jadi Kota"
    row.delete()
    assert workdays.calendar().is_working_day(D(2026, 12, 17))
