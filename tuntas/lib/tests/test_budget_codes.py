import csv
from pathlib import Path

import pytest

from tuntas.lib.budget_codes import BudgetCode, BudgetCodeError, parse_code

# Copies of shared/data files, so the tests need nothing outside the repository.
DATA = Path(__file__).parent / "data"


def read_csv(name):
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


SAMPLE = read_csv("sub_kegiatan_sample.csv")
PUPR = read_csv("sub_kegiatan_pupr_examples.csv")
PENUNJANG = read_csv("penunjang_XXX01_kinerja_indikator_satuan_excerpt.csv")
URUSAN_BIDANG = read_csv("kode_urusan_bidang_urusan.csv")


def test_it_splits_a_full_code_into_cumulative_levels():
    code = parse_code("1.03.02.2.01.0001")
    assert code == BudgetCode(
        urusan="1",
        bidang="1.03",
        program="1.03.02",
        kegiatan="1.03.02.2.01",
        sub_kegiatan="1.03.02.2.01.0001",
    )
    assert code.level == "sub_kegiatan"
    assert code.code == str(code) == "1.03.02.2.01.0001"


@pytest.mark.parametrize("row", SAMPLE, ids=[r["kode_sub_kegiatan_raw"] for r in SAMPLE])
def test_every_sample_code_normalises_to_the_official_code(row):
    code = parse_code(row["kode_sub_kegiatan_raw"])
    assert code.sub_kegiatan == row["kode_sub_kegiatan"]
    assert code.kegiatan == row["kode_kegiatan"]
    assert code.program == row["kode_program"]
    assert code.bidang == row["kode_bidang_urusan"]
    assert code.urusan == row["kode_urusan"]


def test_the_sample_has_both_legacy_and_current_fourth_segments():
    # Guards the test above: it must cover both ".02." and ".2." forms.
    raw = {r["kode_sub_kegiatan_raw"].split(".")[3] for r in SAMPLE}
    assert raw == {"02", "2"}


@pytest.mark.parametrize("row", PUPR, ids=[r["kode_sub_kegiatan"] for r in PUPR])
def test_pupr_road_codes_parse_unchanged(row):
    code = parse_code(row["kode_sub_kegiatan"])
    assert code.sub_kegiatan == row["kode_sub_kegiatan"]
    assert code.kegiatan == "1.03.10.2.01"
    assert code.bidang == "1.03"


@pytest.mark.parametrize("row", URUSAN_BIDANG, ids=[r["kode"] for r in URUSAN_BIDANG])
def test_every_urusan_and_bidang_code_parses_at_its_level(row):
    code = parse_code(row["kode"])
    assert code.code == row["kode"]
    assert code.level == ("urusan" if row["level"] == "urusan" else "bidang")


@pytest.mark.parametrize(
    ("raw", "level", "expected"),
    [
        ("1", "urusan", "1"),
        ("1.03", "bidang", "1.03"),
        ("1.03.02", "program", "1.03.02"),
        ("1.03.02.2.01", "kegiatan", "1.03.02.2.01"),
        ("1.03.02.02.01", "kegiatan", "1.03.02.2.01"),
        ("1.03.02.2.01.0001", "sub_kegiatan", "1.03.02.2.01.0001"),
    ],
)
def test_shorter_codes_name_upper_levels(raw, level, expected):
    code = parse_code(raw)
    assert code.level == level
    assert code.code == expected


def test_upper_levels_leave_lower_levels_empty():
    assert parse_code("1.03.02") == BudgetCode("1", "1.03", "1.03.02", None, None)


def test_parent_walks_up_one_level_at_a_time():
    code: BudgetCode | None = parse_code("1.03.10.2.01.0051")
    chain = []
    while code is not None:
        chain.append(code.code)
        code = code.parent
    assert chain == ["1.03.10.2.01.0051", "1.03.10.2.01", "1.03.10", "1.03", "1"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.03.10.2.01. 0051", "1.03.10.2.01.0051"),  # a PDF line break
        (" 1.03.10.2.01.0051 ", "1.03.10.2.01.0051"),
        ("1.03.10.2.01.\u00a00051", "1.03.10.2.01.0051"),  # NBSP from a spreadsheet
        ("1.03.10.2.01.0051\u200b", "1.03.10.2.01.0051"),  # zero-width space from a web page
        ("1 . 03 . 10 . 2 . 01 . 0051", "1.03.10.2.01.0051"),
        ("1.03.10.2.01.0051.", "1.03.10.2.01.0051"),
        (".1.03.10.2.01.0051", "1.03.10.2.01.0051"),
        ("1.03..10.2.01.0051", "1.03.10.2.01.0051"),
    ],
)
def test_it_ignores_spaces_and_stray_dots(raw, expected):
    assert parse_code(raw).code == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.03.10.2.01.51", "1.03.10.2.01.0051"),
        ("1.03.10.02.01.51", "1.03.10.2.01.0051"),
        ("1.01.01.2.01.01", "1.01.01.2.01.0001"),
    ],
)
def test_two_digit_sub_kegiatan_numbers_are_padded_to_four(raw, expected):
    assert parse_code(raw).code == expected


