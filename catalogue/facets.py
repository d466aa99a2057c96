"""The listing's facet counts: every facet's values with how many entries each would
show, and the listing's total, in one query (see _facet_sql)."""

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, CharField, ExpressionWrapper, F, QuerySet, Value
from django.db.models.functions import Cast, Concat

from catalogue.facet_summary import summary_keep, summary_read
from catalogue.models import CatalogueEntryPage
from catalogue.selectors import (
    FACETS,
    FACETS_BY_KEY,
    FacetSpec,
    ListingState,
    Sort,
    facet_condition,
    filtered_entries,
    with_adoption_count,
)
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


@dataclass
class Counted:
    """What one query finds for a listing: its total, its facets, and the entries of the
    page asked for, in order."""

    total: int
    facets: list[Facet]
    page_ids: list[int]
    page_number: int = 1


def facet_counts(state: ListingState, *, offset: int = 0, limit: int = 0) -> Counted:
    """How many entries the listing shows, each facet's values with their counts, and the
    keys of ``limit`` entries from ``offset`` in the state's order (or the last ``limit``
    page's, past the end), in one query (see _facet_sql)."""
    rows = facet_rows(state, offset=offset, limit=limit)
    total = sum(row["n"] for row in rows if row["facet_key"] == "")
    by_facet: dict[str, list[dict]] = {}
    for row in rows:
        by_facet.setdefault(row["facet_key"], []).append(row)
    page = sorted(by_facet.get(PAGE, []), key=lambda row: row["n"])
    return Counted(
        total,
        [_facet(facet, state, by_facet.get(facet.key, [])) for facet in FACETS],
        [int(row["facet_value"]) for row in page],
        # The page's number, from the first entry's place.
        (page[0]["n"] - 1) // limit + 1 if page else 1,
    )


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


def facet_rows(state: ListingState, *, offset: int = 0, limit: int = 0) -> list[dict]:
    """The counts' rows (see _facet_sql), read afresh each time from SQL written once per
    listing state; with nothing chosen, the counts kept in step with publishing
    (catalogue.facet_summary) in place of counting.

    Django takes longer to write the query than PostgreSQL takes to run it: its SQL
    depends only on the state and the reader's language, so each process keeps the SQL of
    the last few hundred states it was asked.
    """
    key = (
        content_language(),
        state.query,
        tuple(sorted((facet, tuple(values)) for facet, values in state.selected.items())),
        state.sort,
    )
    generation = kept = None
    if not state.query and not state.selected:
        generation, kept = summary_read(key[0])
    sql, params = _facet_sql(connection.alias, key, counting=kept is None)
    with connection.cursor() as cursor:
        size = max(limit, 1)
        cursor.execute(sql, (*params, limit, offset, offset, size, size))
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if kept is not None:
        return [dict(zip(COUNT_ROW, row, strict=True)) for row in kept] + rows
    if generation is not None:  # nothing chosen
        counts = [row for row in rows if row["facet_key"] not in ("", PAGE)]
        summary_keep(key[0], generation, [[row[name] for name in COUNT_ROW] for row in counts])
    return rows


# A count's row as the summary keeps it.
COUNT_ROW = (*FACET_ROW, "n")


