"""The listing's facet counts with nothing chosen are kept beside the entries
(catalogue.facet_summary) and its cards in the fragment cache: both follow every change a
reader could notice at once, and neither ever shows what is no longer listed."""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from catalogue import services
from catalogue.facet_summary import summary_keep, summary_read
from catalogue.models import FacetCountSummary, Freshness, FreshnessState
from portal.models import Secretariat
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(site_tree, cast):
    common = factories.CategoryFactory(name="Common category", slug="common")
    rare = factories.CategoryFactory(name="Rare category", slug="rare")

    def make(title, category):
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title=title,
            summary=f"About {title}.",
            category=category,
            provider_offices=[cast.office_a],
        )
        entry.save_revision().publish()
        return entry

    first = make("First solution", common)
    make("Second solution", common)
    rare_entry = make("Rare solution", rare)
    return {"first": first, "rare": rare_entry, "rare_category": rare}


def category_counts(client) -> dict[str, int]:
    response = client.get("/catalogue/")
    assert response.status_code == 200
    (facet,) = [facet for facet in response.context["facets"] if facet.key == "category"]
    return {option.label: option.count for option in facet.options}


def kept_rows() -> list | None:
    return FacetCountSummary.objects.get(language="en").rows


def test_counts_are_kept_and_read_back(client, listing):
    assert category_counts(client) == {"Common category": 2, "Rare category": 1}
    assert kept_rows(), "the first listing keeps its counts"
    # Read back from the summary: the same counts, without counting again.
    assert category_counts(client) == {"Common category": 2, "Rare category": 1}


def test_unpublishing_an_entry_changes_the_counts_at_once(client, listing):
    category_counts(client)
    listing["rare"].unpublish()
    assert kept_rows() is None
    assert category_counts(client) == {"Common category": 2}


def test_a_view_restriction_takes_an_entry_out_of_the_counts(client, listing):
    category_counts(client)
    PageViewRestriction.objects.create(
        page=listing["rare"], restriction_type=PageViewRestriction.LOGIN
    )
    assert category_counts(client) == {"Common category": 2}


def test_archiving_by_the_freshness_job_takes_an_entry_out_of_the_counts(client, listing):
    category_counts(client)
    long_ago = timezone.now() - datetime.timedelta(days=800)
    Freshness.objects.filter(entry=listing["rare"]).update(
        state=FreshnessState.OUTDATED, state_changed_at=long_ago, last_confirmed_at=long_ago
    )
    report = services.freshness_run()
    assert report.archived == 1
    assert category_counts(client) == {"Common category": 2}


def test_renaming_a_category_relabels_the_kept_counts(client, listing):
    category_counts(client)
    listing["rare_category"].name = "Seldom seen"
    listing["rare_category"].save()
    assert category_counts(client) == {"Common category": 2, "Seldom seen": 1}


def test_counts_taken_before_a_change_are_not_kept(client, listing):
    """A listing that counted before a change committed must not keep its rows: the
    generation it read has moved on."""
    category_counts(client)
    listing["rare"].unpublish()
    generation, rows = summary_read("en")
    assert rows is None
    # Counted now, but a publication lands before the rows are kept.
    listing["rare"].save_revision().publish()
    summary_keep("en", generation, [["category", "common", "Common category", None, None, 2]])
    assert kept_rows() is None
    assert category_counts(client) == {"Common category": 2, "Rare category": 1}


def test_cards_are_kept_and_follow_a_published_change(client, listing):
    # Saved once in a real site; the first page rendered would create it (and purge).
    Secretariat.load()
    rendered = count_queries(client, "/catalogue/")
    # With the cards kept, the page's entries are not read again.
    assert count_queries(client, "/catalogue/", fragments=True) < rendered
    entry = listing["first"]
    entry.title = "First solution, renamed"
    entry.save_revision().publish()
    text = client.get("/catalogue/").content.decode()
    assert "First solution, renamed" in text
    entry.unpublish()
    text = client.get("/catalogue/").content.decode()
    assert "First solution, renamed" not in text
