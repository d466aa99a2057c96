"""The Elasticsearch engine without a server: its mapping and query bodies as
dictionaries, its parsing of responses in the shape Elasticsearch 8 returns, and the
fallback to the database engine when the cluster does not answer."""

import json
import logging
import socket
from pathlib import Path

import pytest

from search.documents import LANGUAGE_ANALYZERS, EntryDocument, index_definition
from search.elasticsearch import ElasticsearchEngine
from search.engine import SearchRequest, get_engine
from search.models import SearchEntry
from search.permissions import PUBLIC_SCOPE, SearchScope
from search.query import search_site, suggest_site
from tests import factories
from tests.search.conftest import PRIVATE_WORD

RESPONSES = Path(__file__).parent / "responses"


@pytest.fixture
def engine():
    return ElasticsearchEngine(client=None, prefix="staging")


def recorded(name: str) -> dict:
    return json.loads((RESPONSES / name).read_text())


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MappingTests:
    def test_titles_bodies_and_terms_are_analysed_in_each_of_the_six_languages(self):
        mapping = index_definition("staging-search-1").to_dict()["mappings"]["properties"]
        expected = {
            "en": "english",
            "fr": "french",
            "es": "spanish",
            "ru": "russian",
            "ar": "arabic",
            "zh": "cjk",
        }
        assert expected == LANGUAGE_ANALYZERS
        for field in ["title", "body", "terms"]:
            assert mapping[field]["analyzer"] == "portal_folded"
            assert {
                code: sub["analyzer"] for code, sub in mapping[field]["fields"].items()
            } == expected

    def test_filters_and_facets_are_keywords_and_suggestions_know_their_audience(self):
        definition = index_definition("staging-search-1").to_dict()
        mapping = definition["mappings"]["properties"]
        for field in ["kind", "audience", "readers", "category", "offices", "languages"]:
            assert mapping[field] == {"type": "keyword"}
        assert mapping["suggest"] == {
            "type": "completion",
            "analyzer": "simple",
            "contexts": [{"name": "audience", "type": "category"}],
        }
        assert definition["settings"]["analysis"]["analyzer"]["portal_folded"] == {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        }

    def test_index_names_start_with_the_environment_prefix(self, settings):
        settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
        settings.ELASTICSEARCH_INDEX_PREFIX = "staging"
        engine = get_engine()
        assert engine.name == "elasticsearch"
        assert engine.alias == "staging-search"
        assert engine._new_index_name().startswith("staging-search-")


@pytest.mark.django_db
class DocumentTests:
    def test_a_post_is_a_document_for_its_task_force_without_a_suggestion(
        self, cast, workspace, reindex
    ):
        reindex()
        entry = SearchEntry.objects.get(kind="post")
        document = EntryDocument.from_entry(entry).to_dict(include_meta=True)
        assert document["_id"] == f"taskforces.post:{workspace.post.pk}"
        assert document["_source"]["audience"] == "restricted"
        assert document["_source"]["readers"] == [f"taskforces.taskforce:{workspace.taskforce.pk}"]
        assert "suggest" not in document["_source"]

    def test_a_thread_suggests_its_title_to_its_task_force_only(self, cast, workspace, reindex):
        reindex()
        entry = SearchEntry.objects.get(kind="thread")
        source = EntryDocument.from_entry(entry).to_dict()
        assert source["suggest"] == {
            "input": [f"Piloting {PRIVATE_WORD} routing"],
            "contexts": {"audience": [f"taskforces.taskforce:{workspace.taskforce.pk}"]},
        }

    def test_a_catalogue_entry_keeps_its_prose_apart_from_its_taxonomy_names(
        self, site_tree, reindex
    ):
        category = factories.CategoryFactory(name="Machine translation", slug="mt")
        factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title="Patent translation",
            summary="Neural translation of claims.",
            category=category,
        )
        reindex()
        entry = SearchEntry.objects.get(kind="catalogue_entry")
        source = EntryDocument.from_entry(entry).to_dict()
        # Highlighted (the excerpt): the summary alone. Searched too: the category's name.
        assert source["body"] == "Neural translation of claims."
        assert "Machine translation" in source["terms"]

    def test_an_office_carries_its_facets(self, cast, reindex):
        reindex()
        entry = SearchEntry.objects.get(kind="office", title="Office A")
        source = EntryDocument.from_entry(entry).to_dict()
        assert source["offices"] == [str(cast.office_a.pk)]
        assert source["audience"] == "public"
        assert source["suggest"]["contexts"] == {"audience": ["public"]}


