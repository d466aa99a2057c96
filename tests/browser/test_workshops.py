"""The secretariat publishes a workshop in the Wagtail admin; a member finds it, registers,
and puts it in their calendar."""

import datetime
import re
from pathlib import Path

from django.contrib.auth.models import Group

import icalendar
import pytest

from network import permissions
from network.models import MemberRole
from portal.workshops.models import Registration, WorkshopPage
from tests import factories
from tests.accounts import enable_two_factor, totp_code
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ONLINE_LINK = "https://meet.example.org/st96-browser"


@pytest.fixture
def people(site_tree):
    """The secretariat (with its TOTP secret) and a member of an office, made before the browser."""
    secretariat = factories.MemberFactory(
        office=None,
        role=MemberRole.SECRETARIAT,
        user__email="coordinator@example.org",
        user__is_staff=True,
    ).user
    secretariat.groups.add(Group.objects.get(name=permissions.SECRETARIAT_GROUP))
    secret = enable_two_factor(secretariat)
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Japan", code="JP"
    )
    # Members outside the admin sign in with a password alone.
    member = factories.MemberFactory(office=office, user__email="cio@example.org").user
    factories.LanguageFactory(code="en", name="English")
    return secretariat, secret, member


def test_the_secretariat_publishes_a_workshop_and_a_member_registers_and_saves_the_ics(
    site_tree, people, live_server_url, browser, page_and_problems, tmp_path
):
    secretariat, secret, member = people
    start = datetime.date.today() + datetime.timedelta(days=40)
    page, problems = page_and_problems

    # The secretariat signs in with the second factor and publishes the workshop.
    sign_in(page, live_server_url, secretariat.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/2fa/" not in url)

    page.goto(f"{live_server_url}/admin/pages/add/workshops/workshoppage/{site_tree.workshops.pk}/")
    form = page.locator("form#page-edit-form")
    form.get_by_role("textbox", name="Title*").fill("Workshop on ST.96 in practice")
    form.get_by_role("textbox", name="Summary*").fill("Offices show how they moved to ST.96.")
    form.get_by_role("textbox", name="Start date*").fill(start.isoformat())
    form.get_by_role("textbox", name="End date*").fill(start.isoformat())
    form.get_by_role("textbox", name="Start time*").fill("13:00")
    form.get_by_role("textbox", name="End time*").fill("16:00")
    form.get_by_role("combobox", name="Format*").select_option("hybrid")
    form.get_by_role("textbox", name="City").fill("Geneva")
    form.get_by_role("textbox", name="Online link").fill(ONLINE_LINK)
    page.get_by_role("tab", name="Registration").click()
    form.get_by_role("spinbutton", name="Places", exact=True).fill("30")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{site_tree.workshops.pk}/"))
    workshop = WorkshopPage.objects.get(title="Workshop on ST.96 in practice")
    assert workshop.live and workshop.capacity == 30

    # A member, in a browser of their own, finds it, registers and downloads the .ics.
    member_context = browser.new_context(locale="en-GB", accept_downloads=True)
    member_page = member_context.new_page()
    problems.watch(member_page)
    sign_in(member_page, live_server_url, member.email)
    member_page.goto(live_server_url + "/workshops/")
    member_page.get_by_role("link", name="Workshop on ST.96 in practice").click()
    assert member_page.get_by_text(ONLINE_LINK).count() == 0
    assert member_page.get_by_text("30 places left.").is_visible()
    member_page.get_by_role("link", name="Register", exact=True).click()
    member_page.locator("main").get_by_role("button", name="Register").click()
    member_page.wait_for_url(live_server_url + workshop.url)
    assert "You are registered" in member_page.get_by_role("status").first.inner_text()
    assert member_page.get_by_role("link", name="Join online").get_attribute("href") == ONLINE_LINK

    with member_page.expect_download() as download:
        member_page.get_by_role("link", name=re.compile(r"Calendar file \(\.ics\)")).click()
    saved = Path(tmp_path) / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{workshop.slug}.ics"
    (event,) = icalendar.Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Workshop on ST.96 in practice"
    assert event.decoded("DTSTART") == workshop.local_start()
    assert ONLINE_LINK in str(event["DESCRIPTION"])
    member_context.close()

    assert Registration.objects.get(workshop=workshop).user == member
    assert not problems, problems
