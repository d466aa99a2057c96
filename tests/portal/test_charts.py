"""The bar charts' geometry (portal/charts.py): bars scaled to the largest value, each
value written past its bar, and the whole mirrored in right-to-left languages."""

from portal.charts import LABEL_WIDTH, PLOT_WIDTH, WIDTH, bar_chart


def test_bars_are_scaled_to_the_largest_value():
    chart = bar_chart([("Cost", 2), ("Skilled staff", 4), ("Data quality", 0)], rtl=False)
    assert [row.value for row in chart.rows] == [2, 4, 0]
    assert [row.bar_width for row in chart.rows] == [PLOT_WIDTH / 2, PLOT_WIDTH, 0]
    assert all(row.bar_x == LABEL_WIDTH for row in chart.rows)
    assert chart.rows[0].value_x == LABEL_WIDTH + PLOT_WIDTH / 2 + 6
    assert chart.label_x < LABEL_WIDTH
    assert chart.height > chart.plot_bottom


def test_a_chart_of_zeros_draws_no_bar():
    chart = bar_chart([("Cost", 0), ("Skilled staff", 0)], rtl=False)
    assert [row.bar_width for row in chart.rows] == [0, 0]


def test_the_chart_is_mirrored_right_to_left():
    chart = bar_chart([("Cost", 2), ("Skilled staff", 4)], rtl=True)
    longest = chart.rows[1]
    assert longest.bar_x + longest.bar_width == WIDTH - LABEL_WIDTH
    assert longest.bar_x == WIDTH - LABEL_WIDTH - PLOT_WIDTH
    assert chart.label_x > WIDTH - LABEL_WIDTH
    assert chart.value_anchor == "end"
    assert chart.direction == "rtl"
