"""The database engine on PostgreSQL: a narrow row of tsvectors per entry, queried in SQL.

Each entry has a row in ``search_entryindex`` (search.models.EntryIndex; empty on SQLite,
where Wagtail's FTS5 index serves site search):

- ``search_vector``: the title (weight A), the body and the terms (weight D) in the text
  search configuration of the entry's language (SearchEntry.search_config), Chinese
  words separated (search.segmentation);
- ``title_words``: the title alone in the "simple" configuration, unstemmed, for
  suggestions (the start of a word must find it);
- copies of the entry's audience, kind, category, year and date, and its offices' ids,
  languages' codes and reader keys as arrays (``office_ids``, ``languages``,
  ``readers``: PostgreSQL-only columns, added by migrations 0004 and 0006), to filter
  and count by.

Both tsvectors have GIN indexes; so has each entry's word pairs (search.EntryWordPairs),
for phrases. The search backend (search.backends) writes the rows whenever Wagtail
indexes an entry (search.postgres_index, two statements per batch), instead of rows of
Wagtail's own index table. The row is narrow (no text); nothing is computed from text
at query time. A search runs one statement for the total, every facet count and the
page's ids, reading at most the newest RESULT_CAP + 1 matches per set of choices (more
are announced as "more than 1,000", docs/search.md), and one for the page's 20 entries
and excerpts.
"""

import json

from django.db import connection
from django.utils.safestring import SafeString

from search.engine import FACETS, EngineResults, Hit, SearchRequest
from search.excerpts import highlight, query_terms
from search.models import Audience, EntryIndex, EntryWordPairs, SearchEntry
from search.permissions import SearchScope
from search.tsquery import pairs_tsquery, tsquery

# ts_rank's weights for D, C, B, A: a word in the title counts about 30 times one in the
# body or terms, as Wagtail's boost of 3 did.
RANK_WEIGHTS = "{0.033, 0.2, 0.4, 1.0}"
# Excerpts are cut from this much of the body at most (about 1,500 words).
EXCERPT_SOURCE_CHARS = 10_000

ENTRIES = SearchEntry._meta.db_table

INDEX = EntryIndex._meta.db_table
PAIRS = EntryWordPairs._meta.db_table

# --- Who may read, and what the reader chose ------------------------------------------


def _visible(scope: SearchScope) -> tuple[str, list]:
    if not scope.readers:
        return "e.audience = %s", [Audience.PUBLIC]
    # The entry's reader keys, copied into its index row: no join, no subquery.
    return (
        "(e.audience = %s OR (e.audience = %s AND e.readers && %s::text[]))",
        [Audience.PUBLIC, Audience.RESTRICTED, sorted(scope.readers)],
    )


FILTER_SQL = {
    "kind": "e.kind = %s",
    "category": "e.category_id = %s",
    "year": "e.year = %s",
    "office": "%s = ANY(e.office_ids)",
    "language": "%s = ANY(e.languages)",
}


def _filter_value(name: str, value: str):
    return value if name in ("kind", "language") else int(value)


def _chosen(filters: dict[str, str]) -> tuple[str, list]:
    sql = ["TRUE"]
    params = []
    for name, value in filters.items():
        sql.append(FILTER_SQL[name])
        params.append(_filter_value(name, value))
    return " AND ".join(sql), params


# --- Searching ------------------------------------------------------------------------

# More matches than this are neither all counted nor all ranked: the total says "more
# than 1,000", the facets count the RESULT_CAP most recent matches, and the page is
# ranked among those and up to TITLE_CANDIDATES with the words in their title
# (docs/search.md). It is also as far as the pages go (query.MAX_PAGE pages of 20).
RESULT_CAP = 1_000
RANK = "ts_rank(%s, e.search_vector, %s::tsquery)"
# Newest first, entries without a date last: the order of the index search_entryindex_recent.
RECENT = "date DESC NULLS LAST, entry_id DESC"
# The title's lexemes, the only ones weighted A (an expression GIN index, migration 0006).
TITLE_VECTOR = "ts_filter(e.search_vector, '{a}')"


