"""Indonesian mobile numbers in the international form WhatsApp gateways expect."""

from __future__ import annotations

import re

# Separators people type inside a number: spaces, dashes, dots, brackets.
_SEPARATORS = re.compile(r"[\s\-.()]")
# A mobile subscriber number after the country code: 8xx and 8 to 12 more digits.
_MOBILE = re.compile(r"8\d{7,12}")


def normalise_msisdn(raw: str | None) -> str | None:
    """Return a mobile number as 62…, or None for a landline or anything that is not one."""
    if not raw:
        return None
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            return None  # a foreign number
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not _MOBILE.fullmatch(digits):
        return None
    return f"62{digits}"
