"""Horizontal bar charts drawn as SVG by components/bar_chart.html, on the geometry of the
maturity chart (network/charts.py shares its axis): labels on one side, bars growing from
them, mirrored in a right-to-left language. The same numbers are always in a table beside
the chart, which is the source of truth; the chart only draws them.
"""

import math
from dataclasses import dataclass

from django.utils.translation import get_language_bidi

WIDTH = 640
LABEL_WIDTH = 250
PLOT_WIDTH = 320
ROW_HEIGHT = 34
BAR_HEIGHT = 16
TOP = 28
VALUE_GAP = 6


def axis_x(value: float, maximum: float, *, rtl: bool, plot_width: float = PLOT_WIDTH) -> float:
    """Where a value falls on the axis: rightwards from the labels, or leftwards in RTL."""
    offset = plot_width * value / maximum if maximum else 0
    return WIDTH - LABEL_WIDTH - offset if rtl else LABEL_WIDTH + offset


def nice_ticks(maximum: float, *, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum``, about ``count`` steps apart."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if step < 1 and maximum >= 1:
        step = 1
    steps = math.ceil(maximum / step - 1e-9)
    return [round(index * step, 6) for index in range(steps + 1)]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    y: int
    x: float
    width: float
    end_x: float
    value_x: float

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 5


class ChartFrame:
    """What every horizontal chart of the site lays out alike (the bar charts here and the
    maturity chart, network/charts.py): the labels' edge, the grid and ticks above the
    rows, the reading direction. A chart has ``rtl`` and a number of rows."""

    rtl: bool
    row_count: int

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * max(self.row_count, 1) + 8

    @property
    def plot_bottom(self) -> int:
        return TOP + ROW_HEIGHT * max(self.row_count, 1)

    @property
    def grid_top(self) -> int:
        return TOP - 6

    @property
    def tick_y(self) -> int:
        return TOP - 10

    @property
    def label_x(self) -> int:
        """Where each label ends (text-anchor="end"): before the axis on its left, or in RTL,
        where text runs leftwards and ends on its left edge, after the axis on its right."""
        return WIDTH - LABEL_WIDTH + 10 if self.rtl else LABEL_WIDTH - 10

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


@dataclass(frozen=True)
class BarChart(ChartFrame):
    """One bar per row; ``key`` names the chart's title and description elements."""

    key: str
    title: str
    desc: str
    legend: str
    bars: list[Bar]
    ticks: list[tuple[float, float]]
    rtl: bool = False
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def row_count(self) -> int:
        return len(self.bars)

    @property
    def value_anchor(self) -> str:
        """Values are written left to right, after the bar's end in either direction."""
        return "end" if self.rtl else "start"


def bar_chart(
    key: str,
    rows: list[tuple[str, float | None]],
    *,
    title: str,
    desc: str,
    legend: str = "",
    maximum: float | None = None,
    rtl: bool | None = None,
) -> BarChart:
    """The geometry of a chart of ``rows`` (label, value), scaled to ``maximum`` or to the
    largest value, mirrored when the active language is written right to left; ``legend``
    names what the bars measure, under the chart."""
    rtl = get_language_bidi() if rtl is None else rtl
    largest = max((value or 0 for _, value in rows), default=0)
    ticks = nice_ticks(maximum if maximum is not None else largest)
    top = ticks[-1]
    bars = []
    for index, (label, value) in enumerate(rows):
        end_x = axis_x(value or 0, top, rtl=rtl)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=TOP + index * ROW_HEIGHT,
                x=end_x if rtl else LABEL_WIDTH,
                width=PLOT_WIDTH * (value or 0) / top,
                end_x=end_x,
                value_x=end_x - VALUE_GAP if rtl else end_x + VALUE_GAP,
            )
        )
    return BarChart(
        key=key,
        title=title,
        desc=desc,
        legend=legend,
        bars=bars,
        ticks=[(tick, axis_x(tick, top, rtl=rtl)) for tick in ticks],
        rtl=rtl,
    )
