"""The trend charts of the measures page, drawn as SVG on the server."""

import re

from tuntas.dashboards.charts import Point, Series, bar_chart_svg, line_chart_svg, nice_top


def test_the_axis_top_is_four_round_steps_above_the_largest_value():
    assert nice_top(0) == 4
    assert nice_top(3) == 4
    assert nice_top(5) == 8  # steps of 2
    assert nice_top(15) == 20  # steps of 5
    assert nice_top(21) == 40
    assert nice_top(399) == 400


def test_a_bar_chart_draws_one_bar_per_value_and_none_for_a_gap():
    svg = bar_chart_svg(
        [Point("Apr", 50.0, "50%"), Point("Mei", None, "—"), Point("Jun", 100.0, "100%")],
        title="Selesai di tingkat Asisten",
        chart_id="chart-test",
        summary="Jun: 100%",
        top=100,
        suffix="%",
    )
    bars = re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)
    # The drawing runs from y=12 (100) to y=180 (0): half is 84 high, all of it 168.
    assert bars == [("96.0", "84.0"), ("12.0", "168.0")]
    assert 'aria-describedby="chart-test-desc"' in svg
    assert ">Jun: 100%</desc>" in svg
    assert ">100%</text>" in svg  # the top tick


def test_chart_text_is_escaped():
    svg = bar_chart_svg([Point("<b>", 1.0, "<script>")], title='"x"', chart_id="c", summary="a & b")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "a &amp; b" in svg and 'aria-label="&quot;x&quot;"' in svg


def test_a_line_chart_breaks_at_gaps_and_has_a_legend():
    median = [Point("Mar", 2, "2"), Point("Apr", 4, "4"), Point("Mei", None, "—")]
    p90 = [Point("Mar", 6, "6"), Point("Apr", None, "—"), Point("Mei", 8, "8")]
    svg = line_chart_svg(
        [Series("median", "Median", "#111", median), Series("p90", "P90", "#222", p90, True)],
        title="Waktu penyelesaian",
        chart_id="chart-settle",
        summary="…",
    )
    # The median joins March and April; P90 has no two neighbours, so only its dots show.
    assert svg.count("<polyline") == 1
    assert svg.count("<circle") == 4
    assert 'data-legend="median"' in svg and 'data-legend="p90"' in svg
    assert 'stroke-dasharray="6 4"' in svg