def _where(
    request: SearchRequest, query: str, *, vector="e.search_vector", filters=None, pairs=True
):
    """Matching ``query`` (in ``vector``), readable by the reader, and meeting the choices
    (``filters``, the request's by default); holding the word pairs of its phrases, if any
    (the entries holding them found first, through their own GIN index)."""
    visible, visible_params = _visible(request.scope)
    chosen, chosen_params = _chosen(request.filters if filters is None else filters)
    pairs = pairs_tsquery(request.query) if pairs else None
    if pairs is None:
        sql = f"{vector} @@ %s::tsquery AND {visible} AND {chosen}"
        return sql, [query, *visible_params, *chosen_params]
    # ts_match_vq is @@ written so that no index can answer it: the planner would rather
    # recheck the positions of every entry holding all the words than look up the few
    # holding the pairs, as it costs a match like an integer comparison.
    sql = (
        f"e.entry_id IN (SELECT p.entry_id FROM {PAIRS} p WHERE p.pairs @@ %s::tsquery)"  # noqa: S608
        f" AND ts_match_vq({vector}, %s::tsquery) AND {visible} AND {chosen}"
    )
    return sql, [pairs, query, *visible_params, *chosen_params]


def _count_groups(filters: dict[str, str]) -> list[tuple[dict[str, str], list[str]]]:
    """The sets of choices to count under, each with the facets counted under it: every
    choice (the total, and the facets not chosen), then each chosen facet under the
    other choices."""
    groups = [(filters, [name for name in FACETS if name not in filters])]
    for name in filters:
        groups.append(({other: v for other, v in filters.items() if other != name}, [name]))
    return groups


# Each facet counted over a set of matches ("{rows}": those meeting the other choices).
FACET_COUNT_SQL = {
    "kind": "SELECT 'kind', kind, COUNT(*) FROM {rows} GROUP BY kind",
    "category": "SELECT 'category', category_id::text, COUNT(*) FROM {rows}"
    " WHERE category_id IS NOT NULL GROUP BY category_id",
    "year": "SELECT 'year', year::text, COUNT(*) FROM {rows} WHERE year IS NOT NULL GROUP BY year",
    "office": "SELECT 'office', office::text, COUNT(*)"
    " FROM (SELECT unnest(office_ids) AS office FROM {rows}) AS o GROUP BY office",
    "language": "SELECT 'language', language, COUNT(*)"
    " FROM (SELECT unnest(languages) AS language FROM {rows}) AS l GROUP BY language",
}
# A set of matches is read newest first through the dates' index when it is large (the
# first RESULT_CAP + 1 come soon), through the GIN index and then sorted when it is not
# (walking the dates would pass over most entries). PostgreSQL's planner cannot tell,
# as it costs a tsvector match like an integer comparison: the planner's estimate of the
# matches (one EXPLAIN) chooses, and sequential scans are ruled out.
FEW_MATCHES = 5_000
# A set with a kind, year or category chosen is walked newest first through that facet's
# index (facet, date, id; migration 0008) once more than RESULT_CAP are expected: its
# rows are the facet value's, of which the matches are a good share, not the whole
# index's (the planner still reads a sparse set whole, through the GIN index, and sorts).
DATED_FACETS = {"kind", "year", "category"}
MATCH_COLUMNS = "e.entry_id, e.date, {rank} AS rank, e.kind, e.category_id, e.year, e.office_ids"
# Only constants are interpolated into these; values are parameters.
RECENT_MATCHES_SQL = (
    f"{{name}} AS MATERIALIZED (SELECT {MATCH_COLUMNS}, e.languages FROM {INDEX} e"  # noqa: S608
    f" WHERE {{where}} ORDER BY {RECENT} LIMIT %s)"
)
# Every match read through the GIN index ({name}_all, no rank yet: of a few thousand,
# only the newest RESULT_CAP + 1 are ranked), or, for every choice when a chosen facet's
# set was read so ({source}), that set narrowed by the facet.
ALL_MATCHES_SQL = (
    "{name}_all AS MATERIALIZED (SELECT e.entry_id, e.date, e.kind, e.category_id, e.year,"  # noqa: S608
    f" e.office_ids, e.languages FROM {INDEX} e WHERE {{where}})"
)
NARROWED_MATCHES_SQL = "{name}_all AS MATERIALIZED (SELECT * FROM {source}_all e WHERE {where})"
NEWEST_OF_ALL_SQL = (
    "{name} AS MATERIALIZED (SELECT c.entry_id, c.date, {rank} AS rank, c.kind,"  # noqa: S608
    " c.category_id, c.year, c.office_ids, c.languages FROM (SELECT * FROM {name}_all"
    f" ORDER BY {RECENT} LIMIT %s) AS c{{join}} ORDER BY c.date DESC NULLS LAST,"
    " c.entry_id DESC)"
)
# The rank needs the tsvector, which {name}_all does not carry.
RANK_JOIN = f" JOIN {INDEX} e ON e.entry_id = c.entry_id"


