import datetime as dt

import pytest

from tuntas.lib.letters import format_letter_number, number_words, roman_month, validate_pattern

DEFAULT = "{klasifikasi}/{seq}/{unit}/{year}"


def _number(pattern, seq=42, on=dt.date(2026, 4, 30)):
    return format_letter_number(pattern, klasifikasi="000.1.2.3", seq=seq, unit="PUPR", on=on)


def test_it_fills_the_default_pattern_without_padding():
    assert _number(DEFAULT, seq=7) == "000.1.2.3/7/PUPR/2026"


def test_it_pads_the_running_number_with_a_format_spec():
    assert _number("{klasifikasi}/{seq:03d}/{unit}/{year}", seq=7) == "000.1.2.3/007/PUPR/2026"
    assert _number("{klasifikasi}/{seq:03d}/{unit}/{year}", seq=1234) == "000.1.2.3/1234/PUPR/2026"


def test_it_writes_the_month_in_roman_numerals():
    pattern = "{klasifikasi}/{seq}/{unit}/{month_roman}/{year}"
    assert _number(pattern, on=dt.date(2026, 9, 1)) == "000.1.2.3/42/PUPR/IX/2026"


def test_it_keeps_literal_text_and_escaped_braces():
    assert _number("B-{seq}/{unit}/{{draft}}/{year}") == "B-42/PUPR/{draft}/2026"


def test_it_dates_the_year_from_the_letter_date():
    assert _number(DEFAULT, on=dt.date(2027, 1, 2)).endswith("/2027")


def test_it_rejects_a_running_number_below_one():
    with pytest.raises(ValueError, match="1 or more"):
        _number(DEFAULT, seq=0)


@pytest.mark.parametrize(
    ("month", "roman"),
    list(enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], 1)),
)
def test_roman_month(month, roman):
    assert roman_month(month) == roman


@pytest.mark.parametrize("month", [0, 13, -1])
def test_roman_month_rejects_months_outside_the_year(month):
    with pytest.raises(ValueError, match="between 1 and 12"):
        roman_month(month)


@pytest.mark.parametrize(
    "pattern",
    [
        DEFAULT,
        "{klasifikasi}/{seq:03d}/{unit}/{month_roman}/{year}",
        "{seq}",
        "{seq:>5}/{year:d}",
    ],
)
def test_it_accepts_good_patterns(pattern):
    validate_pattern(pattern)  # does not raise


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{klasifikasi}/{unit}/{year}", r"must contain \{seq\}"),
        ("{seq}/{bulan}", r"Unknown placeholder \{bulan\}"),
        ("{seq}/{}", r"Unknown placeholder \{\}"),
        ("{seq}/{0}", r"Unknown placeholder \{0\}"),
        ("{seq.real}", r"Unknown placeholder \{seq.real\}"),
        ("{klasifikasi}/{seq/{year}", "unbalanced braces"),
        ("{klasifikasi}/{seq}}/{year}", "unbalanced braces"),
        ("{seq}/{year", "unbalanced braces"),
        ("{seq!r}", "Conversions"),
        ("{seq:{year}}", "nested"),
        ("{klasifikasi:03d}/{seq}", "format spec"),
    ],
)
def test_it_rejects_bad_patterns_with_a_clear_message(pattern, message):
    with pytest.raises(ValueError, match=message):
        validate_pattern(pattern)


def test_formatting_a_bad_pattern_raises():
    with pytest.raises(ValueError, match="must contain"):
        _number("{klasifikasi}/{unit}/{year}")


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (2, "dua"),
        (9, "sembilan"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (115, "seratus lima belas"),
        (200, "dua ratus"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1500, "seribu lima ratus"),
        (2000, "dua ribu"),
        (11000, "sebelas ribu"),
        (12345, "dua belas ribu tiga ratus empat puluh lima"),
        (100000, "seratus ribu"),
        (101000, "seratus satu ribu"),
        (
            999999,
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
        (1000000, "satu juta"),
        (1001000, "satu juta seribu"),
        (2500000000, "dua miliar lima ratus juta"),
        (1000000000000, "satu triliun"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_reads_as_a_lampiran_count():
    assert f"{3} ({number_words(3)}) berkas" == "3 (tiga) berkas"


@pytest.mark.parametrize("n", [-1, 10**15])
def test_number_words_rejects_numbers_out_of_range(n):
    with pytest.raises(ValueError):
        number_words(n)
