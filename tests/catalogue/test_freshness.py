"""Freshness: yearly reminders (one per cycle), "possibly outdated" after 13 months,
archived 3 months later, and back in the listings once the owner confirms."""

import datetime
import io

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

import pytest

from catalogue import services
from catalogue.models import FreshnessState
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Ageing register", provider_offices=[cast.office_a]
    )
    entry.save_revision().publish()
    return entry


def run_at(days_later: int, callbacks):
    with callbacks(execute=True):
        return services.freshness_run(now=timezone.now() + datetime.timedelta(days=days_later))


class FreshnessTests:
    def test_publishing_confirms_the_entry(self, entry):
        assert entry.freshness.state == FreshnessState.CURRENT
        assert timezone.now() - entry.freshness.last_confirmed_at < datetime.timedelta(minutes=1)

    def test_yearly_reminder_goes_once_per_cycle(
        self, entry, cast, django_capture_on_commit_callbacks
    ):
        assert run_at(300, django_capture_on_commit_callbacks).reminded == 0
        assert run_at(366, django_capture_on_commit_callbacks).reminded == 1
        assert run_at(367, django_capture_on_commit_callbacks).reminded == 0
        assert [message.to for message in mail.outbox] == [[cast.cio_a.email]]
        assert "Ageing register" in mail.outbox[0].subject

    def test_outdated_after_13_months_archived_3_months_later(
        self, entry, client, django_capture_on_commit_callbacks
    ):
        assert run_at(396, django_capture_on_commit_callbacks).outdated == 1
        entry.freshness.refresh_from_db()
        assert entry.freshness.state == FreshnessState.OUTDATED
        assert "Possibly outdated" in client.get(entry.url).content.decode()
        listing = client.get("/catalogue/").content.decode()
        assert "Ageing register" in listing
        # Its card says so; the cards of entries never reviewed (no record yet) do not.
        assert listing.count('class="badge badge--outdated"') == 1
        # Three months after it was marked possibly outdated.
        assert run_at(396 + 80, django_capture_on_commit_callbacks).archived == 0
        assert run_at(396 + 93, django_capture_on_commit_callbacks).archived == 1
        entry.freshness.refresh_from_db()
        assert entry.freshness.state == FreshnessState.ARCHIVED
        assert "Ageing register" not in client.get("/catalogue/").content.decode()
        assert client.get("/api/catalogue/entries").json()["count"] == 0
        page = client.get(entry.url)
        assert page.status_code == 200 and "Archived" in page.content.decode()

    def test_owner_confirms_and_a_new_cycle_starts(
        self, entry, as_role, django_capture_on_commit_callbacks
    ):
        run_at(396, django_capture_on_commit_callbacks)
        response = as_role("cio_a").post(entry.url + "confirm/")
        assert response.status_code == 302
        entry.freshness.refresh_from_db()
        assert entry.freshness.state == FreshnessState.CURRENT
        assert entry.freshness.reminded_at is None

    @pytest.mark.parametrize("role", ["member", "cio_b"])
    def test_only_the_owner_or_secretariat_confirms(self, entry, as_role, role):
        before = entry.freshness.last_confirmed_at
        assert as_role(role).post(entry.url + "confirm/").status_code == 403
        entry.freshness.refresh_from_db()
        assert entry.freshness.last_confirmed_at == before

    def test_publishing_confirms_in_the_name_of_the_published_revisions_author(self, entry, cast):
        # Wagtail checked the right to publish; the confirmer's own right is not asked.
        entry.save_revision(user=cast.cio_b).publish()
        entry.freshness.refresh_from_db()
        assert entry.freshness.confirmed_by == cast.cio_b

    def test_a_publication_without_an_author_confirms_in_nobodys_name(self, entry):
        assert entry.freshness.confirmed_by is None

    def test_a_confirmer_outside_a_publication_must_be_allowed(self, entry, cast):
        for nobody_allowed in [cast.cio_b, None]:
            with pytest.raises(PermissionDenied):
                services.entry_confirm_current(entry=entry, confirmed_by=nobody_allowed)
        services.entry_confirm_current(entry=entry, confirmed_by=cast.cio_a)
        entry.freshness.refresh_from_db()
        assert entry.freshness.confirmed_by == cast.cio_a

    def test_scheduler_command_reports_what_it_did(self, entry):
        output = io.StringIO()
        call_command("check_catalogue_freshness", stdout=output)
        assert "Reminders sent: 0; marked possibly outdated: 0; archived: 0." in output.getvalue()
