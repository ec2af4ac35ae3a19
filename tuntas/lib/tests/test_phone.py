"""normalise_msisdn: Indonesian mobile numbers to the 62… form."""

import pytest

from tuntas.lib.phone import normalise_msisdn


@pytest.mark.parametrize(
    "raw",
    [
        "0812-3456-7890",
        "+62 812 3456 7890",
        "6281234567890",
        "81234567890",
        " 0812.3456.7890 ",
        "+62 (812) 3456-7890",
    ],
)
def test_it_writes_a_mobile_number_as_62(raw):
    assert normalise_msisdn(raw) == "6281234567890"


def test_it_keeps_short_and_long_mobile_numbers():
    assert normalise_msisdn("08123456789") == "628123456789"
    assert normalise_msisdn("0812345678901") == "62812345678901"


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "(0752) 92052",  # a landline in Payakumbuh
        "021-5551234",
        "+1 415 555 0100",  # not Indonesian
        "0812",
        "0812345678901234",
        "0812-3456-789x",
        "12345",
    ],
)
def test_it_refuses_landlines_and_invalid_numbers(raw):
    assert normalise_msisdn(raw) is None