@lru_cache(maxsize=256)
def _facet_sql(alias: str, key: tuple, *, counting: bool = True) -> tuple[str, tuple]:
    """One row per facet value (its facet, value, label, the taxonomy row's translation
    key, a detail: an office's kind and country) with its count; a row of facet "" with
    the listing's total; and a row of facet PAGE per entry of the page asked for (its key
    as the value, its place in the listing as the count). Each facet counts over every
    filter but its own. The query's last parameters are the page's size and its offset
    (a page past the end gives the last page).

    The listed entries (published, public, not archived, one per translation set,
    matching the text box) are found once, each with a flag per chosen facet: does it have
    one of that facet's values? Every (entry, value) pair of every facet is read from the
    narrow table that holds it and looked up, once, in the set of entries its facet counts
    over: the entries shown for a facet not chosen, for a chosen one those every other
    chosen facet lets through. Labels are joined to the few counted values last, and the
    page is taken from the same listed entries. Before, each facet joined the listed
    entries again and the page's query found them once more, so the time grew with facets
    × entries (5,000 entries: 125 ms for the counts and 25 ms for the page, against 50).

    Not ``counting``: the total and the page only (the counts are kept, facet_summary).
    """
    _language, query, selected, sort = key
    chosen = {facet: list(values) for facet, values in selected}
    listed_sql, listed_params = _listed(query, chosen, sort).query.get_compiler(alias).as_sql()
    order = _order_by(sort)
    # Only compiled SQL and the facets' own keys are written in; values are parameters.
    # Written for SQLite as well: no parentheses around a UNION's queries, no column names
    # after a subquery's alias.
    head = (
        f"WITH listed AS MATERIALIZED ({listed_sql}), "  # noqa: S608
        f"shown AS (SELECT * FROM listed WHERE {_held(chosen)}), "
    )
    tail = (
        f"page AS (SELECT listed_id, row_number() OVER (ORDER BY {order}) AS place "  # noqa: S608
        f"FROM shown ORDER BY {order} "
        # Past the last page, the last page.
        "LIMIT %s OFFSET (SELECT CASE WHEN %s < count(*) THEN %s "
        "WHEN count(*) > 0 THEN (count(*) - 1) / %s * %s ELSE 0 END FROM shown)) "
    )
    total_and_page = (
        "SELECT '' AS facet_key, NULL AS facet_value, NULL AS facet_label, "  # noqa: S608
        "NULL AS taxonomy_key, NULL AS facet_detail, count(*) AS n FROM shown "
        f"UNION ALL SELECT '{PAGE}', CAST(listed_id AS text), NULL, NULL, NULL, place FROM page"
    )
    if not counting:
        return head + tail + total_and_page, tuple(listed_params)
    counts_sql, counts_params = _counts_sql(alias, chosen)
    sql = head + counts_sql + tail + _COUNT_ROWS + "UNION ALL " + total_and_page
    return sql, (*listed_params, *counts_params)


# The counts' rows, labelled (see _facet_sql).
_COUNT_ROWS = (
    "SELECT counts.facet_key, COALESCE(labels.facet_value, counts.value_id) AS facet_value, "
    "labels.facet_label, labels.taxonomy_key, labels.facet_detail, counts.n "
    "FROM counts LEFT JOIN labels "
    "ON labels.facet_key = counts.facet_key AND labels.value_id = counts.value_id "
)


def _counts_sql(alias: str, chosen: dict[str, list[str]]) -> tuple[str, tuple]:
    """The CTEs of the facets' pairs, their counts and the labels (see _facet_sql)."""
    pairs, counts, counts_params = _counted_pairs(alias, chosen)
    labels = _union([_labels(facet) for facet in FACETS if facet.label_path])
    labels_sql, labels_params = labels.query.get_compiler(alias).as_sql()
    sql = (
        f"{', '.join(pairs)}, "
        f"counts AS ({' UNION ALL '.join(counts)}), "
        f"labels (facet_key, value_id, {', '.join(FACET_ROW[1:])}) AS ({labels_sql}), "
    )
    return sql, (*counts_params, *labels_params)


def _held(facets) -> str:
    """Listed entries have a value of each of these chosen facets (SQL)."""
    return " AND ".join(f"m_{facet}" for facet in sorted(facets)) or "TRUE"


def _counted_pairs(alias: str, chosen: dict[str, list[str]]) -> tuple[list, list, list]:
    """The CTEs of the facets' (entry, value) pairs and the counts taken from them.

    The facets not chosen count the entries shown; a chosen one, the entries every other
    chosen facet lets through. Each of these sets is hashed once and its facets' pairs
    looked up in it."""
    arms = [([facet for facet in FACETS if facet.key not in chosen], chosen)]
    arms += [([FACETS_BY_KEY[key]], set(chosen) - {key}) for key in chosen]
    pairs, counts, params = [], [], []
    for facets, others in filter(lambda arm: arm[0], arms):
        union = _union([_pairs(facet) for facet in facets])
        pairs_sql, pairs_params = union.query.get_compiler(alias).as_sql()
        name = f"pairs_{len(pairs)}"
        pairs.append(f"{name} (facet_key, entry_id, value_id) AS ({pairs_sql})")
        counts.append(
            f"SELECT facet_key, value_id, count(*) AS n FROM {name} "  # noqa: S608
            f"WHERE entry_id IN (SELECT listed_id FROM listed WHERE {_held(others)}) "
            "GROUP BY facet_key, value_id"
        )
        params += pairs_params
    return pairs, counts, params


