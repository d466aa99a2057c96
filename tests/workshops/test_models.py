import datetime

from django.core.exceptions import ValidationError

import pytest

from portal.workshops.models import WorkshopPage, WorkshopStatus
from tests import factories

pytestmark = pytest.mark.django_db


class PageTreeTests:
    def test_workshops_live_only_in_their_index(self, site_tree):
        assert WorkshopPage.can_create_at(site_tree.workshops)
        assert not WorkshopPage.can_create_at(site_tree.news)


class WorkshopTimeTests:
    def test_start_and_end_are_stored_in_utc_from_the_events_time_zone(self, site_tree):
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 4, 14),
            start_time=datetime.time(9, 30),
            end_date=datetime.date(2025, 4, 16),
            end_time=datetime.time(17, 30),
            time_zone="Europe/Zurich",
        )
        workshop.refresh_from_db()
        # Geneva is on summer time (UTC+2) in April.
        assert workshop.starts_at == datetime.datetime(2025, 4, 14, 7, 30, tzinfo=datetime.UTC)
        assert workshop.ends_at == datetime.datetime(2025, 4, 16, 15, 30, tzinfo=datetime.UTC)

    def test_a_daylight_saving_change_moves_the_utc_instant_not_the_local_time(self, site_tree):
        # Europe/Zurich moved to summer time on 30 March 2025.
        before = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 3, 29),
            end_date=datetime.date(2025, 3, 29),
        )
        after = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 3, 31),
            end_date=datetime.date(2025, 3, 31),
        )
        assert before.starts_at.astimezone(datetime.UTC).hour == 8
        assert after.starts_at.astimezone(datetime.UTC).hour == 7

    def test_status_follows_the_dates(self, site_tree):
        workshop = factories.WorkshopPageFactory(
            parent=site_tree.workshops,
            start_date=datetime.date(2025, 4, 14),
            end_date=datetime.date(2025, 4, 16),
        )
        utc = datetime.UTC
        assert workshop.status(datetime.datetime(2025, 4, 1, tzinfo=utc)) == WorkshopStatus.UPCOMING
        assert workshop.status(datetime.datetime(2025, 4, 15, tzinfo=utc)) == WorkshopStatus.ONGOING
        assert workshop.status(datetime.datetime(2025, 5, 1, tzinfo=utc)) == WorkshopStatus.PAST

    def test_an_event_that_ends_before_it_starts_is_refused(self, site_tree):
        workshop = WorkshopPage(
            title="Backwards",
            summary="x",
            start_date=datetime.date(2025, 4, 16),
            end_date=datetime.date(2025, 4, 14),
        )
        with pytest.raises(ValidationError) as error:
            workshop.clean()
        assert "end_date" in error.value.message_dict
