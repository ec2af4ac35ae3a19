"""Template filters for Indonesian formats: {{ amount|rupiah }}, {{ day|tanggal }}, {{ t|jam }}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from tuntas.lib.dates import format_date, format_time
from tuntas.lib.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount: Decimal | int | float | None) -> str:
    return format_rupiah(amount)


@register.filter
def tanggal(day: dt.date | dt.datetime | None) -> str:
    return format_date(day) if day else ""


@register.filter
def jam(moment: dt.datetime | dt.time | None) -> str:
    return format_time(moment) if moment else ""
