"""The geometry of the site's horizontal bar charts, drawn as SVG by templates with the same
numbers in a table beside them: the maturity chart (network/charts.py) and survey results
(components/bar_chart.html).

In a right-to-left language a chart is mirrored: labels on the right, bars growing
leftwards from them, the axis running from right to left.
"""

from dataclasses import dataclass

from django.utils.translation import get_language_bidi

WIDTH = 640
LABEL_WIDTH = 250
PLOT_WIDTH = 360
ROW_HEIGHT = 34
BAR_HEIGHT = 16
TOP = 28


def axis_x(value: float, maximum: float, *, rtl: bool) -> float:
    """Where a value falls on the axis: rightwards from the labels, or leftwards in RTL."""
    offset = PLOT_WIDTH * value / maximum if maximum else 0
    return WIDTH - LABEL_WIDTH - offset if rtl else LABEL_WIDTH + offset


def label_x(*, rtl: bool) -> int:
    """Where each label ends (text-anchor="end"): before the axis on its left, or in RTL,
    where text runs leftwards and ends on its left edge, after the axis on its right."""
    return WIDTH - LABEL_WIDTH + 10 if rtl else LABEL_WIDTH - 10


@dataclass(frozen=True)
class BarRow:
    label: str
    value: int
    maximum: int
    y: int
    rtl: bool = False

    @property
    def bar_width(self) -> float:
        return PLOT_WIDTH * self.value / self.maximum if self.maximum else 0

    @property
    def bar_x(self) -> float:
        return axis_x(self.value, self.maximum, rtl=True) if self.rtl else LABEL_WIDTH

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 5

    @property
    def value_x(self) -> float:
        """The value written just past the end of its bar."""
        end = axis_x(self.value, self.maximum, rtl=self.rtl)
        return end - 6 if self.rtl else end + 6


@dataclass(frozen=True)
class BarChart:
    rows: list[BarRow]
    maximum: int
    rtl: bool = False
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * len(self.rows) + 8

    @property
    def plot_bottom(self) -> int:
        return TOP + ROW_HEIGHT * len(self.rows)

    @property
    def grid_top(self) -> int:
        return TOP - 6

    @property
    def label_x(self) -> int:
        return label_x(rtl=self.rtl)

    @property
    def axis_x(self) -> float:
        return axis_x(0, self.maximum, rtl=self.rtl)

    @property
    def value_anchor(self) -> str:
        return "end" if self.rtl else "start"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


def bar_chart(items: list[tuple[str, int]], *, rtl: bool | None = None) -> BarChart:
    """A bar a (label, value), scaled to the largest value, mirrored in RTL languages."""
    rtl = get_language_bidi() if rtl is None else rtl
    maximum = max([value for _label, value in items] + [1])
    rows = [
        BarRow(label=str(label), value=value, maximum=maximum, y=TOP + n * ROW_HEIGHT, rtl=rtl)
        for n, (label, value) in enumerate(items)
    ]
    return BarChart(rows=rows, maximum=maximum, rtl=rtl)
