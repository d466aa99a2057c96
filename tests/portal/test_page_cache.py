"""Visitors' pages come from the cache, show every change at once, and never carry anything
of one reader's to another (portal/page_cache.py)."""

import re

from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.urls import path

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from portal.models import Secretariat
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _footer_setting(site_tree):
    # Saved once in a real site; the first page rendered would create it (and purge).
    Secretariat.load()


def visit(url: str = "/", **headers):
    """A first-time visitor's request: no cookie but those given."""
    return Client(headers=headers).get(url)


def cache_state(response) -> str | None:
    return response.headers.get("X-Cache")


def home_news(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find(id="home-news").find_parent("section")
    return [link.get_text(strip=True) for link in section.find_all("a")]


def test_a_second_visit_is_served_from_the_cache(site_tree):
    factories.NewsArticlePageFactory(parent=site_tree.news, title="Network meets in Geneva")
    first = visit()
    second = visit()
    assert (first.status_code, cache_state(first)) == (200, "miss")
    assert (second.status_code, cache_state(second)) == (200, "hit")
    assert second.content == first.content
    assert "Network meets in Geneva" in home_news(second)
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_published_change_shows_at_once(site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Draft agenda")
    visit()
    assert cache_state(visit()) == "hit"

    article.title = "Final agenda"
    article.save_revision().publish()

    changed = visit()
    assert cache_state(changed) == "miss"
    assert "Final agenda" in home_news(changed)
    assert "Draft agenda" not in home_news(changed)
    assert cache_state(visit()) == "hit"


def test_a_draft_does_not_show_and_an_unpublished_page_goes(site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Call for papers")
    article_url = article.url
    assert cache_state(visit(article_url)) == "miss"
    assert cache_state(visit(article_url)) == "hit"

    article.title = "Call for papers (draft)"
    article.save_revision()
    assert "Call for papers (draft)" not in visit().content.decode()

    article.unpublish()

    assert "Call for papers" not in home_news(visit())
    assert visit(article_url).status_code == 404


def test_a_setting_shown_in_the_footer_purges_the_cache(site_tree):
    secretariat = Secretariat.load()
    visit()
    secretariat.email = "desk@ict-network.example.org"
    secretariat.save()
    assert "desk@ict-network.example.org" in visit().content.decode()


def test_a_member_never_gets_nor_fills_the_cache(site_tree, cast):
    member = Client()
    member.force_login(cast.member)
    signed_in = member.get("/")
    assert cache_state(signed_in) is None
    assert "Sign out" in signed_in.content.decode()
    assert cache_state(visit()) == "miss"
    assert cache_state(visit()) == "hit"

    again = member.get("/")
    assert cache_state(again) is None
    assert "Sign out" in again.content.decode()
    assert "private" in again.headers["Cache-Control"]
    assert "Sign out" not in visit().content.decode()


def lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def test_each_language_is_cached_apart(site_tree):
    assert lang(visit("/")) == "en"
    assert lang(visit("/fr/")) == "fr"
    english, french = visit("/"), visit("/fr/")
    assert (cache_state(english), lang(english)) == ("hit", "en")
    assert (cache_state(french), lang(french)) == ("hit", "fr")


def test_an_unprefixed_address_is_cached_per_reader_language(site_tree):
    assert lang(visit("/")) == "en"
    by_cookie = visit("/", cookie="django_language=es")
    by_browser = visit("/", accept_language="ru")
    assert (cache_state(by_cookie), lang(by_cookie)) == ("miss", "es")
    assert (cache_state(by_browser), lang(by_browser)) == ("miss", "ru")
    assert lang(visit("/", cookie="django_language=es")) == "es"
    assert cache_state(visit("/", accept_language="ru")) == "hit"
    assert lang(visit("/")) == "en"


def test_a_page_with_a_flash_message_is_not_cached(site_tree, cast):
    reader = Client()
    reader.force_login(cast.member)
    signed_out = reader.post("/accounts/logout/", follow=True)
    assert "You have signed out." in signed_out.content.decode()
    assert cache_state(signed_out) is None
    assert "You have signed out." not in visit().content.decode()
    assert "You have signed out." not in visit().content.decode()


def test_a_page_that_sets_a_cookie_is_not_cached(site_tree):
    page = factories.StandardPageFactory(parent=site_tree.home, title="Board papers")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="board"
    )
    first = visit(page.url)
    assert first.status_code == 200
    assert first.cookies  # the password form's CSRF cookie
    assert cache_state(first) is None
    assert cache_state(visit(page.url)) is None


def test_a_page_made_members_only_is_no_longer_served_from_the_cache(site_tree, cast):
    page = factories.StandardPageFactory(
        parent=site_tree.home, title="Members' roadmap", intro="Only for members."
    )
    visit(page.url)
    assert cache_state(visit(page.url)) == "hit"

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    member = Client()
    member.force_login(cast.member)
    assert "Only for members." in member.get(page.url).content.decode()
    for _ in range(2):
        anonymous = visit(page.url)
        assert anonymous.status_code == 302
        assert cache_state(anonymous) is None
        assert "Only for members." not in anonymous.content.decode()


def test_query_strings_htmx_and_the_admin_are_not_cached(site_tree):
    for url, headers in [
        ("/catalogue/?sort=adopted", {}),
        ("/catalogue/", {"hx_request": "true"}),
        ("/search/", {}),
    ]:
        visit(url, **headers)
        assert cache_state(visit(url, **headers)) is None, url


def nonce_page(request):
    template = engines["django"].from_string(
        '<script nonce="{{ request.csp_nonce }}">document.title = "ok";</script>'
    )
    return HttpResponse(template.render({}, request))


urlpatterns = [path("nonce/", nonce_page)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_hit_carries_a_fresh_nonce_that_its_policy_allows():
    def nonces(response):
        in_html = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        in_header = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        return in_html, in_header.group(1)

    first, second = visit("/nonce/"), visit("/nonce/")
    assert cache_state(second) == "hit"
    html_first, header_first = nonces(first)
    html_second, header_second = nonces(second)
    assert html_first == header_first
    assert html_second == header_second
    assert html_second != html_first
