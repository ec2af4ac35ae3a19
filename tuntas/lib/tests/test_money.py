from decimal import Decimal

import pytest

from tuntas.lib.money import format_rupiah, parse_rupiah


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1250000, "Rp1.250.000"),
        (Decimal("1250000000"), "Rp1.250.000.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (Decimal("-75000"), "-Rp75.000"),
        (Decimal("1499.5"), "Rp1.500"),
    ],
)
def test_it_formats_rupiah_the_indonesian_way(amount, expected):
    assert format_rupiah(amount) == expected


def test_it_shows_cents_when_asked():
    assert format_rupiah(Decimal("1250000.5"), cents=True) == "Rp1.250.000,50"


def test_none_is_blank():
    assert format_rupiah(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp1.250.000", Decimal("1250000")),
        ("1.250.000.000,00", Decimal("1250000000.00")),
        ("1250000", Decimal("1250000")),
        (" Rp 75.000,5 ", Decimal("75000.5")),
        ("-2.000", Decimal("-2000")),
    ],
)
def test_it_parses_indonesian_amounts(text, expected):
    assert parse_rupiah(text) == expected


@pytest.mark.parametrize("text", ["", "satu juta", "1,2,3", "12a"])
def test_it_refuses_what_is_not_money(text):
    with pytest.raises(ValueError):
        parse_rupiah(text)
