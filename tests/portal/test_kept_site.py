"""The site a request is for is read once per process until the content changes
(portal/sites.py), and a member's session comes from the cache (SESSION_ENGINE): what a
reader sees is the same, with fewer queries."""

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from portal.models import Secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _footer_setting(site_tree):
    Secretariat.load()


def tables_read(client, url: str = "/") -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


def reads_site(queries: list[str]) -> bool:
    return any('FROM "wagtailcore_site"' in sql for sql in queries)


@override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=True)
def test_the_site_is_read_once_then_kept_until_it_changes(client, site_tree):
    _html, first = tables_read(client)
    assert reads_site(first)
    _html, second = tables_read(client, site_tree.news.url)
    assert not reads_site(second)

    site = Site.objects.get(is_default_site=True)
    site.site_name = "IP Offices ICT Network (renamed)"
    site.save()

    _html, after = tables_read(client)
    assert reads_site(after), "a changed site must be read again"
    assert client.get("/").wsgi_request._wagtail_site.site_name.endswith("(renamed)")


@override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=True)
def test_each_request_gets_its_own_copy_of_the_kept_site(client):
    client.get("/")
    first = client.get("/").wsgi_request._wagtail_site
    second = client.get("/").wsgi_request._wagtail_site
    assert first == second
    assert first is not second
    assert first.root_page is not second.root_page


@override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=False)
def test_without_the_fragment_cache_the_site_is_read_every_time(client):
    client.get("/")
    _html, queries = tables_read(client)
    assert reads_site(queries)


@override_settings(PORTAL_PAGE_CACHE=False)
def test_a_members_session_is_read_from_the_cache_where_redis_keeps_it(client, cast):
    client.force_login(cast.member)
    client.get("/")
    _html, queries = tables_read(client)
    reads_session = any('FROM "django_session"' in sql for sql in queries)
    assert reads_session is (not settings.REDIS_URL)


@override_settings(PORTAL_PAGE_CACHE=False)
def test_signing_out_ends_the_session_kept_in_the_cache(client, cast):
    client.force_login(cast.member)
    assert "Sign out" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    html = client.get("/").content.decode()
    assert "Sign out" not in html
    assert client.get("/my/notifications/").status_code == 302