@pytest.mark.parametrize("row", PENUNJANG, ids=[r["kode_sub_kegiatan_4digit"] for r in PENUNJANG])
def test_penunjang_template_takes_the_units_own_bidang(row):
    number = row["kode_sub_kegiatan_4digit"].rsplit(".", 1)[1]
    for template in (row["kode_asli_050_5889"], row["kode_sub_kegiatan_4digit"]):
        code = parse_code(template, own_bidang="1.03")
        assert code.sub_kegiatan == f"1.03.01.2.01.{number}"
        assert code.program == "1.03.01"


def test_penunjang_template_accepts_lowercase_and_unsur_bidang():
    assert parse_code("x.xx.01.2.01.0001", own_bidang="4.01").code == "4.01.01.2.01.0001"


def test_own_bidang_is_ignored_for_real_codes():
    assert parse_code("1.02.01.2.01.0001", own_bidang="1.03").bidang == "1.02"


def test_penunjang_template_without_own_bidang_is_refused():
    with pytest.raises(BudgetCodeError, match="own_bidang"):
        parse_code("X.XX.01.2.01.0001")


@pytest.mark.parametrize("own_bidang", ["1", "1.03.01", "X.XX", "1.3"])
def test_own_bidang_must_be_a_bidang_code(own_bidang):
    with pytest.raises(BudgetCodeError):
        parse_code("X.XX.01.2.01.0001", own_bidang=own_bidang)


@pytest.mark.parametrize("raw", ["X.03.01.2.01.0001", "1.XX.01.2.01.0001"])
def test_half_a_template_is_refused(raw):
    with pytest.raises(BudgetCodeError, match=r"X\.XX template"):
        parse_code(raw, own_bidang="1.03")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "empty"),
        (" . ", "empty"),
        ("1.03.AB", "program segment 'AB' is not a number"),
        ("1.03.02.2.01.00O1", "sub kegiatan segment '00O1' is not a number"),
        ("A.03", "urusan segment 'A' is not a number"),
        ("1.03.02.2.01.0001.01", "7 segments"),
        ("1.03.02.2", "kegiatan code also needs"),
        ("1.3.02", "bidang segment '3' must be 2 digits"),
        ("01.03", "urusan segment '01' must be 1 digit"),
        ("1.03.2", "program segment '2' must be 2 digits"),
        ("1.03.02.2.1.0001", "kegiatan segment '1' must be 2 digits"),
        ("1.03.02.2.01.051", "sub kegiatan segment '051' must be 4 digits"),
        ("1.03.02.3.01.0001", "fourth segment '3' must be the government level"),
        ("1.03.02.002.01.0001", "fourth segment '002' must be the government level"),
        ("1.03.02.2.01.\u0660\u0660\u0660\u0661", "not a number"),  # Arabic-Indic digits
    ],
)
def test_it_names_the_problem(raw, fragment):
    with pytest.raises(BudgetCodeError, match=fragment):
        parse_code(raw)


def test_the_error_is_a_value_error():
    with pytest.raises(ValueError, match="not a number"):
        parse_code("1.03.xx")


@pytest.mark.parametrize("raw", ["1.03.02.1.01.0001", "1.03.02.01.01.0001"])
def test_a_kota_refuses_provincial_codes_and_explains_why(raw):
    with pytest.raises(BudgetCodeError, match="provinsi government") as info:
        parse_code(raw)
    assert "kabupaten/kota, whose codes have '2' there" in str(info.value)


@pytest.mark.parametrize("raw", ["1.03.02.1.01.0001", "1.03.02.01.01.01"])
def test_a_provinsi_reads_provincial_codes(raw):
    code = parse_code(raw, government_level="provinsi")
    assert code.sub_kegiatan == "1.03.02.1.01.0001"


def test_a_provinsi_refuses_kota_codes():
    with pytest.raises(BudgetCodeError, match="kabupaten/kota government"):
        parse_code("1.03.02.2.01.0001", government_level="provinsi")


def test_upper_levels_do_not_depend_on_the_government_level():
    assert parse_code("1.03.02", government_level="provinsi").code == "1.03.02"


def test_an_unknown_government_level_is_refused():
    with pytest.raises(BudgetCodeError, match="unknown government level"):
        parse_code("1.03", government_level="desa")


def test_a_hand_built_code_must_nest():
    with pytest.raises(BudgetCodeError, match="is not under"):
        BudgetCode("1", "2.03")
    with pytest.raises(BudgetCodeError, match="gap"):
        BudgetCode("1", None, "1.03.02")
