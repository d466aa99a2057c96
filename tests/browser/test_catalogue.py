"""An office's head of ICT filters the catalogue by two facets, opens an entry, marks it as
used by their office, compares it with another entry and asks its provider a question."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import Adoption, DeploymentModel, Question
from network import services
from network.models import MemberRole, Seat
from search.models import LoggedQuery
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalogue(site_tree):
    """Entries and the CIO, made before the browser starts."""
    provider = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Korea", code="KR"
    )
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Ghana", code="GH"
    )
    cio = factories.MemberFactory(
        office=office, role=MemberRole.CIO, user__email="cio.gh@example.org"
    ).user
    services.seat_assign(office=office, user=cio, seat=Seat.PRINCIPAL, confirmed_by=None)
    provider_cio = factories.MemberFactory(
        office=provider, role=MemberRole.CIO, user__email="cio.kr@example.org"
    ).user
    services.seat_assign(office=provider, user=provider_cio, seat=Seat.PRINCIPAL, confirmed_by=None)
    search = factories.CategoryFactory(name="Prior-art and image search", slug="search")
    filing = factories.CategoryFactory(name="E-filing", slug="e-filing")
    saas = DeploymentModel.objects.get(slug="saas")

    def entry(title, category, kind):
        page = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title=title,
            summary=f"{title} for offices.",
            category=category,
            kind=kind,
            provider_offices=[provider],
        )
        page.deployment_models.add(saas)
        page.save_revision().publish()
        return page

    chosen = entry("Figurative mark search", search, "service")
    entry("Design image search", search, "solution")
    other = entry("Trademark e-filing service", filing, "service")
    return cio, provider_cio, chosen, other


def test_cio_filters_opens_marks_used_compares_and_asks(
    catalogue, live_server_url, browser, page_and_problems
):
    cio, provider_cio, chosen, other = catalogue
    page, problems = page_and_problems
    sign_in(page, live_server_url, cio.email)

    # Two facets, each click updating the results in place and the address with them.
    page.goto(f"{live_server_url}/catalogue/")
    assert page.locator("#catalogue-total").get_attribute("data-total") == "3"
    choose_facet(page, "kind", r"^Service")
    page.wait_for_url(re.compile(r"kind=service"))
    expect(page.locator("#catalogue-total")).to_have_attribute("data-total", "2")
    choose_facet(page, "category", r"^Prior-art and image search")
    page.wait_for_url(re.compile(r"kind=service.*category=search|category=search.*kind=service"))
    expect(page.locator("#catalogue-total")).to_have_attribute("data-total", "1")
    assert page.locator("#catalogue-status").inner_text() == "1 entry found"
    results = page.locator(".catalogue__list")
    assert results.get_by_role("link", name="Figurative mark search", exact=True).is_visible()
    assert results.get_by_role("link", name="Trademark e-filing service", exact=True).count() == 0

    # The entry: "our office uses this".
    results.get_by_role("link", name="Figurative mark search", exact=True).click()
    page.wait_for_url(live_server_url + chosen.url)
    page.get_by_text(re.compile(r"^Office of Ghana.* uses this$")).click()
    adoption_form = page.locator("#adoptions form")
    adoption_form.get_by_label("Status").select_option("in_use")
    adoption_form.get_by_label("Version").fill("2.4")
    adoption_form.get_by_label("Our office is willing to be contacted as a reference").check()
    adoption_form.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(re.escape(chosen.url) + "#adoptions"))
    saved = page.get_by_role("status").first.inner_text()
    assert re.search(r"Saved: Office of Ghana.* uses this\.", saved), saved
    assert page.locator("#adoptions table").get_by_text("Office of Ghana").is_visible()

    # Compare it with another entry.
    page.get_by_role("link", name="Add to comparison", exact=True).click()
    page.wait_for_url(re.compile(rf"/catalogue/\?compare={chosen.pk}$"))
    page.get_by_role(
        "link", name=re.compile(r"^Add to comparison\W+Trademark e-filing service")
    ).press("Enter")
    page.wait_for_url(
        re.compile(rf"compare={chosen.pk}%2C{other.pk}|compare={chosen.pk},{other.pk}")
    )
    # The link pressed is replaced; focus moves to the confirmation, not the page's body.
    expect(page.locator("#compare-notice")).to_be_focused()
    page.get_by_role("link", name="Compare them").click()
    page.wait_for_url(re.compile(r"/catalogue/compare/\?entries="))
    table = page.locator("table.compare")
    assert table.get_by_role("link", name="Figurative mark search").is_visible()
    assert table.get_by_role("link", name="Trademark e-filing service").is_visible()
    assert table.locator("tr.compare__differs").filter(has_text="Category").count() == 1

    # Ask the provider.
    table.get_by_role("link", name="Figurative mark search").click()
    page.wait_for_url(live_server_url + chosen.url)
    page.get_by_label("Your question").fill("Can it read the Vienna codes our examiners assign?")
    page.get_by_role("button", name="Send the question").click()
    page.wait_for_url(re.compile(re.escape(chosen.url) + "#ask"))
    assert "Your question was sent" in page.get_by_role("status").first.inner_text()

    adoption = Adoption.objects.get(entry=chosen)
    assert (adoption.office.code, adoption.version, adoption.willing_to_be_reference) == (
        "GH",
        "2.4",
        True,
    )
    question = Question.objects.get()
    assert question.asked_by == cio and question.entry_id == chosen.pk
    assert not problems, problems


def choose_facet(page, facet: str, label: str) -> None:
    """Tick a value of a facet group, opening the group (a disclosure) first if closed."""
    group = page.locator(f"details[data-facet={facet}]")
    if group.get_attribute("open") is None:
        group.locator("summary").first.click()
    group.get_by_label(re.compile(label)).check()


def test_typing_updates_the_results_and_only_the_submitted_query_is_logged(
    catalogue, live_server_url, browser, page_and_problems
):
    page, problems = page_and_problems
    page.goto(f"{live_server_url}/catalogue/")
    box = page.locator("#catalogue-q")
    box.press_sequentially("figurative", delay=30)
    page.wait_for_url(re.compile(r"q=figurative"))
    expect(page.locator("#catalogue-total")).to_have_attribute("data-total", "1")
    # As one types, the results follow, but no half-typed query is logged.
    assert not LoggedQuery.objects.exists()
    with page.expect_response(re.compile(r"/catalogue/\?q=figurative")):
        box.press("Enter")
    page.wait_for_load_state("networkidle")
    assert list(LoggedQuery.objects.values_list("source", "query", "results")) == [
        ("catalogue", "figurative", 1)
    ]
    assert not problems, problems
