"""The account pages in a browser: the sign-in form at phone and desktop widths (the
"Remember me" box beside its label, one reset link, a failed sign-in summarised and
focused), and no accessibility violation axe can find, in English and Arabic."""

from urllib.parse import urlparse

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe

from network import services
from network.models import MemberRole
from tests import factories
from tests.accounts import enable_two_factor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-test-password"


@pytest.fixture
def people(site_tree):
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Ghana", code="GH"
    )
    member = factories.MemberFactory(
        office=office, user__email="member@example.org", user__password=PASSWORD
    ).user
    guarded = factories.MemberFactory(
        office=office, user__email="guarded@example.org", user__password=PASSWORD
    ).user
    enable_two_factor(guarded)
    _, token = services.invitation_create(
        email="new.cio@example.org", role=MemberRole.CIO, office=office, invited_by=None
    )
    return {"member": member, "guarded": guarded, "token": token}


def new_page(browser, base_url: str, *, width: int, language: str = "en"):
    context = browser.new_context(locale=language, viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    return context, context.new_page()


def open_session(context, base_url: str, user) -> None:
    """A signed-in session, as signing in would give."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(base_url).hostname,
                "path": "/",
            }
        ]
    )


def assert_no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_fits_the_screen(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


@pytest.mark.parametrize("width", [375, 1280])
def test_sign_in_lays_out_its_checkbox_and_summarises_a_failure(
    people, browser, live_server_url, width
):
    context, page = new_page(browser, live_server_url, width=width)
    page.goto(live_server_url + "/accounts/login/")
    assert_fits_the_screen(page)

    box = page.get_by_role("checkbox", name="Remember me").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    # Same row: the label's middle lies within the box's height; label after the box.
    label_middle = label["y"] + label["height"] / 2
    assert box["y"] <= label_middle <= box["y"] + box["height"]
    assert label["x"] >= box["x"] + box["width"]

    reset_links = page.locator("main").get_by_role("link", name="password")
    assert reset_links.count() == 1
    assert reset_links.inner_text() == "Forgotten your password?"

    page.locator("#id_login").fill("member@example.org")
    page.locator("#id_password").fill("not the password")
    page.locator("main").get_by_role("button", name="Sign in").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_login"
    assert_fits_the_screen(page)
    context.close()


def test_sign_in_in_arabic_puts_the_label_on_the_left_of_its_box(people, browser, live_server_url):
    context, page = new_page(browser, live_server_url, width=375, language="ar")
    page.goto(live_server_url + "/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    box = page.locator("#id_remember").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    assert label["x"] + label["width"] <= box["x"]
    context.close()


def account_pages(people) -> dict[str, list[str]]:
    with translation.override("en"):
        invitation = reverse("network:invitation", args=[people["token"]])
    return {
        "signed_out": [
            "/accounts/login/",
            "/accounts/password/reset/",
            "/accounts/password/reset/done/",
            invitation,
        ],
        "signed_in": [
            reverse("network:my_profile"),
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/email/",
        ],
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_account_pages_have_no_axe_violations(people, browser, live_server_url, language):
    pages = account_pages(people)
    context, page = new_page(browser, live_server_url, width=1280, language=language)
    for path in pages["signed_out"]:
        page.goto(live_server_url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page)

    # A failed sign-in, and the second step of a sign-in with two factors.
    page.goto(live_server_url + "/accounts/login/")
    page.locator("#id_login").fill("member@example.org")
    page.locator("#id_password").fill("not the password")
    page.locator("main button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert_no_axe_violations(page)
    page.locator("#id_login").fill("guarded@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/2fa/authenticate/**")
    assert_no_axe_violations(page)
    context.close()

    context, page = new_page(browser, live_server_url, width=375, language=language)
    open_session(context, live_server_url, people["member"])
    for path in pages["signed_in"]:
        page.goto(live_server_url + path)
        assert "/accounts/login/" not in page.url, path
        assert_no_axe_violations(page)
        assert_fits_the_screen(page)
    context.close()
