"""The benchmarks' trivial view exists only where PORTAL_BENCH_VIEWS switches it on."""

import importlib

from django.test import override_settings
from django.urls import clear_url_caches

import pytest

from portal import urls


@pytest.fixture
def reload_urls():
    """Rebuilds the URLs under the settings in force, and again afterwards."""

    def reload():
        clear_url_caches()
        importlib.reload(urls)

    yield reload
    reload()


@pytest.mark.django_db
def test_the_trivial_view_is_not_routed_by_default(client, site_tree, reload_urls):
    reload_urls()
    assert client.get("/bench/trivial/").status_code == 404


@pytest.mark.django_db
def test_the_trivial_view_goes_through_the_middleware_when_switched_on(client, reload_urls):
    with override_settings(PORTAL_BENCH_VIEWS=True):
        reload_urls()
        response = client.get("/bench/trivial/")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Headers the middleware stack adds: the page is measured with all of it.
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