def _listed(query: str, chosen: dict[str, list[str]], sort: str) -> QuerySet:
    """The listed entries matching the text box: each one's key (listed_id), what the
    listing is sorted by (listed_<field>), and for each chosen facet whether the entry has
    one of its values (m_<facet>)."""
    listed = filtered_entries(ListingState(query=query))
    if sort == Sort.ADOPTED:
        listed = with_adoption_count(listed)
    sorted_by = _sort_fields(sort)
    flags = {
        f"m_{facet}": ExpressionWrapper(
            facet_condition(FACETS_BY_KEY[facet], values), output_field=BooleanField()
        )
        for facet, values in sorted(chosen.items())
    }
    return (
        listed.order_by()
        .annotate(listed_id=F("pk"), **{f"listed_{name}": F(name) for name in sorted_by}, **flags)
        .values("listed_id", *(f"listed_{name}" for name in sorted_by), *flags)
    )


def _union(querysets: list[QuerySet]) -> QuerySet:
    return querysets[0].union(*querysets[1:], all=True)


# The rows of the page's entries (see _facet_sql).
PAGE = "#page"


def _sort_fields(sort: str) -> list[str]:
    """The fields a listing is sorted by, besides the key."""
    return [name.lstrip("-") for name in Sort.ORDERING[sort] if name.lstrip("-") != "pk"]


def _order_by(sort: str) -> str:
    """The listing's order, over the listed entries' columns."""
    return ", ".join(
        f"{'listed_id' if name.lstrip('-') == 'pk' else 'listed_' + name.lstrip('-')}"
        f"{' DESC' if name.startswith('-') else ''}"
        for name in Sort.ORDERING[sort]
    )


TEXT = CharField()


def _pairs(facet: FacetSpec) -> QuerySet:
    """Every entry's values of one facet, (facet, entry, value), once each, read from the
    table that holds them: the entries' own for a column or a foreign key, the relation's
    for many values. A value is its choice, or its row's key (see _labels)."""
    head, _sep, rest = facet.path.partition("__")
    field = CatalogueEntryPage._meta.get_field(head)
    if not field.many_to_many:
        column = field.attname if field.is_relation else head
        rows, entry, value = CatalogueEntryPage.objects.all(), F("pk"), F(column)
    else:
        rows = field.remote_field.through.objects.all()
        entry = F(field.m2m_column_name())
        # A value further on (an entry's offices' region) is that relation's key.
        middle = rest.rpartition("__")[0]
        value = F(
            f"{field.m2m_reverse_field_name()}__{middle}" if middle else field.m2m_reverse_name()
        )
    pairs = (
        rows.order_by()
        .annotate(facet_key=Value(facet.key, TEXT), entry_ref=entry, value_ref=Cast(value, TEXT))
        .filter(value_ref__isnull=False)
        .values("facet_key", "entry_ref", "value_ref")
    )
    # A value reached through two relations can come more than once for one entry.
    return pairs.distinct() if rest.count("__") else pairs


def _labels(facet: FacetSpec) -> QuerySet:
    """A facet's values as the URL and the reader know them, by their row's key: (facet,
    key, value, label, the taxonomy row's translation key, a detail)."""
    relation, _sep, value_field = facet.path.rpartition("__")
    model = CatalogueEntryPage
    for part in relation.split("__"):
        model = model._meta.get_field(part).related_model
    label_field = facet.label_path.rpartition("__")[2]
    detail = (
        Concat("kind", Value(":"), "country", output_field=TEXT)
        if facet.key == "office"
        else Value(None, TEXT)
    )
    return (
        model.objects.order_by()
        .annotate(
            facet_key=Value(facet.key, TEXT),
            value_ref=Cast("pk", TEXT),
            facet_value=Cast(value_field, TEXT),
            facet_label=Cast(label_field, TEXT),
            taxonomy_key=Cast("translation_key", TEXT) if facet.taxonomy else Value(None, TEXT),
            facet_detail=detail,
        )
        .values("facet_key", "value_ref", *FACET_ROW[1:])
    )
