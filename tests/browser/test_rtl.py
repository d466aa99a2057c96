"""An Arabic reader's catalogue and office pages: right to left, taxonomy names in
Arabic, English content marked as such, and no accessibility violation axe can find."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.portal.test_taxonomies import translate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def arabic_site(site_tree):
    """An office and an entry whose region and category have Arabic names."""
    region = factories.RegionFactory(name="Africa", slug="africa")
    translate(region, "ar", name="أفريقيا")
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Ghana", code="GH", region=region
    )
    category = factories.CategoryFactory(name="E-filing", slug="e-filing")
    translate(category, "ar", name="الإيداع الإلكتروني")
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Trademark e-filing service",
        summary="Files trademark applications online.",
        category=category,
        provider_offices=[office],
    )
    entry.save_revision().publish()
    return office, entry


@pytest.fixture
def arabic_page(browser, live_server_url):
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server_url}])
    yield context.new_page()
    context.close()


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_arabic_catalogue_is_right_to_left_and_accessible(
    arabic_site, arabic_page, live_server_url
):
    page = arabic_page
    page.goto(live_server_url + "/catalogue/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "الإيداع الإلكتروني" in page.locator("main").inner_text()
    card_title = page.locator(".card a[dir=auto]").first
    # The English title, isolated, runs left to right inside the right-to-left page.
    assert card_title.evaluate("node => getComputedStyle(node).direction") == "ltr"
    assert_no_axe_violations(page)


def test_the_arabic_office_page_is_right_to_left_and_accessible(
    arabic_site, arabic_page, live_server_url
):
    office, entry = arabic_site
    page = arabic_page
    page.goto(live_server_url + office.url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "أفريقيا" in page.locator("main").inner_text()
    assert page.locator("h1 bdi").first.inner_text() == "Office of Ghana"
    assert_no_axe_violations(page)

    page.goto(live_server_url + entry.url)
    assert "الإيداع الإلكتروني" in page.locator(".eyebrow").inner_text()
    assert_no_axe_violations(page)
