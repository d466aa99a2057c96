"""The listing over the demo catalogue: facet counts that match the results they lead
to, sorting, htmx updates and plain links."""

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from catalogue import selectors
from catalogue.facets import facet_counts, facet_rows

pytestmark = pytest.mark.django_db


def result_count(params: dict[str, list[str]], query: str = "") -> int:
    state = selectors.ListingState(query=query, selected={k: v for k, v in params.items() if v})
    return selectors.filtered_entries(state).count()


# Several filters combined, over the demo catalogue.
COMBINATIONS = [
    {},
    {"kind": ["service"]},
    {"kind": ["service"], "licence": ["free"]},
    {"category": ["classification", "machine-translation"], "deployment": ["saas"]},
    {"standard": ["ST.96"], "kind": ["solution"], "language": ["en"]},
    {"office": ["WO", "EP"], "lifecycle": ["production"], "tag": ["ai", "api"]},
    {"region": ["europe"], "deployment": ["cloud", "hybrid"]},
]


class FacetCountTests:
    @pytest.mark.parametrize("selected", COMBINATIONS)
    def test_each_count_equals_the_results_its_value_gives(self, demo_site, db, selected):
        state = selectors.ListingState(selected=selected)
        counted = facet_counts(state)
        total, facets = counted.total, counted.facets
        assert total == result_count(selected)
        checked = 0
        for facet in facets:
            for option in facet.options:
                alone = {**selected, facet.key: [option.value]}
                assert option.count == result_count(alone), (facet.key, option.value)
                checked += 1
        assert checked > 5

    def test_demo_combination_narrows_and_counts_match_the_listing(self, demo_site, db, client):
        response = client.get("/catalogue/?kind=service&deployment=saas&category=classification")
        total = response.context["entries"].paginator.count
        assert 0 < total < result_count({"kind": ["service"]})
        facets = {facet.key: facet for facet in response.context["facets"]}
        chosen = next(o for o in facets["category"].options if o.value == "classification")
        assert chosen.selected and chosen.count == total

    def test_values_within_a_facet_are_alternatives(self, demo_site, db):
        one = result_count({"category": ["classification"]})
        other = result_count({"category": ["machine-translation"]})
        assert result_count({"category": ["classification", "machine-translation"]}) == one + other

    def test_text_box_combines_with_facets(self, demo_site, db, client):
        response = client.get("/catalogue/?q=translation&kind=service")
        titles = [entry.title for entry in response.context["entries"]]
        assert "WIPO Translate" in titles
        for facet in response.context["facets"]:
            for option in facet.options:
                alone = {"kind": ["service"], facet.key: [option.value]}
                assert option.count == result_count(alone, query="translation")

    def test_counts_follow_the_catalogue_after_the_same_listing_was_asked(self, demo_site, db):
        # The SQL of a listing state is kept between requests; its counts never are.
        state = selectors.ListingState(selected={"kind": ["service"]})
        total = facet_counts(state).total
        entry = selectors.listed_entries().filter(kind="service").first()
        entry.unpublish()
        assert facet_counts(state).total == total - 1

    @pytest.mark.parametrize("language", ["en", "fr", "ar"])
    def test_every_language_counts_as_the_listing_shows(self, demo_site, db, language):
        with translation.override(language):
            for selected in COMBINATIONS[:3]:
                state = selectors.ListingState(query="office", selected=selected)
                counted = facet_counts(state)
                total, facets = counted.total, counted.facets
                assert total == selectors.filtered_entries(state).count()
                rows = {
                    (row["facet_key"], row["facet_value"], row["n"]) for row in facet_rows(state)
                }
                shown = {("", None, total)} | {
                    (facet.key, option.value, option.count)
                    for facet in facets
                    for option in facet.options
                    if option.count
                }
                assert shown == rows


