"""Official letter details: numbers such as "000.1/42/PUPR/2026" and counts in words."""

from __future__ import annotations

import datetime as dt
import string

PLACEHOLDERS = ("klasifikasi", "seq", "unit", "year", "month_roman")

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_ONES = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)

# Each step of a thousand has its own word; one thousand alone is "seribu".
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))

# Sample values used to try a pattern; {seq} and {year} are numbers so "{seq:03d}" works.
_SAMPLE = {"klasifikasi": "000.1", "seq": 1, "unit": "UNIT", "year": 2026, "month_roman": "I"}


def roman_month(month: int) -> str:
    """Return the month 1..12 in Roman numerals, as letter numbers write it (IV for April)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Month must be between 1 and 12, not {month}.")
    return ROMAN_MONTHS[month - 1]


def validate_pattern(pattern: str) -> None:
    """Raise ValueError with an English message if the letter number pattern is unusable."""
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ValueError(
            f"The pattern has unbalanced braces ({exc}); write {{ and }} around each placeholder."
        ) from exc
    known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    names = set()
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}" if name else "{}"
            raise ValueError(f"Unknown placeholder {shown} in the pattern; use only {known}.")
        if conversion:
            raise ValueError(f"Conversions such as !{conversion} are not allowed in {{{name}}}.")
        if spec and ("{" in spec or "}" in spec):
            raise ValueError(f"Placeholders may not be nested inside {{{name}}}.")
        names.add(name)
    if "seq" not in names:
        raise ValueError("The pattern must contain {seq}, the running number.")
    try:
        pattern.format(**_SAMPLE)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"A format spec in the pattern does not fit its value: {exc}.") from exc


def format_letter_number(
    pattern: str, *, klasifikasi: str, seq: int, unit: str, on: dt.date
) -> str:
    """Fill the government's letter number pattern for a letter dated `on`."""
    validate_pattern(pattern)
    if seq < 1:
        raise ValueError(f"The running number must be 1 or more, not {seq}.")
    return pattern.format(
        klasifikasi=klasifikasi,
        seq=seq,
        unit=unit,
        year=on.year,
        month_roman=roman_month(on.month),
    )


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_ONES[hundreds], "ratus"]
    if rest < 12:
        if rest:
            words.append(_ONES[rest])
    elif rest < 20:
        words += [_ONES[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_ONES[tens], "puluh"]
        if ones:
            words.append(_ONES[ones])
    return words


def number_words(n: int) -> str:
    """Return a whole number in Indonesian words: 21 -> "dua puluh satu", 1000 -> "seribu"."""
    if n < 0:
        raise ValueError(f"Only numbers of 0 or more can be written in words, not {n}.")
    if n >= 10**15:
        raise ValueError(f"{n} is too large to write in words.")
    if n == 0:
        return _ONES[0]
    words: list[str] = []
    for size, name in _SCALES:
        group, n = divmod(n, size)
        if group == 1 and size == 1000:
            words.append("seribu")
        elif group:
            words += [*_below_thousand(group), name]
    words += _below_thousand(n)
    return " ".join(words)