def _estimate(where: str, params: list) -> int:
    """The planner's estimate of the rows matching ``where``."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {INDEX} e WHERE {where}", params)  # noqa: S608
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


# When the newest RESULT_CAP + 1 matches are not all of them (and only then), the page
# is ranked among those and up to TITLE_CANDIDATES more with the words in their title:
# the first found through the title's GIN index (not the newest: sorting them all would
# read every title match), so that an older entry about the word can still come first.
TITLE_CANDIDATES = 200
TITLED_SQL = (
    f"titled AS MATERIALIZED (SELECT e.entry_id, e.date, {{rank}} AS rank FROM {INDEX} e"  # noqa: S608
    " WHERE {where} AND (SELECT COUNT(*) FROM m0) > %s LIMIT %s)"
)
# Newest first, the page is the newest matches': m0's rows, in order.
PAGE_SQL = "page AS (SELECT entry_id, rank, date FROM {rows} ORDER BY {order} LIMIT %s OFFSET %s)"
HIT_SQL = "SELECT 'hit', entry_id::text, row_number() OVER (ORDER BY {order}) FROM page"


def _newest_of_all(number: int, *, rank: str | None, by_date: bool) -> str:
    """The newest RESULT_CAP + 1 of group ``number``'s matches read whole, ranked when
    ``rank`` is given (the tsvector then read again, by id, for those only)."""
    join = RANK_JOIN if rank is not None and not by_date else ""
    return NEWEST_OF_ALL_SQL.format(name=f"m{number}", rank=rank or "NULL", join=join)


# m0 when a chosen facet's set was walked newest first (m{source}, its newest RESULT_CAP +
# 1 matches): that set narrowed by the facet when it holds all its matches (no second
# read), else m0's own walk; the one-time filters run only one of the two.
WALKED_SOURCE_SQL = (
    "m0n_all AS MATERIALIZED (SELECT * FROM m{source} e WHERE {where}"  # noqa: S608
    " AND (SELECT COUNT(*) FROM m{source}) <= {cap})"
)
EITHER_SQL = "m0 AS MATERIALIZED (SELECT * FROM m0n UNION ALL SELECT * FROM m0w)"


def _m0_after_walk(
    request: SearchRequest, source: int, where: str, where_params: list, rank: tuple
) -> tuple[list[str], list]:
    """m0's CTEs and parameters when the chosen facet's set ``source`` was walked."""
    name = _count_groups(request.filters)[source][1][0]  # the facet its group leaves out
    (rank_sql, rank_params), by_date = rank, request.sort == "date"
    ctes = [
        WALKED_SOURCE_SQL.format(source=source, where=FILTER_SQL[name], cap=RESULT_CAP),
        NEWEST_OF_ALL_SQL.format(name="m0n", rank=rank_sql, join="" if by_date else RANK_JOIN),
        RECENT_MATCHES_SQL.format(
            name="m0w",
            rank=rank_sql,
            where=f"{where} AND (SELECT COUNT(*) FROM m{source}) > {RESULT_CAP}",  # noqa: S608
        ),
        EITHER_SQL,
    ]
    params = [
        _filter_value(name, request.filters[name]),
        *rank_params,
        RESULT_CAP + 1,
        *rank_params,
        *where_params,
        RESULT_CAP + 1,
    ]
    return ctes, params


def _statement(request: SearchRequest, query: str) -> tuple[str, list]:
    """One statement for the total (at most RESULT_CAP + 1), every facet's counts and the
    page's entry ids. Each set of choices reads its newest RESULT_CAP + 1 matches once (a
    materialised CTE, m0 for every choice); facets count the first RESULT_CAP of them."""
    by_date = request.sort == "date"
    rank, rank_params = ("NULL::real", []) if by_date else (RANK, [RANK_WEIGHTS, query])
    ctes, params, selects = [], [], ["SELECT 'total', NULL, COUNT(*) FROM m0"]
    has_pairs = pairs_tsquery(request.query) is not None
    read_whole = None  # A chosen facet's group whose matches are all read.
    walked = None  # (estimate, group) of the chosen facet's group walked expecting fewest.
    groups = list(enumerate(_count_groups(request.filters)))
    for number, (filters, names) in [*groups[1:], groups[0]]:  # m0 last: it may narrow one.
        ranked = number == 0
        if ranked and read_whole is not None:
            name = groups[read_whole][1][1][0]  # the facet its group leaves out
            narrowing, value = FILTER_SQL[name], _filter_value(name, request.filters[name])
            ctes.append(
                NARROWED_MATCHES_SQL.format(name="m0", source=f"m{read_whole}", where=narrowing)
            )
            params.append(value)
            few = True
        else:
            where, where_params = _where(request, query, filters=filters)
            # A phrase's matches are few: those holding its word pairs are read, no more.
            few_matches = RESULT_CAP if DATED_FACETS & filters.keys() else FEW_MATCHES
            estimate = 0 if has_pairs else _estimate(where, where_params)
            few = has_pairs or estimate <= few_matches
            if ranked and not few and walked is not None:
                walk_ctes, walk_params = _m0_after_walk(
                    request, walked[1], where, where_params, (rank, rank_params)
                )
                ctes += walk_ctes
                params += walk_params
            elif few:
                ctes.append(ALL_MATCHES_SQL.format(name=f"m{number}", where=where))
                params += where_params
                read_whole = number if read_whole is None and not ranked else read_whole
            else:
                ctes.append(
                    RECENT_MATCHES_SQL.format(
                        name=f"m{number}", rank=rank if ranked else "NULL", where=where
                    )
                )
                params += [*(rank_params if ranked else []), *where_params, RESULT_CAP + 1]
                walked = min(walked or (estimate, number), (estimate, number))
        if few:
            ctes.append(_newest_of_all(number, rank=rank if ranked else None, by_date=by_date))
            params += [*(rank_params if ranked else []), RESULT_CAP + 1]
        rows = f"(SELECT * FROM m{number} LIMIT {RESULT_CAP}) AS m"  # noqa: S608
        selects += [FACET_COUNT_SQL[name].format(rows=rows) for name in names]
        if number:  # A chosen facet's: whether its counts stopped (search() lists it).
            selects.append(f"SELECT 'capped', '{names[0]}', COUNT(*) FROM m{number}")  # noqa: S608
    page_ctes, page_params, order = _page(request, query, (rank, rank_params))
    selects.append(HIT_SQL.format(order=order))
    sql = "WITH " + ", ".join([*ctes, *page_ctes]) + " " + " UNION ALL ".join(selects)
    return sql, [*params, *page_params]


def _page(request: SearchRequest, query: str, rank: tuple) -> tuple[list[str], list, str]:
    """The page's CTEs (after m0's), their parameters, and the page's order."""
    (rank_sql, rank_params), ctes, params = rank, [], []
    order, rows = RECENT, "m0"
    if request.sort != "date":
        titled, titled_params = _where(request, query, vector=TITLE_VECTOR, pairs=False)
        ctes.append(TITLED_SQL.format(rank=rank_sql, where=titled))
        params += [*rank_params, *titled_params, RESULT_CAP, TITLE_CANDIDATES]
        order = "rank DESC, entry_id DESC"
        rows = (
            "(SELECT entry_id, rank, date FROM m0 UNION SELECT entry_id, rank, date FROM titled) c"
        )
    ctes.append(PAGE_SQL.format(rows=rows, order=order))
    params += [request.per_page, request.offset]
    return ctes, params, order


