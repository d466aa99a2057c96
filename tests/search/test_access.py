"""Private content is found only by those who may read it: in results, excerpts, facet
counts, totals and suggestions; drafts and unpublished pages are found by nobody."""

import pytest
from bs4 import BeautifulSoup

from search.query import search_site, suggest_site
from tests import factories
from tests.search.conftest import PRIVATE_WORD

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "other_taskforce_member", "taskforce_member"]


def signed_in(client, person):
    client.logout()
    if person is not None:
        client.force_login(person)
    return client


def page_text(response) -> str:
    text = BeautifulSoup(response.content, "html.parser").select_one("main").get_text()
    return " ".join(text.split())


@pytest.mark.parametrize("role", ROLES)
def test_a_private_post_is_found_only_by_members_of_its_task_force(
    client, cast, workspace, reindex, role
):
    reindex()
    client = signed_in(client, workspace.person(role, cast))
    may_read = role == "taskforce_member"

    response = client.get("/search/", {"q": PRIVATE_WORD})
    page = BeautifulSoup(response.content, "html.parser")
    results = page.select("ol.results li")
    status = page.select_one("p.meta[role=status]").get_text()
    facets = page.select_one("nav.facets")

    assert response.status_code == 200
    assert len(results) == (2 if may_read else 0)
    assert ("2 results" in status) is may_read
    assert ("0 results" in status) is not may_read
    # Excerpts and headings carry the private text only for the task force.
    assert (f"Our {PRIVATE_WORD} pilot" in page_text(response)) is may_read
    assert (facets is not None and "Discussion (1)" in facets.get_text()) is may_read
    assert (facets is not None and "Post (1)" in facets.get_text()) is may_read

    suggestions = client.get("/search/suggestions/", {"q": "Piloting zanz"})
    assert (f"Piloting {PRIVATE_WORD} routing" in suggestions.content.decode()) is may_read


@pytest.mark.parametrize("role", ROLES)
def test_facet_counts_and_totals_never_count_private_entries(cast, workspace, reindex, role):
    factories.NewsArticlePageFactory(
        parent=workspace.taskforce.get_parent().get_parent().get_children().get(slug="news"),
        title=f"Public note on {PRIVATE_WORD}",
    )
    reindex()
    results = search_site(PRIVATE_WORD, user=workspace.person(role, cast) or _visitor())
    expected_total = 3 if role == "taskforce_member" else 1
    assert results.total == expected_total
    for facet in results.facets:
        if facet.name == "kind":
            assert sum(option.count for option in facet.options) == expected_total
        for option in facet.options:
            assert option.count <= expected_total


def _visitor():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize(("role", "finds"), [("visitor", False), ("member", True)])
def test_people_are_found_by_members_only(client, as_role, cast, reindex, role, finds):
    reindex()
    client = as_role(role)
    response = client.get("/search/", {"q": "Berg"})
    assert ("Bo Berg" in page_text(response)) is finds
    suggestions = client.get("/search/suggestions/", {"q": "Ber"})
    assert ("Bo Berg" in suggestions.content.decode()) is finds


def test_contact_details_are_never_searchable(client, as_role, cast, reindex):
    cast.cio_b.member.phone = "+41 22 338 9111"
    cast.cio_b.member.save()
    reindex()
    assert search_site("Berg", user=cast.secretariat).total == 1
    assert search_site(cast.cio_b.email, user=cast.secretariat).total == 0
    assert search_site("338 9111", user=cast.secretariat).total == 0
    response = as_role("secretariat").get("/search/", {"q": "Berg"})
    assert "Bo Berg" in page_text(response)
    assert cast.cio_b.email not in page_text(response)


def test_unpublished_and_draft_pages_are_never_found(client, site_tree, reindex):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Formality checker", summary="Checks filings."
    )
    draft = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Hidden roadmap", summary="Not ready.", live=False
    )
    unpublished = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Retired roadmap", summary="Gone."
    )
    unpublished.unpublish()
    entry.summary = "A secret quasarword draft."
    entry.save_revision()  # a draft of new text over the published page
    reindex()
    assert search_site("roadmap", user=_visitor()).total == 0
    assert search_site("quasarword", user=_visitor()).total == 0
    assert search_site("formality", user=_visitor()).total == 1
    assert draft.pk  # created, yet never found


def test_private_pages_are_not_found(site_tree, reindex):
    from wagtail.models import PageViewRestriction

    page = factories.StandardPageFactory(parent=site_tree.about, title="Budget quasarword")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    reindex()
    assert search_site("quasarword", user=_visitor()).total == 0


def test_not_for_attribution_threads_never_name_their_authors(client, cast, workspace, reindex):
    workspace.thread.not_for_attribution = True
    workspace.thread.save()
    reindex()
    client.force_login(workspace.insider)
    found = page_text(client.get("/search/", {"q": PRIVATE_WORD}))
    assert f"Our {PRIVATE_WORD} pilot" in found
    assert "Inside" not in found
    assert search_site("Inside", user=workspace.insider).total == 1  # the person only
    assert search_site("Inside", user=workspace.insider).page[0].kind == "member"


def test_outside_such_threads_a_post_can_be_found_by_its_author(cast, workspace, reindex):
    reindex()
    kinds = sorted(hit.kind for hit in search_site("Inside", user=workspace.insider).page)
    assert kinds == ["member", "post"]


def test_suggestions_need_two_characters(cast, workspace, reindex):
    reindex()
    assert suggest_site("P", user=workspace.insider) == []
