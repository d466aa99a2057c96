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
