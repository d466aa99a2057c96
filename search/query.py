"""The one entry point to site search; views never branch on the engine behind it.

The engine is chosen by settings (search.engine.get_engine). When Elasticsearch does not
answer within ELASTICSEARCH_TIMEOUT (suggestions: ELASTICSEARCH_SUGGEST_TIMEOUT), or its
circuit breaker is open, the same request goes to the database engine and a warning is
logged, so the page never fails or stalls because the cluster is down; the results say
they came from the database (``limited``) so the page can tell the reader.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from portal.models import Language
from search.engine import (
    FACETS,
    EngineResults,
    EngineUnavailable,
    SearchEngine,
    SearchRequest,
    Suggestion,
    database_engine,
    get_engine,
    uses_cluster,
)
from search.models import Kind
from search.permissions import search_scope
from search.registry import registry

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
# Deeper pages are not worth their cost; nobody reads result 10,000.
MAX_PAGE = 50
SORTS = ["relevance", "date"]
FACET_LABELS = {
    "kind": _("Kind of content"),
    "office": _("Office"),
    "category": _("Category"),
    "language": _("Language"),
    "year": _("Year"),
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    options: list[FacetOption]

    @property
    def label(self) -> str:
        return FACET_LABELS[self.name]

    @property
    def selected(self) -> FacetOption | None:
        return next((option for option in self.options if option.selected), None)


@dataclass(frozen=True)
class SearchResults:
    query: str
    page: PaginatorPage | None
    facets: list[Facet]
    filters: dict[str, str]
    sort: str = "relevance"
    # Every match, even when the pages stop at MAX_PAGE; with ``capped``, more than this.
    total: int = 0
    # More than ``total`` match: the engine did not count (or rank) them all.
    capped: bool = False
    engine: str = ""
    # The cluster did not answer: these results come from the database engine.
    limited: bool = False

    @property
    def has_facets(self) -> bool:
        return any(facet.options for facet in self.facets)


class _Total:
    """Stands for a result list of known length, so Django's Paginator can number pages."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count


WORD = re.compile(r"\w")


def clean_query(query: str) -> str:
    """The query with its spaces tidied, cut to MAX_QUERY_LENGTH without splitting a word
    (a word cut in half would be required, and match nothing)."""
    words = " ".join(query.split())
    if len(words) <= MAX_QUERY_LENGTH:
        return words
    cut = words[: MAX_QUERY_LENGTH + 1]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]


def _run(engine: SearchEngine, request: SearchRequest) -> tuple[EngineResults, str]:
    try:
        return engine.search(request), engine.name
    except EngineUnavailable as error:
        logger.warning(
            "Search engine %s unavailable (%s); searching the database.", engine.name, error
        )
        fallback = database_engine()
        return fallback.search(request), fallback.name


def search_site(
    query: str,
    *,
    user,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    page_number: int = 1,
) -> SearchResults:
    """What ``user`` may find for ``query``: a page of hits, best first (or newest
    first with ``sort="date"``), and facets whose counts are what each would return."""
    query = clean_query(query)
    filters = {name: value for name, value in (filters or {}).items() if name in FACETS}
    sort = sort if sort in SORTS else "relevance"
    if not query:
        return SearchResults(query="", page=None, facets=[], filters=filters, sort=sort)
    if not WORD.search(query):
        # Quotes, dashes and other operators alone: nothing to look for.
        page = PaginatorPage([], 1, Paginator(_Total(0), RESULTS_PER_PAGE))
        return SearchResults(query=query, page=page, facets=[], filters=filters, sort=sort)
    number = min(max(page_number, 1), MAX_PAGE)
    request = SearchRequest(
        query=query,
        scope=search_scope(user),
        filters=filters,
        sort=sort,
        page=number,
        per_page=RESULTS_PER_PAGE,
    )
    engine = get_engine(timeout=settings.ELASTICSEARCH_TIMEOUT)
    results, answered_by = _run(engine, request)
    paginator = Paginator(_Total(min(results.total, MAX_PAGE * RESULTS_PER_PAGE)), RESULTS_PER_PAGE)
    if not results.hits and number > paginator.num_pages:
        # Past the last page (an old link): show the last one instead.
        number = paginator.num_pages
        request = SearchRequest(**{**request.__dict__, "page": number})
        results, answered_by = _run(engine, request)
    return SearchResults(
        query=query,
        page=PaginatorPage(results.hits, number, paginator),
        facets=_facets(results.facet_counts, filters),
        filters=filters,
        sort=sort,
        total=results.total,
        capped=results.capped,
        engine=answered_by,
        limited=uses_cluster() and answered_by != engine.name,
    )


def suggest_site(text: str, *, user, limit: int = 8) -> list[Suggestion]:
    """Titles that complete what ``user`` is typing, among what they may find."""
    text = clean_query(text)
    if len(text) < 2:
        return []
    if not WORD.search(text):
        return []
    scope = search_scope(user)
    engine = get_engine(timeout=settings.ELASTICSEARCH_SUGGEST_TIMEOUT)
    try:
        return engine.suggest(text, scope=scope, limit=limit)
    except EngineUnavailable as error:
        logger.warning(
            "Search engine %s unavailable (%s); suggesting from the database.", engine.name, error
        )
        return database_engine().suggest(text, scope=scope, limit=limit)


def _facets(counts: dict[str, dict[str, int]], filters: dict[str, str]) -> list[Facet]:
    labels = _facet_labels(counts)
    facets = []
    for name in FACETS:
        values = counts.get(name, {})
        options = [
            FacetOption(
                value=value,
                label=labels[name].get(value, value),
                count=count,
                selected=filters.get(name) == value,
            )
            for value, count in values.items()
            if value in labels[name]
        ]
        if name == "kind":
            order = {kind.value: position for position, kind in enumerate(Kind)}
            options.sort(key=lambda option: order.get(option.value, len(order)))
        elif name == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        else:
            options.sort(key=lambda option: (-option.count, option.label))
        facets.append(Facet(name=name, options=options))
    return facets


def _facet_labels(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """Readable names for facet values, one query per facet that needs names (offices
    and categories are named by the apps that registered them)."""

    def ids(name: str) -> list[int]:
        return [int(value) for value in counts.get(name, {}) if value.isdigit()]

    return {
        "kind": {kind.value: str(kind.label) for kind in Kind},
        "office": registry.labels("office", ids("office")),
        "category": registry.labels("category", ids("category")),
        "language": {
            language.code: str(language)  # in the reader's language
            for language in Language.objects.originals().filter(
                code__in=list(counts.get("language", {}))
            )
        },
        "year": {value: value for value in counts.get("year", {})},
    }
