"""Hostile query parameters and posted values get a clear 4xx and change nothing."""

import pytest

from catalogue.models import Adoption, Interest, Question
from tests import factories

pytestmark = pytest.mark.django_db

NUL = "\x00"
SUPERSCRIPT_THREE = "\u00b3"  # "³": str.isdigit() says yes, int() says no


@pytest.fixture
def entry(site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Shared e-filing", provider_offices=[cast.office_b]
    )
    entry.save_revision().publish()
    return entry


class ListingTests:
    @pytest.mark.parametrize("name", ["q", "region", "tag", "office", "category", "sort"])
    def test_a_nul_byte_in_a_filter_is_refused_with_a_message(self, client, entry, name):
        response = client.get("/catalogue/", {name: f"x{NUL}y"})
        assert response.status_code == 400
        assert "null character" in response.content.decode()
        assert "<h1>" in response.content.decode()

    def test_an_over_long_search_is_refused_with_a_message_on_the_listing(self, client, entry):
        response = client.get("/catalogue/", {"q": "a" * 5000})
        assert response.status_code == 400
        text = response.content.decode()
        assert "at most 200 characters" in text
        assert 'id="catalogue-filters"' in text

    def test_too_many_values_of_one_facet_are_refused(self, client, entry):
        response = client.get("/catalogue/", {"tag": [f"t{n}" for n in range(50)]})
        assert response.status_code == 400
        assert "at most 20" in response.content.decode()

    def test_an_unknown_sort_falls_back_to_the_name_order(self, client, entry):
        response = client.get("/catalogue/", {"sort": "nonsense"})
        assert response.status_code == 200
        assert response.context["state"].sort == "name"

    @pytest.mark.parametrize("value", [SUPERSCRIPT_THREE, "\u0661\u0662", "9" * 40, "-1", "%"])
    def test_odd_compare_ids_and_pages_are_ignored(self, client, entry, value):
        assert client.get("/catalogue/", {"compare": value}).status_code == 200
        assert client.get("/catalogue/", {"page": value}).status_code == 200

    @pytest.mark.parametrize("value", ["%", "-1", "9" * 40, SUPERSCRIPT_THREE])
    def test_the_export_refuses_nothing_it_can_read(self, client, entry, value):
        assert client.get("/catalogue/export/csv/", {"tag": value}).status_code == 200
        assert client.get("/catalogue/export/json/", {"q": value}).status_code == 200

    def test_the_export_refuses_a_nul_byte(self, client, entry):
        assert client.get("/catalogue/export/csv/", {"q": NUL}).status_code == 400


class CompareTests:
    @pytest.mark.parametrize(
        "value", [SUPERSCRIPT_THREE, f"1{SUPERSCRIPT_THREE}", "\u0661\u0662", "9" * 40, "-1"]
    )
    def test_ids_that_are_not_plain_numbers_are_ignored(self, client, entry, value):
        response = client.get("/catalogue/compare/", {"entries": f"{value},{entry.pk}"})
        assert response.status_code == 200
        assert [e.pk for e in response.context["entries"]] == [entry.pk]

    def test_a_nul_byte_is_refused(self, client, entry):
        response = client.get("/catalogue/compare/", {"entries": f"{entry.pk}{NUL}"})
        assert response.status_code == 400


class ApiTests:
    @pytest.mark.parametrize("name", ["q", "tag", "category", "office", "region", "sort"])
    def test_a_nul_byte_in_a_filter_is_a_json_400(self, client, entry, name):
        response = client.get("/api/catalogue/entries", {name: NUL})
        assert response.status_code == 400
        assert "null character" in response.json()["detail"]

    @pytest.mark.parametrize("key", ["%C2%B3", "%D9%A1%D9%A2", "9" * 40, "-1", "%25", "x" * 5000])
    def test_an_odd_key_is_a_json_404(self, client, entry, key):
        response = client.get(f"/api/catalogue/entries/{key}")
        assert response.status_code == 404
        assert response.json() == {"detail": "No published entry with this id or slug."}

    def test_the_entry_is_still_found_by_id_and_slug(self, client, entry):
        assert client.get(f"/api/catalogue/entries/{entry.pk}").json()["title"] == entry.title
        assert client.get(f"/api/catalogue/entries/{entry.slug}").json()["id"] == entry.pk

    @pytest.mark.parametrize(
        "params",
        [
            {"q": "a" * 5000},
            {"tag": "t" * 5000},
            {"tag": [f"t{n}" for n in range(50)]},
            {"page": SUPERSCRIPT_THREE},
            {"page": "0"},
            {"page_size": "-1"},
            {"sort": "nonsense"},
        ],
    )
    def test_out_of_bounds_filters_are_a_json_422(self, client, entry, params):
        response = client.get("/api/catalogue/entries", params)
        assert response.status_code == 422
        assert response.json()["detail"]

    def test_a_page_past_the_end_is_a_json_404(self, client, entry):
        response = client.get("/api/catalogue/entries", {"page": "9" * 40})
        assert response.status_code == 404
        assert response.json() == {"detail": "No such page."}


class PostedIdTests:
    @pytest.mark.parametrize("office", ["abc", SUPERSCRIPT_THREE, "9" * 40, "-1", NUL, ""])
    def test_an_adoption_for_an_unreadable_office_is_refused(self, as_role, cast, entry, office):
        response = as_role("cio_a").post(
            entry.url + "adoption/", {"office": office, "office-x-status": "in_use"}
        )
        assert response.status_code == 400
        assert not Adoption.objects.exists()

    def test_an_adoption_for_an_unknown_office_is_refused_with_a_message(
        self, as_role, cast, entry
    ):
        response = as_role("cio_a").post(entry.url + "adoption/", {"office": "999999"})
        assert response.status_code == 400
        assert "Choose an office" in response.content.decode()
        assert not Adoption.objects.exists()

    @pytest.mark.parametrize("interested", [NUL, "9" * 40, SUPERSCRIPT_THREE])
    def test_odd_interest_values_change_nothing(self, as_role, entry, interested):
        response = as_role("member").post(entry.url + "interest/", {"interested": interested})
        assert response.status_code in (302, 400)
        assert not Interest.objects.exists()

    def test_a_question_with_a_nul_byte_is_refused(self, as_role, entry):
        response = as_role("member").post(
            entry.url + "ask/", {"body": f"Is this still maintained?{NUL}"}
        )
        assert response.status_code == 400
        assert not Question.objects.exists()

    @pytest.mark.parametrize("question_id", ["9" * 40])
    def test_an_answer_to_an_out_of_range_question_is_not_found(self, as_role, entry, question_id):
        response = as_role("cio_b").post(
            f"/catalogue/questions/{question_id}/answer/", {"q1-answer": "Yes"}
        )
        assert response.status_code == 404
