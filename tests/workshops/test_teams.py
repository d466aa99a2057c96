"""Hackathons and codefests: challenge briefs, teams, submissions by the deadline, winners."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import Submission, Team, TeamMembership
from tests import factories
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hackathon(site_tree, cast):
    hackathon = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Codefest on tools for IP office operations",
        slug="codefest",
        kind="hackathon",
        max_team_size=3,
        submission_deadline_date=datetime.date.today() + datetime.timedelta(days=31),
    )
    for person in (cast.cio_a, cast.cio_b, cast.member):
        services.registration_create(workshop=hackathon, user=person)
    return hackathon


@pytest.fixture
def challenge(hackathon):
    return factories.HackathonChallengeFactory(
        page=hackathon, title="Formalities checking", proposed_by="Task force on AI tools"
    )


class TeamSignUpTests:
    def test_a_participant_signs_up_a_team_with_other_participants(
        self, as_role, hackathon, challenge, cast
    ):
        client = as_role("cio_a")
        form = BeautifulSoup(client.get(hackathon.url + "teams/new/").content, "html.parser")
        offered = {label.get_text(strip=True) for label in form.select("#id_members label")}
        assert offered == {str(cast.cio_b), str(cast.member)}
        response = client.post(
            hackathon.url + "teams/new/",
            {"name": "Form Checkers", "challenge": challenge.pk, "members": [cast.cio_b.pk]},
        )
        assert response.status_code == 302
        team = Team.objects.get()
        assert (team.name, team.challenge) == ("Form Checkers", challenge)
        assert set(team.members.all()) == {cast.cio_a, cast.cio_b}
        page = client.get(hackathon.url).content.decode()
        assert "You are in team <bdi>Form Checkers</bdi>." in page

    def test_a_person_is_in_one_team_only(self, hackathon, challenge, cast):
        services.team_create(
            workshop=hackathon, name="One", challenge=challenge, members=[], created_by=cast.cio_a
        )
        with pytest.raises(ValidationError) as error:
            services.team_create(
                workshop=hackathon,
                name="Two",
                challenge=challenge,
                members=[cast.cio_a],
                created_by=cast.cio_b,
            )
        assert "Already in a team" in str(error.value)
        assert TeamMembership.objects.count() == 1

    def test_team_names_are_unique_within_the_event(self, hackathon, challenge, cast):
        services.team_create(
            workshop=hackathon, name="Owls", challenge=challenge, members=[], created_by=cast.cio_a
        )
        with pytest.raises(ValidationError, match="Another team has this name"):
            services.team_create(
                workshop=hackathon,
                name="owls",
                challenge=challenge,
                members=[],
                created_by=cast.cio_b,
            )

    def test_people_not_registered_cannot_be_put_in_a_team(self, hackathon, challenge, cast):
        outsider = make_member(cast.office_b)
        with pytest.raises(ValidationError, match="must be registered"):
            services.team_create(
                workshop=hackathon,
                name="Crew",
                challenge=challenge,
                members=[outsider],
                created_by=cast.cio_a,
            )

    def test_a_team_is_no_larger_than_the_event_allows(self, hackathon, challenge, cast):
        hackathon.max_team_size = 2
        hackathon.save()
        with pytest.raises(ValidationError, match="at most 2"):
            services.team_create(
                workshop=hackathon,
                name="Crowd",
                challenge=challenge,
                members=[cast.cio_b, cast.member],
                created_by=cast.cio_a,
            )

    def test_a_challenge_of_another_event_is_refused(self, site_tree, hackathon, cast):
        other = factories.WorkshopPageFactory(parent=site_tree.workshops, kind="hackathon")
        foreign = factories.HackathonChallengeFactory(page=other)
        with pytest.raises(ValidationError, match="this event's challenges"):
            services.team_create(
                workshop=hackathon,
                name="Lost",
                challenge=foreign,
                members=[],
                created_by=cast.cio_a,
            )

    def test_someone_not_registered_cannot_sign_up_a_team(self, as_role, hackathon, challenge):
        assert as_role("secretariat").get(hackathon.url + "teams/new/").status_code == 403

    def test_a_blank_team_name_is_explained(self, as_role, hackathon, challenge):
        response = as_role("cio_a").post(
            hackathon.url + "teams/new/", {"name": "  ", "challenge": challenge.pk}
        )
        assert response.status_code == 400
        assert not Team.objects.exists()

    def test_workshops_that_are_not_hackathons_have_no_teams(self, as_role, site_tree, cast):
        workshop = factories.WorkshopPageFactory(parent=site_tree.workshops)
        services.registration_create(workshop=workshop, user=cast.cio_a)
        assert as_role("cio_a").get(workshop.url + "teams/new/").status_code == 404


class SubmissionTests:
    @pytest.fixture
    def team(self, hackathon, challenge, cast):
        return services.team_create(
            workshop=hackathon,
            name="Form Checkers",
            challenge=challenge,
            members=[cast.cio_b],
            created_by=cast.cio_a,
        )

    def test_a_team_member_hands_in_and_updates_the_submission(self, as_role, hackathon, team):
        client = as_role("cio_b")
        url = f"{hackathon.url}teams/{team.pk}/submission/"
        client.post(url, {"link": "https://git.example.org/v1", "description": "First cut"})
        client.post(url, {"link": "https://git.example.org/v2", "description": "Final"})
        submission = Submission.objects.get()
        assert (submission.link, submission.description) == ("https://git.example.org/v2", "Final")

    def test_someone_outside_the_team_cannot_submit(self, as_role, hackathon, team):
        url = f"{hackathon.url}teams/{team.pk}/submission/"
        assert (
            as_role("member")
            .post(url, {"link": "https://x.example.org", "description": "x"})
            .status_code
            == 403
        )
        assert not Submission.objects.exists()

    def test_nothing_is_handed_in_after_the_deadline(self, hackathon, team, cast):
        hackathon.submission_deadline_date = datetime.date.today() - datetime.timedelta(days=1)
        hackathon.save()
        team.workshop = hackathon
        with pytest.raises(PermissionDenied):
            services.submission_save(
                team=team, user=cast.cio_a, link="https://late.example.org", description="Late"
            )

    def test_a_link_that_is_not_a_web_address_is_explained(self, as_role, hackathon, team):
        url = f"{hackathon.url}teams/{team.pk}/submission/"
        response = as_role("cio_a").post(url, {"link": "not a link", "description": "x"})
        assert response.status_code == 400
        assert not Submission.objects.exists()

    def test_submissions_are_visible_to_participants_not_to_visitors(
        self, client, as_role, hackathon, team, cast
    ):
        services.submission_save(
            team=team, user=cast.cio_a, link="https://git.example.org/checkers", description="x"
        )
        assert "git.example.org/checkers" in as_role("member").get(hackathon.url).content.decode()
        client.logout()
        html = client.get(hackathon.url).content.decode()
        assert "Form Checkers" in html
        assert "git.example.org/checkers" not in html

    def test_the_secretariat_reads_every_submission_on_the_participant_list(
        self, as_role, hackathon, team, cast
    ):
        services.submission_save(
            team=team,
            user=cast.cio_b,
            link="https://git.example.org/forms",
            description="A checker",
        )
        html = as_role("secretariat").get(hackathon.url + "participants/").content.decode()
        assert "https://git.example.org/forms" in html
        assert "A checker" in html


class PageTests:
    def test_the_page_shows_the_challenges_the_deadline_and_then_the_winners(
        self, client, hackathon, challenge, cast
    ):
        hackathon.submission_deadline_date = datetime.date(2031, 3, 29)
        hackathon.submission_deadline_time = datetime.time(18, 0)
        hackathon.time_zone = "Asia/Tokyo"
        hackathon.save()
        team = services.team_create(
            workshop=hackathon, name="Owls", challenge=challenge, members=[], created_by=cast.cio_a
        )
        page = BeautifulSoup(client.get(hackathon.url).content, "html.parser")
        assert page.find(id="challenges-heading")
        assert "Formalities checking" in page.find(id="challenges-heading").parent.get_text()
        assert "Submissions are due by 29 March 2031, 18:00 (Asia/Tokyo)." in page.get_text(
            " ", strip=True
        )
        assert page.find(id="winners-heading") is None

        team.prize = "First prize"
        team.prize_rank = 1
        team.save()
        page = BeautifulSoup(client.get(hackathon.url).content, "html.parser")
        winners = page.find(id="winners-heading").parent.get_text(" ", strip=True)
        assert "First prize : Owls — Formalities checking" in winners

    def test_team_members_are_named_to_members_and_counted_for_visitors(
        self, as_role, hackathon, challenge, cast
    ):
        services.team_create(
            workshop=hackathon,
            name="Form Checkers",
            challenge=challenge,
            members=[cast.cio_b],
            created_by=cast.cio_a,
        )
        names = [cast.cio_a.get_full_name(), cast.cio_b.get_full_name()]

        def teams_table(role):
            page = BeautifulSoup(as_role(role).get(hackathon.url).content, "html.parser")
            return page.find(id="teams-heading").parent.find("table").get_text(" ", strip=True)

        visitor = teams_table("visitor")
        assert "Form Checkers" in visitor
        assert "2 people" in visitor
        assert not any(name in visitor for name in names)
        member = teams_table("member")
        assert all(name in member for name in names)
