"""No page asks another host for anything, the admin and the API's documentation included,
and the admin's sidebar shows its labels whole."""

import re
from urllib.parse import urlparse

from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from network import permissions
from network.models import MemberRole
from tests import factories
from tests.accounts import enable_two_factor, totp_code
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def secretariat(site_tree):
    user = factories.MemberFactory(
        office=None,
        role=MemberRole.SECRETARIAT,
        user__email="coordinator@example.org",
        user__is_staff=True,
    ).user
    user.groups.add(Group.objects.get(name=permissions.SECRETARIAT_GROUP))
    return user, enable_two_factor(user)


def test_the_admin_dashboard_and_the_api_docs_ask_no_other_host(
    secretariat, live_server_url, page_and_problems
):
    user, secret = secretariat
    page, problems = page_and_problems
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))

    sign_in(page, live_server_url, user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/2fa/" not in url)

    page.goto(live_server_url + "/admin/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Workshop waiting lists")).to_be_visible()
    # Every label of the sidebar fits its width.
    labels = page.locator(".sidebar-menu-item__link .menuitem-label")
    expect(labels.first).to_be_visible()
    cut = labels.evaluate_all(
        "nodes => nodes.filter(n => n.scrollWidth > n.clientWidth).map(n => n.textContent)"
    )
    assert cut == []

    page.goto(live_server_url + "/api/catalogue/docs")
    # The documentation's script ran: it lists the API's operations.
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    own = urlparse(live_server_url).netloc
    assert hosts and {host for host in hosts if host != own} == set()
    assert not problems, problems
