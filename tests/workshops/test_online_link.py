"""The online link reaches confirmed participants and the secretariat, and nobody else.

One test per path it could leak through: the page (and its agenda), the .ics file,
the calendar feed, the RSS and Atom feeds, the web-calendar links, search, and
e-mails to people who are not participants.
"""

import datetime
import io

from django.core import mail
from django.core.management import call_command

import pytest

from portal.workshops import services
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "zx81-secret-room"
LINK = f"https://meet.example.org/{SECRET}"
SESSION_LINK = "https://meet.example.org/session-breakout-42"


@pytest.fixture
def workshop(site_tree):
    workshop = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Webinar on AI for classification",
        slug="webinar",
        format="online",
        online_link=LINK,
        online_instructions="Passcode 424242",
        capacity=1,
        agenda=[
            (
                "day",
                {
                    "date": datetime.date.today() + datetime.timedelta(days=30),
                    "title": "",
                    "sessions": [
                        {
                            "start_time": datetime.time(9, 0),
                            "end_time": datetime.time(10, 0),
                            "title": "Breakout",
                            "description": "",
                            "room": "",
                            "link": SESSION_LINK,
                            "speakers": [],
                            "materials": [],
                        }
                    ],
                },
            )
        ],
    )
    workshop.save_revision().publish()
    return workshop


@pytest.fixture
def registered(workshop, cast):
    """cio_a holds the one place; cio_b waits."""
    services.registration_create(workshop=workshop, user=cast.cio_a)
    services.registration_create(workshop=workshop, user=cast.cio_b)
    return workshop


NOT_PARTICIPANTS = ["visitor", "member", "cio_b"]  # cio_b is on the waiting list


class PageTests:
    @pytest.mark.parametrize("role", NOT_PARTICIPANTS)
    def test_the_page_hides_the_links_from_anyone_without_a_place(self, as_role, registered, role):
        html = as_role(role).get(registered.url).content.decode()
        assert SECRET not in html
        assert "Passcode 424242" not in html
        assert SESSION_LINK not in html
        assert "The link to join is given to registered participants." in html

    def test_an_account_outside_the_network_does_not_see_them(self, client, registered):
        client.force_login(factories.UserFactory())
        assert SECRET not in client.get(registered.url).content.decode()

    @pytest.mark.parametrize("role", ["cio_a", "secretariat"])
    def test_participants_and_the_secretariat_see_them(self, as_role, registered, role):
        html = as_role(role).get(registered.url).content.decode()
        assert LINK in html
        assert "Passcode 424242" in html
        assert SESSION_LINK in html

    def test_cancelling_takes_the_link_away(self, as_role, registered, cast):
        client = as_role("cio_a")
        client.post(registered.url + "cancel/")
        assert SECRET not in client.get(registered.url).content.decode()


class IcsTests:
    @pytest.mark.parametrize("role", NOT_PARTICIPANTS)
    def test_the_ics_file_has_no_link_for_anyone_without_a_place(self, as_role, registered, role):
        response = as_role(role).get(registered.url + "calendar/")
        assert response.status_code == 200
        assert SECRET not in response.content.decode()

    def test_a_participants_own_ics_file_has_the_link_and_is_not_cached(self, as_role, registered):
        response = as_role("cio_a").get(registered.url + "calendar/")
        assert SECRET in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.parametrize("role", ["visitor", "cio_a", "secretariat"])
    def test_the_calendar_feed_never_has_it(self, as_role, registered, role):
        assert SECRET not in as_role(role).get("/workshops/calendar/").content.decode()


class FeedTests:
    @pytest.mark.parametrize("path", ["/workshops/feed/rss/", "/workshops/feed/atom/"])
    @pytest.mark.parametrize("role", ["visitor", "cio_a", "secretariat"])
    def test_rss_and_atom_never_have_it(self, as_role, registered, path, role):
        response = as_role(role).get(path)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()

    def test_the_web_calendar_links_do_not_carry_it(self, as_role, registered):
        html = as_role("cio_a").get(registered.url).content.decode()
        google = html.split("calendar.google.com", 1)[1].split('"', 1)[0]
        assert SECRET not in google


class SearchTests:
    def test_searching_for_the_link_finds_nothing(self, client, registered):
        call_command("update_index", stdout=io.StringIO())
        assert "Webinar on AI" in client.get("/search/?q=classification").content.decode()
        assert "Webinar on AI" not in client.get(f"/search/?q={SECRET}").content.decode()
        assert "Webinar on AI" not in client.get("/search/?q=session-breakout-42").content.decode()


class EmailTests:
    def test_the_waiting_list_email_does_not_carry_it(
        self, workshop, cast, django_capture_on_commit_callbacks
    ):
        services.registration_create(workshop=workshop, user=cast.cio_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.registration_create(workshop=workshop, user=cast.cio_b)
        (message,) = mail.outbox
        assert "waiting list" in message.subject
        assert SECRET not in message.body
        assert not message.attachments

    def test_the_cancellation_email_does_not_carry_it(
        self, registered, cast, django_capture_on_commit_callbacks
    ):
        registration = registered.registrations.get(user=cast.cio_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.registration_cancel(registration=registration, cancelled_by=cast.cio_a)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert SECRET not in by_recipient[cast.cio_a.email].body
        # …and the person who takes the place gets it, in the text and the calendar file.
        promoted = by_recipient[cast.cio_b.email]
        assert SECRET in promoted.body
        assert SECRET in promoted.attachments[0][1]
