"""A member's own workshops: what they registered for, where they stand on waiting lists,
and a personal calendar address their calendar app subscribes to."""

import datetime

from django.urls import reverse

import icalendar
import pytest
from bs4 import BeautifulSoup

from portal.workshops import services
from portal.workshops.models import CalendarFeed
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/personal-feed-secret"
MY_WORKSHOPS = "/my/workshops/"


@pytest.fixture
def events(site_tree, cast):
    """Office A's CIO holds a place at one event and waits (second in line) for another."""
    today = datetime.date.today()

    def workshop(title, days_ahead, capacity=None):
        return factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            title=title,
            start_date=today + datetime.timedelta(days=days_ahead),
            end_date=today + datetime.timedelta(days=days_ahead),
            capacity=capacity,
            format="online",
            online_link=SECRET_LINK,
        )

    standards = workshop("Workshop on WIPO standards", 20)
    webinar = workshop("Webinar on AI for classification", 10, capacity=1)
    services.registration_create(workshop=standards, user=cast.cio_a)
    services.registration_create(workshop=webinar, user=cast.member)
    services.registration_create(workshop=webinar, user=cast.cio_b)
    services.registration_create(workshop=webinar, user=cast.cio_a)
    return standards, webinar


def feed_address(client) -> str:
    client.post(reverse("workshops:my_calendar_renew"))
    return CalendarFeed.objects.get().token


def calendar_events(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


class PageTests:
    def test_a_member_sees_their_events_soonest_first_with_their_place_in_line(
        self, as_role, events
    ):
        page = BeautifulSoup(as_role("cio_a").get(MY_WORKSHOPS).content, "html.parser")
        items = [item.get_text(" ", strip=True) for item in page.select(".my-workshops > li")]
        assert items[0].startswith("Workshop · Waiting list, number 2 Webinar on AI")
        assert "You have a place Workshop on WIPO standards" in items[1]

    def test_cancelled_registrations_and_unpublished_events_are_left_out(
        self, as_role, events, cast
    ):
        standards, webinar = events
        registration = webinar.registrations.get(user=cast.cio_a)
        services.registration_cancel(registration=registration, cancelled_by=cast.cio_a)
        standards.unpublish()
        page = BeautifulSoup(as_role("cio_a").get(MY_WORKSHOPS).content, "html.parser")
        assert page.select(".my-workshops > li") == []
        assert "not registered for any upcoming event" in page.get_text()

    def test_visitors_are_sent_to_sign_in(self, client, events):
        response = client.get(MY_WORKSHOPS)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_the_query_count_does_not_grow_with_the_registrations(
        self, as_role, events, site_tree, cast
    ):
        client = as_role("cio_a")
        few = count_queries(client, MY_WORKSHOPS)
        for _ in range(6):
            extra = factories.WorkshopPageFactory(parent=site_tree.workshops, capacity=0)
            services.registration_create(workshop=extra, user=cast.cio_a)
        assert count_queries(client, MY_WORKSHOPS) == few


class FeedTests:
    def test_the_feed_has_the_link_where_they_hold_a_place_and_marks_waiting_as_tentative(
        self, as_role, events
    ):
        client = as_role("cio_a")
        token = feed_address(client)
        client.logout()  # Calendar apps fetch without signing in.
        response = client.get(reverse("workshops:my_calendar", args=[token]))
        assert response["Content-Type"].startswith("text/calendar")
        assert response["Cache-Control"] == "private, no-store"
        by_title = calendar_events(response)
        assert set(by_title) == {
            "Workshop on WIPO standards",
            "Waiting list: Webinar on AI for classification",
        }
        confirmed = by_title["Workshop on WIPO standards"]
        waiting = by_title["Waiting list: Webinar on AI for classification"]
        assert (str(confirmed["status"]), str(waiting["status"])) == ("CONFIRMED", "TENTATIVE")
        assert SECRET_LINK in str(confirmed["description"])
        assert SECRET_LINK not in str(waiting["description"])
        assert SECRET_LINK not in str(waiting.get("location", ""))

    def test_the_page_shows_the_address_once_created(self, as_role, events):
        client = as_role("cio_a")
        page = BeautifulSoup(client.get(MY_WORKSHOPS).content, "html.parser")
        assert page.find("input", id="calendar-address") is None
        token = feed_address(client)
        page = BeautifulSoup(client.get(MY_WORKSHOPS).content, "html.parser")
        address = page.find("input", id="calendar-address")["value"]
        assert address == f"http://testserver/my/workshops/calendar/{token}.ics"
        subscribe = page.find("a", string="Subscribe")["href"]
        assert subscribe == f"webcal://testserver/my/workshops/calendar/{token}.ics"

    def test_replacing_the_address_stops_the_old_one(self, as_role, events):
        client = as_role("cio_a")
        old = feed_address(client)
        new = feed_address(client)
        assert new != old
        assert client.get(reverse("workshops:my_calendar", args=[old])).status_code == 404
        assert client.get(reverse("workshops:my_calendar", args=[new])).status_code == 200

    def test_an_unknown_address_or_a_closed_account_gets_nothing(self, as_role, events, cast):
        client = as_role("cio_a")
        token = feed_address(client)
        assert client.get(reverse("workshops:my_calendar", args=["guess"])).status_code == 404
        cast.cio_a.is_active = False
        cast.cio_a.save()
        assert client.get(reverse("workshops:my_calendar", args=[token])).status_code == 404

    def test_the_address_is_for_members_only(self, client, events):
        outsider = factories.UserFactory(email="outsider@example.org")
        client.force_login(outsider)
        assert client.post(reverse("workshops:my_calendar_renew")).status_code == 403
        assert not CalendarFeed.objects.exists()

    def test_each_person_sees_only_their_own_events(self, as_role, events, cast):
        client = as_role("cio_b")
        by_title = calendar_events(
            client.get(reverse("workshops:my_calendar", args=[feed_address(client)]))
        )
        assert set(by_title) == {"Waiting list: Webinar on AI for classification"}
