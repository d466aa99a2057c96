"""The small interface every search engine offers, and the choice of engine by settings.

query.search_site and query.suggest_site are the only callers: views never see an engine.
"""

import datetime
import logging
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.safestring import SafeString

from search.models import Kind, SearchEntry
from search.permissions import SearchScope

logger = logging.getLogger(__name__)

# The facets a reader can narrow results by, in the order the page shows them.
FACETS = ["kind", "office", "category", "language", "year"]


@dataclass(frozen=True)
class SearchRequest:
    query: str
    scope: SearchScope
    # Facet name (one of FACETS) to the one value chosen, as a string.
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    excerpt: SafeString
    context: str = ""
    date: datetime.datetime | None = None

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def shows_date(self) -> bool:
        """Whether the date means something to a reader (not a page's publication)."""
        return self.date is not None and self.kind in DATED_KINDS


DATED_KINDS = {
    Kind.NEWS,
    Kind.WORKSHOP,
    Kind.THREAD,
    Kind.POST,
    Kind.DOCUMENT,
    Kind.MEETING,
    Kind.DECISION,
    Kind.ACTION_ITEM,
    Kind.QUESTION,
}


@dataclass(frozen=True)
class EngineResults:
    total: int
    hits: list[Hit]
    # Facet name to {value: count}; each facet counted with the other facets' filters.
    facet_counts: dict[str, dict[str, int]]
    # More than ``total`` match: an engine that does not count past a limit says so here
    # (the facets then count only part of the matches, as the engine documents).
    capped: bool = False


@dataclass(frozen=True)
class Suggestion:
    kind: str
    title: str
    url: str

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


class EngineUnavailable(Exception):
    """The engine did not answer; the caller falls back to the database engine."""


class SearchEngine(Protocol):
    name: str

    def search(self, request: SearchRequest) -> EngineResults: ...

    def suggest(self, text: str, *, scope: SearchScope, limit: int) -> list[Suggestion]: ...

    def index_entries(self, entries: list[SearchEntry]) -> None:
        """Add or replace these entries (already saved in the database)."""

    def delete_entries(self, keys: list[tuple[str, str]]) -> None:
        """Remove the entries with these (source, source_pk) keys."""

    def rebuild(self, entries, *, total: int, progress) -> None:
        """Replace the whole index with ``entries``, calling ``progress(done)``."""


def get_engine(*, timeout: float | None = None) -> SearchEngine:
    """Elasticsearch when ELASTICSEARCH_URL is set, the database engine otherwise.

    ``timeout`` is the time, in seconds, that all the engine's requests to the cluster
    may take together (the database engine has no such limit)."""
    if uses_cluster():
        from search.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine.from_settings(timeout=timeout)
    return database_engine()


def uses_cluster() -> bool:
    """Whether an external engine (Elasticsearch) is configured beside the database."""
    return bool(settings.ELASTICSEARCH_URL)


def database_engine() -> SearchEngine:
    from search.database import DatabaseEngine

    return DatabaseEngine()
