"""What workshop pages show: filters, the agenda with speakers, materials, the reader's times."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(page, heading_id) -> list[str]:
    section = page.find(id=heading_id).find_parent("section")
    return [h3.get_text(strip=True) for h3 in section.select("article h3")]


@pytest.fixture
def catalogue_of_events(site_tree):
    english = factories.LanguageFactory(code="en", name="English")
    french = factories.LanguageFactory(code="fr", name="French")
    make = factories.WorkshopPageFactory
    events = {
        "webinar": make(parent=site_tree.workshops, title="AI webinar", kind="webinar"),
        "training": make(parent=site_tree.workshops, title="IPAS training", kind="training"),
        "dialogue": make(
            parent=site_tree.workshops,
            title="Dialogue 2025",
            kind="dialogue",
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
        ),
        "old": make(
            parent=site_tree.workshops,
            title="Standards 2024",
            start_date=datetime.date(2024, 5, 2),
            end_date=datetime.date(2024, 5, 2),
        ),
    }
    events["webinar"].languages.set([english])
    events["training"].languages.set([english, french])
    events["dialogue"].languages.set([french])
    for event in events.values():
        event.save_revision().publish()
    return events


class ListingTests:
    def test_upcoming_come_soonest_first_then_past_latest_first(self, client, catalogue_of_events):
        page = soup(client.get("/workshops/"))
        assert set(titles(page, "upcoming-heading")) == {"AI webinar", "IPAS training"}
        assert titles(page, "past-heading") == ["Dialogue 2025", "Standards 2024"]

    def test_filtering_by_kind(self, client, catalogue_of_events):
        page = soup(client.get("/workshops/?kind=webinar"))
        assert titles(page, "upcoming-heading") == ["AI webinar"]
        assert "No past event matches these filters." in page.get_text()

    def test_filtering_by_year(self, client, catalogue_of_events):
        page = soup(client.get("/workshops/?year=2024"))
        assert titles(page, "past-heading") == ["Standards 2024"]
        assert titles(page, "upcoming-heading") == []
        years = [o["value"] for o in page.select("select[name=year] option") if o["value"]]
        assert "2024" in years and "2025" in years

    def test_filtering_by_language(self, client, catalogue_of_events):
        page = soup(client.get("/workshops/?language=fr"))
        assert titles(page, "upcoming-heading") == ["IPAS training"]
        assert titles(page, "past-heading") == ["Dialogue 2025"]

    def test_an_unknown_filter_value_is_reported_and_lists_everything(
        self, client, catalogue_of_events
    ):
        page = soup(client.get("/workshops/?kind=picnic"))
        assert page.select_one(".field__errors")
        assert len(titles(page, "upcoming-heading")) == 2

    def test_the_listing_query_count_does_not_grow_with_the_number_of_events(
        self, client, site_tree, catalogue_of_events
    ):
        before = count_queries(client, "/workshops/")
        for n in range(6):
            factories.WorkshopPageFactory(parent=site_tree.workshops, title=f"Extra {n}")
            factories.WorkshopPageFactory(
                parent=site_tree.workshops,
                title=f"Old {n}",
                start_date=datetime.date(2023, 1, 10 + n),
                end_date=datetime.date(2023, 1, 10 + n),
            )
        assert count_queries(client, "/workshops/") == before


class WorkshopPageTests:
    def test_the_page_carries_what_an_invitation_carries(self, client, site_tree):
        english = factories.LanguageFactory(code="en", name="English")
        arabic = factories.LanguageFactory(code="ar", name="Arabic")
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            reference="CL-24/2",
            format="in_person",
            city="Geneva",
            country="CH",
            venue="34 chemin des Colombettes",
            open_to="Heads of ICT of IP offices",
            organiser="WIPO",
            contact_name="Ms Secretary",
            contact_email="ict-network@example.org",
            visa_guidance="<p>Ask the secretariat for a visa letter six weeks ahead.</p>",
        )
        workshop.languages.set([english])
        workshop.interpretation_languages.set([arabic])
        workshop.segments.create(
            title="Ministerial round table", access="invitation", when="Morning"
        )
        workshop.segments.create(title="Open sessions", access="open", when="Afternoon")
        workshop.save_revision().publish()
        text = soup(client.get(workshop.url)).main.get_text(" ", strip=True)
        for expected in [
            "CL-24/2",
            "Geneva, Switzerland",
            "34 chemin des Colombettes",
            "Working languages English",
            "Interpretation into Arabic",
            "Heads of ICT of IP offices",
            "ict-network@example.org",
            "Ministerial round table By invitation only",
            "Open sessions Open to all participants",
            "visa letter six weeks ahead",
            "Upcoming",
        ]:
            assert expected in text, expected

    def test_the_agenda_lists_days_sessions_speakers_and_their_materials(
        self, client, site_tree, cast
    ):
        from network.models import Member

        member = Member.objects.get(user=cast.cio_a)
        member.job_title = "CIO"
        member.save()
        from_network = factories.SpeakerFactory(name="", affiliation="", member=member)
        guest = factories.SpeakerFactory(name="Dr Guest", affiliation="A university")
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            agenda=[
                (
                    "day",
                    {
                        "date": datetime.date(2031, 4, 14),
                        "title": "Enabling digital transformation",
                        "sessions": [
                            {
                                "start_time": datetime.time(9, 30),
                                "end_time": datetime.time(10, 30),
                                "title": "AI for classification",
                                "description": "What offices measured.",
                                "room": "Room A",
                                "link": "",
                                "speakers": [from_network, guest],
                                "materials": [
                                    {
                                        "kind": "slides",
                                        "title": "Slides of the session",
                                        "document": None,
                                        "link": "https://example.org/slides.pdf",
                                    }
                                ],
                            }
                        ],
                    },
                )
            ],
        )
        page = soup(client.get(workshop.url))
        agenda = page.find(id="agenda-heading").find_parent("section")
        text = agenda.get_text(" ", strip=True)
        assert "Monday 14 April 2031 — Enabling digital transformation" in text
        assert "09:30 – 10:30" in text.replace("–", " – ").replace("  ", " ")
        assert "Room: Room A" in text
        assert f"{cast.cio_a} CIO, Office A" in text
        assert "Dr Guest A university" in text
        assert (
            agenda.find("a", string="Slides of the session")["href"]
            == "https://example.org/slides.pdf"
        )

    def test_materials_come_first_once_the_event_is_over(self, client, site_tree):
        materials = [
            (
                "material",
                {
                    "kind": "report",
                    "title": "Meeting summary",
                    "document": None,
                    "link": "https://example.org/summary.pdf",
                },
            )
        ]
        past = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
            body=[("paragraph", "<p>About it.</p>")],
            materials=materials,
        )
        upcoming = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            body=[("paragraph", "<p>About it.</p>")],
            materials=materials,
        )

        def section_order(workshop):
            main = soup(client.get(workshop.url)).find(class_="workshop__main")
            return [h2["id"] for h2 in main.find_all("h2")]

        assert section_order(past)[0] == "materials-heading"
        assert section_order(upcoming)[-1] == "materials-heading"

    def test_a_member_sees_the_times_in_their_offices_zone_across_a_dst_change(
        self, as_role, site_tree, cast
    ):
        # Tokyo has no summer time; Geneva changes on 30 March 2031.
        cast.office_a.time_zone = "Asia/Tokyo"
        cast.office_a.save()
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2031, 3, 31),
            end_date=datetime.date(2031, 3, 31),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(12, 0),
        )
        page = soup(as_role("cio_a").get(workshop.url))
        reader = " ".join(page.select_one(".reader-time").get_text().split())
        assert reader == (
            "In your office's time zone (Asia/Tokyo): 31 March 2031, 16:00 – 19:00 (Asia/Tokyo)"
        )
        times = [time["datetime"] for time in page.select(".workshop-dates time")]
        assert times == ["2031-03-31T09:00:00+02:00", "2031-03-31T12:00:00+02:00"]

    def test_visitors_and_members_in_the_events_zone_see_only_the_events_times(
        self, client, site_tree
    ):
        workshop = factories.WorkshopPageFactory(parent=site_tree.workshops)
        page = soup(client.get(workshop.url))
        assert page.select(".reader-time:not([hidden])") == []
        # The browser may add its own zone: the data it needs is there.
        dates = page.select_one("[data-local-times]")
        assert dates["data-zone"] == "Europe/Zurich"

    def test_the_page_query_count_does_not_grow_with_registrations(self, as_role, site_tree, cast):
        from portal.workshops import services
        from tests.conftest import make_member

        workshop = factories.WorkshopPageFactory(parent=site_tree.workshops, capacity=50)
        client = as_role("cio_a")
        before = count_queries(client, workshop.url)
        for _ in range(5):
            services.registration_create(workshop=workshop, user=make_member(cast.office_b))
        assert count_queries(client, workshop.url) == before


def test_the_agenda_query_count_does_not_grow_with_member_speakers(client, site_tree, cast):
    from network.models import Member

    def agenda(speakers):
        session = {
            "start_time": datetime.time(9, 0),
            "end_time": datetime.time(10, 0),
            "title": "Panel",
            "description": "",
            "room": "",
            "link": "",
            "speakers": speakers,
            "materials": [],
        }
        return [("day", {"date": datetime.date(2031, 4, 14), "title": "", "sessions": [session]})]

    members = list(Member.objects.all())
    one = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        slug="one",
        agenda=agenda([factories.SpeakerFactory(name="", member=members[0])]),
    )
    many = factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        slug="many",
        agenda=agenda([factories.SpeakerFactory(name="", member=m) for m in members]),
    )
    assert len(members) >= 4
    assert count_queries(client, many.url) == count_queries(client, one.url)


class WorkshopTests:
    def test_index_separates_upcoming_from_past(self, client, site_tree):
        factories.WorkshopPageFactory(parent=site_tree.workshops, title="Next month")
        factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            title="Last spring",
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
        )
        page = soup(client.get("/workshops/"))
        upcoming = page.find(id="upcoming-heading").find_parent("section").get_text()
        past = page.find(id="past-heading").find_parent("section").get_text()
        assert "Next month" in upcoming and "Last spring" not in upcoming
        assert "Last spring" in past and "Next month" not in past

    def test_workshop_page_states_local_times_with_their_time_zone(self, client, site_tree):
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 4, 14),
            start_time=datetime.time(9, 30),
            end_date=datetime.date(2025, 4, 16),
            end_time=datetime.time(17, 30),
            time_zone="Europe/Zurich",
            city="Geneva",
            country="CH",
        )
        page = soup(client.get(workshop.url))
        times = [t["datetime"] for t in page.main.find_all("time")]
        assert times == ["2025-04-14T09:30:00+02:00", "2025-04-16T17:30:00+02:00"]
        text = page.main.get_text(" ", strip=True)
        assert "Europe/Zurich" in text
        assert "Geneva, Switzerland" in text
        assert "Past" in text
