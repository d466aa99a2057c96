"""The .ics file of a workshop, the calendar feed and the RSS/Atom feeds, read with real parsers."""

import datetime
import zoneinfo

import feedparser
import icalendar
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def across_dst(site_tree):
    """Two sessions at 09:00 in Geneva, either side of the change to summer time (30 March)."""
    winter = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Before the change",
        slug="before",
        start_date=datetime.date(2031, 3, 28),
        end_date=datetime.date(2031, 3, 28),
    )
    summer = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="After the change",
        slug="after",
        start_date=datetime.date(2031, 4, 1),
        end_date=datetime.date(2031, 4, 1),
    )
    return winter, summer


def parse_ics(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events_by_title(calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


class WorkshopIcsTests:
    def test_the_ics_file_holds_the_event_in_its_own_time_zone(self, client, across_dst):
        winter, _summer = across_dst
        response = client.get(winter.url + "calendar/")
        assert 'filename="before.ics"' in response["Content-Disposition"]
        calendar = parse_ics(response)
        (event,) = calendar.walk("VEVENT")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
        assert (start.hour, end.hour) == (9, 17)
        assert start.astimezone(datetime.UTC) == datetime.datetime(
            2031, 3, 28, 8, 0, tzinfo=datetime.UTC
        )
        # The time zone's rules travel with the file, for calendar apps that need them.
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
        assert str(event["URL"]) == f"http://testserver{winter.url}"

    def test_the_same_wall_clock_time_is_an_hour_apart_in_utc_across_the_change(
        self, client, across_dst
    ):
        starts = {}
        for workshop in across_dst:
            (event,) = parse_ics(client.get(workshop.url + "calendar/")).walk("VEVENT")
            starts[workshop.slug] = event.decoded("DTSTART")
        assert starts["before"].hour == starts["after"].hour == 9
        assert starts["before"].astimezone(datetime.UTC).hour == 8
        assert starts["after"].astimezone(datetime.UTC).hour == 7

    def test_the_uid_stays_the_same_when_the_event_changes(self, client, across_dst):
        winter, _summer = across_dst
        (before,) = parse_ics(client.get(winter.url + "calendar/")).walk("VEVENT")
        winter.title = "Renamed"
        winter.save_revision().publish()
        (after,) = parse_ics(client.get(winter.url + "calendar/")).walk("VEVENT")
        assert before["UID"] == after["UID"]
        assert str(after["SUMMARY"]) == "Renamed"


class CalendarFeedTests:
    def test_the_feed_lists_every_published_workshop_with_its_times(
        self, client, site_tree, across_dst
    ):
        draft = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Not yet")
        draft.unpublish()
        calendar = parse_ics(client.get("/workshops/calendar/"))
        events = events_by_title(calendar)
        assert set(events) == {"Before the change", "After the change"}
        assert events["Before the change"].decoded("DTSTART") == datetime.datetime(
            2031, 3, 28, 9, 0, tzinfo=ZURICH
        )
        assert events["After the change"].decoded("DTSTART").astimezone(datetime.UTC).hour == 7


class SyndicationFeedTests:
    def test_rss_lists_the_workshops_with_their_links(self, client, site_tree, across_dst):
        response = client.get("/workshops/feed/rss/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "rss20"
        entries = {entry.title: entry for entry in feed.entries}
        assert set(entries) == {"Before the change", "After the change"}
        entry = entries["Before the change"]
        assert entry.link == f"http://testserver{across_dst[0].url}"
        assert "28 March 2031, 09:00 (Europe/Zurich)" in entry.summary

    def test_atom_parses_and_carries_the_same_workshops(self, client, across_dst):
        response = client.get("/workshops/feed/atom/")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10"
        assert {entry.title for entry in feed.entries} == {"Before the change", "After the change"}
        assert all(entry.updated_parsed for entry in feed.entries)

    def test_the_listing_announces_its_feeds(self, client, across_dst):
        html = client.get("/workshops/").content.decode()
        assert 'type="application/rss+xml"' in html
        assert 'href="/workshops/feed/atom/"' in html
        assert 'href="/workshops/calendar/"' in html


class AddToCalendarTests:
    def test_the_page_offers_the_ics_file_and_web_calendars_with_utc_times(
        self, client, across_dst
    ):
        from bs4 import BeautifulSoup

        winter, _summer = across_dst
        page = BeautifulSoup(client.get(winter.url).content, "html.parser")
        panel = page.find(id="calendar-heading").parent
        links = [a["href"] for a in panel.find_all("a")]
        assert links[0] == winter.url + "calendar/"
        google = next(link for link in links if "calendar.google.com" in link)
        assert "dates=20310328T080000Z%2F20310328T160000Z" in google