# Settings for one statement (SET LOCAL), reset after it.
PLANNER_SETTINGS = {
    "enable_seqscan": "off",
    "max_parallel_workers_per_gather": "0",
    "random_page_cost": "1.1",
}


def _execute_planned(cursor, sql: str, params: list) -> None:
    """Run ``sql`` with neither sequential scans nor parallel workers, in one round trip
    and one transaction (an implicit one in autocommit), ready to fetch its rows. The
    planner would rather read the whole table than trust a GIN index for a few thousand
    matches, as it costs a tsvector match like an integer comparison; a worker process
    costs more to start than these statements take; and the narrow index table is read
    from memory, where a page out of order costs about what the next one does (else the
    planner sorts a facet's matches rather than walk its index in date order)."""
    settings = " ".join(f"SET LOCAL {name} = {value};" for name, value in PLANNER_SETTINGS.items())
    resets = "".join(f"; RESET {name}" for name in PLANNER_SETTINGS)
    cursor.execute(f"{settings} {sql}{resets}", params)
    for _setting in PLANNER_SETTINGS:  # past the SETs
        cursor.nextset()


HITS_SQL = (
    f"SELECT id, kind, title, url, context, date, left(body, %s) FROM {ENTRIES}"  # noqa: S608
    " WHERE id = ANY(%s)"
)


