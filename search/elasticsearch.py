"""The Elasticsearch engine (elasticsearch-dsl), used when ELASTICSEARCH_URL is set.

Readers search the alias "<ELASTICSEARCH_INDEX_PREFIX>-search"; a rebuild fills a new
index and moves the alias in one step, so search keeps answering meanwhile. Any failure
to reach the cluster raises EngineUnavailable, and search.query falls back to the
database engine.

Every request to the cluster goes through ``_request``: it asks the circuit breaker first
(an open breaker answers EngineUnavailable at once) and waits at most what is left of the
engine's time budget, so a stalled cluster costs a reader a bounded wait, once.
"""

import datetime
import re
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.utils.safestring import mark_safe

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, streaming_bulk
from elasticsearch_dsl import A, Q, Search

from search.breaker import CircuitBreaker
from search.documents import EntryDocument, document_id, index_definition
from search.engine import (
    FACETS,
    EngineResults,
    EngineUnavailable,
    Hit,
    SearchRequest,
    Suggestion,
)
from search.models import Audience
from search.permissions import SearchScope

# Facet name to the document field it counts.
FACET_FIELDS = {
    "kind": "kind",
    "office": "offices",
    "category": "category",
    "language": "languages",
    "year": "year",
}
FACET_SIZE = 50
SEARCH_FIELDS = ["title^3", "title.*^3", "body", "body.*", "terms", "terms.*"]
# Excerpts come from the entry's own prose only, never from its extra terms.
HIGHLIGHT_FIELDS = ["body", "body.*"]
UNAVAILABLE = (TransportError, ApiError, BulkIndexError)
# Less time than this left in the budget is not worth a request.
MIN_REQUEST_TIMEOUT = 0.05

T = TypeVar("T")


def cluster_breaker() -> CircuitBreaker:
    """The breaker of the configured cluster, its state shared by every process."""
    return CircuitBreaker(
        settings.ELASTICSEARCH_URL,
        failures=settings.ELASTICSEARCH_BREAKER_FAILURES,
        cooldown=settings.ELASTICSEARCH_BREAKER_COOLDOWN,
    )


