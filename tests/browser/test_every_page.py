"""Every page type, signed out and signed in, in English and Arabic, on a phone (360 px)
and a desktop (1280 px): no accessibility violation axe-core finds (WCAG 2.1 A and AA),
no page wider than the screen, and no request to any other host.

With SCREENSHOTS_DIR set (`make screenshots`), each page is also saved as a full-page
PNG, named after the page type, width, language and whether someone is signed in.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

import pytest
from axe_playwright_python.sync_playwright import Axe

from catalogue.models import Pilot
from network import services as network_services
from network.models import Seat
from portal.alerts import links
from portal.alerts.models import SavedSearch
from taskforces.models import MembershipRole
from tests import factories
from tests.browser.conftest import browser_member, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": 360, "desktop": 1280}
LANGUAGES = {"en": "", "ar": "/ar"}
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR")
# axe-core's rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def site(site_tree, cast):
    """One item of every kind, and a task force with a thread, chaired by the member."""
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    member = browser_member(cast.office_a)
    # The reader chairs it, so the members page shows its forms to manage the others.
    factories.MembershipFactory(taskforce=taskforce, user=member, role=MembershipRole.CHAIR)
    factories.MembershipFactory(taskforce=taskforce, user=cast.cio_b, role=MembershipRole.MEMBER)
    thread = factories.ThreadFactory(taskforce=taskforce, title="Machine translation pilots")
    factories.PostFactory(thread=thread, author=member, body="Who runs a pilot already?")
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Optical character recognition",
        summary="Reads scanned applications.",
        provider_offices=[cast.office_a],
    )
    entry.save_revision().publish()
    forum = factories.ForumPageFactory(parent=site_tree.home)
    category = factories.ForumCategoryFactory(forum=forum, name="Questions to peers")
    factories.ForumCategoryFactory(forum=forum, name="Announcements", moderators_only=True)
    forum_thread = factories.ThreadFactory(
        taskforce=forum, title="Cloud hosting for e-filing", category=category
    )
    factories.PostFactory(thread=forum_thread, author=cast.cio_b, body="Who hosts in the cloud?")
    # The reader is their office's deputy, so the pilot form is theirs to fill in.
    network_services.seat_assign(
        office=cast.office_a, user=member, seat=Seat.DEPUTY, confirmed_by=None
    )
    pilot = Pilot.objects.create(
        title="Shared OCR pilot", lead_office=cast.office_a, goals="Read scanned forms."
    )
    pilot.offices.add(cast.office_b)
    pilot.entries.add(entry)
    pilot.milestones.create(title="First batch", due_on=datetime.date(2026, 6, 1))
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Dialogue on ICT")
    article = factories.NewsArticlePageFactory(parent=site_tree.news, title="A network begins")
    alert = SavedSearch.objects.create(
        user=member, name="Machine translation", source="search", params="q=machine", language="en"
    )
    public = {
        "home": "/",
        "about": site_tree.about.url,
        "offices": site_tree.network.url,
        "office": cast.office_a.url,
        "catalogue": site_tree.catalogue.url,
        "entry": entry.url,
        "compare": f"{site_tree.catalogue.url}compare/?compare={entry.pk}",
        "task-forces": site_tree.taskforces.url,
        "task-force": taskforce.url,
        "workshops": site_tree.workshops.url,
        "workshop": workshop.url,
        "news": site_tree.news.url,
        "article": article.url,
        "forum": forum.url,
        "search": "/search/?q=network",
        "alert-unsubscribe": links.unsubscribe_url(alert).removeprefix(settings.PORTAL_BASE_URL),
        "not-found": "/no-such-page/",
    }
    members = {
        "people": site_tree.network.url + "people/",
        "workspace": taskforce.workspace_url(),
        "thread": f"{taskforce.workspace_url()}threads/{thread.pk}/",
        "documents": f"{taskforce.workspace_url()}documents/",
        "meetings": f"{taskforce.workspace_url()}meetings/",
        "members": f"{taskforce.workspace_url()}members/",
        "forum-threads": forum.workspace_url(),
        "forum-thread": forum.workspace_url("thread", forum_thread.pk),
        "register": f"{workshop.url}register/",
        "my-workshops": "/my/workshops/",
        "health-report": "/reports/health/",
        "pilots": f"{site_tree.catalogue.url}pilots/",
        "pilot": f"{site_tree.catalogue.url}pilots/{pilot.pk}/",
        "pilot-form": f"{site_tree.catalogue.url}pilots/{pilot.pk}/edit/",
        "profile": "/accounts/profile/",
        "my-alerts": "/alerts/",
    }
    return {"member": member, "public": public, "members": members}


def watch_other_hosts(page, base_url: str) -> list[str]:
    """The addresses on other hosts the page requests, collected as it goes."""
    outside = []
    own = urlsplit(base_url).netloc

    def seen(request):
        address = urlsplit(request.url)
        if address.scheme in ("http", "https", "ws", "wss") and address.netloc != own:
            outside.append(request.url)

    page.on("request", seen)
    return outside


def visit(page, base_url: str, address: str, language: str, label: str, outside) -> list[str]:
    """Open one page and return what is wrong with it (``outside``: the other hosts'
    addresses requested, from watch_other_hosts)."""
    problems = []
    outside.clear()
    response = page.goto(base_url + LANGUAGES[language] + address)
    expected = 404 if label.startswith("not-found") else 200
    if response is None or response.status != expected:
        problems.append(f"{label}: HTTP {response.status if response else None}")
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{label}: {scroll_width} px wide on a {width} px screen")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    if results.violations_count:
        problems.append(f"{label}: {results.generate_report()}")
    if outside:
        problems.append(f"{label}: requests to other hosts: {outside}")
    if SCREENSHOTS_DIR:
        Path(SCREENSHOTS_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS_DIR) / f"{label}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_every_page_type_is_accessible_and_fits(site, browser, live_server_url, width, signed_in):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 800})
    page = context.new_page()
    outside = watch_other_hosts(page, live_server_url)
    addresses = dict(site["public"])
    if signed_in:
        sign_in(page, live_server_url, site["member"].email)
        assert page.locator("form[action$='/logout/']").count() == 1, "not signed in"
        addresses.update(site["members"])
    who = "member" if signed_in else "visitor"
    problems = []
    for language in LANGUAGES:
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
        context.add_cookies([{**cookie, "url": live_server_url}])
        for name, address in addresses.items():
            if address.startswith("/accounts/") and language != "en":
                continue  # account pages have no language prefix
            label = f"{name}-{width}-{language}-{who}"
            problems += visit(page, live_server_url, address, language, label, outside)
    context.close()
    assert not problems, "\n\n".join(problems)
