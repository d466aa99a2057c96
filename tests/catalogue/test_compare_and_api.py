"""Comparing entries side by side, and the API's documents and errors."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(site_tree, cast):
    first = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="First", kind="solution", provider_offices=[cast.office_a]
    )
    second = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Second",
        kind="service",
        category=first.category,
        provider_offices=[cast.office_a],
    )
    for entry in (first, second):
        entry.save_revision().publish()
    return first, second


class CompareTests:
    def test_differences_are_highlighted_at_a_shareable_url(self, client, pair):
        first, second = pair
        response = client.get(f"/catalogue/compare/?entries={first.pk},{second.pk}")
        rows = {row["label"]: row for row in response.context["rows"]}
        assert rows["Kind"]["differs"] and rows["Kind"]["values"] == ["Solution", "Service"]
        assert not rows["Category"]["differs"]
        text = response.content.decode()
        assert text.count('class="compare__differs"') >= 1
        assert f"compare/?entries={first.pk},{second.pk}" in text

    def test_one_entry_asks_for_more(self, client, pair):
        response = client.get(f"/catalogue/compare/?entries={pair[0].pk}")
        assert response.context["too_few"]

    def test_junk_and_unknown_ids_are_ignored(self, client, pair):
        response = client.get(f"/catalogue/compare/?entries=abc,999999,{pair[1].pk},,{pair[0].pk}")
        assert [entry.title for entry in response.context["entries"]] == ["Second", "First"]

    def test_entry_page_offers_add_to_comparison(self, client, pair):
        text = client.get(pair[0].url).content.decode()
        assert f"/catalogue/?compare={pair[0].pk}" in text


class ApiTests:
    def test_openapi_document_and_docs_are_served(self, client, pair):
        document = client.get("/api/catalogue/openapi.json").json()
        assert "/api/catalogue/entries" in document["paths"]
        assert "/api/catalogue/entries/{key}" in document["paths"]
        assert client.get("/api/catalogue/docs").status_code == 200

    def test_list_filters_and_paginates(self, client, pair):
        data = client.get("/api/catalogue/entries?kind=service").json()
        assert [entry["title"] for entry in data["results"]] == ["Second"]
        data = client.get("/api/catalogue/entries?page_size=1&page=2").json()
        assert (data["count"], data["pages"], data["results"][0]["title"]) == (2, 2, "Second")

    def test_bad_input_gets_a_json_error(self, client, pair):
        response = client.get("/api/catalogue/entries?page_size=1000")
        assert response.status_code == 422
        assert "detail" in response.json()
        response = client.get("/api/catalogue/entries?page=9")
        assert response.status_code == 404 and response.json() == {"detail": "No such page."}

    def test_detail_by_id_and_slug(self, client, pair):
        first = pair[0]
        by_id = client.get(f"/api/catalogue/entries/{first.pk}").json()
        by_slug = client.get(f"/api/catalogue/entries/{first.slug}").json()
        assert by_id == by_slug
        assert by_id["provider_offices"] == [{"code": "AA", "title": "Office A"}]
        assert by_id["last_confirmed_at"]
