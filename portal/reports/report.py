"""The network health report: a list of sections, each computed by its own function from
the data of one year, each a table of figures that a chart draws and the CSV lists.

A section is added by writing a function ``(period) -> Section`` in
portal/reports/selectors/ and naming it in sections(); the page, its chart and the CSV
follow (docs/reports.md).
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from portal.charts import BarChart, bar_chart
from portal.models import Region

Number = int | float | None


@dataclass(frozen=True)
class Period:
    """One calendar year, in UTC: from 1 January 00:00 up to (not including) the next."""

    year: int

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime(self.year, 1, 1, tzinfo=datetime.UTC)

    @property
    def end(self) -> datetime.datetime:
        return datetime.datetime(self.year + 1, 1, 1, tzinfo=datetime.UTC)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @cached_property
    def regions(self) -> list[Region]:
        """The regions (originals), read once for every section of a report."""
        return list(Region.objects.originals())


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Number]


@dataclass(frozen=True)
class Section:
    """One part of the report: headline figures, then a table whose ``chart_column``
    (an index into ``columns``, after the row labels' header) the chart draws."""

    key: str
    title: str
    definition: str
    figures: list[tuple[str, Number]]
    row_header: str
    columns: list[str]
    rows: list[Row]
    chart_column: int = 0
    chart_maximum: float | None = None
    empty_text: str = ""

    @property
    def chart(self) -> BarChart | None:
        if not self.rows:
            return None
        return bar_chart(
            f"chart-{self.key}",
            [(row.label, row.values[self.chart_column]) for row in self.rows],
            title=_("%(section)s: %(figure)s")
            % {"section": self.title, "figure": self.columns[self.chart_column]},
            desc=self.definition,
            legend=self.columns[self.chart_column],
            maximum=self.chart_maximum,
        )


SectionFunction = Callable[[Period], Section]


def sections() -> list[SectionFunction]:
    """The report's sections, in the order they are shown."""
    # Imported here: the selectors build their sections from this module's types.
    from portal.reports import selectors

    return [
        selectors.offices_and_members,
        selectors.catalogue_activity,
        selectors.adoption_between_regions,
        selectors.taskforce_activity,
        selectors.events_by_region,
        selectors.consultation_participation,
        selectors.survey_participation,
        selectors.maturity_over_years,
    ]


def health_report(year: int) -> list[Section]:
    period = Period(year)
    return [section(period) for section in sections()]


def csv_rows(report: list[Section]) -> Iterator[list]:
    """Every figure of the report, one per line: section, row, column, value."""
    yield ["section", "row", "column", "value"]
    for section in report:
        for label, value in section.figures:
            yield [section.title, "", label, "" if value is None else value]
        for row in section.rows:
            for column, value in zip(section.columns, row.values, strict=True):
                yield [section.title, row.label, column, "" if value is None else value]
