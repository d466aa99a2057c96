"""The geometry of the maturity chart, drawn as SVG by network/components/maturity_chart.html."""

from dataclasses import dataclass

from network.maturity import Dimension

WIDTH = 640
LABEL_WIDTH = 250
PLOT_WIDTH = 360
ROW_HEIGHT = 34
BAR_HEIGHT = 16
TOP = 28
MAX_SCORE = 5


@dataclass(frozen=True)
class ChartRow:
    dimension: Dimension
    score: int | None
    median: float | None
    y: int

    @property
    def label(self) -> str:
        return str(self.dimension.label)

    @property
    def bar_width(self) -> float:
        return PLOT_WIDTH * (self.score or 0) / MAX_SCORE

    @property
    def median_x(self) -> float | None:
        if self.median is None:
            return None
        return LABEL_WIDTH + PLOT_WIDTH * self.median / MAX_SCORE

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
class MaturityChart:
    rows: list[ChartRow]
    has_medians: bool
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * len(self.rows) + 8

    @property
    def ticks(self) -> list[tuple[int, float]]:
        return [(score, LABEL_WIDTH + PLOT_WIDTH * score / MAX_SCORE) for score in range(6)]

    @property
    def plot_bottom(self) -> int:
        return TOP + ROW_HEIGHT * len(self.rows)

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 10

    @property
    def grid_top(self) -> int:
        return TOP - 6

    @property
    def tick_y(self) -> int:
        return TOP - 10


def maturity_chart(
    scores: dict[str, int | None], medians: dict[str, float] | None
) -> MaturityChart:
    rows = [
        ChartRow(
            dimension=dimension,
            score=scores.get(dimension.value),
            median=(medians or {}).get(dimension.value),
            y=TOP + index * ROW_HEIGHT,
        )
        for index, dimension in enumerate(Dimension)
    ]
    return MaturityChart(rows=rows, has_medians=medians is not None)
