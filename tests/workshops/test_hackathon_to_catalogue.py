"""A hackathon team's submission proposed as a catalogue entry: a draft owned by the team's
office, sent to the catalogue's review, published only once a moderator approves it."""

import datetime

from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from catalogue import selectors as catalogue_selectors
from catalogue.models import CatalogueEntryPage
from portal.workshops import services
from portal.workshops.models import Submission
from tests import factories

pytestmark = pytest.mark.django_db

LINK = "https://code.example.org/form-checkers"
DESCRIPTION = "Checks filings for missing formalities.\n\nRuns as a web service <beta>."


@pytest.fixture
def submission(site_tree, cast) -> Submission:
    factories.CategoryFactory(name="Formalities", slug="formalities")
    hackathon = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Codefest",
        slug="codefest",
        kind="hackathon",
        max_team_size=3,
        submission_deadline_date=datetime.date.today() + datetime.timedelta(days=31),
    )
    for person in (cast.cio_a, cast.member, cast.cio_b):
        services.registration_create(workshop=hackathon, user=person)
    team = services.team_create(
        workshop=hackathon,
        name="Form Checkers",
        challenge=None,
        members=[cast.member],
        created_by=cast.cio_a,
    )
    return services.submission_save(team=team, user=cast.member, link=LINK, description=DESCRIPTION)


def propose(client, submission):
    team = submission.team
    return client.post(f"{team.workshop.url}teams/{team.pk}/propose/")


def test_a_team_member_proposes_a_draft_owned_by_the_teams_office(as_role, cast, submission):
    response = propose(as_role("member"), submission)
    assert response.status_code == 302
    submission.refresh_from_db()
    entry = submission.catalogue_entry.specific
    assert not entry.live
    assert entry.title == "Form Checkers"
    assert entry.owner == cast.member
    assert list(entry.provider_offices.all()) == [cast.office_a]
    assert [(link.title, link.url) for link in entry.links.all()][0][1] == LINK
    assert "Checks filings for missing formalities." in entry.summary
    assert "&lt;beta&gt;" in str(entry.description)
    state = WorkflowState.objects.for_instance(entry).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Catalogue review"


def test_proposing_twice_returns_the_same_draft(cast, submission):
    first = services.submission_propose_to_catalogue(submission=submission, user=cast.member)
    again = services.submission_propose_to_catalogue(submission=submission, user=cast.cio_a)
    assert first.pk == again.pk
    assert CatalogueEntryPage.objects.count() == 1


def test_the_secretariat_may_propose_and_others_may_not(as_role, cast, submission):
    assert propose(as_role("cio_b"), submission).status_code == 403
    assert propose(as_role("visitor"), submission).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.submission_propose_to_catalogue(submission=submission, user=cast.cio_b)
    assert not CatalogueEntryPage.objects.exists()
    entry = services.submission_propose_to_catalogue(submission=submission, user=cast.secretariat)
    assert list(entry.provider_offices.all()) == [cast.office_a]


def test_the_draft_is_not_public_and_is_published_when_approved(client, as_role, cast, submission):
    entry = services.submission_propose_to_catalogue(submission=submission, user=cast.member)
    visitor = as_role("visitor")
    with override_settings(PORTAL_PAGE_CACHE=False):
        assert visitor.get("/catalogue/").content.decode().count("Form Checkers") == 0
        assert visitor.get(f"/catalogue/{entry.slug}/").status_code == 404
    assert not catalogue_selectors.listed_entries().filter(pk=entry.pk).exists()

    client.force_login(cast.secretariat)
    task_state = WorkflowState.objects.for_instance(entry).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[entry.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Welcome.", "checklist": ["provider"]})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.live
    assert catalogue_selectors.listed_entries().filter(pk=entry.pk).exists()
    client.logout()
    with override_settings(PORTAL_PAGE_CACHE=False):
        assert client.get(entry.url).status_code == 200
        assert "Form Checkers" in client.get("/catalogue/").content.decode()


def test_the_button_is_shown_to_the_team(as_role, submission):
    client = as_role("member")
    with override_settings(PORTAL_PAGE_CACHE=False):
        page = client.get(submission.team.workshop.url).content.decode()
    assert "Propose it for the catalogue" in page
    propose(client, submission)
    with override_settings(PORTAL_PAGE_CACHE=False):
        page = client.get(submission.team.workshop.url).content.decode()
    assert "Propose it for the catalogue" not in page
    assert "proposed for the catalogue" in page


def test_a_team_without_a_submission_gets_404(as_role, submission):
    team = submission.team
    submission.delete()
    assert propose(as_role("member"), submission).status_code == 404
    assert as_role("member").get(f"{team.workshop.url}teams/{team.pk}/propose/").status_code == 405
