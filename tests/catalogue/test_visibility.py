"""Nothing unpublished leaks: drafts, rejected proposals, unpublished draft changes and
archived entries stay out of every list, count, comparison, export, the API and search."""

import json

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Workflow

import pytest

from catalogue import services
from catalogue.models import Freshness, FreshnessState
from search.engine import database_engine
from search.query import search_site
from search.services import entries_rebuild
from tests import factories

pytestmark = pytest.mark.django_db

# Words that appear only in the content that must stay hidden.
DRAFT = "Quokkafiler draft"
REJECTED = "Wombatscan rejected"
CHANGED = "Platypusnet renamed"
ARCHIVED = "Echidnadocs archived"
HIDDEN_WORDS = ["Quokkafiler", "Wombatscan", "Platypusnet", "Echidnadocs"]


@pytest.fixture
def entries(site_tree, cast):
    shown_category = factories.CategoryFactory(name="Shown category", slug="shown")
    hidden_category = factories.CategoryFactory(name="Hidden category", slug="hidden")

    def make(title, category, publish=True):
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title=title,
            summary=f"About {title}.",
            category=category,
            provider_offices=[cast.office_a],
        )
        entry.save_revision().publish()
        if not publish:
            entry.unpublish()
        return entry

    shown = make("Shown solution", shown_category)
    other = make("Other shown solution", shown_category)
    draft = make(DRAFT, hidden_category, publish=False)
    rejected = make(REJECTED, hidden_category, publish=False)
    workflow = Workflow.objects.get(name="Catalogue review")
    state = workflow.start(rejected, cast.cio_a)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, cast.secretariat, "reject", comment="Not ready."
    )
    # A published entry whose newer draft, never approved, renames it.
    other.title = CHANGED
    other.save_revision(user=cast.cio_a)
    archived = make(ARCHIVED, hidden_category)
    Freshness.objects.filter(entry=archived).update(state=FreshnessState.ARCHIVED)
    entries_rebuild(progress=lambda done, total: None, engine=database_engine())
    return {
        "shown": shown,
        "other": other,
        "draft": draft,
        "rejected": rejected,
        "archived": archived,
    }


def as_text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_hidden(text: str) -> None:
    for word in HIDDEN_WORDS:
        assert word not in text


ROLES = ["visitor", "member", "cio_b"]


class HiddenEntriesTests:
    @pytest.mark.parametrize("role", ROLES)
    def test_listing_totals_and_facets(self, as_role, entries, role):
        client = as_role(role)
        response = client.get("/catalogue/")
        text = as_text(response)
        assert_hidden(text)
        assert "Shown solution" in text
        assert response.context["entries"].paginator.count == 2
        categories = {
            option.value: option.count
            for facet in response.context["facets"]
            if facet.key == "category"
            for option in facet.options
        }
        assert categories == {"shown": 2}
        assert "Hidden category" not in text

    def test_no_facet_counts_a_hidden_entry(self, client, entries):
        # All five entries are provided by office A; three are unpublished or archived.
        response = client.get("/catalogue/")
        counts = {
            (facet.key, option.value): option.count
            for facet in response.context["facets"]
            for option in facet.options
        }
        assert counts[("office", "AA")] == 2
        assert counts and max(counts.values()) <= 2

    @pytest.mark.parametrize("role", ROLES)
    def test_filtering_by_the_hidden_category_finds_nothing(self, as_role, entries, role):
        response = as_role(role).get("/catalogue/?category=hidden")
        assert response.context["entries"].paginator.count == 0
        assert_hidden(as_text(response))

    @pytest.mark.parametrize("role", ROLES)
    def test_compare_ignores_unpublished_ids(self, as_role, entries, role):
        ids = ",".join(str(entry.pk) for entry in entries.values())
        response = as_role(role).get(f"/catalogue/compare/?entries={ids}")
        assert [entry.pk for entry in response.context["entries"]] == [
            entries["shown"].pk,
            entries["other"].pk,
        ]
        assert_hidden(as_text(response))

    @pytest.mark.parametrize("role", ROLES)
    def test_exports(self, as_role, entries, role):
        client = as_role(role)
        csv_text = as_text(client.get("/catalogue/export/csv/"))
        assert_hidden(csv_text)
        assert len(csv_text.strip().splitlines()) == 3
        data = json.loads(as_text(client.get("/catalogue/export/json/")))
        assert data["count"] == 2
        assert_hidden(json.dumps(data))

    @pytest.mark.parametrize("role", ROLES)
    def test_api(self, as_role, entries, role):
        client = as_role(role)
        data = client.get("/api/catalogue/entries?page_size=100").json()
        assert data["count"] == 2
        assert_hidden(json.dumps(data))
        for key in ("draft", "rejected", "archived"):
            entry = entries[key]
            assert client.get(f"/api/catalogue/entries/{entry.pk}").status_code == 404
            assert client.get(f"/api/catalogue/entries/{entry.slug}").status_code == 404
        detail = client.get(f"/api/catalogue/entries/{entries['other'].pk}").json()
        assert detail["title"] == "Other shown solution"

    @pytest.mark.parametrize("role", ROLES)
    def test_search(self, cast, entries, role):
        user = cast.person(role) or AnonymousUser()
        for word in HIDDEN_WORDS:
            assert search_site(word, user=user).total == 0
        assert search_site("Shown solution", user=user).total >= 1

    def test_drafts_are_not_served(self, client, entries):
        assert (
            client.get(entries["draft"].url or "/catalogue/quokkafiler-draft/").status_code == 404
        )

    def test_archived_entry_is_reachable_by_link_with_a_notice(self, client, entries):
        response = client.get(entries["archived"].url)
        assert response.status_code == 200
        assert "Archived" in as_text(response)

    def test_confirming_an_archived_entry_brings_it_back(self, client, cast, entries):
        archived = entries["archived"]
        archived.provider_offices.add(cast.office_a)
        services.entry_confirm_current(entry=archived, confirmed_by=cast.cio_a)
        assert ARCHIVED in as_text(client.get("/catalogue/"))
        assert search_site("Echidnadocs", user=AnonymousUser()).total == 1

    @pytest.mark.parametrize("role", ROLES)
    def test_home_and_office_pages(self, as_role, cast, entries, role):
        client = as_role(role)
        assert_hidden(as_text(client.get("/")))
        office_page = as_text(client.get(cast.office_a.url))
        assert "Shown solution" in office_page
        assert_hidden(office_page)


@pytest.mark.parametrize("role", ROLES)
def test_office_pages_name_no_private_entry_they_provide_or_use(as_role, site_tree, cast, role):
    from wagtail.models import PageViewRestriction

    from catalogue.models import Adoption

    shown, private = (
        factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title=title, provider_offices=[cast.office_a]
        )
        for title in ("Shown solution", "Numbatware private")
    )
    for entry in (shown, private):
        entry.save_revision().publish()
        Adoption.objects.create(entry=entry, office=cast.office_b, status="in_use")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    client = as_role(role)
    for office in (cast.office_a, cast.office_b):
        text = as_text(client.get(office.url))
        assert "Shown solution" in text, office
        assert "Numbatware" not in text, office
