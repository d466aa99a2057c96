"""What the sections share: rows by region, and the originals of translated pages."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from portal import localised_names
from portal.reports.report import Number, Period, Row


def originals(pages: QuerySet) -> QuerySet:
    """The pages in the default locale, which what people do points at: each counted once."""
    return pages.filter(locale__language_code=localised_names.default_language())


def region_rows(period: Period, columns: list[dict[int | None, Number]]) -> list[Row]:
    """One row per region in the reader's language's order, with each column's value for it
    (0 where it has none), then a row for what has no region, if any has a value."""
    regions = sorted(period.regions, key=lambda region: str(region).casefold())
    rows = [
        Row(str(region), [column.get(region.pk, 0) for column in columns]) for region in regions
    ]
    if any(column.get(None) for column in columns):
        rows.append(Row(_("No office or region"), [column.get(None, 0) for column in columns]))
    return rows


def by_key(rows, key: str, value: str) -> dict:
    """``{row[key]: row[value]}`` of a ``values().annotate()`` query."""
    return {row[key]: row[value] for row in rows}
