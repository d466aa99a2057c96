"""Counting the SQL queries a page makes, for tests that its count does not grow."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    """Queries made by one GET of ``url``, after a first GET has warmed Wagtail's caches.

    The page is rendered, not served from the visitors' page cache (docs/caching.md).
    """
    with override_settings(PORTAL_PAGE_CACHE=False):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)
