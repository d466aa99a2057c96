"""The Elasticsearch engine (elasticsearch-dsl), used when ELASTICSEARCH_URL is set.

Readers search the alias "<ELASTICSEARCH_INDEX_PREFIX>-search"; a rebuild fills a new
index and moves the alias in one step, so search keeps answering meanwhile. Any failure
to reach the cluster raises EngineUnavailable, and search.query falls back to the
database engine.
"""

import datetime
import re

from django.conf import settings
from django.utils.safestring import mark_safe

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, streaming_bulk
from elasticsearch_dsl import A, Q, Search

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
SEARCH_FIELDS = ["title^3", "title.*^3", "body", "body.*"]
HIGHLIGHT_FIELDS = ["body", "body.*"]
UNAVAILABLE = (TransportError, ApiError, BulkIndexError)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch, *, prefix: str):
        self.client = client
        self.alias = f"{prefix}-search"

    @classmethod
    def from_settings(cls) -> "ElasticsearchEngine":
        client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=settings.ELASTICSEARCH_TIMEOUT,
            # A cluster that does not answer at once sends readers to the database.
            max_retries=0,
            retry_on_timeout=False,
        )
        return cls(client, prefix=settings.ELASTICSEARCH_INDEX_PREFIX)

    # Queries

    @staticmethod
    def visibility(scope: SearchScope) -> Q:
        visible = Q("term", audience=Audience.PUBLIC.value)
        if scope.members:
            visible |= Q("term", audience=Audience.MEMBERS.value)
        if scope.taskforce_ids:
            visible |= Q("term", audience=Audience.TASKFORCE.value) & Q(
                "terms", taskforce_id=sorted(scope.taskforce_ids)
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
        try:
            response = self.client.search(index=self.alias, body=body)
        except UNAVAILABLE as error:
            raise EngineUnavailable(str(error)) from error
        return self.parse_results(response.body)

    def suggest_body(self, text: str, *, scope: SearchScope, limit: int) -> dict:
        contexts = [Audience.PUBLIC.value]
        if scope.members:
            contexts.append(Audience.MEMBERS.value)
        contexts += [f"taskforce-{pk}" for pk in sorted(scope.taskforce_ids)]
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
        try:
            response = self.client.search(index=self.alias, body=body)
        except UNAVAILABLE as error:
            raise EngineUnavailable(str(error)) from error
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

    def ensure_index(self) -> None:
        """Create the first index and its alias if the cluster has none yet."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_index_name()
            index_definition(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)

    def index_entries(self, entries) -> None:
        self.ensure_index()
        actions = (
            EntryDocument.from_entry(entry).to_dict(include_meta=True) | {"_index": self.alias}
            for entry in entries
        )
        bulk(self.client, actions, refresh="wait_for")

    def delete_entries(self, keys) -> None:
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": document_id(*key)} for key in keys
        )
        bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def rebuild(self, entries, *, total: int, progress) -> None:
        """Fill a new index in bulk, then point the alias at it and drop the old ones."""
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
