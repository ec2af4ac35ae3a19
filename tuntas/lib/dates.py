"""Dates and times as Indonesian letters write them: "Selasa, 30 April 2026", "09.00 WIB"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone, translation

# Indonesia's three time zones and their customary abbreviations.
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_abbreviation(zone_name: str | None = None) -> str:
    """Return WIB, WITA or WIT for the configured (or given) time zone."""
    name = zone_name or settings.TIME_ZONE
    return ZONE_ABBREVIATIONS.get(name, name)


def format_date(day: dt.date | dt.datetime, language: str | None = None) -> str:
    """Return "Selasa, 30 April 2026" (or "Tuesday, 30 April 2026" in English)."""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return formats.date_format(day, "DATE_FORMAT")


def format_time(moment: dt.datetime | dt.time, *, zone: bool = True) -> str:
    """Return "09.00 WIB" for a moment in the configured time zone."""
    if isinstance(moment, dt.datetime):
        if timezone.is_aware(moment):
            moment = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
        moment = moment.time()
    text = f"{moment.hour:02d}.{moment.minute:02d}"
    return f"{text} {zone_abbreviation()}" if zone else text
