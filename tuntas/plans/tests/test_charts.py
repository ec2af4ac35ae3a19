"""The S-curve drawn on the server: points in the right place, text escaped, accessible."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from tuntas.plans.charts import BOTTOM, LEFT, RIGHT, TOP, s_curve_svg, x_of, y_of
from tuntas.plans.models import Progress
from tuntas.plans.services import thresholds
from tuntas.plans.tests.kit import make_sub, report

SVG = "{http://www.w3.org/2000/svg}"


class Row:
    def __init__(self, month, tp=None, rp=None, tf=None, rf=None):
        self.month = month
        self.target_physical = None if tp is None else Decimal(tp)
        self.real_physical = None if rp is None else Decimal(rp)
        self.target_financial_pct = None if tf is None else Decimal(tf)
        self.real_financial_pct = None if rf is None else Decimal(rf)


def parse(svg):
    return ET.fromstring(svg)


def series_points(root, key):
    group = root.find(f"{SVG}g[@data-series='{key}']")
    assert group is not None, key
    return [
        [tuple(float(n) for n in pair.split(",")) for pair in line.get("points").split()]
        for line in group.findall(f"{SVG}polyline")
    ]


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def test_it_is_an_accessible_scalable_image():
    root = parse(s_curve_svg([Row(1, 10, 8)], title="Jalan Lingkar"))

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 400 270"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Jalan Lingkar"
    assert root.find(f"{SVG}title").text == "Jalan Lingkar"
    assert root.get("aria-describedby") == "s-curve-desc"
    assert root.find(f"{SVG}desc").get("id") == "s-curve-desc"


def test_it_says_in_words_where_the_latest_month_stands():
    with translation.override("en"):
        root = parse(s_curve_svg([Row(1, 10, 8, 5, 4), Row(2, 20)], title="x"))

    assert root.find(f"{SVG}desc").text == (
        "Jan: physical 8.0% of a planned 10.0%; finance 4.0% of a planned 5.0%."
    )


def test_the_months_are_labelled_in_indonesian():
    root = parse(s_curve_svg([], title="x"))

    labels = [t.text for t in root.find(f"{SVG}g[@class='x-labels']")]
    assert labels == [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ]  # fmt: skip


def test_points_sit_on_their_month_and_percentage():
    rows = [Row(m, tp=m * 8, tf=m * 5) for m in range(1, 13)]
    rows[0].real_physical, rows[1].real_physical = Decimal(4), Decimal("12.5")

    root = parse(s_curve_svg(rows, title="x"))

    [target] = series_points(root, "target-physical")
    assert target[0] == (LEFT, y_of(8))
    assert target[-1] == (RIGHT, y_of(96))
    assert [x for x, _y in target] == [x_of(m) for m in range(1, 13)]
    assert series_points(root, "real-physical") == [[(x_of(1), y_of(4)), (x_of(2), y_of(12.5))]]
    assert y_of(0) == BOTTOM and y_of(100) == TOP
    assert series_points(root, "real-financial") == []


def test_a_missing_month_breaks_the_line():
    rows = [Row(1, tp=5), Row(2, tp=None), Row(3, tp=20), Row(4, tp=30)]

    root = parse(s_curve_svg(rows, title="x"))

    assert series_points(root, "target-physical") == [
        [(x_of(1), y_of(5))],
        [(x_of(3), y_of(20)), (x_of(4), y_of(30))],
    ]


def test_values_outside_0_to_100_stay_inside_the_chart():
    assert y_of(Decimal("130")) == TOP
    assert y_of(Decimal("-5")) == BOTTOM


def test_text_is_escaped():
    svg = s_curve_svg([], title='Jalan <script>alert("x")</script> & "Pasar"')

    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == 'Jalan <script>alert("x")</script> & "Pasar"'


def test_the_legend_names_all_four_lines():
    with translation.override("en"):
        root = parse(s_curve_svg([], title="x"))

    legend = {t.get("data-legend"): t.text for t in root.iter(f"{SVG}text") if t.get("data-legend")}
    assert legend == {
        "target-physical": "Physical target",
        "real-physical": "Physical realisation",
        "target-financial": "Finance target",
        "real-financial": "Finance realisation",
    }


@pytest.mark.django_db
def test_it_draws_a_real_sub_kegiatan(org):
    sub = make_sub(org)
    report(sub, 1, "1.5", 0, org.pupr_operator)
    report(sub, 2, "4", 20_000_000, org.pupr_operator)
    limits = thresholds()
    rows = [Progress(sub, m, limits) for m in range(1, 13)]

    root = parse(s_curve_svg(rows, title=sub.name))

    assert series_points(root, "real-financial") == [[(x_of(1), y_of(0)), (x_of(2), y_of(2))]]
    assert len(series_points(root, "target-financial")[0]) == 12
