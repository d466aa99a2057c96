"""A task-force member finds a post by a word in it, from the header's search box;
a visitor searching the same word finds nothing."""

import pytest

from taskforces import services
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORD = "zanzibarite"


@pytest.fixture
def discussion(site_tree):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    member = factories.MemberFactory(
        user__email="insider@example.org", user__password="a-test-password"
    ).user
    factories.MembershipFactory(taskforce=taskforce, user=member)
    thread = factories.ThreadFactory(taskforce=taskforce, title="Piloting routing", author=member)
    # Written as the workspace writes posts: rendered, saved and indexed at once.
    services.post_create(thread=thread, author=member, body=f"Our {WORD} pilot routes filings.")
    return member


def search_from_header(page, text: str) -> None:
    box = page.get_by_role("search").first.get_by_label("Search the portal")
    box.fill(text)
    with page.expect_navigation():
        box.press("Enter")


def test_a_member_finds_a_post_and_a_visitor_does_not(
    discussion, live_server_url, page_and_problems, browser
):
    page, problems = page_and_problems
    sign_in(page, live_server_url, "insider@example.org")

    # Suggestions appear as they type (htmx), with the thread's title.
    box = page.get_by_role("search").first.get_by_label("Search the portal")
    box.press_sequentially("Piloting rou", delay=20)
    suggestion = page.locator("#header-search-suggestions").get_by_role(
        "link", name="Piloting routing"
    )
    suggestion.wait_for()

    search_from_header(page, WORD)
    results = page.locator("ol.results li")
    assert results.count() == 1
    assert results.first.locator(".eyebrow").inner_text().startswith("Post")
    assert results.first.locator("h2").inner_text() == "Piloting routing"
    assert results.first.locator("mark").inner_text() == WORD
    assert not problems, problems

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server_url + "/")
    search_from_header(visitor, WORD)
    assert visitor.locator("ol.results li").count() == 0
    assert f"0 results for “{WORD}”" in visitor.get_by_role("status").first.inner_text()
    assert visitor.locator("nav.facets").count() == 0
    assert visitor.locator(".result__excerpt").count() == 0
    visitor.context.close()


def test_suggestions_are_reached_and_left_with_the_keyboard(
    discussion, live_server_url, page_and_problems
):
    page, problems = page_and_problems
    sign_in(page, live_server_url, "insider@example.org")
    box = page.get_by_role("search").first.get_by_label("Search the portal")
    box.press_sequentially("Piloting rou", delay=20)
    suggestions = page.locator("#header-search-suggestions")
    first = suggestions.get_by_role("link", name="Piloting routing")
    first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"

    # Down into the list, down to "All results", up again, up back to the box.
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").strip().endswith("Piloting routing")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").startswith("All results")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "header-search-q"

    # Escape from inside the list closes it and returns to the box.
    box.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "header-search-q"
    assert not first.is_visible()
    assert box.get_attribute("aria-expanded") == "false"

    # A click elsewhere on the page closes it too.
    box.press("ArrowDown")
    assert first.is_visible()
    page.locator("main").click(position={"x": 5, "y": 5})
    assert not first.is_visible()

    # Enter on a suggestion follows it.
    box.focus()
    box.press("ArrowDown")
    assert first.is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Piloting routing"
    assert not problems, problems
