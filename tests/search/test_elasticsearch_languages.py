"""Arabic and Chinese on the Elasticsearch engine: the mapping and the query offline, and
against a real cluster when ELASTICSEARCH_URL names one (skipped, and reported, otherwise).

Elasticsearch analyses every title and body with the built-in ``arabic`` analyser
(sub-fields ``title.ar``, ``body.ar``: the article and suffixes stripped) and ``cjk``
(``title.zh``, ``body.zh``: overlapping pairs of characters, so a word inside a sentence
matches without a dictionary). Text goes to the cluster as written: segmentation
(search.segmentation) is for the database engine only.
"""

import os

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Locale

import pytest

from search.documents import EntryDocument, index_definition
from search.elasticsearch import ElasticsearchEngine
from search.engine import SearchRequest, get_engine
from search.models import SearchEntry
from search.permissions import PUBLIC_SCOPE
from search.query import search_site
from search.services import entries_rebuild
from tests import factories

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
needs_cluster = pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="set ELASTICSEARCH_URL to test against Elasticsearch"
)


def test_arabic_and_chinese_sub_fields_use_the_built_in_analysers():
    mapping = index_definition("staging-search-1").to_dict()["mappings"]["properties"]
    for field in ["title", "body", "terms"]:
        assert mapping[field]["fields"]["ar"] == {"type": "text", "analyzer": "arabic"}
        assert mapping[field]["fields"]["zh"] == {"type": "text", "analyzer": "cjk"}


@pytest.mark.parametrize("query", ["ترجمة", "机器翻译", '"机器翻译"'])
def test_the_query_reaches_the_language_sub_fields_as_written(query):
    engine = ElasticsearchEngine(client=None, prefix="staging")
    body = engine.build_search(SearchRequest(query=query, scope=PUBLIC_SCOPE)).to_dict()
    [text] = body["query"]["bool"]["must"]
    assert text["simple_query_string"]["query"] == query
    assert text["simple_query_string"]["fields"] == [
        "title^3",
        "title.*^3",
        "body",
        "body.*",
        "terms",
        "terms.*",
    ]
    assert body["highlight"]["fields"] == {"body": {}, "body.*": {}}


@pytest.mark.django_db
def test_documents_carry_the_original_chinese_text(site_tree, reindex):
    locale = Locale.objects.get_or_create(language_code="zh-hans")[0]
    factories.NewsArticlePageFactory(
        parent=site_tree.news,
        title="机器翻译系统",
        summary="专利文献的翻译质量很好。",
        locale=locale,
    )
    reindex()
    entry = SearchEntry.objects.get(title="机器翻译系统")
    document = EntryDocument.from_entry(entry).to_dict()
    assert document["title"] == "机器翻译系统"
    assert document["body"] == entry.body
    assert " " not in document["title"]
    assert document["language"] == "zh"


@pytest.fixture
def cluster(settings):
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-languages-{os.getpid()}"
    engine = get_engine()
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}*", ignore_unavailable=True)


@pytest.fixture
def articles(site_tree):
    def article(title, summary, code):
        locale = Locale.objects.get_or_create(language_code=code)[0]
        factories.NewsArticlePageFactory(
            parent=site_tree.news, title=title, summary=summary, locale=locale
        )

    article("الترجمة الآلية", "الترجمة الآلية لطلبات البراءات.", "ar")
    article("机器翻译系统", "我们的机器翻译系统已经上线，专利文献的翻译质量很好。", "zh-hans")
    article("年度报告", "本局今年审查了预算和人员。", "zh-hans")
    entries_rebuild(progress=lambda done, total: None)


def found(query: str) -> list[str]:
    results = search_site(query, user=AnonymousUser())
    assert results.engine == "elasticsearch"
    return [hit.title for hit in results.page]


@pytest.mark.integration
@needs_cluster
@pytest.mark.django_db
@pytest.mark.usefixtures("cluster", "articles")
def test_an_arabic_word_is_found_with_and_without_its_article():
    assert found("ترجمة") == ["الترجمة الآلية"]
    assert found("الترجمة") == ["الترجمة الآلية"]


@pytest.mark.integration
@needs_cluster
@pytest.mark.django_db
@pytest.mark.usefixtures("cluster", "articles")
def test_a_chinese_word_inside_a_sentence_is_found_and_marked():
    assert found("翻译") == ["机器翻译系统"]
    assert found("质量") == ["机器翻译系统"]
    [hit] = search_site("质量", user=AnonymousUser()).page
    assert "<mark>" in str(hit.excerpt)
