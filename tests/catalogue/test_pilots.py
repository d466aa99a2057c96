"""Pilot projects: an office's representatives record one with the offices taking part,
the entries it uses and its milestones; every member reads it on the pilots' pages, the
office pages and the entry pages; visitors and accounts outside the network see nothing
of it; bad input is a form error that stores nothing."""

import datetime

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from catalogue.models import MilestoneStatus, Pilot, PilotStatus
from tests import factories
from tests.conftest import make_member
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(site_tree):
    shown = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="MT engine")
    hidden = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="Secret OCR")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    return shown, hidden


def pilots_url(site_tree) -> str:
    return site_tree.catalogue.url + "pilots/"


def form_data(cast, entry, **changes) -> dict:
    data = {
        "title": "Machine translation of abstracts",
        "lead_office": cast.office_a.pk,
        "offices": [cast.office_b.pk],
        "entries": [entry.pk],
        "status": PilotStatus.RUNNING,
        "started_on": "2026-03-01",
        "ends_on": "2026-12-31",
        "goals": "Translate 10,000 abstracts a month between three languages.",
        "results": "",
        "lessons": "",
        "milestones-TOTAL_FORMS": "3",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "30",
        "milestones-0-title": "Engine trained",
        "milestones-0-due_on": "2026-05-01",
        "milestones-0-status": MilestoneStatus.DONE,
        "milestones-1-title": "Examiners' review",
        "milestones-1-due_on": "2026-09-01",
        "milestones-1-status": MilestoneStatus.PLANNED,
        # An empty row as a browser posts it: its status select keeps its first choice.
        "milestones-2-status": MilestoneStatus.PLANNED,
    }
    data.update(changes)
    return data


def text_of(response) -> str:
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return " ".join(main.get_text(" ").split())


def record(client, cast, site_tree, entry, **changes):
    return client.post(pilots_url(site_tree) + "new/", form_data(cast, entry, **changes))


def test_a_representative_records_a_pilot_members_read_it(client, cast, site_tree, entries):
    client.force_login(cast.cio_a)
    response = record(client, cast, site_tree, entries[0])
    assert response.status_code == 302
    pilot = Pilot.objects.get()
    assert pilot.lead_office == cast.office_a
    assert list(pilot.offices.all()) == [cast.office_b]
    assert [m.title for m in pilot.milestones.all()] == ["Engine trained", "Examiners' review"]
    assert pilot.created_by == cast.cio_a
    client.force_login(cast.member)
    page = text_of(client.get(response.url))
    for shown in ("Machine translation of abstracts", "Office A", "Office B", "MT engine"):
        assert shown in page
    assert "Engine trained" in page and "Done" in page
    listing = text_of(client.get(pilots_url(site_tree)))
    assert "Machine translation of abstracts" in listing
    # The member is not a representative: no editing.
    assert client.get(response.url + "edit/").status_code == 403


def test_office_and_entry_pages_list_the_pilot_for_members_only(client, cast, site_tree, entries):
    client.force_login(cast.cio_a)
    record(client, cast, site_tree, entries[0])
    for url in (cast.office_a.url, cast.office_b.url, entries[0].url):
        # Signing out raised the account's session epoch: sign in with the current one.
        cast.member.refresh_from_db()
        client.force_login(cast.member)
        assert "Machine translation of abstracts" in text_of(client.get(url)), url
        client.logout()
        assert "Machine translation of abstracts" not in client.get(url).content.decode()