def counts_against_cluster(error: Exception) -> bool:
    """Whether a failure says the cluster is unwell (not that one request was bad)."""
    if isinstance(error, ApiError):
        return error.meta.status >= 500 or error.meta.status == 429
    return isinstance(error, TransportError)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(
        self,
        client: Elasticsearch,
        *,
        prefix: str,
        breaker: CircuitBreaker | None = None,
        timeout: float | None = None,
    ):
        self.client = client
        self.alias = f"{prefix}-search"
        self.breaker = breaker
        # Without a budget each request waits the client's own timeout.
        self.deadline = None if timeout is None else time.monotonic() + timeout

    @classmethod
    def from_settings(cls, *, timeout: float | None = None) -> "ElasticsearchEngine":
        """An engine whose requests, together, wait at most ``timeout`` seconds."""
        client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT,
            # A cluster that does not answer at once sends readers to the database.
            max_retries=0,
            retry_on_timeout=False,
        )
        return cls(
            client,
            prefix=settings.ELASTICSEARCH_INDEX_PREFIX,
            breaker=cluster_breaker(),
            timeout=timeout,
        )

    def _request(self, call: Callable[[Elasticsearch], T], *, ask_breaker: bool = True) -> T:
        """Run ``call`` on the client within the time left, minding the breaker."""
        if ask_breaker and self.breaker is not None and not self.breaker.allows():
            raise EngineUnavailable("The cluster's circuit breaker is open.")
        client = self.client
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left < MIN_REQUEST_TIMEOUT:
                raise EngineUnavailable("The time allowed for the cluster is spent.")
            client = client.options(request_timeout=left)
        try:
            result = call(client)
        except UNAVAILABLE as error:
            if self.breaker is not None and counts_against_cluster(error):
                self.breaker.record_failure()
            raise EngineUnavailable(str(error)) from error
        if self.breaker is not None:
            self.breaker.record_success()
        return result

    # Queries

    @staticmethod
    def visibility(scope: SearchScope) -> Q:
        visible = Q("term", audience=Audience.PUBLIC.value)
        if scope.readers:
            visible |= Q("term", audience=Audience.RESTRICTED.value) & Q(
                "terms", readers=sorted(scope.readers)
            )
        return visible

    @staticmethod
    def _facet_filter(name: str, value: str) -> Q:
        return Q("term", **{FACET_FIELDS[name]: value})

    def build_search(self, request: SearchRequest) -> Search:
        """The whole request as elasticsearch-dsl builds it (tests read its to_dict())."""
        text = Q(
            "simple_query_string",
            query=request.query,
            fields=SEARCH_FIELDS,
            default_operator="and",
            flags="PHRASE|PREFIX|WHITESPACE",
        )
        search = Search(index=self.alias).query(
            Q("bool", must=[text], filter=[self.visibility(request.scope)])
        )
        chosen = {name: self._facet_filter(name, value) for name, value in request.filters.items()}
        if chosen:
            search = search.post_filter(Q("bool", filter=list(chosen.values())))
        for name in FACETS:
            # Each facet counts with the other facets' choices, as the page offers them.
            others = [query for other, query in chosen.items() if other != name]
            aggregation = A("filter", Q("bool", filter=others))
            aggregation.bucket("values", "terms", field=FACET_FIELDS[name], size=FACET_SIZE)
            search.aggs.bucket(name, aggregation)
        if request.sort == "date":
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=200,
            number_of_fragments=1,
            no_match_size=200,
        ).highlight(*HIGHLIGHT_FIELDS)
        search = search.source(["kind", "title", "context", "url", "date"])
        search = search.extra(track_total_hits=True)
        return search[request.offset : request.offset + request.per_page]

    @staticmethod
    def parse_results(response: dict) -> EngineResults:
        hits = []
        for raw in response["hits"]["hits"]:
            source = raw["_source"]
            fragments = [
                fragment
                for field in highlighted_fields(raw.get("highlight", {}))
                for fragment in raw["highlight"][field]
            ]
            hits.append(
                Hit(
                    kind=source["kind"],
                    title=source.get("title") or source.get("context", ""),
                    url=source["url"],
                    # Elasticsearch escaped the text (encoder "html") and added only <mark>.
                    excerpt=mark_safe(fragments[0]) if fragments else "",  # noqa: S308
                    context=source.get("context", "") if source.get("title") else "",
                    date=_parse_date(source.get("date")),
                )
            )
        aggregations = response.get("aggregations", {})
        facet_counts = {
            name: {
                str(bucket["key"]): bucket["doc_count"]
                for bucket in aggregations.get(name, {}).get("values", {}).get("buckets", [])
            }
            for name in FACETS
        }
        return EngineResults(
            total=response["hits"]["total"]["value"], hits=hits, facet_counts=facet_counts
        )

    def search(self, request: SearchRequest) -> EngineResults:
        body = self.build_search(request).to_dict()
        response = self._request(lambda client: client.search(index=self.alias, body=body))
        return self.parse_results(response.body)

    def suggest_body(self, text: str, *, scope: SearchScope, limit: int) -> dict:
        contexts = [Audience.PUBLIC.value, *sorted(scope.readers)]
        return {
            "_source": ["kind", "title", "url"],
            "suggest": {
                "titles": {
                    "prefix": text,
                    "completion": {
                        "field": "suggest",
                        "size": limit,
                        "skip_duplicates": True,
                        "contexts": {"audience": contexts},
                    },
                }
            },
        }

    def suggest(self, text: str, *, scope: SearchScope, limit: int) -> list[Suggestion]:
        body = self.suggest_body(text, scope=scope, limit=limit)
        response = self._request(lambda client: client.search(index=self.alias, body=body))
        return self.parse_suggestions(response.body)

    @staticmethod
    def parse_suggestions(response: dict) -> list[Suggestion]:
        options = response["suggest"]["titles"][0]["options"]
        return [
            Suggestion(
                kind=option["_source"]["kind"],
                title=option["_source"]["title"],
                url=option["_source"]["url"],
            )
            for option in options
        ]

    # Indexing

    def _ensure_index(self, client: Elasticsearch) -> None:
        """Create the first index and its alias if the cluster has none yet."""
        if not client.indices.exists_alias(name=self.alias):
            name = self._new_index_name()
            index_definition(name).create(using=client)
            client.indices.put_alias(index=name, name=self.alias)

    # Index updates refresh at once: an editor looks for their change right after saving,
    # and waiting for the next refresh would spend the time budget of an update made
    # inside the request (no task worker).

    def index_entries(self, entries) -> None:
        actions = [
            EntryDocument.from_entry(entry).to_dict(include_meta=True) | {"_index": self.alias}
            for entry in entries
        ]

        def send(client: Elasticsearch) -> None:
            self._ensure_index(client)
            bulk(client, actions, refresh=True)

        self._request(send)

    def delete_entries(self, keys) -> None:
        actions = [
            {"_op_type": "delete", "_index": self.alias, "_id": document_id(*key)} for key in keys
        ]
        self._request(lambda client: bulk(client, actions, raise_on_error=False, refresh=True))

    def rebuild(self, entries, *, total: int, progress) -> None:
        """Fill a new index in bulk, then point the alias at it and drop the old ones.

        Asked even when the breaker is open (an operator is repairing the index); a
        rebuild that completes closes the breaker."""
        try:
            self._rebuild(entries, total=total, progress=progress)
        except UNAVAILABLE as error:
            if self.breaker is not None and counts_against_cluster(error):
                self.breaker.record_failure()
            raise EngineUnavailable(str(error)) from error
        if self.breaker is not None:
            self.breaker.record_success()

    def _rebuild(self, entries, *, total: int, progress) -> None:
        name = self._new_index_name()
        index_definition(name).create(using=self.client)
        actions = (
            EntryDocument.from_entry(entry).to_dict(include_meta=True) | {"_index": name}
            for entry in entries
        )
        results = streaming_bulk(self.client, actions, chunk_size=500)
        for done, (ok, item) in enumerate(results, start=1):
            if not ok:
                raise BulkIndexError("An entry was refused.", [item])
            if done % 500 == 0 or done == total:
                progress(done)
        self.client.indices.refresh(index=name)
        old = list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True))
        self.client.indices.update_aliases(
            actions=[{"remove": {"index": index, "alias": self.alias}} for index in old]
            + [{"add": {"index": name, "alias": self.alias}}]
        )
        for index in old:
            self.client.indices.delete(index=index)

    def _new_index_name(self) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias}-{stamp}"


def highlighted_fields(highlight: dict) -> list[str]:
    """Highlighted body fields, the language-neutral one first."""
    return sorted(highlight, key=lambda field: (field != "body", field))


def _parse_date(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    return datetime.datetime.fromisoformat(re.sub(r"Z$", "+00:00", value))
