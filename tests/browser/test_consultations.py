"""A member comments on a paragraph of a consultation, for the secretariat only, at phone
width; another member's page does not show it, and neither page has an axe violation."""

import re

import pytest

from portal.consultations.models import Comment
from tests import factories
from tests.browser.conftest import browser_member, sign_in
from tests.browser.test_account_pages import assert_fits_the_screen, assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRIVATE = "Our office cannot fund a second presentation this year."


@pytest.fixture
def consultation(site_tree):
    index = factories.ConsultationIndexPageFactory(parent=site_tree.home)
    office_a = factories.OfficePageFactory(parent=site_tree.network, title="Office A", code="AA")
    office_b = factories.OfficePageFactory(parent=site_tree.network, title="Office B", code="BB")
    writer = browser_member(office_a, "writer@example.org")
    reader = browser_member(office_b, "reader@example.org")
    page = factories.ConsultationPageFactory(
        parent=index, title="Next steps after the Dialogue", slug="next-steps"
    )
    return page, writer, reader


def test_a_member_comments_on_a_paragraph_for_the_secretariat_only(
    consultation, live_server_url, browser
):
    page_model, writer, reader = consultation
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    sign_in(page, live_server_url, writer.email)
    page.goto(live_server_url + page_model.get_parent().url)
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Next steps after the Dialogue").click()
    page.wait_for_url(re.compile(re.escape(page_model.url) + "$"))
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Comment on paragraph 2").click()
    page.wait_for_url(re.compile(r"/comment/\?paragraph="))
    assert page.get_by_label("On", exact=True).input_value() == page_model.paragraphs()[1].block_id
    page.get_by_label("Your comment").fill(PRIVATE)
    page.get_by_label("On behalf of Office A").check()
    page.get_by_label("For the secretariat only").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send the comment").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))
    assert page.get_by_text("Your comment has been saved.").is_visible()
    second = page.locator("#paragraph-2")
    assert PRIVATE in second.inner_text()
    assert "For the secretariat only" in second.inner_text()
    assert_fits_the_screen(page)

    comment = Comment.objects.get()
    assert comment.on_behalf_of.title == "Office A"
    assert comment.for_secretariat_only

    context.close()

    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    page = context.new_page()
    sign_in(page, live_server_url, reader.email)
    page.goto(live_server_url + page_model.url)
    assert "Next steps after the Dialogue" in page.content()
    assert PRIVATE not in page.content()
    context.close()
