"""The secretariat's desk: the admin dashboard lists each queue of work with its count,
its oldest items and a link to where the work is done, to the people who may do it."""

import datetime

from django.db import connection
from django.template import Context
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks

import pytest

from catalogue.models import Freshness, FreshnessState, Question
from network.models import Invitation, MemberRole, Nomination, Seat
from network.models.accounts import hash_token, new_token
from portal.workshops.models import Registration, RegistrationStatus
from taskforces.models import JoinRequest, MembershipRole
from tests import factories
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

HEADINGS = {
    "review": "Catalogue entries awaiting review",
    "questions": "Unanswered questions to providers",
    "stale": "Catalogue entries going stale",
    "join": "Requests to join a task force",
    "nominations": "Nominations to confirm",
    "invitations": "Invitations not yet accepted",
    "waiting": "Workshop waiting lists",
}


@pytest.fixture
def desk(cast, site_tree):
    """Builds ``n`` items in every queue; returns the task force that cio_a chairs."""
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="Cloud")
    factories.MembershipFactory(taskforce=taskforce, user=cast.cio_a, role=MembershipRole.CHAIR)
    workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Codefest")
    workflow = site_tree.catalogue.get_workflow()

    def fill(n: int, start: int = 0):
        for i in range(start, start + n):
            entry = factories.CatalogueEntryPageFactory(
                parent=site_tree.catalogue, title=f"Entry {i}", owner=cast.cio_a
            )
            entry.provider_offices.set([cast.office_a])
            entry.save()
            entry.save_revision(user=cast.cio_a)
            workflow.start(entry, cast.cio_a)
            Question.objects.create(entry=entry, asked_by=cast.member, body=f"Question {i}?")
            Freshness.objects.update_or_create(
                entry=entry, defaults={"state": FreshnessState.OUTDATED}
            )
            person = make_member(cast.office_b, first_name=f"Person{i}", last_name="Waiting")
            JoinRequest.objects.create(taskforce=taskforce, user=person)
            Registration.objects.create(
                workshop=workshop, user=person, status=RegistrationStatus.WAITING
            )
            Nomination.objects.create(
                office=cast.office_b,
                seat=Seat.DEPUTY,
                nominee_email=f"nominee{i}@example.org",
                nominee_first_name=f"Nominee{i}",
                nominee_last_name="Deputy",
                nominee_role=MemberRole.DEPUTY,
            )
            Invitation.objects.create(
                email=f"invited{i}@example.org",
                role=MemberRole.EXPERT,
                token_hash=hash_token(new_token()),
                expires_at=timezone.now() + datetime.timedelta(days=14),
            )

    return fill


def dashboard(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(text: str, heading: str) -> str:
    """The HTML of the dashboard panel under ``heading``."""
    start = text.index(heading)
    return text[start : text.index("</section>", start)]


def test_secretariat_sees_every_queue_with_count_oldest_items_and_link(as_role, desk):
    desk(5)
    text = dashboard(as_role("secretariat"))
    for heading in HEADINGS.values():
        assert heading in text
    assert "5 entries wait for your review." in text
    assert "5 questions wait for an answer." in text
    assert "5 entries are possibly outdated" in text
    assert "5 requests wait for a decision." in text
    assert "5 nominations wait for the secretariat." in text
    assert "5 invitations have not been accepted yet." in text
    assert "5 people wait for a place." in text
    # The oldest three of each, never the whole queue.
    review = panel(text, HEADINGS["review"])
    assert "Entry 0" in review and "Entry 2" in review and "Entry 3" not in review
    # Wagtail's own list of everything to moderate would show the same entries again.
    assert "Awaiting your review" not in text and "Entry 4" not in text
    nominations = panel(text, HEADINGS["nominations"])
    assert "Nominee0 Deputy" in nominations and "Nominee3 Deputy" not in nominations
    invitations = panel(text, HEADINGS["invitations"])
    assert "invited0@example.org" in invitations and "invited3@" not in invitations
    # Each links to where the work is done.
    assert reverse("wagtailadmin_reports:workflow") in text
    assert "/catalogue/questions/" in text
    assert "/workspace/members/" in text
    assert "/participants/" in text
    assert "/nominations/" in text
    assert reverse("network_invitations") in text


def test_secretariat_sees_empty_queues_as_empty(as_role, site_tree):
    text = dashboard(as_role("secretariat"))
    assert "0 people wait for a place." in text
    assert "0 requests wait for a decision." in text


def test_representative_sees_only_the_queues_they_act_on(as_role, desk):
    desk(2)
    text = dashboard(as_role("cio_a"))
    # Questions about their office's entries, entries going stale, their task force's requests.
    assert HEADINGS["questions"] in text and "2 questions wait for an answer." in text
    assert HEADINGS["stale"] in text
    assert HEADINGS["join"] in text and "2 requests wait for a decision." in text
    for key in ("review", "nominations", "invitations", "waiting"):
        assert HEADINGS[key] not in text, key


def test_another_office_sees_no_queue_of_office_a(as_role, desk):
    desk(2)
    text = dashboard(as_role("cio_b"))
    for heading in HEADINGS.values():
        assert heading not in text


def desk_queries(user) -> tuple[int, int]:
    """The queries every app's dashboard panels make to build and render: (count, panels)."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    panels = []
    with CaptureQueriesContext(connection) as queries:
        for hook in hooks.get_hooks("construct_homepage_panels"):
            hook(request, panels)
        for built in panels:
            built.render_html(Context({"request": request}))
    return len(queries), len(panels)


def test_dashboard_panels_make_a_bounded_number_of_queries(cast, desk):
    desk(1)
    desk_queries(cast.secretariat)  # Wagtail's and the content types' caches warmed.
    few, panels = desk_queries(cast.secretariat)
    desk(6, start=1)
    many, _ = desk_queries(cast.secretariat)
    assert panels == len(HEADINGS)
    assert many == few
    assert few <= 4 * len(HEADINGS)
