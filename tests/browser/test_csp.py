"""Every page type, signed out and signed in, runs under its Content-Security-Policy
without a single violation, and its scripts still work."""

from urllib.parse import urlparse

from django.test import Client

import pytest
from playwright.sync_api import expect

from taskforces.models import MembershipRole
from tests import factories
from tests.accounts import enable_two_factor
from tests.browser.conftest import PageProblems, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Recorded from the first moment of every document, before any of the page's scripts.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(
    event.effectiveDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


@pytest.fixture
def site(site_tree):
    member = factories.MemberFactory(user__email="member@example.org").user
    taskforce = factories.TaskForcePageFactory(
        parent=site_tree.taskforces, title="AI tools", slug="ai-tools"
    )
    factories.MembershipFactory(taskforce=taskforce, user=member, role=MembershipRole.CHAIR)
    thread = factories.ThreadFactory(taskforce=taskforce, author=member, title="Routing")
    factories.PostFactory(thread=thread, author=member, body="We route **filings**.")
    office = factories.OfficePageFactory(parent=site_tree.network, title="Office A", code="AA")
    entry = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="Classifier")
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Workshop")
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="Article")
    public = [
        "/",
        site_tree.about.url,
        site_tree.network.url,
        office.url,
        site_tree.catalogue.url,
        entry.url,
        site_tree.catalogue.url + "compare/",
        site_tree.taskforces.url,
        taskforce.url,
        site_tree.workshops.url,
        workshop.url,
        site_tree.news.url,
        article.url,
        "/search/?q=classifier",
        "/accounts/login/",
        "/api/catalogue/docs",
    ]
    members_only = [
        taskforce.workspace_url(),
        taskforce.workspace_url("thread", thread.pk),
        taskforce.workspace_url("document_list"),
        taskforce.workspace_url("meeting_list"),
        "/my/workshops/",
        "/accounts/profile/",
        "/my/notifications/",
    ]
    return {
        "public": public,
        "members_only": members_only,
        "thread_url": taskforce.workspace_url("thread", thread.pk),
        "page_ids": [entry.pk, workshop.pk, article.pk, office.pk, taskforce.pk],
    }


def visit(page, url: str) -> list[str]:
    """Load a page and wait for its scripts; the violations it reported."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations")


def open_session(context, base_url: str, user) -> None:
    """Give the browser a signed-in session, as signing in with two factors would."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(base_url).hostname,
                "path": "/",
            }
        ]
    )


def test_public_pages_run_without_violations(site, live_server_url, context, page_and_problems):
    page, problems = page_and_problems
    context.add_init_script(RECORD_VIOLATIONS)
    violations = {}
    for path in site["public"]:
        found = visit(page, live_server_url + path)
        if found:
            violations[path] = found
    assert violations == {}
    assert not problems, problems

    # A missing page answers 404, under the same policy.
    response = page.goto(live_server_url + "/no-such-page/")
    assert response.status == 404
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("window.cspViolations") == []


def test_signed_in_pages_run_without_violations_and_their_scripts_work(
    site, live_server_url, context, page_and_problems
):
    page, problems = page_and_problems
    context.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, live_server_url, "member@example.org")
    violations = {}
    for path in site["public"][:-2] + site["members_only"]:
        found = visit(page, live_server_url + path)
        if found:
            violations[path] = found
    assert violations == {}

    # The header's search suggestions (htmx) still appear as one types.
    page.goto(live_server_url + "/")
    box = page.get_by_role("search").first.get_by_label("Search the portal")
    box.press_sequentially("Rout", delay=20)
    expect(
        page.locator("#header-search-suggestions").get_by_role("link", name="Routing")
    ).to_be_visible()

    # The thread page opens its live connection, and so does the notifications socket.
    page.goto(live_server_url + site["thread_url"])
    expect(page.locator("[data-thread-socket]")).to_have_attribute("data-live", "open")
    expect(page.locator("body")).to_have_attribute("data-notifications-live", "open")
    assert page.evaluate("window.cspViolations") == []
    assert not problems, problems


def test_the_admin_and_its_previews_run_under_the_admin_policy(
    site, live_server_url, context, page_and_problems
):
    page, problems = page_and_problems
    context.add_init_script(RECORD_VIOLATIONS)
    editor = factories.UserFactory(is_staff=True, is_superuser=True)
    enable_two_factor(editor)
    open_session(context, live_server_url, editor)
    paths = ["/admin/", "/admin/pages/", "/"]
    for page_id in site["page_ids"]:
        paths += [f"/admin/pages/{page_id}/edit/", f"/admin/pages/{page_id}/view_draft/"]
    violations = {}
    for path in paths:
        found = visit(page, live_server_url + path)
        if found:
            violations[path] = found
    assert violations == {}
    assert not problems, problems


def test_an_inline_script_without_the_nonce_does_not_run(site, live_server_url, context):
    page = context.new_page()
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_server_url + "/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in error for error in problems.errors())
