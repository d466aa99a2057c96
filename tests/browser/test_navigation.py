"""A reader walks the main navigation through every area, on a desktop and on a phone."""

from django.db import transaction

import pytest

from tests import demo_data

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data; the page tree from migrations is restored after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AREAS = ["Network", "Catalogue", "Task forces", "Workshops", "News"]


@pytest.fixture
def demo(transactional_db, demo_snapshot):
    with transaction.atomic():
        demo_data.restore(demo_snapshot)


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def test_main_navigation_reaches_every_area_without_errors(
    demo, live_server_url, page_and_problems
):
    page, problems = page_and_problems
    page.goto(live_server_url + "/")
    for area in AREAS:
        with page.expect_navigation() as navigation:
            main_nav(page).get_by_role("link", name=area, exact=True).click()
        assert navigation.value.status == 200, area
        assert main_nav(page).locator("[aria-current=page]").inner_text() == area
        # One step deeper: the first item the area lists.
        with page.expect_navigation() as navigation:
            page.locator("main article h2 a, main article h3 a").first.click()
        assert navigation.value.status == 200, f"first item in {area}"
        assert page.locator("h1").count() == 1
    # Search is the header's box, not a menu item; the search page then has its own form.
    page.locator("#header-search-q").fill("classification")
    with page.expect_navigation() as navigation:
        page.locator("#header-search-q").press("Enter")
    assert navigation.value.status == 200
    page.get_by_label(
        "Search offices, people, the catalogue, task forces, workshops and news"
    ).fill("translation")
    page.locator("main").get_by_role("button", name="Search").click()
    assert page.locator("ol.results li").count() > 0
    assert not problems, problems


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(
    site_tree, live_server_url, page_and_problems
):
    page, problems = page_and_problems
    page.goto(live_server_url + "/about/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert not problems, problems


def test_pages_fit_a_360_pixel_wide_phone(demo, live_server_url, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for path in ["/", "/network/", "/catalogue/", "/workshops/", "/network/ep/"]:
            page.goto(live_server_url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    finally:
        context.close()


def test_arabic_lays_the_page_out_right_to_left(site_tree, live_server_url, page_and_problems):
    page, problems = page_and_problems
    page.goto(live_server_url + "/")
    page.locator("details.language-switcher summary").click()
    with page.expect_navigation():
        page.locator("details.language-switcher button[value=ar]").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    brand = page.locator(".brand").bounding_box()
    viewport = page.viewport_size
    search = page.locator(".header-search").bounding_box()
    # The Arabic site name is long: its start (right edge) is what sits on the right.
    assert brand["x"] + brand["width"] > viewport["width"] * 0.75, (
        "The site name should sit on the right in Arabic."
    )
    assert brand["x"] > search["x"], "The search box should come after the site name."
    assert not problems, problems
