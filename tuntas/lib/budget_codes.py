"""Budget codes of Permendagri 90/2019: urusan, bidang, program, kegiatan, sub kegiatan.

A full code reads ``1.03.02.2.01.0001``: urusan ``1``, bidang ``03``, program ``02``, the
government level (``1`` provinsi, ``2`` kabupaten/kota) and kegiatan ``01``, sub kegiatan
``0001``. Each level's code is the cumulative prefix of the full code.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Literal

Level = Literal["urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]
GovernmentLevel = Literal["kota", "provinsi"]

LEVELS: tuple[Level, ...] = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")

# The government-level digit inside the kegiatan segment. Older documents write it with two
# digits ("02"), as SIPD exports of some years and regional seed data still do.
GOVERNMENT_DIGITS: dict[str, str] = {"1": "1", "01": "1", "2": "2", "02": "2"}
LEVEL_DIGIT: dict[str, str] = {"provinsi": "1", "kota": "2"}
LEVEL_NAMES: dict[str, str] = {"1": "provinsi", "2": "kabupaten/kota"}

# Characters that come with codes pasted from PDFs and spreadsheets but are not whitespace
# to str.split(): zero-width space, zero-width joiners, byte-order mark.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# Kepmendagri 050-5889/2021 writes the support programme shared by every unit with letters
# for the urusan and bidang; each unit puts its own bidang there.
PENUNJANG_URUSAN = "X"
PENUNJANG_BIDANG = "XX"

SEGMENT_COUNTS: dict[int, Level] = {
    1: "urusan",
    2: "bidang",
    3: "program",
    5: "kegiatan",
    6: "sub_kegiatan",
}
FULL_PATTERN = "u.bb.pp.g.kk.ssss"


class BudgetCodeError(ValueError):
    """A budget code that cannot be read as a Permendagri 90/2019 code."""


@dataclasses.dataclass(frozen=True)
class BudgetCode:
    """A normalised budget code with the cumulative code of each level down to its own."""

    urusan: str
    bidang: str | None = None
    program: str | None = None
    kegiatan: str | None = None
    sub_kegiatan: str | None = None

    def __post_init__(self) -> None:
        # Each level must extend the one above, with no gaps: "1.03" then "1.03.02", …
        parts = self._parts()
        present = [part for part in parts if part is not None]
        if parts[: len(present)] != present:
            raise BudgetCodeError(f"budget code levels have a gap: {parts}")
        for upper, lower in itertools.pairwise(present):
            if not lower.startswith(upper + "."):
                raise BudgetCodeError(f"{lower!r} is not under {upper!r}")

    @property
    def level(self) -> Level:
        """Return the deepest level this code names."""
        return LEVELS[sum(part is not None for part in self._parts()) - 1]

    @property
    def code(self) -> str:
        """Return the full code of this entry, e.g. "1.03.02.2.01.0001"."""
        return getattr(self, self.level)

    @property
    def parent(self) -> BudgetCode | None:
        """Return the code one level up, or None for an urusan."""
        depth = LEVELS.index(self.level)
        if depth == 0:
            return None
        kept = [part if index < depth else None for index, part in enumerate(self._parts())]
        return BudgetCode(self.urusan, *kept[1:])

    def __str__(self) -> str:
        return self.code

    def _parts(self) -> list[str | None]:
        return [self.urusan, self.bidang, self.program, self.kegiatan, self.sub_kegiatan]


def parse_code(
    raw: str, *, government_level: GovernmentLevel = "kota", own_bidang: str | None = None
) -> BudgetCode:
    """Read a budget code as written in DPA, SIPD exports and older documents; normalise it."""
    if government_level not in LEVEL_DIGIT:
        raise BudgetCodeError(
            f"unknown government level {government_level!r}: use 'kota' or 'provinsi'"
        )
    text = _clean(raw)
    if not text:
        raise BudgetCodeError(f"empty budget code: {raw!r}")
    segments = text.split(".")
    if len(segments) not in SEGMENT_COUNTS:
        raise BudgetCodeError(_count_problem(raw, len(segments)))

    segments = _resolve_penunjang(raw, segments, own_bidang)
    urusan = _segment(raw, segments[0], "urusan", 1)
    bidang = program = kegiatan = sub_kegiatan = None
    if len(segments) >= 2:
        bidang = f"{urusan}.{_segment(raw, segments[1], 'bidang', 2)}"
    if len(segments) >= 3:
        program = f"{bidang}.{_segment(raw, segments[2], 'program', 2)}"
    if len(segments) >= 5:
        digit = _government_digit(raw, segments[3], government_level)
        kegiatan = f"{program}.{digit}.{_segment(raw, segments[4], 'kegiatan', 2)}"
    if len(segments) == 6:
        sub_kegiatan = f"{kegiatan}.{_sub_kegiatan_number(raw, segments[5])}"
    return BudgetCode(urusan, bidang, program, kegiatan, sub_kegiatan)


def _clean(raw: str) -> str:
    # "1.03.10.2.01. 0051" (a space after a line break in a PDF), "1.03..02", "1.03.02."
    text = "".join(raw.translate(INVISIBLE).split())
    return ".".join(part for part in text.split(".") if part)


def _count_problem(raw: str, count: int) -> str:
    if count == 4:
        return (
            f"budget code {raw!r} stops after the government-level segment: a kegiatan code "
            f"also needs its 2-digit number (u.bb.pp.g.kk)"
        )
    return (
        f"budget code {raw!r} has {count} segments; a code has 1 (urusan), 2 (bidang), "
        f"3 (program), 5 (kegiatan) or 6 (sub kegiatan) segments: {FULL_PATTERN}"
    )


def _resolve_penunjang(raw: str, segments: list[str], own_bidang: str | None) -> list[str]:
    urusan_is_x = segments[0].upper() == PENUNJANG_URUSAN
    bidang_is_x = len(segments) > 1 and segments[1].upper() == PENUNJANG_BIDANG
    if not (urusan_is_x or bidang_is_x):
        return segments
    if not (urusan_is_x and (bidang_is_x or len(segments) == 1)):
        raise BudgetCodeError(
            f"budget code {raw!r} mixes the X.XX template with a real code: "
            f"write both urusan and bidang as X.XX, or neither"
        )
    if own_bidang is None:
        raise BudgetCodeError(
            f"budget code {raw!r} is the X.XX template of the support programme (penunjang): "
            f"pass the unit's own bidang (own_bidang, e.g. '1.03') to resolve it"
        )
    bidang = parse_code(own_bidang)
    if bidang.level != "bidang":
        raise BudgetCodeError(
            f"own_bidang {own_bidang!r} is a {bidang.level} code; it must be a bidang like '1.03'"
        )
    return bidang.code.split(".")[: len(segments)] + segments[2:]


def _segment(raw: str, value: str, name: str, digits: int) -> str:
    if not (value.isascii() and value.isdigit()):
        raise BudgetCodeError(
            f"budget code {raw!r}: the {name} segment {value!r} is not a number "
            f"({name} is {digits} digit{'s' if digits > 1 else ''})"
        )
    if len(value) != digits:
        raise BudgetCodeError(
            f"budget code {raw!r}: the {name} segment {value!r} must be {digits} "
            f"digit{'s' if digits > 1 else ''}"
        )
    return value


def _government_digit(raw: str, value: str, government_level: GovernmentLevel) -> str:
    digit = GOVERNMENT_DIGITS.get(value)
    if digit is None:
        raise BudgetCodeError(
            f"budget code {raw!r}: the fourth segment {value!r} must be the government level, "
            f"'1' (provinsi) or '2' (kabupaten/kota)"
        )
    expected = LEVEL_DIGIT[government_level]
    if digit != expected:
        raise BudgetCodeError(
            f"budget code {raw!r}: the fourth segment {value!r} marks a kegiatan of a "
            f"{LEVEL_NAMES[digit]} government, but this government is a "
            f"{LEVEL_NAMES[expected]}, whose codes have '{expected}' there"
        )
    return digit


def _sub_kegiatan_number(raw: str, value: str) -> str:
    # Kepmendagri 050-5889/2021 numbered sub kegiatan with 2 digits ("…01.01"); the
    # current nomenclature uses 4 ("…01.0001"). The number is the same.
    if not (value.isascii() and value.isdigit()):
        problem = "is not a number"
    elif len(value) not in (2, 4):
        problem = "must be 4 digits"
    else:
        return value.zfill(4)
    raise BudgetCodeError(
        f"budget code {raw!r}: the sub kegiatan segment {value!r} {problem} "
        f"(4 digits, or 2 in the older Kepmendagri 050-5889/2021 numbering)"
    )
