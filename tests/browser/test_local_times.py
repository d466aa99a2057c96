"""A workshop's times in the reader's browser time zone, written as the page writes its dates."""

import datetime

import pytest

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def workshop(site_tree):
    return factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Dialogue on ICT",
        start_date=datetime.date(2031, 2, 16),
        end_date=datetime.date(2031, 2, 17),
        time_zone="Europe/Zurich",
    )


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("", "16 February 2031, 03:00 – 17 February 2031, 11:00"),
        ("/fr", "16 février 2031 à 03:00 – 17 février 2031 à 11:00"),
        ("/zh-hans", "2031年2月16日 03:00 – 2031年2月17日 11:00"),
    ],
)
def test_the_browsers_time_zone_is_added_in_the_pages_date_style(
    workshop, browser, live_server_url, prefix, expected
):
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.goto(f"{live_server_url}{prefix}{workshop.url}")
    shown = page.locator(".browser-time").first
    assert shown.is_visible()
    assert shown.inner_text().endswith(f"(America/New_York): {expected}")
    context.close()
