"""The database engine over search.SearchEntry.

On PostgreSQL, the entries' own weighted tsvector columns with GIN indexes and stemming
in each entry's language, queried in SQL (search.postgres). On SQLite (a laptop),
Wagtail's database search backend: FTS5. On both, Chinese words are separated by spaces
in the index and in queries (search.segmentation). Who may read what is a filter on the
entries, so results, counts and facets share it.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet

from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from portal.models import Language
from search import postgres, postgres_suggest
from search.engine import FACETS, EngineResults, Hit, SearchRequest, Suggestion
from search.excerpts import highlight, query_terms
from search.models import Audience, EntryReader, SearchEntry
from search.permissions import SearchScope
from search.segmentation import segment_query


def visible_entries(scope: SearchScope) -> QuerySet[SearchEntry]:
    visible = Q(audience=Audience.PUBLIC)
    if scope.readers:
        readable = EntryReader.objects.filter(key__in=sorted(scope.readers))
        visible |= Q(audience=Audience.RESTRICTED, id__in=readable.values("entry_id"))
    return SearchEntry.objects.filter(visible)


def _filtered(entries: QuerySet[SearchEntry], filters: dict[str, str]) -> QuerySet[SearchEntry]:
    for name, value in filters.items():
        if name == "kind":
            entries = entries.filter(kind=value)
        elif name == "category":
            entries = entries.filter(category=int(value))
        elif name == "year":
            entries = entries.filter(year=int(value))
        elif name == "office":
            tagged = SearchEntry.offices.through.objects.filter(officepage_id=int(value))
            entries = entries.filter(id__in=tagged.values("searchentry_id"))
        elif name == "language":
            tagged = SearchEntry.languages.through.objects.filter(language__code=value)
            entries = entries.filter(id__in=tagged.values("searchentry_id"))
    return entries


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self.backend = get_search_backend()

    def _search(self, query: str, entries: QuerySet[SearchEntry], *, by_relevance: bool = True):
        # Chinese words are separated as they were in the index (search.segmentation).
        _filters, parsed = parse_query_string(segment_query(query), operator="and")
        return self.backend.search(parsed, entries, order_by_relevance=by_relevance)

    def _matched(self, query: str, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
        """The entries matching ``query`` as a queryset, to count by facet in SQL."""
        results = self._search(query, entries)
        compiler = results.query_compiler
        return compiler.search(compiler.get_config(results.backend), None, None).order_by()

    def search(self, request: SearchRequest) -> EngineResults:
        if connection.vendor == "postgresql":
            return postgres.search(request)
        visible = visible_entries(request.scope)
        entries = _filtered(visible, request.filters)
        if request.sort == "date":
            results = self._search(
                request.query, entries.order_by("-date", "-id"), by_relevance=False
            )
        else:
            results = self._search(request.query, entries)
        total = results.count()
        page = list(results[request.offset : request.offset + request.per_page])
        terms = query_terms(request.query)
        hits = [
            Hit(
                kind=entry.kind,
                title=entry.heading,
                url=entry.url,
                excerpt=highlight(entry.body, terms) if entry.body else "",
                context=entry.context if entry.title else "",
                date=entry.date,
            )
            for entry in page
        ]
        # Facets that share the same other choices share one pass over the matches.
        groups: dict[frozenset, list[str]] = {}
        for name in FACETS:
            others = frozenset(
                (key, value) for key, value in request.filters.items() if key != name
            )
            groups.setdefault(others, []).append(name)
        facet_counts = {}
        for others, names in groups.items():
            matched = self._matched(request.query, _filtered(visible, dict(others)))
            facet_counts.update(count_by_facet(matched, names))
        return EngineResults(total=total, hits=hits, facet_counts=facet_counts)

    def suggest(self, text: str, *, scope: SearchScope, limit: int) -> list[Suggestion]:
        if connection.vendor == "postgresql":
            return postgres_suggest.suggest(text, scope=scope, limit=limit)
        entries = visible_entries(scope).exclude(title="")
        matches = self.backend.autocomplete(segment_query(text), entries)[:limit]
        return [Suggestion(kind=entry.kind, title=entry.title, url=entry.url) for entry in matches]

    # Wagtail's backend indexes an entry when it is saved and forgets it when it is deleted.

    def index_entries(self, entries) -> None:
        pass

    def delete_entries(self, keys) -> None:
        pass

    def rebuild(self, entries, *, total: int, progress) -> None:
        pass


ENTRIES = SearchEntry._meta.db_table
ENTRY_OFFICES = SearchEntry.offices.through._meta.db_table
ENTRY_LANGUAGES = SearchEntry.languages.through._meta.db_table
LANGUAGES = Language._meta.db_table
# How each facet is counted over the ids of the matching entries, "matched". Only table
# names are interpolated; values travel as parameters.
FACET_COUNT_SQL = {
    "kind": f"SELECT kind AS value, COUNT(*) AS n FROM {ENTRIES}"  # noqa: S608
    " WHERE id IN (SELECT id FROM matched) GROUP BY kind",
    "category": f"SELECT CAST(category_id AS TEXT) AS value, COUNT(*) AS n FROM {ENTRIES}"  # noqa: S608
    " WHERE id IN (SELECT id FROM matched) AND category_id IS NOT NULL GROUP BY category_id",
    "year": f"SELECT CAST(year AS TEXT) AS value, COUNT(*) AS n FROM {ENTRIES}"  # noqa: S608
    " WHERE id IN (SELECT id FROM matched) AND year IS NOT NULL GROUP BY year",
    "office": f"SELECT CAST(officepage_id AS TEXT) AS value, COUNT(*) AS n FROM {ENTRY_OFFICES}"  # noqa: S608
    " WHERE searchentry_id IN (SELECT id FROM matched) GROUP BY officepage_id",
    "language": f"SELECT l.code AS value, COUNT(*) AS n FROM {ENTRY_LANGUAGES} t"  # noqa: S608
    f" JOIN {LANGUAGES} l ON l.id = t.language_id"
    " WHERE t.searchentry_id IN (SELECT id FROM matched) GROUP BY l.code",
}


def count_by_facet(matched: QuerySet[SearchEntry], names: list[str]) -> dict[str, dict]:
    """Counts per value of each named facet in one statement, so the full-text match
    runs once (PostgreSQL materialises a CTE that is used several times)."""
    counts: dict[str, dict] = {name: {} for name in names}
    try:
        matched_sql, params = matched.values("id").query.sql_with_params()
    except EmptyResultSet:
        # The query can match nothing (e.g. only quotes or operators): nothing to count.
        return counts
    selects = " UNION ALL ".join(
        f"SELECT %s AS facet, value, n FROM ({FACET_COUNT_SQL[name]}) AS {name}_counts"  # noqa: S608
        for name in names
    )
    sql = f"WITH matched AS ({matched_sql}) {selects}"  # noqa: S608 - constants only
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *names])
        for facet, value, count in cursor.fetchall():
            counts[facet][str(value)] = count
    return counts
