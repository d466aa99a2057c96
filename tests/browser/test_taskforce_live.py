"""Two members in two browsers: one posts, the other sees it at once, without reloading."""

import pytest
from playwright.sync_api import expect

from taskforces.models import MembershipRole, ReadPosition
from tests import factories
from tests.browser.conftest import PageProblems, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def live_workspace(site_tree):
    """A task force with two members and a thread the second one has read to the end."""
    taskforce = factories.TaskForcePageFactory(
        parent=site_tree.taskforces, title="Task force on AI tools", slug="ai-tools"
    )
    writer = factories.UserFactory(
        email="writer@example.org", first_name="Wren", last_name="Writer"
    )
    reader = factories.UserFactory(email="reader@example.org", first_name="Rui", last_name="Reader")
    for user in (writer, reader):
        factories.MemberFactory(user=user)
    factories.MembershipFactory(taskforce=taskforce, user=writer, role=MembershipRole.CHAIR)
    factories.MembershipFactory(taskforce=taskforce, user=reader)
    thread = factories.ThreadFactory(
        taskforce=taskforce, author=writer, title="Machine translation"
    )
    post = factories.PostFactory(thread=thread, author=writer, body="Who translates claims?")
    ReadPosition.objects.create(user=reader, thread=thread, last_read_post_id=post.pk)
    return taskforce, thread


def test_a_post_appears_for_the_other_member_within_a_second_with_unread_counts(
    live_workspace, live_server_url, browser, page_and_problems
):
    taskforce, thread = live_workspace
    thread_url = live_server_url + taskforce.workspace_url("thread", thread.pk)

    reader_page, reader_problems = page_and_problems
    sign_in(reader_page, live_server_url, "reader@example.org")
    writer_context = browser.new_context(locale="en-GB")
    writer_page = writer_context.new_page()
    writer_problems = PageProblems()
    writer_problems.watch(writer_page)
    sign_in(writer_page, live_server_url, "writer@example.org")

    # The reader watches the workspace; the writer posts in the thread.
    reader_page.goto(live_server_url + taskforce.workspace_url())
    unread = reader_page.locator(f'[data-thread-unread="{thread.pk}"]')
    header_unread = reader_page.locator('[data-count="unread-posts"]')
    expect(unread).to_have_text("0")
    expect(header_unread).to_have_text("0")
    # The page's socket is open (the server has joined it to the task force's group).
    expect(reader_page.locator("body")).to_have_attribute("data-notifications-live", "open")
    reader_page.evaluate("window.stillTheSamePage = true")
    writer_page.goto(thread_url)
    expect(writer_page.locator("[data-live-status]")).to_have_count(1)

    writer_page.get_by_label("Your post").fill("WIPO Translate keeps the claim structure.")
    writer_page.get_by_role("button", name="Post", exact=True).click()
    expect(unread).to_have_text("1", timeout=1000)
    expect(header_unread).to_have_text("1", timeout=1000)
    assert reader_page.evaluate("window.stillTheSamePage") is True

    # The reader opens the thread at the first unread post; the writer posts again.
    reader_page.get_by_role("link", name="Machine translation").click()
    expect(reader_page.get_by_role("link", name="Jump to first unread")).to_be_visible()
    expect(reader_page.locator("#first-unread + article")).to_contain_text(
        "keeps the claim structure"
    )
    expect(header_unread).to_have_text("0")
    reader_page.evaluate("window.stillTheSamePage = true")
    expect(reader_page.locator("[data-thread-socket]")).to_have_attribute("data-live", "open")

    writer_page.get_by_label("Your post").fill("And general engines lose *comprising*.")
    writer_page.get_by_role("button", name="Post", exact=True).click()
    newest = reader_page.locator(".post").last
    expect(newest).to_contain_text("And general engines lose comprising.", timeout=1000)
    expect(newest.locator("em")).to_have_text("comprising")
    assert reader_page.evaluate("window.stillTheSamePage") is True
    # Its author's controls are not offered to the reader.
    expect(newest.get_by_role("link", name="Edit")).to_have_count(0)
    expect(newest.get_by_role("link", name="Quote and reply")).to_have_count(1)
    # The writer sees their post once, not twice (answer and event both carry it).
    expect(writer_page.locator(".post", has_text="general engines lose")).to_have_count(1)

    # The chair renames the thread; the reader's page shows the new title and label.
    writer_page.goto(live_server_url + taskforce.workspace_url("thread_moderate", thread.pk))
    writer_page.get_by_label("Title").fill("Machine translation of claims")
    writer_page.get_by_label("Label").fill("Translation")
    writer_page.get_by_role("button", name="Rename").click()
    expect(reader_page.locator("h1")).to_have_text("Machine translation of claims", timeout=1000)
    expect(reader_page.locator("[data-thread-label]")).to_have_text("Translation")
    assert reader_page.title().startswith("Machine translation of claims")
    assert reader_page.evaluate("window.stillTheSamePage") is True

    writer_context.close()
    assert not reader_problems, reader_problems
    assert not writer_problems, writer_problems


def test_without_javascript_the_thread_is_a_page_with_a_form(
    live_workspace, live_server_url, browser
):
    taskforce, thread = live_workspace
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server_url, "reader@example.org")
    page.goto(live_server_url + taskforce.workspace_url("thread", thread.pk))
    page.get_by_label("Your post").fill("Posted without JavaScript")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator(".post").last).to_contain_text("Posted without JavaScript")
    assert "#post-" in page.url
    context.close()
