import datetime as dt
from zoneinfo import ZoneInfo

from django.test import override_settings

from tuntas.lib.dates import format_date, format_time, zone_abbreviation


def test_it_writes_the_indonesian_date_with_the_day_name():
    assert format_date(dt.date(2026, 4, 30), "id") == "Kamis, 30 April 2026"
    assert format_date(dt.date(2026, 8, 17), "id") == "Senin, 17 Agustus 2026"


def test_it_writes_the_english_date_day_first():
    assert format_date(dt.date(2026, 4, 28), "en") == "Tuesday, 28 April 2026"


def test_an_aware_datetime_is_dated_in_jakarta():
    late_utc = dt.datetime(2026, 4, 29, 20, 0, tzinfo=dt.UTC)  # 03.00 WIB on the 30th
    assert format_date(late_utc, "id") == "Kamis, 30 April 2026"


def test_it_writes_time_with_a_dot_and_the_zone():
    moment = dt.datetime(2026, 4, 30, 2, 0, tzinfo=dt.UTC)
    assert format_time(moment) == "09.00 WIB"
    assert format_time(dt.time(13, 30), zone=False) == "13.30"


@override_settings(TIME_ZONE="Asia/Makassar")
def test_it_names_wita_for_makassar():
    assert zone_abbreviation() == "WITA"
    assert format_time(dt.datetime(2026, 1, 5, 1, 0, tzinfo=ZoneInfo("UTC"))) == "09.00 WITA"
