"""A reader on a 360 px phone: no page wider than the screen, the header's menu and the
catalogue's filters folded behind buttons that open with the keyboard, and no
accessibility violation axe can find."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH = 360


@pytest.fixture
def phone_site(site_tree):
    name = "National Institute of Industrial Property"
    brazil = factories.OfficePageFactory(
        parent=site_tree.network, title=name, code="BR", country="BR", acronym="INPI BR"
    )
    chile = factories.OfficePageFactory(
        parent=site_tree.network, title=name, code="CL", country="CL"
    )
    entries = [
        factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue,
            title=f"Industrial property e-filing and examination suite {n}",
            provider_offices=[brazil if n % 2 else chile],
        )
        for n in range(8)
    ]
    factories.WorkshopPageFactory(
        parent=site_tree.workshops, title="Codefest on tools for IP office operations"
    )
    return brazil, entries[0]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": WIDTH, "height": 780})
    yield context.new_page()
    context.close()


def assert_fits_and_is_accessible(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def tab_to(page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reached with the Tab key")


def test_every_page_type_fits_a_phone_and_passes_axe(phone_site, phone, live_server_url):
    office, entry = phone_site
    for path in ["/", "/catalogue/", entry.url, office.url, "/workshops/"]:
        phone.goto(live_server_url + path)
        assert_fits_and_is_accessible(phone)


def test_the_header_menu_opens_with_the_keyboard(phone_site, phone, live_server_url):
    phone.goto(live_server_url + "/")
    nav = phone.get_by_role("navigation", name="Main")
    assert not nav.is_visible()
    header_height = phone.locator(".site-header").bounding_box()["height"]
    assert header_height < 780 * 0.2
    tab_to(phone, ".site-menu > summary")
    phone.keyboard.press("Enter")
    assert nav.is_visible()
    assert phone.get_by_role("link", name="Sign in", exact=True).is_visible()
    assert_fits_and_is_accessible(phone)
    tab_to(phone, ".main-nav a")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url.endswith("/about/")


def test_the_catalogues_filters_fold_and_a_skip_link_leads_past_them(
    phone_site, phone, live_server_url
):
    phone.goto(live_server_url + "/catalogue/")
    office_facet = phone.locator("[data-facet=office]")
    assert not office_facet.is_visible()
    tab_to(phone, ".skip-to")
    assert phone.locator(".skip-to").is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "catalogue-list"
    tab_to(phone, ".catalogue__facets > summary")
    phone.keyboard.press("Enter")
    assert office_facet.is_visible()
    tab_to(phone, "[data-facet=office] > summary")
    phone.keyboard.press("Enter")
    assert "National Institute of Industrial Property (Brazil)" in office_facet.inner_text()
    assert_fits_and_is_accessible(phone)


def test_wide_screens_show_the_menu_and_filters_unfolded(phone_site, browser, live_server_url):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server_url + "/catalogue/")
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert not page.locator(".site-menu > summary").is_visible()
    assert not page.locator(".catalogue__facets > summary").is_visible()
    assert page.locator("[data-facet=category]").is_visible()
    context.close()
