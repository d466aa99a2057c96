"""A head of ICT answers the survey for their office at phone width: saves a draft without
JavaScript, finishes it with the keyboard and submits; the results, once five offices have
answered, fit the screen. No axe violation on any of these pages."""

import re

import pytest

from network import services as network_services
from network.models import Seat
from portal.surveys import services
from portal.surveys.models import ResponseStatus, SurveyResponse
from tests import factories
from tests.browser.conftest import browser_member, sign_in
from tests.browser.test_account_pages import assert_fits_the_screen, assert_no_axe_violations
from tests.surveys.conftest import ANSWERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def survey(site_tree):
    index = factories.SurveyIndexPageFactory(parent=site_tree.home)
    page = factories.SurveyPageFactory(parent=index, title="ICT survey 2025", slug="ict-2025")
    offices, heads = [], []
    for n, code in enumerate(["AA", "BB", "CC", "DD", "EE"]):
        office = factories.OfficePageFactory(
            parent=site_tree.network, title=f"Office {code}", code=code
        )
        head = browser_member(office, f"head{n}@example.org")
        network_services.seat_assign(
            office=office, user=head, seat=Seat.PRINCIPAL, confirmed_by=None
        )
        offices.append(office)
        heads.append(head)
    # Four other offices have answered; office AA answers in the browser.
    for office, head in list(zip(offices, heads, strict=True))[1:]:
        services.response_save(survey=page, office=office, user=head, answers=ANSWERS, submit=True)
    return page, heads[0]


def test_a_head_of_ict_answers_the_survey_for_their_office(survey, live_server_url, browser):
    page_model, head = survey
    form_url = live_server_url + page_model.url + "answer/AA/"

    # Without JavaScript: a draft with one answer.
    context = browser.new_context(
        locale="en-GB", viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, live_server_url, head.email)
    page.goto(form_url)
    page.get_by_label("Cyber security").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    assert page.get_by_text("Your draft has been saved.").is_visible()
    assert SurveyResponse.objects.get(office__code="AA").status == ResponseStatus.DRAFT
    context.close()

    # With the keyboard, at phone width, checked by axe.
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    sign_in(page, live_server_url, head.email)
    page.goto(live_server_url + page_model.url)
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Office AA").click()
    page.wait_for_url(re.compile(r"/answer/AA/$"))
    assert page.get_by_label("Cyber security").is_checked()
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    page.get_by_label("AI", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Cloud").focus()
    page.keyboard.press("Space")
    page.get_by_label("4", exact=True).focus()
    page.keyboard.press("Space")
    for choice, rank in [("Training", "2"), ("Shared tools", "1"), ("Pilots", "3")]:
        page.get_by_label(choice, exact=True).select_option(rank)
    page.get_by_label("Difficulties").fill("Legacy systems.")
    page.get_by_role("button", name="Submit the response").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Your office's response has been submitted.").is_visible()
    assert "Legacy systems." in page.content()
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    response = SurveyResponse.objects.get(office__code="AA")
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers["cooperation_wanted"] == ["Shared tools", "Training", "Pilots"]
    assert response.answers["technologies_in_use"] == ["AI", "Cloud"]
    assert response.answers["digital_maturity"] == 4

    page.goto(live_server_url + page_model.url + "results/")
    assert page.get_by_text("5 offices answered.").is_visible()
    assert page.locator(".bar-chart svg").count() == 4
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    context.close()
