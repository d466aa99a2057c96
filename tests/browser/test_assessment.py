"""A head of ICT fills in the self-assessment in a browser and sees it on the office page."""

import pytest

from network import services
from network.maturity import RUBRICS
from network.models import Seat
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_head_of_ict_submits_the_assessment_and_sees_the_chart(
    site_tree, live_server_url, page_and_problems
):
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Japan Patent Office", code="JP"
    )
    head = factories.MemberFactory(
        office=office, user__email="head@example.org", user__password="a-test-password"
    ).user
    services.seat_assign(office=office, user=head, seat=Seat.PRINCIPAL, confirmed_by=None)

    page, problems = page_and_problems
    sign_in(page, live_server_url, "head@example.org")

    page.goto(live_server_url + office.url)
    page.get_by_role("link", name="ICT maturity self-assessment").click()
    scores = [4, 3, 2, 5, 1, 3, 4, 2]
    for rubric, score in zip(RUBRICS, scores, strict=True):
        group = page.get_by_role("group", name=rubric.label)
        group.get_by_label(f"{score} ·", exact=False).check()
    page.get_by_role("group", name=RUBRICS[0].label).get_by_label("Comment").fill(
        "Strategy adopted in 2024."
    )
    page.get_by_role("button", name="Submit").click()

    page.wait_for_url(live_server_url + office.url)
    assert "self-assessment is submitted" in page.get_by_role("status").first.inner_text()
    chart = page.get_by_role("img", name="ICT maturity self-assessment")
    assert chart.is_visible()
    assert chart.locator("rect.maturity-chart__bar").count() == 8
    table = page.locator("table.data-table").first
    assert table.locator("tbody td").all_inner_texts() == [str(score) for score in scores]
    assert not problems, problems
