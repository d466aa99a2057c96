"""Site search when Elasticsearch accepts connections and never answers (or refuses them):
readers get the database's results in time with a notice, private text stays private,
the circuit breaker stops asking a dead cluster, and edits never wait on indexing."""

import io
import time

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from bs4 import BeautifulSoup

# Loaded at start-up by a site with ELASTICSEARCH_URL set (search.apps), not by a search.
from search import elasticsearch  # noqa: F401
from search.models import SearchEntry
from search.query import search_site
from taskforces import services as taskforce_services
from tests import factories
from tests.search.conftest import PRIVATE_WORD, closed_port

pytestmark = pytest.mark.django_db

# What a reader may wait for a search while the cluster is stalled.
SEARCH_BOUND = 2.5
# What an edit may cost beyond the same edit without Elasticsearch: well under the
# cluster timeouts (1 s for a search, 10 s for an index update in the worker).
EDIT_MARGIN = 0.5


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select("ol.results h2")]


def notice(response) -> str:
    found = BeautifulSoup(response.content, "html.parser").select_one(".notice--limited")
    return found.get_text(strip=True) if found else ""


@pytest.fixture
def stalled(client, settings, black_hole):
    # A site that has answered before: its templates and code are loaded.
    client.get("/search/", {"q": "warm up"})
    settings.ELASTICSEARCH_URL = black_hole.url
    return black_hole


@pytest.fixture
def news(site_tree, reindex):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Translation news")
    reindex()


def test_search_answers_from_the_database_in_time_with_a_notice(client, stalled, news):
    response, elapsed = timed(lambda: client.get("/search/", {"q": "translation"}))
    assert response.status_code == 200
    assert elapsed < SEARCH_BOUND
    assert titles(response) == ["Translation news"]
    assert "Search is limited at the moment" in notice(response)
    assert stalled.connections, "the cluster was asked first"


def test_the_private_filter_holds_in_the_fallback(client, stalled, cast, workspace, reindex):
    reindex()
    response, elapsed = timed(lambda: client.get("/search/", {"q": PRIVATE_WORD}))
    assert response.status_code == 200
    assert elapsed < SEARCH_BOUND
    assert titles(response) == []
    assert notice(response)
    client.force_login(workspace.outsider)
    assert titles(client.get("/search/", {"q": PRIVATE_WORD})) == []
    client.force_login(workspace.insider)
    assert len(titles(client.get("/search/", {"q": PRIVATE_WORD}))) == 2


def test_no_notice_when_the_database_is_the_engine_chosen(client, news):
    response = client.get("/search/", {"q": "translation"})
    assert titles(response) == ["Translation news"]
    assert notice(response) == ""


def test_once_the_breaker_opens_searches_do_not_wait(client, settings, stalled, news):
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    for _ in range(2):
        client.get("/search/", {"q": "translation"})
    assert len(stalled.connections) == 2
    for _ in range(3):
        response, elapsed = timed(lambda: client.get("/search/", {"q": "translation"}))
        assert response.status_code == 200
        assert titles(response) == ["Translation news"]
        assert notice(response)
        assert elapsed < settings.ELASTICSEARCH_TIMEOUT / 2
    assert len(stalled.connections) == 2, "a dead cluster is not asked again"


def test_after_the_cooldown_one_request_tries_the_cluster_again(settings, stalled, news):
    settings.ELASTICSEARCH_BREAKER_FAILURES = 1
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 0.5
    visitor = AnonymousUser()
    assert search_site("translation", user=visitor).limited
    search_site("translation", user=visitor)
    assert len(stalled.connections) == 1
    time.sleep(0.6)
    results = search_site("translation", user=visitor)
    assert results.limited and results.total == 1
    assert len(stalled.connections) == 2, "half-open: one request tries"
    search_site("translation", user=visitor)
    assert len(stalled.connections) == 2, "the failed try opened the breaker again"


def test_suggestions_fall_back_quickly_and_silently(client, settings, stalled, cast, reindex):
    reindex()
    client.force_login(cast.member)
    response, elapsed = timed(lambda: client.get("/search/suggestions/", {"q": "Offi"}))
    assert response.status_code == 200
    assert elapsed < settings.ELASTICSEARCH_SUGGEST_TIMEOUT + 0.5
    page = BeautifulSoup(response.content, "html.parser")
    links = [a.get_text(" ", strip=True) for a in page.select("li:not(.suggestions__all) a")]
    assert len(links) == 2
    assert all(link.endswith(("Office A", "Office B")) for link in links)


def test_a_refused_connection_degrades_the_same_way(client, settings, news):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    response, elapsed = timed(lambda: client.get("/search/", {"q": "translation"}))
    assert response.status_code == 200
    assert elapsed < SEARCH_BOUND
    assert titles(response) == ["Translation news"]
    assert notice(response)


def test_the_breaker_works_with_the_cache_down(settings, stalled, news):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    visitor = AnonymousUser()
    for _ in range(2):
        assert search_site("translation", user=visitor).total == 1
    results, elapsed = timed(lambda: search_site("translation", user=visitor))
    assert results.limited and results.total == 1
    assert elapsed < settings.ELASTICSEARCH_TIMEOUT / 2
    assert len(stalled.connections) == 2


def publish_timed(parent, title, capture) -> float:
    page = factories.NewsArticlePageFactory(parent=parent, title=title)
    started = time.monotonic()
    with capture(execute=True):
        page.save_revision().publish()
    return time.monotonic() - started


def test_a_page_save_does_not_wait_for_a_stalled_cluster(
    settings, black_hole, site_tree, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    without_cluster = publish_timed(site_tree.news, "Baseline", capture)
    settings.ELASTICSEARCH_URL = black_hole.url
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    stalled = [publish_timed(site_tree.news, f"Budget {n}", capture) for n in range(3)]
    assert max(stalled) < without_cluster + EDIT_MARGIN, (without_cluster, stalled)
    assert SearchEntry.objects.filter(title__startswith="Budget").count() == 3
    # Two updates failed and opened the breaker: the third did not ask.
    assert len(black_hole.connections) == 2


def test_a_post_does_not_wait_for_a_stalled_cluster(
    settings, black_hole, workspace, django_capture_on_commit_callbacks
):
    def post(body: str) -> float:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            taskforce_services.post_create(
                thread=workspace.thread, author=workspace.insider, body=body
            )
        return time.monotonic() - started

    without_cluster = post("A first reply.")
    settings.ELASTICSEARCH_URL = black_hole.url
    stalled = post(f"A {PRIVATE_WORD} reply.")
    assert stalled < without_cluster + EDIT_MARGIN, (without_cluster, stalled)
    assert black_hole.connections, "the update was tried, within its budget"
    results = search_site(f"{PRIVATE_WORD} reply", user=workspace.insider)
    assert results.total == 1 and results.limited


def test_search_reindex_says_the_cluster_did_not_answer(settings, stalled, news):
    settings.ELASTICSEARCH_INDEX_TIMEOUT = 0.5
    with pytest.raises(CommandError, match="did not answer"):
        call_command("search_reindex", stdout=io.StringIO())
    assert SearchEntry.objects.filter(title="Translation news").exists()
