"""The listing's SQL query count does not grow with the number of entries."""

import time

from django.test import Client

import pytest

from catalogue import selectors
from catalogue.models import DeploymentModel
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


class QueryCountTests:
    def build(self, site_tree, cast, count: int):
        categories = [
            factories.CategoryFactory(name=f"Category {n}", slug=f"category-{n}") for n in range(4)
        ]
        return factories.bulk_entries(
            site_tree.catalogue,
            count,
            categories=categories,
            offices=[cast.office_a, cast.office_b],
            standards=[factories.WipoStandardFactory(code=code) for code in ("ST.96", "ST.36")],
            languages=[factories.LanguageFactory(code="en", name="English")],
            deployments=list(DeploymentModel.objects.all()),
            tags=["Python", "Java", "AI"],
            adopters=[cast.office_b],
        )

    URLS = [
        "/catalogue/",
        "/catalogue/?sort=adopted",
        "/catalogue/?category=category-1&deployment=cloud&tag=python&page=2",
        "/catalogue/?q=bulk&office=AA&standard=ST.96",
        "/catalogue/?sort=newest&page=30",
    ]
    # Today's ceiling for a visitor: the listing's own three queries (facets with the total,
    # the page of results, their providers) and the site's layout (routing, menu, footer).
    MAX_QUERIES = 15

    def counts(self, cast) -> dict:
        visitor, member = Client(), Client()
        member.force_login(cast.member)
        return {
            "visitor": {url: count_queries(visitor, url) for url in self.URLS},
            "member": {url: count_queries(member, url) for url in self.URLS},
        }

    def test_listing_queries_are_flat_from_10_to_1000_entries(self, client, site_tree, cast):
        self.build(site_tree, cast, 10)
        small = self.counts(cast)
        self.build(site_tree, cast, 990)
        assert selectors.listed_entries().count() == 1000
        large = self.counts(cast)
        assert large == small, (small, large)
        assert max(large["visitor"].values()) <= self.MAX_QUERIES, large

    def test_listing_queries_do_not_grow_with_the_catalogue(self, client, site_tree, cast):
        self.build(site_tree, cast, 10)
        small = {url: count_queries(client, url) for url in self.URLS}
        started = time.perf_counter()
        self.build(site_tree, cast, 4990)
        built_in = time.perf_counter() - started
        assert selectors.listed_entries().count() == 5000
        large = {url: count_queries(client, url) for url in self.URLS}
        assert large == small, (small, large)
        # Bulk insertion keeps the test quick (about 3 s on SQLite, see docs/catalogue.md).
        assert built_in < 120
