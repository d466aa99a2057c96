"""The Elasticsearch engine against a real cluster, when ELASTICSEARCH_URL names one.

Each run uses indices of its own (prefix "test-<pid>") and deletes them afterwards.
"""

import os

from django.contrib.auth.models import AnonymousUser

import pytest

from search.engine import get_engine
from search.query import search_site, suggest_site
from search.services import entries_rebuild
from tests import factories
from tests.search.conftest import PRIVATE_WORD, workspace  # noqa: F401 - fixture

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL, reason="set ELASTICSEARCH_URL to test against Elasticsearch"
    ),
]


@pytest.fixture
def cluster(settings):
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{os.getpid()}"
    engine = get_engine()
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}*", ignore_unavailable=True)


def rebuild():
    entries_rebuild(progress=lambda done, total: None)


def test_private_posts_are_found_only_by_their_task_force(cluster, cast, workspace):  # noqa: F811
    rebuild()
    assert search_site(PRIVATE_WORD, user=workspace.insider).total == 2
    assert search_site(PRIVATE_WORD, user=workspace.insider).engine == "elasticsearch"
    assert search_site(PRIVATE_WORD, user=workspace.outsider).total == 0
    assert search_site(PRIVATE_WORD, user=cast.member).total == 0
    titles = [s.title for s in suggest_site("Piloting", user=workspace.insider)]
    assert titles == [f"Piloting {PRIVATE_WORD} routing"]
    assert suggest_site("Piloting", user=workspace.outsider) == []


def test_facets_phrases_and_word_forms(cluster, site_tree):
    factories.NewsArticlePageFactory(
        parent=site_tree.news, title="Pilot", summary="machine translation of claims"
    )
    factories.NewsArticlePageFactory(
        parent=site_tree.news, title="Vendor", summary="the translation machine"
    )
    factories.NewsArticlePageFactory(
        parent=site_tree.news, title="Brevets", summary="La traduction des brevets européens"
    )
    rebuild()
    visitor = AnonymousUser()
    assert [hit.title for hit in search_site('"machine translation"', user=visitor).page] == [
        "Pilot"
    ]
    assert search_site("traductions", user=visitor).total == 1
    results = search_site("translation", user=visitor)
    [kind] = [facet for facet in results.facets if facet.name == "kind"]
    assert [(option.value, option.count) for option in kind.options] == [("news", 2)]
    assert "<mark>" in str(results.page[0].excerpt)


def test_a_change_reaches_the_cluster_after_the_commit(
    cluster, site_tree, django_capture_on_commit_callbacks
):
    rebuild()
    page = factories.NewsArticlePageFactory(parent=site_tree.news, title="Quasarword news")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert search_site("quasarword", user=AnonymousUser()).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert search_site("quasarword", user=AnonymousUser()).total == 0
