"""The geometry of the maturity chart, drawn as SVG by network/components/maturity_chart.html.

In a right-to-left language the chart is mirrored: labels on the right, bars growing
leftwards from them, the score axis running 0 to 5 from right to left.
"""

from dataclasses import dataclass

from django.utils.translation import get_language_bidi

from network.maturity import Dimension
from portal.charts import BAR_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, TOP, WIDTH, ChartFrame, axis_x

# The scores need no room for a value after the bar, so the plot is wider than
# portal.charts' general one.
PLOT_WIDTH = 360
MAX_SCORE = 5


def score_x(score: float, *, rtl: bool) -> float:
    """Where a score falls on the axis: rightwards from the labels, or leftwards in RTL."""
    return axis_x(score, MAX_SCORE, rtl=rtl, plot_width=PLOT_WIDTH)


@dataclass(frozen=True)
class ChartRow:
    dimension: Dimension
    score: int | None
    median: float | None
    y: int
    rtl: bool = False

    @property
    def label(self) -> str:
        return str(self.dimension.label)

    @property
    def bar_width(self) -> float:
        return PLOT_WIDTH * (self.score or 0) / MAX_SCORE

    @property
    def bar_x(self) -> float:
        return score_x(self.score or 0, rtl=self.rtl) if self.rtl else LABEL_WIDTH

    @property
    def median_x(self) -> float | None:
        if self.median is None:
            return None
        return score_x(self.median, rtl=self.rtl)

    @property
    def bar_y(self) -> float:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 5

    @property
    def median_y1(self) -> float:
        return self.bar_y - 4

    @property
    def median_y2(self) -> float:
        return self.bar_y + BAR_HEIGHT + 4


@dataclass(frozen=True)
class MaturityChart(ChartFrame):
    rows: list[ChartRow]
    has_medians: bool
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    rtl: bool = False

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def ticks(self) -> list[tuple[int, float]]:
        return [(score, score_x(score, rtl=self.rtl)) for score in range(MAX_SCORE + 1)]


def maturity_chart(
    scores: dict[str, int | None], medians: dict[str, float] | None, *, rtl: bool | None = None
) -> MaturityChart:
    """The chart's geometry, mirrored when the active language is written right to left."""
    rtl = get_language_bidi() if rtl is None else rtl
    rows = [
        ChartRow(
            dimension=dimension,
            score=scores.get(dimension.value),
            median=(medians or {}).get(dimension.value),
            y=TOP + index * ROW_HEIGHT,
            rtl=rtl,
        )
        for index, dimension in enumerate(Dimension)
    ]
    return MaturityChart(rows=rows, has_medians=medians is not None, rtl=rtl)