def _hits(request: SearchRequest, ids: list[int]) -> list[Hit]:
    """The page's entries, in the order given, with their excerpts."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(HITS_SQL, [EXCERPT_SOURCE_CHARS, ids])
        rows = {row[0]: row for row in cursor.fetchall()}
    terms = query_terms(request.query)
    return [
        Hit(
            kind=kind,
            title=title or context,
            url=url,
            excerpt=highlight(body, terms) if body else SafeString(""),
            context=context if title else "",
            date=date,
        )
        for _id, kind, title, url, context, date, body in (rows[i] for i in ids if i in rows)
    ]


def search(request: SearchRequest) -> EngineResults:
    query = tsquery(request.query)
    if query is None:
        return EngineResults(total=0, hits=[], facet_counts={name: {} for name in FACETS})
    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    page: list[tuple[int, int]] = []
    sql, params = _statement(request, query)
    stopped = []
    with connection.cursor() as cursor:
        _execute_planned(cursor, sql, params)
        for facet, value, count in cursor.fetchall():
            if facet == "total":
                total = count
            elif facet == "hit":
                page.append((count, int(value)))
            elif facet == "capped":
                stopped += [value] if count > RESULT_CAP else []
            else:
                counts[facet][str(value)] = count
    for name in stopped:
        # The newest matches counted may not hold the value chosen: it is listed all the
        # same, with what choosing it returns, so that it can be seen and cleared.
        counts[name].setdefault(request.filters[name], min(total, RESULT_CAP))
    hits = _hits(request, [entry_id for _position, entry_id in sorted(page)])
    return EngineResults(
        total=min(total, RESULT_CAP), hits=hits, facet_counts=counts, capped=total > RESULT_CAP
    )
