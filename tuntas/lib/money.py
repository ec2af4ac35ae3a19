"""Rupiah amounts as Indonesian officials write them: Rp1.250.000."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_rupiah(amount: Decimal | int | float | None, *, cents: bool = False) -> str:
    """Return "Rp1.250.000" (dots between thousands, comma before cents, minus in front)."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    places = Decimal("0.01") if cents else Decimal("1")
    value = value.quantize(places, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    text = f"{sign}Rp{grouped}"
    if cents:
        text += "," + (fraction or "00").ljust(2, "0")
    return text


def parse_rupiah(text: str) -> Decimal:
    """Read "Rp1.250.000,50", "1.250.000" or "1250000"; raise ValueError if it is not money."""
    cleaned = (
        text.strip().replace("Rp", "").replace("rp", "").replace(" ", "").replace("\u00a0", "")
    )
    if not cleaned:
        raise ValueError("empty amount")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-")
    if "," in cleaned:
        whole, fraction = cleaned.rsplit(",", 1)
    else:
        whole, fraction = cleaned, ""
    whole = whole.replace(".", "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(f"not an amount: {text!r}")
    value = Decimal(f"{whole}.{fraction or '0'}")
    return -value if negative else value