class QueryBodyTests:
    def test_a_visitor_searches_public_entries_only(self, engine):
        body = engine.build_search(SearchRequest(query="translation", scope=PUBLIC_SCOPE)).to_dict()
        assert body["query"] == {
            "bool": {
                "must": [
                    {
                        "simple_query_string": {
                            "query": "translation",
                            "fields": [
                                "title^3",
                                "title.*^3",
                                "body",
                                "body.*",
                                "terms",
                                "terms.*",
                            ],
                            "default_operator": "and",
                            "flags": "PHRASE|PREFIX|WHITESPACE",
                        }
                    }
                ],
                "filter": [{"term": {"audience": "public"}}],
            }
        }
        assert (body["from"], body["size"]) == (0, 20)
        assert body["track_total_hits"] is True

    def test_a_task_force_member_also_searches_members_and_their_task_forces(self, engine):
        scope = SearchScope(
            readers=frozenset(
                {"network.members", "taskforces.taskforce:7", "taskforces.taskforce:3"}
            )
        )
        body = engine.build_search(SearchRequest(query="x", scope=scope)).to_dict()
        assert body["query"]["bool"]["filter"] == [
            {
                "bool": {
                    "should": [
                        {
                            "bool": {
                                "must": [
                                    {"term": {"audience": "restricted"}},
                                    {
                                        "terms": {
                                            "readers": [
                                                "network.members",
                                                "taskforces.taskforce:3",
                                                "taskforces.taskforce:7",
                                            ]
                                        }
                                    },
                                ]
                            }
                        },
                        {"term": {"audience": "public"}},
                    ]
                }
            }
        ]

    def test_each_facet_counts_with_the_other_facets_choices(self, engine):
        request = SearchRequest(
            query="x", scope=PUBLIC_SCOPE, filters={"kind": "news", "year": "2025"}, page=3
        )
        body = engine.build_search(request).to_dict()
        assert body["post_filter"] == {
            "bool": {"filter": [{"term": {"kind": "news"}}, {"term": {"year": "2025"}}]}
        }
        assert body["aggs"]["kind"] == {
            "filter": {"bool": {"filter": [{"term": {"year": "2025"}}]}},
            "aggs": {"values": {"terms": {"field": "kind", "size": 50}}},
        }
        assert body["aggs"]["office"]["filter"] == {
            "bool": {"filter": [{"term": {"kind": "news"}}, {"term": {"year": "2025"}}]}
        }
        assert body["aggs"]["office"]["aggs"]["values"]["terms"]["field"] == "offices"
        assert (body["from"], body["size"]) == (40, 20)

    def test_sorting_by_date_and_highlighting(self, engine):
        body = engine.build_search(
            SearchRequest(query='"machine translation"', scope=PUBLIC_SCOPE, sort="date")
        ).to_dict()
        assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
        assert body["highlight"] == {
            "fields": {"body": {}, "body.*": {}},
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fragment_size": 200,
            "number_of_fragments": 1,
            "no_match_size": 200,
        }
        assert (
            "sort"
            not in engine.build_search(SearchRequest(query="x", scope=PUBLIC_SCOPE)).to_dict()
        )

    def test_suggestions_ask_only_for_titles_the_reader_may_see(self, engine):
        scope = SearchScope(readers=frozenset({"network.members", "taskforces.taskforce:4"}))
        body = engine.suggest_body("trans", scope=scope, limit=8)
        assert body["suggest"]["titles"] == {
            "prefix": "trans",
            "completion": {
                "field": "suggest",
                "size": 8,
                "skip_duplicates": True,
                "contexts": {"audience": ["public", "network.members", "taskforces.taskforce:4"]},
            },
        }
        assert engine.suggest_body("t", scope=PUBLIC_SCOPE, limit=8)["suggest"]["titles"][
            "completion"
        ]["contexts"] == {"audience": ["public"]}


class ResponseParsingTests:
    def test_hits_keep_the_highlight_escaped_and_marked(self, engine):
        results = engine.parse_results(recorded("search.json"))
        assert results.total == 2
        entry, post = results.hits
        assert (entry.kind, entry.title, entry.url) == (
            "catalogue_entry",
            "WIPO Translate",
            "/catalogue/wipo-translate/",
        )
        assert entry.context == "Machine translation · Solution"
        assert str(entry.excerpt) == (
            "Neural <mark>machine translation</mark> of patent texts &amp; abstracts"
        )
        assert entry.date.isoformat() == "2025-04-16T09:30:00+00:00"
        # A post is shown under its thread's title.
        assert (post.title, post.context) == ("What is everyone using?", "")
        assert post.date.year == 2025

    def test_facet_counts_come_from_the_aggregations(self, engine):
        results = engine.parse_results(recorded("search.json"))
        assert results.facet_counts == {
            "kind": {"catalogue_entry": 1, "post": 1},
            "office": {"12": 1},
            "category": {"5": 1},
            "language": {"en": 2},
            "year": {"2025": 2},
        }

    def test_suggestions_come_from_the_completion_suggester(self, engine):
        [suggestion] = engine.parse_suggestions(recorded("suggest.json"))
        assert (suggestion.kind, suggestion.title, suggestion.url) == (
            "catalogue_entry",
            "WIPO Translate",
            "/catalogue/wipo-translate/",
        )


@pytest.mark.django_db
class FallbackTests:
    @pytest.fixture(autouse=True)
    def unreachable_cluster(self, settings):
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
        settings.ELASTICSEARCH_TIMEOUT = 1

    def test_the_search_page_answers_from_the_database_and_logs_a_warning(
        self, client, site_tree, reindex, caplog
    ):
        factories.NewsArticlePageFactory(parent=site_tree.news, title="Translation news")
        reindex()
        with caplog.at_level(logging.WARNING, logger="search"):
            response = client.get("/search/", {"q": "translation"})
        assert response.status_code == 200
        assert "Translation news" in response.content.decode()
        assert any("unavailable" in record.getMessage() for record in caplog.records)

    def test_fallback_keeps_the_access_rules(self, cast, workspace, reindex):
        reindex()
        assert search_site(PRIVATE_WORD, user=cast.member).total == 0
        assert search_site(PRIVATE_WORD, user=workspace.insider).total == 2
        assert search_site(PRIVATE_WORD, user=workspace.insider).engine == "database"

    def test_suggestions_fall_back_too(self, cast, reindex):
        reindex()
        titles = {suggestion.title for suggestion in suggest_site("Offi", user=cast.member)}
        assert titles == {"Office A", "Office B"}

    def test_an_edit_is_saved_even_when_the_cluster_is_down(
        self, site_tree, caplog, django_capture_on_commit_callbacks
    ):
        page = factories.NewsArticlePageFactory(parent=site_tree.news, title="Budget")
        with (
            caplog.at_level(logging.WARNING, logger="search"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            page.save_revision().publish()
        assert SearchEntry.objects.filter(title="Budget").exists()
        assert any("search_reindex" in record.getMessage() for record in caplog.records)
