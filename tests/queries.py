"""Counting the SQL queries a page makes, for tests that its count does not grow."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str, *, fragments: bool = False) -> int:
    """Queries made by one GET of ``url``, after a first GET has warmed Wagtail's caches.

    The page is rendered, not served from the visitors' page cache (docs/caching.md), and
    so is what every reader sees alike unless ``fragments`` (portal/fragment_cache.py): a
    count that must not grow with the content is counted on what a render asks for.
    """
    with override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=fragments):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)
