"""A member mentions another from the keyboard, and the thread page fits a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from taskforces.models import MembershipRole
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def thread_url(site_tree, live_server_url):
    taskforce = factories.TaskForcePageFactory(
        parent=site_tree.taskforces, title="Task force on AI tools", slug="ai-tools"
    )
    people = {}
    for first, last in [("Wren", "Writer"), ("Rui", "Reader"), ("Rosa", "Ramos")]:
        user = factories.UserFactory(
            email=f"{first.lower()}@example.org", first_name=first, last_name=last
        )
        factories.MemberFactory(user=user)
        factories.MembershipFactory(taskforce=taskforce, user=user, role=MembershipRole.MEMBER)
        people[first] = user
    thread = factories.ThreadFactory(
        taskforce=taskforce, author=people["Wren"], title="Machine translation of claims"
    )
    factories.PostFactory(
        thread=thread, author=people["Rui"], body="Who translates claims?" + " word" * 60
    )
    return live_server_url + taskforce.workspace_url("thread", thread.pk)


# What sticks out past the screen's edge, for the failure message.
WIDE = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 360)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 15)"""


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_typing_at_and_letters_offers_members_chosen_with_the_keyboard(
    thread_url, live_server_url, page_and_problems
):
    page, problems = page_and_problems
    sign_in(page, live_server_url, "wren@example.org")
    page.goto(thread_url)
    box = page.get_by_label("Your post")
    box.press_sequentially("Thanks @r", delay=30)
    options = page.get_by_role("listbox", name="Members to mention").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_attribute("aria-selected", "true")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert_no_axe_violations(page)

    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    chosen = options.nth(1).locator(".mentions__handle").inner_text()
    box.press("Enter")
    expect(box).to_have_value(f"Thanks {chosen} ")
    expect(page.get_by_role("listbox")).to_be_hidden()

    # Escape closes the list and leaves the text as typed.
    box.press_sequentially("and @ro", delay=30)
    expect(options).to_have_count(1)
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_value(f"Thanks {chosen} and @ro")

    # A name no member has is answered in words, outside the list.
    box.press_sequentially(" @zq", delay=30)
    expect(page.get_by_role("status").filter(has_text="No member")).to_be_visible()
    expect(page.get_by_role("listbox")).to_be_hidden()
    assert_no_axe_violations(page)
    assert not problems, problems


def test_the_thread_page_fits_a_phone_without_violations(thread_url, live_server_url, browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, live_server_url, "wren@example.org")
    for url in (thread_url, thread_url.rsplit("threads/", 1)[0]):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.evaluate(WIDE)
        assert_no_axe_violations(page)
    context.close()
