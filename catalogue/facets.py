"""The listing's facet counts: every facet's values with how many entries each would
show, and the listing's total, in one query (see facet_query)."""

from dataclasses import dataclass

from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Cast, Concat

from catalogue.selectors import FACETS, FacetSpec, ListingState, filtered_entries, listed_entries
from network.models import OfficePage
from portal.localised_names import localised_label


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
    rows = list(facet_query(state))
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


def facet_query(state: ListingState) -> QuerySet:
    """One row per facet value: its facet, value, label, the taxonomy row's translation
    key, a detail (an office's kind and country) and its count; and a row of facet ""
    with the listing's total. Each facet counts over every filter but its own."""
    text = CharField()
    base = listed_entries()
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
