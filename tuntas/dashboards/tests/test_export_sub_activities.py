"""The sub kegiatan list as XLSX: the list's year, unit and status, pagu and rupiah as numbers."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tuntas.dashboards.tests.exportkit import cells_of, export_url, rows_of, title_lines
from tuntas.plans.tests.kit import NOW, make_sub, report_months

pytestmark = pytest.mark.django_db

URL = export_url("sub-activities")
PAGU = Decimal("1000000000")
MONEY = '"Rp"#,##0'
# The S-curve plans 28 % physical and 23 % finance by the end of May.
ON_TRACK = [(2, 0), (5, 30), (10, 70), (18, 140), (28, 230)]
COLUMNS = [
    "year",
    "unit",
    "code",
    "name",
    "program",
    "activity",
    "pagu",
    "pptk",
    "month",
    "target_physical",
    "real_physical",
    "dev_physical",
    "target_financial_pct",
    "real_financial",
    "real_financial_pct",
    "dev_financial",
    "status",
    "kritis",
]


def million(n):
    return Decimal(n) * 1_000_000


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plans(org):
    """PUPR: a road 12 points behind and a bridge on track; PDAM: May not reported."""
    road = make_sub(org, org.pupr, name="Jalan Lingkar Utara", pptk=org.kadis_pupr)
    report_months(road, org.pupr_operator, [(p, million(f)) for p, f in [*ON_TRACK[:4], (16, 200)]])
    bridge = make_sub(org, org.pupr, pagu=3 * PAGU, name="Jembatan Batang Agam")
    report_months(bridge, org.pupr_operator, [(p, 3 * million(f)) for p, f in ON_TRACK])
    pipes = make_sub(org, org.pdam, name="Jaringan pipa SPAM")
    report_months(pipes, org.pdam_partner, [(p, million(f)) for p, f in ON_TRACK[:4]])
    social = make_sub(org, org.dinsos, name="Bantuan sosial")
    return {"road": road, "bridge": bridge, "pipes": pipes, "social": social}


def names(response):
    return [r["name"] for r in rows_of(response, COLUMNS)]


def test_the_asisten_exports_the_sub_kegiatan_of_the_portfolio(org, plans):
    rows = {r["name"]: r for r in rows_of(org.client_for(org.asisten2).get(URL), COLUMNS)}

    assert set(rows) == {"Jalan Lingkar Utara", "Jembatan Batang Agam", "Jaringan pipa SPAM"}
    road = rows["Jalan Lingkar Utara"]
    assert (road["year"], road["unit"], road["code"]) == (
        2026,
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        plans["road"].code,
    )
    assert road["pptk"] == "Ir. Muslim, M.T."
    assert (road["target_physical"], road["real_physical"], road["dev_physical"]) == (28, 16, -12)
    assert (road["target_financial_pct"], road["real_financial_pct"]) == (23, 20)
    assert (road["real_financial"], road["dev_financial"]) == (200_000_000, -3)
    assert road["kritis"] == "ya"
    assert rows["Jembatan Batang Agam"]["kritis"] == "tidak"
    assert rows["Jaringan pipa SPAM"]["status"] != rows["Jalan Lingkar Utara"]["status"]


def test_money_is_a_number_in_rupiah_and_percentages_are_numbers(org, plans):
    road = next(
        r
        for r in cells_of(org.client_for(org.asisten2).get(URL), COLUMNS)
        if r["name"].value == "Jalan Lingkar Utara"
    )

    assert road["pagu"].value == 1_000_000_000
    assert road["pagu"].data_type == "n" and road["pagu"].number_format == MONEY
    assert road["real_financial"].number_format == MONEY
    assert road["real_physical"].data_type == "n"
    assert road["real_physical"].number_format == "0.00"
    assert road["dev_physical"].number_format == "+0.00;-0.00;0.00"
    assert isinstance(road["year"].value, int)


def test_a_sub_kegiatan_without_a_report_has_empty_figures(org, plans):
    rows = rows_of(org.client_for(org.walikota).get(URL), COLUMNS)
    social = next(r for r in rows if r["name"] == "Bantuan sosial")

    assert social["pagu"] == 1_000_000_000
    assert (social["real_physical"], social["dev_physical"], social["real_financial"]) == (
        None,
        None,
        None,
    )
    assert social["month"] is None


def test_the_lists_filters_are_honoured(org, plans):
    make_sub(org, org.pupr, year=2025, name="Drainase 2025")
    client = org.client_for(org.asisten2)

    assert names(client.get(URL, {"status": "red"})) == ["Jalan Lingkar Utara"]
    assert names(client.get(URL, {"status": "not_reported"})) == ["Jaringan pipa SPAM"]
    assert names(client.get(URL, {"unit": org.pdam.pk})) == ["Jaringan pipa SPAM"]
    assert names(client.get(URL, {"year": "2025"})) == ["Drainase 2025"]


def test_the_filters_are_named_above_the_table(org, plans):
    line = title_lines(org.client_for(org.asisten2).get(URL, {"unit": org.pdam.pk}))[1]

    assert "2026" in line
    assert "Perumda Air Minum Tirta Sago" in line


def test_an_operator_exports_only_the_own_unit(org, plans):
    rows = rows_of(org.client_for(org.pupr_operator).get(URL), COLUMNS)

    assert {r["unit"] for r in rows} == {"Dinas Pekerjaan Umum dan Penataan Ruang"}


def test_a_partner_of_no_unit_with_plans_exports_an_empty_table(org, plans):
    assert rows_of(org.client_for(org.bpn_partner).get(URL), COLUMNS) == []


def test_the_list_links_to_its_export_with_its_filters(org, plans):
    page = org.client_for(org.asisten2).get(reverse("plans:list"), {"status": "red"})

    assert f'href="{URL}?status=red"' in page.content.decode()
