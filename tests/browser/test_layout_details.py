"""Details the page sweep's screenshots showed: the workspace's tabs on a phone, the
search page without filters, the header's counts."""

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_every_page import site  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_workspace_tabs_stay_on_one_row_on_a_phone(site, browser, live_server_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    sign_in(page, live_server_url, site["member"].email)
    page.goto(live_server_url + site["members"]["documents"])
    tops = {round(tab.bounding_box()["y"]) for tab in page.locator(".tabs a").all()}
    assert len(tops) == 1, f"the tabs take {len(tops)} rows"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Every tab is reached with the keyboard, the scrolled-off ones included.
    last = page.locator(".tabs a").last
    last.focus()
    assert last.evaluate("a => a === document.activeElement")
    context.close()


def test_search_results_take_the_width_when_there_are_no_filters(
    site,  # noqa: F811
    browser,
    live_server_url,
):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server_url + "/search/?q=nothing-matches-this")
    assert page.locator(".facets").count() == 0
    column = page.locator(".search-layout > *").first.bounding_box()
    assert column["width"] > 600, column
    context.close()


def test_header_counts_read_as_words_and_numbers(site, browser, live_server_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, live_server_url, site["member"].email)
    link = page.locator("a.header-count").first
    name = link.evaluate("a => a.innerText.replace(/\\s+/g, ' ').trim()")
    assert name == "Notifications 0"
    context.close()
