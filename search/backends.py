"""Wagtail's database search backend, with stemming in each entry's own language.

Set as WAGTAILSEARCH_BACKENDS["default"]. On SQLite (a laptop) it is Wagtail's FTS5
backend unchanged. On PostgreSQL it is Wagtail's backend (weighted title and body
tsvectors with GIN indexes) with two changes: an object that has a ``search_config``
(search.models.SearchEntry) is indexed with that text search configuration rather than
the one configured, and every query word is looked up in each configuration of
QUERY_CONFIGS, so "traductions" finds a French "traduction" and "перевода" a Russian
"перевод" and "ترجمة" an Arabic "الترجمة" whatever the reader's interface language.
Chinese words arrive separated by spaces (search.segmentation), in the index and in the
query, so the "simple" configuration matches them word for word.

Site search entries (search.SearchEntry) are the exception: each is indexed in a narrow
row of its own (search.EntryIndex), written here whenever Wagtail indexes it, and
searched by search.postgres rather than through Wagtail's index table.
"""

import copy
from collections import defaultdict
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Phrase, PlainText

# Every query word is looked up in these configurations ("simple" covers the rest).
QUERY_CONFIGS = ["english", "french", "spanish", "russian", "arabic", "simple"]


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        from search.models import SearchEntry
        from search.postgres_index import write_index

        if issubclass(model, SearchEntry):
            # Site search entries are indexed in a row of their own (search.postgres).
            write_index(objs)
            return
        groups = defaultdict(list)
        for obj in objs:
            groups[getattr(obj, "search_config", None) or self.backend.config].append(obj)
        for config, group in groups.items():
            if config == self.backend.config:
                super().add_items(model, group)
            else:
                # Wagtail's indexer takes the configuration from the backend it is given.
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)


# Whether a word is a stop word in one of QUERY_CONFIGS; the dictionaries never change
# while the site runs, so each word is asked about once per process.
_stop_words: dict[str, bool] = {}
STOP_WORD_CACHE_SIZE = 50_000


def without_stop_words(terms: list[str], configs: list[str]) -> list[str]:
    """The terms less any that is a stop word in one of the languages: otherwise "on"
    (kept by the French stemmer) would be required, and no English text would match.
    All the terms when every one is a stop word."""
    unknown = sorted({term for term in terms if term not in _stop_words})
    if unknown:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, EXISTS ("
                " SELECT 1 FROM unnest(%s::regconfig[]) AS config"
                " WHERE numnode(plainto_tsquery(config, term)) = 0)"
                " FROM unnest(%s::text[]) AS term",
                [configs, unknown],
            )
            if len(_stop_words) > STOP_WORD_CACHE_SIZE:
                _stop_words.clear()
            _stop_words.update(cursor.fetchall())
    return [term for term in terms if not _stop_words[term]] or terms


class MultilingualPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        configs = QUERY_CONFIGS
        if isinstance(query, PlainText):
            # A word said twice is required once.
            words = query.query_string.replace("-", " ").split()
            terms = list(dict.fromkeys(term for term in words if term))
            if not terms:
                return None
            terms = without_stop_words(terms, configs)
            # A word matches in any language; "not" a word excludes it in every language.
            per_term = [
                self._any_config(
                    [
                        SearchQuery(Lexeme(term, invert=invert), search_type="raw", config=c)
                        for c in configs
                    ],
                    all_of=invert,
                )
                for term in terms
            ]
            all_of = (query.operator == "and") != invert
            return self._any_config(per_term, all_of=all_of)
        if isinstance(query, Phrase):
            return self._any_config(
                [SearchQuery(query.query_string, search_type="phrase", config=c) for c in configs],
                all_of=False,
            )
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or not isinstance(self.query, PlainText | Phrase):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        # Wagtail matches "(title || body) @@ query", which no index can answer; matching
        # each vector on its own lets PostgreSQL use the GIN index of each.
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return self.queryset.none()
        rank_expression = self._build_rank_expression(self.get_index_vectors(search_query), config)
        queryset = self.queryset.filter(
            Q(index_entries__title=search_query) | Q(index_entries__body=search_query)
        )
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    @staticmethod
    def _any_config(queries, *, all_of: bool):
        if all_of:
            return reduce(lambda a, b: a & b, queries)
        return reduce(lambda a, b: a | b, queries)


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    index_class = MultilingualPostgresIndex
    query_compiler_class = MultilingualPostgresSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
