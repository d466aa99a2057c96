"""A member opens the network health report from the Network page at phone width, chooses
another year with the plain form, and prints it: it fits the screen, has no axe violation
in English or Arabic, and prints without the site's header and the form."""

import datetime
import re

from django.utils import timezone

import pytest

from network.maturity import Dimension
from network.models import Assessment, AssessmentAnswer, AssessmentStatus
from portal.reports.report import sections
from tests import factories
from tests.browser.conftest import browser_member, sign_in
from tests.browser.test_account_pages import assert_fits_the_screen, assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

YEAR = timezone.localdate().year


@pytest.fixture
def network(site_tree):
    region = factories.RegionFactory(name="Asia and the Pacific")
    offices = [
        factories.OfficePageFactory(
            parent=site_tree.network, title=f"Office {code}", code=code, region=region
        )
        for code in ("AA", "BB", "CC", "DD", "EE")
    ]
    for office in offices:
        assessment = Assessment.objects.create(
            office=office,
            year=YEAR,
            status=AssessmentStatus.SUBMITTED,
            submitted_at=datetime.datetime(YEAR, 1, 2, tzinfo=datetime.UTC),
        )
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(assessment=assessment, dimension=d.value, score=3) for d in Dimension
        )
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    reader = browser_member(offices[0])
    thread = factories.ThreadFactory(taskforce=taskforce, author=reader, title="Pilots")
    factories.PostFactory(thread=thread, author=reader, body="Our pilot works.")
    return reader


@pytest.mark.parametrize("language", ["", "/ar"])
def test_a_member_reads_chooses_a_year_and_prints_the_report(
    network, browser, live_server_url, language
):
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    sign_in(page, live_server_url, network.email)
    page.goto(f"{live_server_url}{language}/network/")
    page.locator("nav.tabs a[href$='/reports/health/']").click()
    page.wait_for_url(re.compile(r"/reports/health/$"))
    assert page.locator("section.report-section").count() == len(sections())
    assert page.locator("svg[role=img] title").count() >= 3
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)

    page.locator("select[name=year]").select_option(str(YEAR - 1))
    page.locator("form.report-controls button[type=submit]").click()
    page.wait_for_url(re.compile(rf"\?year={YEAR - 1}$"))
    assert str(YEAR - 1) in page.locator("h1").inner_text()
    assert_no_axe_violations(page)

    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator("form.report-controls").is_visible()
    assert page.locator("table.data-table").first.is_visible()
    context.close()
