"""The database engine on PostgreSQL: a narrow row of tsvectors per entry, queried in SQL.

Each entry has a row in ``search_entryindex`` (search.models.EntryIndex; empty on SQLite,
where Wagtail's FTS5 index serves site search):

- ``search_vector``: the title (weight A), the body and the terms (weight D) in the text
  search configuration of the entry's language (SearchEntry.search_config), Chinese
  words separated (search.segmentation);
- ``title_words``: the title alone in the "simple" configuration, unstemmed, for
  suggestions (the start of a word must find it);
- copies of the entry's audience, kind, category, year and date, and its offices' ids
  and languages' codes as arrays (``office_ids``, ``languages``: PostgreSQL-only
  columns, added by the migration), to filter and count by.

Both tsvectors have GIN indexes. The search backend (search.backends) writes the row
whenever Wagtail indexes an entry, one statement per batch, instead of rows of Wagtail's
own index table. The row is narrow (no text), so a word found in half the entries is
counted and ranked without reading their text; nothing is computed from text at query
time. A search runs two statements: the total with every facet count, in one pass over
the matching rows, and the page (ranked; only its 20 rows' text is read, for excerpts).
"""

from django.db import connection
from django.utils.safestring import SafeString

from modelsearch.query import And, Not, Or, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from portal.models import Language
from search.backends import QUERY_CONFIGS
from search.engine import FACETS, EngineResults, Hit, SearchRequest, Suggestion
from search.excerpts import highlight, query_terms
from search.models import Audience, EntryIndex, EntryReader, SearchEntry
from search.permissions import SearchScope
from search.segmentation import segment_for_index, segment_query

# ts_rank's weights for D, C, B, A: a word in the title counts about 30 times one in the
# body or terms, as Wagtail's boost of 3 did.
RANK_WEIGHTS = "{0.033, 0.2, 0.4, 1.0}"
# Excerpts are cut from this much of the body at most (about 1,500 words).
EXCERPT_SOURCE_CHARS = 10_000

ENTRIES = SearchEntry._meta.db_table
READERS = EntryReader._meta.db_table
ENTRY_OFFICES = SearchEntry.offices.through._meta.db_table
ENTRY_LANGUAGES = SearchEntry.languages.through._meta.db_table
LANGUAGES = Language._meta.db_table

INDEX = EntryIndex._meta.db_table

# Only table names and constants are interpolated into SQL below; values are parameters.
WRITE_INDEX_SQL = f"""
    INSERT INTO {INDEX}
        (entry_id, search_vector, title_words, audience, kind, category_id, year, date,
         office_ids, languages)
    SELECT e.id,
        setweight(to_tsvector(v.config::regconfig, v.title), 'A')
            || setweight(to_tsvector(v.config::regconfig, v.body), 'D')
            || setweight(to_tsvector(v.config::regconfig, v.terms), 'D'),
        to_tsvector('simple', v.title),
        e.audience, e.kind, e.category_id, e.year, e.date,
        ARRAY(SELECT o.officepage_id FROM {ENTRY_OFFICES} o WHERE o.searchentry_id = e.id),
        ARRAY(SELECT l.code FROM {ENTRY_LANGUAGES} t JOIN {LANGUAGES} l ON l.id = t.language_id
              WHERE t.searchentry_id = e.id)
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
        AS v(id, config, title, body, terms)
    JOIN {ENTRIES} e ON e.id = v.id
    ON CONFLICT (entry_id) DO UPDATE SET
        search_vector = EXCLUDED.search_vector, title_words = EXCLUDED.title_words,
        audience = EXCLUDED.audience, kind = EXCLUDED.kind,
        category_id = EXCLUDED.category_id, year = EXCLUDED.year, date = EXCLUDED.date,
        office_ids = EXCLUDED.office_ids, languages = EXCLUDED.languages
"""  # noqa: S608


