"""The bar charts' geometry (portal/charts.py): round ticks that reach the largest value,
bars in proportion, mirrored in a right-to-left language."""

from portal.charts import LABEL_WIDTH, PLOT_WIDTH, WIDTH, bar_chart, nice_ticks


def test_ticks_are_round_and_reach_the_largest_value():
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(5) == [0, 1, 2, 3, 4, 5]
    assert nice_ticks(12) == [0, 5, 10, 15]
    assert nice_ticks(1000) == [0, 200, 400, 600, 800, 1000]
    assert nice_ticks(0) == [0, 1]


def test_bars_are_in_proportion_to_their_values():
    chart = bar_chart("c", [("A", 10), ("B", 5), ("C", None)], title="T", desc="D", rtl=False)
    widths = [bar.width for bar in chart.bars]
    assert widths == [PLOT_WIDTH, PLOT_WIDTH / 2, 0]
    assert all(bar.x == LABEL_WIDTH for bar in chart.bars)
    assert chart.bars[0].value_x > chart.bars[0].end_x
    assert chart.ticks[0] == (0, LABEL_WIDTH)


def test_a_right_to_left_chart_is_mirrored():
    ltr = bar_chart("c", [("A", 4)], title="T", desc="D", maximum=5, rtl=False)
    rtl = bar_chart("c", [("A", 4)], title="T", desc="D", maximum=5, rtl=True)
    assert rtl.ticks[0][1] == WIDTH - LABEL_WIDTH
    assert rtl.bars[0].x == WIDTH - ltr.bars[0].end_x
    assert rtl.bars[0].width == ltr.bars[0].width
    assert rtl.bars[0].value_x < rtl.bars[0].end_x
    assert (rtl.direction, rtl.value_anchor) == ("rtl", "end")
