"""A member's first visit to the home page stays light: at most 100 KB over the wire,
HTML, styles, scripts and images together, the admin's userbar no longer among them."""

import gzip
from urllib.parse import urlparse

from django.test import Client

import pytest

from network import services
from network.models import MemberRole, Seat
from tests import factories
from tests.conftest import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET = 100 * 1024
# Static files the deployment serves precompressed (collectstatic writes .br and .gz
# beside them); the test server serves them from the source folders as they are.
PRECOMPRESSED = ("text/css", "text/javascript", "application/javascript", "image/svg+xml")


@pytest.fixture
def representative(site_tree):
    """A head of ICT: admin access for their office's page, not for the home page."""
    office = factories.OfficePageFactory(parent=site_tree.network, title="Office A", code="AA")
    user = make_member(office, MemberRole.CIO)
    services.seat_assign(office=office, user=user, seat=Seat.PRINCIPAL, confirmed_by=None)
    for i in range(4):
        factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title=f"Service {i}")
        factories.NewsArticlePageFactory(parent=site_tree.news, title=f"News {i}")
        factories.WorkshopPageFactory(parent=site_tree.workshops, title=f"Workshop {i}")
    return user


def transferred(response) -> int:
    """Bytes this response cost on the wire, as the deployment would send it."""
    sizes = response.request.sizes()
    body = sizes["responseBodySize"]
    headers = response.all_headers()
    content_type = headers.get("content-type", "").split(";")[0]
    if content_type in PRECOMPRESSED and "content-encoding" not in headers:
        body = len(gzip.compress(response.body(), compresslevel=9))
    return sizes["responseHeadersSize"] + body


def test_a_members_first_load_of_the_home_page_is_at_most_100_kb(
    representative, live_server_url, browser
):
    client = Client()
    client.force_login(representative)
    # A fresh context: an empty cache, as on the member's first visit.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(live_server_url).hostname,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    first = page.goto(live_server_url + "/")
    page.wait_for_load_state("networkidle")
    assert first.headers.get("content-encoding") == "gzip"
    assert page.locator("[data-wagtail-userbar]").count() == 0
    sizes = {response.url: transferred(response) for response in responses}
    context.close()
    assert sum(sizes.values()) <= BUDGET, sizes