class ListingTests:
    @pytest.mark.parametrize("sort", list(selectors.Sort.ORDERING))
    @pytest.mark.parametrize("query", ["", "?kind=service", "?q=office&licence=free"])
    def test_each_page_lists_the_entries_in_the_chosen_order(
        self, demo_site, db, client, monkeypatch, sort, query
    ):
        # The page's entries are found with the counts, in one query (catalogue.facets).
        monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
        url = f"/catalogue/{query or '?'}&sort={sort}"
        state = client.get(url).context["state"]
        expected = list(
            selectors.with_adoption_count(selectors.filtered_entries(state))
            .order_by(*selectors.Sort.ORDERING[sort])
            .values_list("pk", flat=True)
        )
        assert len(expected) > 3
        shown = []
        for number in range(1, (len(expected) + 2) // 3 + 1):
            page = client.get(f"{url}&page={number}").context["entries"]
            assert page.number == number and page.paginator.count == len(expected)
            shown += [entry.pk for entry in page]
        assert shown == expected
        # Past the end, and not a number: the last page, the first.
        last = client.get(f"{url}&page=999").context["entries"]
        assert last.number == page.paginator.num_pages
        assert [entry.pk for entry in last] == expected[(last.number - 1) * 3 :]
        assert client.get(f"{url}&page=two").context["entries"].number == 1

    def test_sorting_by_most_adopted(self, demo_site, db, client):
        entries = list(client.get("/catalogue/?sort=adopted").context["entries"])
        adopted = dict(
            selectors.with_adoption_count(selectors.listed_entries()).values_list(
                "pk", "adoption_count"
            )
        )
        counts = [adopted[entry.pk] for entry in entries]
        assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
        assert entries[0].title == "IPAS"

    def test_htmx_gets_only_the_results_region(self, demo_site, db, client):
        response = client.get(
            "/catalogue/?kind=service", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="catalogue-results"
        )
        text = response.content.decode()
        assert "<html" not in text
        assert 'class="catalogue__layout"' in text
        # The count is announced from outside the replaced region.
        assert (
            'id="catalogue-status" class="visually-hidden" role="status" hx-swap-oob="true"' in text
        )

    def test_without_javascript_the_form_and_links_hold_the_state(self, demo_site, db, client):
        text = client.get("/catalogue/?kind=service&sort=newest&q=patent").content.decode()
        assert '<form id="catalogue-filters"' in text and 'method="get"' in text
        assert 'name="kind" value="service" checked' in text
        assert '<option value="newest" selected>' in text
        assert 'value="patent"' in text
        assert "export/csv/?q=patent&amp;kind=service&amp;sort=newest" in text

    def test_add_to_comparison_link_keeps_the_filters(self, demo_site, db, client):
        text = client.get("/catalogue/?kind=service").content.decode()
        assert "?kind=service&amp;compare=" in text


class FacetGroupTests:
    """Each facet a disclosure showing its first five values; "Show all" for the rest."""

    def groups(self, client, url="/catalogue/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        return page, page.find(id="catalogue-facets").find_all("details", class_="facet")

    def test_the_first_two_groups_are_open_and_the_others_folded(self, demo_site, db, client):
        _page, groups = self.groups(client)
        assert len(groups) > 5
        assert [group.has_attr("open") for group in groups[:3]] == [True, True, False]

    def test_a_group_with_a_chosen_value_is_open(self, demo_site, db, client):
        _page, groups = self.groups(client, "/catalogue/?licence=free")
        licence = next(group for group in groups if group["data-facet"] == "licence")
        assert licence.has_attr("open")
        assert "(1 chosen)" in licence.summary.get_text(" ", strip=True)

    def test_long_groups_show_five_values_and_the_rest_behind_show_all(self, demo_site, db, client):
        _page, groups = self.groups(client)
        category = next(group for group in groups if group["data-facet"] == "category")
        first = category.fieldset.find("ul", recursive=False).find_all("li")
        more = category.find("details", class_="facet__more")
        total = len(first) + len(more.find_all("li"))
        assert len(first) == 5
        assert more.summary.get_text(strip=True) == f"Show all {total}"
        assert not more.has_attr("open")

    def test_a_chosen_value_among_the_rest_unfolds_show_all(self, demo_site, db, client):
        _page, groups = self.groups(client)
        category = next(group for group in groups if group["data-facet"] == "category")
        hidden = category.find("details", class_="facet__more").find("input")["value"]
        _page, groups = self.groups(client, f"/catalogue/?category={hidden}")
        category = next(group for group in groups if group["data-facet"] == "category")
        assert category.find("details", class_="facet__more").has_attr("open")

    def test_a_skip_link_before_the_filters_leads_to_the_results(self, demo_site, db, client):
        page, _groups = self.groups(client)
        skip = page.find("a", string="Skip to results")
        assert skip["href"] == "#catalogue-list"
        assert page.find(id="catalogue-list") is not None
        later = skip.find_all_next(id="catalogue-facets")
        assert later, "the skip link comes before the filters"
