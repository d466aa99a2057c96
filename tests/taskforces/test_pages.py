"""Task-force pages: the public part of a task force."""

from wagtail.test.utils.form_data import rich_text

import pytest
from bs4 import BeautifulSoup

from taskforces.models import MembershipRole, TaskForcePage
from tests import factories
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


def test_task_forces_live_only_in_their_index(site_tree):
    assert TaskForcePage.can_create_at(site_tree.taskforces)
    assert not TaskForcePage.can_create_at(site_tree.home)


def test_task_force_page_shows_mandate_chair_and_member_count(client, site_tree):
    taskforce = factories.TaskForcePageFactory(
        parent=site_tree.taskforces,
        title="Task force on AI tools",
        mandate="<p>Share AI tools for classification.</p>",
    )
    chair = factories.MembershipFactory(
        taskforce=taskforce,
        role=MembershipRole.CHAIR,
        user__first_name="Lena",
        user__last_name="Fischer",
    )
    factories.MemberFactory(
        user=chair.user,
        office=factories.OfficePageFactory(
            parent=site_tree.network, title="European Patent Office"
        ),
    )
    factories.MembershipFactory(taskforce=taskforce)
    page = BeautifulSoup(client.get(taskforce.url).content, "html.parser")
    text = page.main.get_text(" ", strip=True)
    assert "Share AI tools for classification." in text
    assert "Lena Fischer · European Patent Office" in text
    assert "Members 2" in text


def test_the_public_page_never_shows_thread_content(client, site_tree):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces)
    factories.PostFactory(
        thread__taskforce=taskforce,
        thread__title="Confidential budget figures",
        body="Our budget is 1.2 million.",
    )
    text = client.get(taskforce.url).content.decode()
    assert "Confidential budget figures" not in text
    assert "1.2 million" not in text


def test_admin_creates_a_task_force(editor_client, site_tree):
    client = editor_client
    page = publish_through_admin(
        client,
        site_tree.taskforces,
        TaskForcePage,
        {
            "title": "Task force on cloud",
            "slug": "cloud",
            "summary": "Cloud for IP offices.",
            "mandate": rich_text("<p>Share landing zones.</p>"),
            "status": "proposed",
            "how_to_join": "Ask the chair.",
        },
    )
    assert page.get_status_display() == "Proposed"