def test_visitors_and_outsiders_are_kept_out(client, cast, site_tree, entries):
    client.force_login(cast.cio_a)
    pilot_url = record(client, cast, site_tree, entries[0]).url
    client.logout()
    for url in (pilots_url(site_tree), pilot_url, pilots_url(site_tree) + "new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    outsider = make_member(cast.office_b, first_name="Olga", last_name="Outsider")
    outsider.member.delete()
    client.force_login(outsider)
    assert client.get(pilot_url).status_code == 403
    assert "Machine translation" not in client.get(pilot_url).content.decode()


def test_a_hidden_entry_is_neither_offered_nor_stored(client, cast, site_tree, entries):
    client.force_login(cast.cio_a)
    form = client.get(pilots_url(site_tree) + "new/").content.decode()
    assert "MT engine" in form and "Secret OCR" not in form
    response = record(client, cast, site_tree, entries[0], entries=[entries[1].pk])
    assert response.status_code == 400
    assert not Pilot.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"ends_on": "2026-01-01"}, "The end cannot come before the start."),
        ({"lead_office": "not-a-number"}, "Select a valid choice."),
        ({"offices": [0]}, "Select a valid choice."),
        ({"milestones-0-due_on": "someday"}, "Enter a valid date."),
        ({"milestones-TOTAL_FORMS": "500"}, "Please submit at most 30 forms."),
        ({"title": "Pilot\x00"}, "The request contains a null character"),
        ({"started_on": "٢٠٢٦-٠٣-٠١"}, "Enter a valid date."),
        ({"goals": "x" * 4001}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_bad_input_is_a_form_error_and_stores_nothing(
    client, cast, site_tree, entries, changes, message
):
    client.force_login(cast.cio_a)
    response = record(client, cast, site_tree, entries[0], **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Pilot.objects.exists()


def test_only_an_office_s_representatives_lead_for_it(client, cast, site_tree, entries):
    client.force_login(cast.cio_b)
    response = record(client, cast, site_tree, entries[0], offices=[])
    assert response.status_code == 400
    assert not Pilot.objects.exists()
    # A member without a seat records nothing.
    client.force_login(cast.member)
    assert client.get(pilots_url(site_tree) + "new/").status_code == 403


def test_an_office_taking_part_keeps_the_pilot(client, cast, site_tree, entries):
    client.force_login(cast.cio_a)
    pilot_url = record(client, cast, site_tree, entries[0]).url
    pilot = Pilot.objects.get()
    client.force_login(cast.cio_b)
    data = form_data(
        cast,
        entries[0],
        status=PilotStatus.COMPLETED,
        results="Examiners accepted 92 % of the translations.",
        **{"milestones-INITIAL_FORMS": "2"},
    )
    for n, milestone in enumerate(pilot.milestones.all()):
        data[f"milestones-{n}-id"] = milestone.pk
        data[f"milestones-{n}-pilot"] = pilot.pk
    data["milestones-1-status"] = MilestoneStatus.DONE
    response = client.post(pilot_url + "edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.COMPLETED
    assert pilot.lead_office == cast.office_a
    assert {m.status for m in pilot.milestones.all()} == {MilestoneStatus.DONE}
    assert "Examiners accepted" in text_of(client.get(pilot_url))


def test_the_list_costs_the_same_with_more_pilots(client, cast, site_tree, entries):
    def add(n):
        for number in range(n):
            pilot = Pilot.objects.create(
                title=f"Pilot {number}",
                lead_office=cast.office_a,
                goals="Try it.",
                started_on=datetime.date(2026, 1, 1),
            )
            pilot.offices.add(cast.office_b)
            pilot.entries.add(entries[0])
            pilot.milestones.create(title="First", due_on=datetime.date(2026, 2, 1))

    client.force_login(cast.member)
    add(3)
    few = count_queries(client, pilots_url(site_tree))
    office_few = count_queries(client, cast.office_a.url)
    add(30)
    assert count_queries(client, pilots_url(site_tree)) == few
    assert count_queries(client, cast.office_a.url) == office_few


def test_a_new_pilot_shows_at_once_where_the_list_is_kept(
    client, cast, site_tree, entries, settings
):
    """The office and entry pages keep their pilots for every member until the content
    changes: recording a pilot changes it."""
    settings.PORTAL_FRAGMENT_CACHE = True
    client.force_login(cast.cio_a)
    for url in (cast.office_b.url, entries[0].url):
        assert "Machine translation of abstracts" not in text_of(client.get(url))
    record(client, cast, site_tree, entries[0])
    for url in (cast.office_b.url, entries[0].url):
        assert "Machine translation of abstracts" in text_of(client.get(url))
    Pilot.objects.update(title="Renamed pilot")
    Pilot.objects.get().save()
    assert "Renamed pilot" in text_of(client.get(cast.office_b.url))