def write_index(entries) -> None:
    """Write the index rows of these saved entries (a batch in one statement)."""
    rows = [
        (
            entry.pk,
            entry.search_config,
            segment_for_index(entry.title),
            segment_for_index(entry.body),
            segment_for_index(entry.terms),
        )
        for entry in entries
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.execute(WRITE_INDEX_SQL, [list(column) for column in zip(*rows, strict=True)])


# --- From what a reader types to a tsquery --------------------------------------------

# Per word: whether it is a stop word in one of QUERY_CONFIGS, and its tsqueries in each
# (deduplicated: "classification" is 'classif' in three languages). The dictionaries never
# change while the site runs, so each word is asked about once per process.
_words: dict[str, tuple[bool, tuple[str, ...]]] = {}
WORD_CACHE_SIZE = 50_000


def _quoted(word: str) -> str:
    """A word as one quoted lexeme of tsquery text (quotes and backslashes doubled)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _learn(words: list[str]) -> None:
    unknown = sorted({word for word in words if word not in _words})
    if not unknown:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, bool_or(numnode(plainto_tsquery(config, word)) = 0),"
            " array_agg(DISTINCT to_tsquery(config, quoted)::text)"
            " FROM unnest(%s::text[], %s::text[]) AS w(word, quoted),"
            " unnest(%s::regconfig[]) AS config GROUP BY word",
            [unknown, [_quoted(word) for word in unknown], QUERY_CONFIGS],
        )
        if len(_words) > WORD_CACHE_SIZE:
            _words.clear()
        for word, stop, queries in cursor.fetchall():
            _words[word] = (stop, tuple(sorted(query for query in queries if query)))


def _any_of(queries) -> str | None:
    queries = [f"( {query} )" for query in queries if query]
    return " | ".join(queries) if queries else None


def _all_of(queries) -> str | None:
    queries = [f"( {query} )" for query in queries if query]
    return " & ".join(queries) if queries else None


def _plain(text: str) -> str | None:
    """Every word required, each in any language; words that are stop words in one of the
    languages are dropped (otherwise "on", kept by the French stemmer, would be required
    of English text), unless every word is one."""
    words = list(dict.fromkeys(word for word in text.replace("-", " ").split() if word))
    _learn(words)
    kept = [word for word in words if not _words[word][0]] or words
    return _all_of(_any_of(_words[word][1]) for word in kept)


def _phrase(text: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(DISTINCT phraseto_tsquery(config, %s)::text)"
            " FROM unnest(%s::regconfig[]) AS config",
            [text, QUERY_CONFIGS],
        )
        return _any_of(sorted(cursor.fetchone()[0]))


def _compile(query) -> str | None:
    if isinstance(query, PlainText):
        return _plain(query.query_string)
    if isinstance(query, Phrase):
        return _phrase(query.query_string)
    if isinstance(query, And):
        parts = [_compile(part) for part in query.subqueries]
        return None if None in parts else _all_of(parts)
    if isinstance(query, Or):
        return _any_of(_compile(part) for part in query.subqueries)
    if isinstance(query, Not):
        return None  # Only "nothing to look for" (a query with no words) comes as Not.
    return None


def tsquery(query: str) -> str | None:
    """The reader's query as tsquery text, or None when it can match nothing."""
    _filters, parsed = parse_query_string(segment_query(query), operator="and")
    return _compile(parsed)


# --- Who may read, and what the reader chose ------------------------------------------


def _visible(scope: SearchScope) -> tuple[str, list]:
    if not scope.readers:
        return "e.audience = %s", [Audience.PUBLIC]
    return (
        f"(e.audience = %s OR (e.audience = %s AND EXISTS (SELECT 1 FROM {READERS} r"  # noqa: S608
        " WHERE r.entry_id = e.entry_id AND r.key = ANY(%s))))",
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

PAGE_SQL = """
    SELECT s.id, s.kind, s.title, s.url, s.context, s.date, left(s.body, %s)
    FROM (
        SELECT e.entry_id, {rank} AS rank FROM {index} e
        WHERE e.search_vector @@ %s::tsquery AND {visible} AND {chosen}
        ORDER BY {order} LIMIT %s OFFSET %s
    ) AS top
    JOIN {entries} s ON s.id = top.entry_id
    ORDER BY {order_top}
"""
RANK = "ts_rank(%s, e.search_vector, %s::tsquery)"
BY_RELEVANCE = "rank DESC, e.entry_id DESC"
BY_DATE = "e.date DESC, e.entry_id DESC"


def _page(request: SearchRequest, query: str) -> list[Hit]:
    visible, visible_params = _visible(request.scope)
    chosen, chosen_params = _chosen(request.filters)
    by_date = request.sort == "date"
    sql = PAGE_SQL.format(
        index=INDEX,
        entries=ENTRIES,
        rank="NULL" if by_date else RANK,
        visible=visible,
        chosen=chosen,
        order=BY_DATE if by_date else BY_RELEVANCE,
        order_top="s.date DESC, s.id DESC" if by_date else "top.rank DESC, s.id DESC",
    )
    params = [EXCERPT_SOURCE_CHARS]
    if not by_date:
        params += [RANK_WEIGHTS, query]
    params += [query, *visible_params, *chosen_params, request.per_page, request.offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
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
        for _id, kind, title, url, context, date, body in rows
    ]


# Each facet counted over the matching rows that meet the other facets' choices ("{others}").
FACET_COUNT_SQL = {
    "kind": "SELECT 'kind', kind, COUNT(*) FROM matched WHERE {others} GROUP BY kind",
    "category": "SELECT 'category', category_id::text, COUNT(*) FROM matched"
    " WHERE category_id IS NOT NULL AND {others} GROUP BY category_id",
    "year": "SELECT 'year', year::text, COUNT(*) FROM matched"
    " WHERE year IS NOT NULL AND {others} GROUP BY year",
    "office": "SELECT 'office', office::text, COUNT(*) FROM matched, unnest(office_ids) AS office"
    " WHERE {others} GROUP BY office",
    "language": "SELECT 'language', language, COUNT(*) FROM matched,"
    " unnest(languages) AS language WHERE {others} GROUP BY language",
}


def _counts(request: SearchRequest, query: str) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet's counts in one statement: the matching rows are read
    once (a materialised CTE), with a flag per chosen filter, and each count keeps the
    rows that meet the other choices."""
    visible, visible_params = _visible(request.scope)
    names = list(request.filters)
    flags = "".join(f", {FILTER_SQL[name]} AS chose_{name}" for name in names)
    flag_params = [_filter_value(name, request.filters[name]) for name in names]

    def others(excluded: str | None) -> str:
        return " AND ".join(["TRUE", *(f"chose_{name}" for name in names if name != excluded)])

    selects = [f"SELECT 'total', NULL, COUNT(*) FROM matched WHERE {others(None)}"]  # noqa: S608
    selects += [FACET_COUNT_SQL[name].format(others=others(name)) for name in FACETS]
    sql = (
        "WITH matched AS MATERIALIZED ("  # noqa: S608 - constants only
        " SELECT e.entry_id, e.kind, e.category_id, e.year, e.office_ids, e.languages"
        f"{flags} FROM {INDEX} e"
        f" WHERE e.search_vector @@ %s::tsquery AND {visible}) " + " UNION ALL ".join(selects)
    )
    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*flag_params, query, *visible_params])
        for facet, value, count in cursor.fetchall():
            if facet == "total":
                total = count
            else:
                counts[facet][str(value)] = count
    return total, counts


def search(request: SearchRequest) -> EngineResults:
    query = tsquery(request.query)
    if query is None:
        return EngineResults(total=0, hits=[], facet_counts={name: {} for name in FACETS})
    total, counts = _counts(request, query)
    hits = _page(request, query) if total > request.offset else []
    return EngineResults(total=total, hits=hits, facet_counts=counts)


SUGGEST_SQL = """
    SELECT s.kind, s.title, s.url FROM (
        SELECT e.entry_id, ts_rank(e.title_words, to_tsquery('simple', %s)) AS rank
        FROM {index} e
        WHERE e.title_words @@ to_tsquery('simple', %s) AND {visible}
        ORDER BY rank DESC, e.entry_id DESC LIMIT %s
    ) AS top
    JOIN {entries} s ON s.id = top.entry_id
    ORDER BY top.rank DESC, s.id DESC
"""


def suggest(text: str, *, scope: SearchScope, limit: int) -> list[Suggestion]:
    """Titles with every word typed, the last one as the start of a word."""
    words = [word for word in segment_query(text).replace("-", " ").split() if word]
    if not words:
        return []
    query = " & ".join([*map(_quoted, words[:-1]), _quoted(words[-1]) + ":*"])
    visible, visible_params = _visible(scope)
    with connection.cursor() as cursor:
        cursor.execute(
            SUGGEST_SQL.format(index=INDEX, entries=ENTRIES, visible=visible),
            [query, query, *visible_params, limit],
        )
        return [Suggestion(kind=kind, title=title, url=url) for kind, title, url in cursor]
