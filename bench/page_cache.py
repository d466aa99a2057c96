"""How fast visitors' pages are served from the page cache, next to the same pages
rendered afresh and a trivial view, in one process and one run.

Loads the demo content into a throw-away test database, then serves, through Django's
request handler in this process, for at most --seconds each:
  - "trivial": a view that returns a short text, with the page cache off (the floor of
    the stack: middleware, sessions, URL routing);
  - each page below as a signed-out visitor: rendered afresh (PAGE_CACHE and
    FRAGMENT_CACHE off), rendered with the fragments every reader sees alike kept
    (portal/fragment_cache.py: what a member's page or a visitor's page with a query string
    gets), and from the page cache;
and reports requests per second, p50 / p95 latency and each as a ratio to the trivial
view's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x REDIS_URL=redis://127.0.0.1:6379/1 \\
        .venv/bin/python bench/page_cache.py [--seconds 5]

It creates and drops its own test database (test_<name>), like the test suite. Not part
of the test suite.
"""

import argparse
import io
import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import path  # noqa: E402

from bench.stats import percentile  # noqa: E402

PAGES = ["/", "/fr/", "/catalogue/", "/network/", "/news/", "/workshops/"]


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def bench_urlconf() -> str:
    from portal import urls

    module = types.ModuleType("bench_page_cache_urls")
    module.urlpatterns = [path("bench/trivial/", trivial), *urls.urlpatterns]
    sys.modules[module.__name__] = module
    return module.__name__


def detail_pages() -> list[str]:
    from catalogue.models import CatalogueEntryPage
    from network.models import OfficePage

    return [
        CatalogueEntryPage.objects.live().filter(locale__language_code="en").first().url,
        OfficePage.objects.live().filter(locale__language_code="en").first().url,
    ]


def serve(url: str, seconds: float, expect: str | None) -> list[float]:
    client = Client()
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, url
    assert response.headers.get("X-Cache") == expect, (url, response.headers.get("X-Cache"))
    timings = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    options = parser.parse_args()

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_demo", stdout=io.StringIO())
        pages = PAGES + detail_pages()
        rows = []
        with override_settings(ROOT_URLCONF=bench_urlconf(), ALLOWED_HOSTS=["*"]):
            with override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=False):
                rows.append(("trivial", serve("/bench/trivial/", options.seconds, None)))
                for url in pages:
                    rows.append((f"{url} fresh", serve(url, options.seconds, None)))
            with override_settings(PORTAL_PAGE_CACHE=False, PORTAL_FRAGMENT_CACHE=True):
                for url in pages:
                    rows.append((f"{url} fragments", serve(url, options.seconds, None)))
            for url in pages:
                rows.append((f"{url} cached", serve(url, options.seconds, "hit")))
        trivial_rate = len(rows[0][1]) / sum(rows[0][1])
        header = f"{'view':42} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7}"
        print(header)
        print("-" * len(header))
        ratios = {"fresh": [], "fragments": [], "cached": []}
        for label, timings in rows:
            rate = len(timings) / sum(timings)
            kind = label.rsplit(" ", 1)[-1]
            if kind in ratios:
                ratios[kind].append(rate / trivial_rate)
            print(
                f"{label[:42]:42} {rate:8.1f} {percentile(timings, 0.5) * 1000:8.1f} "
                f"{percentile(timings, 0.95) * 1000:8.1f} {rate / trivial_rate:7.3f}"
            )
        print(
            f"\nratio = requests per second / the trivial view's. Median ratio: rendered "
            f"afresh {statistics.median(ratios['fresh']):.3f}, with the fragments kept "
            f"{statistics.median(ratios['fragments']):.3f}, from the cache "
            f"{statistics.median(ratios['cached']):.3f}. One process, one request at a "
            "time, through Django's test client (no network)."
        )
    finally:
        connections.close_all()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
