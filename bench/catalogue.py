"""How fast the catalogue's listing is served with thousands of entries, next to a trivial
view served by the same process.

Inserts --entries published entries (with providers, standards, languages, deployment
models, tags and adoptions) into a throw-away test database, then serves, through
Django's request handler in this process, for at most --seconds each:
  - "trivial": a view that returns a short text (the floor of the stack: middleware,
    sessions, URL routing);
  - the listing: unfiltered, with two facets chosen, sorted by most adopted, a late page,
    and the htmx partial;
with the visitors' page cache off (bench/page_cache.py measures it), and reports requests
per second, p50 / p95 latency, SQL queries per request, and each listing's throughput as a
ratio to the trivial view's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_catalogue \\
        .venv/bin/python bench/catalogue.py [--entries 5000] [--seconds 10]

It creates and drops its own test database (test_<name>), like the test suite. Not part
of the test suite.
"""

import argparse
import json
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

from django.db import connection, connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import path  # noqa: E402

from bench.stats import percentile  # noqa: E402

LISTINGS = [
    ("listing", "/catalogue/", {}),
    ("two facets", "/catalogue/?category=category-1&deployment=cloud", {}),
    ("most adopted", "/catalogue/?sort=adopted", {}),
    ("page 100", "/catalogue/?page=100", {}),
    (
        "htmx partial",
        "/catalogue/?kind=service&tag=python",
        {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalogue-results"},
    ),
]


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def bench_urlconf() -> str:
    """The site's URLs plus the trivial view, as a module Django can import by name."""
    from portal import urls

    module = types.ModuleType("bench_catalogue_urls")
    module.urlpatterns = [path("bench/trivial/", trivial), *urls.urlpatterns]
    sys.modules[module.__name__] = module
    return module.__name__


def build(count: int) -> float:
    from catalogue.models import DeploymentModel
    from network.models import OfficeIndexPage
    from portal.models import HomePage, Language, Region
    from tests import factories

    started = time.perf_counter()
    home = HomePage.objects.get()
    index = factories.CatalogueIndexPageFactory(parent=home)
    network = factories.OfficeIndexPageFactory(parent=home)
    region = Region.objects.create(name="Bench region", slug="bench")
    offices = [
        factories.OfficePageFactory(
            parent=network, code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}", region=region
        )
        for n in range(20)
    ]
    assert OfficeIndexPage.objects.count() == 1
    factories.bulk_entries(
        index,
        count,
        categories=[
            factories.CategoryFactory(name=f"Category {n}", slug=f"category-{n}") for n in range(12)
        ],
        offices=offices,
        standards=[factories.WipoStandardFactory(code=f"ST.{n}") for n in (26, 36, 66, 86, 96, 97)],
        languages=[
            Language.objects.create(code=code, name=code) for code in ("en", "fr", "es", "ar")
        ],
        deployments=list(DeploymentModel.objects.all()),
        tags=["Python", "Java", "AI", "API", "cloud", "XML"],
        adopters=offices[:5],
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def serve(client: Client, url: str, headers: dict, seconds: float) -> list[float]:
    for _ in range(3):
        assert client.get(url, **headers).status_code == 200, url
    timings = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        response = client.get(url, **headers)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append(time.perf_counter() - started)
    return timings


def queries(client: Client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url, **headers)
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", action="store_true", help="print a BENCH_JSON line too")
    options = parser.parse_args()

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        built = build(options.entries)
        print(f"{connection.vendor}: {options.entries} entries inserted in {built:.1f} s")
        with override_settings(
            ROOT_URLCONF=bench_urlconf(), ALLOWED_HOSTS=["*"], PORTAL_PAGE_CACHE=False
        ):
            client = Client()
            rows = []
            for label, url, headers in [("trivial", "/bench/trivial/", {}), *LISTINGS]:
                timings = serve(client, url, headers, options.seconds)
                rows.append(
                    (label, len(timings) / sum(timings), timings, queries(client, url, headers))
                )
        trivial_rate = rows[0][1]
        header = f"{'view':14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'ratio':>7}"
        print(header)
        print("-" * len(header))
        for label, rate, timings, count in rows:
            print(
                f"{label:14} {rate:8.1f} {percentile(timings, 0.5) * 1000:8.1f} "
                f"{percentile(timings, 0.95) * 1000:8.1f} {count:8} {rate / trivial_rate:7.3f}"
            )
        listing_rates = [rate for _label, rate, _t, _q in rows[1:]]
        print(
            f"\nratio = requests per second / the trivial view's; the listings' median ratio "
            f"is {statistics.median(listing_rates) / trivial_rate:.3f}. One process, one "
            "request at a time, through Django's test client (no network)."
        )
        if options.json:
            figures = {
                label: {"rps": rate, "p95_ms": percentile(timings, 0.95) * 1000, "queries": count}
                for label, rate, timings, count in rows
            }
            print(
                "BENCH_JSON "
                + json.dumps({"bench": "catalogue", "entries": options.entries, "views": figures})
            )
    finally:
        connections.close_all()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
