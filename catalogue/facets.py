"""The listing's facet counts: every facet's values with how many entries each would
show, and the listing's total, in one query (see facet_query)."""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat

from catalogue.models import CatalogueEntryPage
from catalogue.selectors import FACETS, FacetSpec, ListingState, filtered_entries, listed_entries
from network.models import OfficePage
from portal.localised_names import localised_label
from portal.page_languages import content_language


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    query_string: str


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption]


def facet_counts(state: ListingState) -> tuple[int, list[Facet]]:
    """How many entries the listing shows, and each facet's values with their counts: one
    query, a grouped count per facet joined with UNION ALL (see facet_query)."""
    rows = facet_rows(state)
    total = sum(row["n"] for row in rows if row["facet_key"] == "")
    by_facet: dict[str, list[dict]] = {}
    for row in rows:
        by_facet.setdefault(row["facet_key"], []).append(row)
    return total, [_facet(facet, state, by_facet.get(facet.key, [])) for facet in FACETS]


def _facet(facet: FacetSpec, state: ListingState, rows: list[dict]) -> Facet:
    labels = dict(facet.choices)
    selected = state.selected.get(facet.key, [])
    options = []
    for row in rows:
        value = row["facet_value"]
        label = row["facet_label"] if facet.label_path else labels.get(value, value)
        if facet.taxonomy is not None:
            label = localised_label(facet.taxonomy, row["taxonomy_key"], label)
        elif facet.key == "office":
            kind, _sep, country = (row["facet_detail"] or "").partition(":")
            label = OfficePage(title=label, code=value, kind=kind, country=country).display_name
        options.append(
            FacetOption(
                value=value,
                label=str(label),
                count=row["n"],
                selected=value in selected,
                query_string=state.toggled(facet.key, value),
            )
        )
    # A chosen value that matches nothing any more still shows, so it can be unchosen.
    for value in selected:
        if not any(option.value == value for option in options):
            options.append(FacetOption(value, value, 0, True, state.toggled(facet.key, value)))
    if facet.choices:
        order = [key for key, _label in facet.choices]
        options.sort(key=lambda option: order.index(option.value) if option.value in order else 99)
    else:
        options.sort(key=lambda option: (-option.count, option.label.lower()))
    return Facet(facet.key, str(facet.label), options)


FACET_ROW = ("facet_key", "facet_value", "facet_label", "taxonomy_key", "facet_detail")


def facet_rows(state: ListingState) -> list[dict]:
    """facet_query's rows, read afresh each time from SQL written once per listing state.

    The listed entries (published, public, not archived, one per translation set, matching
    the text box) are found once, in a common table expression each facet's count starts
    from, rather than once per facet: PostgreSQL took longer to plan a dozen copies of
    those conditions than to run them. Django took longer still to write the query: its
    SQL depends only on the state and the reader's language, so each process keeps the
    SQL of the last few hundred states it was asked.
    """
    key = (
        content_language(),
        state.query,
        tuple(sorted((facet, tuple(values)) for facet, values in state.selected.items())),
    )
    sql, params = _facet_sql(connection.alias, key)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@lru_cache(maxsize=256)
def _facet_sql(alias: str, key: tuple) -> tuple[str, tuple]:
    _language, query, selected = key
    # The text box's words apply to every count: they go with the listed entries.
    listed = filtered_entries(ListingState(query=query)).values("pk")
    listed_sql, listed_params = listed.query.get_compiler(alias).as_sql()
    from_listed = CatalogueEntryPage.objects.filter(pk__in=RawSQL("SELECT id FROM listed", ()))
    facets = ListingState(selected={facet: list(values) for facet, values in selected})
    sql, params = facet_query(facets, base=from_listed).query.get_compiler(alias).as_sql()
    return f"WITH listed (id) AS MATERIALIZED ({listed_sql}) {sql}", (*listed_params, *params)


def facet_query(state: ListingState, base: QuerySet | None = None) -> QuerySet:
    """One row per facet value: its facet, value, label, the taxonomy row's translation
    key, a detail (an office's kind and country) and its count; and a row of facet ""
    with the listing's total. Each facet counts over every filter but its own.

    ``base``: the listed entries (listed_entries() unless given)."""
    text = CharField()
    base = listed_entries() if base is None else base
    total = (
        filtered_entries(state, base=base)
        .order_by()
        .annotate(
            facet_key=Value("", output_field=text),
            facet_value=Value(None, output_field=text),
            facet_label=Value(None, output_field=text),
            taxonomy_key=Value(None, output_field=text),
            facet_detail=Value(None, output_field=text),
        )
        .values(*FACET_ROW)
        .annotate(n=Count("pk"))
    )
    arms = []
    for facet in FACETS:
        relation = facet.path.rsplit("__", 1)[0]
        key_path = f"{relation}__translation_key" if facet.taxonomy else None
        detail = (
            Concat(f"{relation}__kind", Value(":"), f"{relation}__country", output_field=text)
            if facet.key == "office"
            else Value(None, output_field=text)
        )
        arms.append(
            filtered_entries(state.without_facet(facet.key), base=base)
            .filter(**{f"{facet.path}__isnull": False})
            .order_by()
            .annotate(
                facet_key=Value(facet.key, output_field=text),
                facet_value=Cast(facet.path, text),
                facet_label=Cast(facet.label_path, text) if facet.label_path else Value(None, text),
                taxonomy_key=Cast(key_path, text) if key_path else Value(None, text),
                facet_detail=detail,
            )
            .values(*FACET_ROW)
            .annotate(n=Count("pk", distinct=True))
        )
    return total.union(*arms, all=True)
