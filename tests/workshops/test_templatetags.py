"""The workshops' template tags, which other apps' pages (the home page) use."""

import datetime

from django.template import Context, Template

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def render(source: str) -> str:
    return Template("{% load workshops_tags %}" + source).render(Context({}))


def test_upcoming_workshops_lists_the_next_three_soonest_first(site_tree):
    today = datetime.date.today()
    for days, title in [(40, "Fourth"), (10, "First"), (30, "Third"), (20, "Second")]:
        start = today + datetime.timedelta(days=days)
        factories.WorkshopPageFactory(
            parent=site_tree.workshops, title=title, start_date=start, end_date=start
        )
    html = render("{% upcoming_workshops %}")
    positions = [html.find(title) for title in ("First", "Second", "Third")]
    assert -1 not in positions and positions == sorted(positions)
    assert "Fourth" not in html


def test_upcoming_workshops_leaves_out_past_and_draft_events(site_tree):
    factories.WorkshopPageFactory(
        parent=site_tree.workshops,
        title="Last spring",
        start_date=datetime.date(2025, 4, 14),
        end_date=datetime.date(2025, 4, 16),
    )
    draft = factories.WorkshopPageFactory(parent=site_tree.workshops, title="Embargoed")
    draft.unpublish()
    html = render("{% upcoming_workshops %}")
    assert "Last spring" not in html and "Embargoed" not in html
    assert "No workshop is scheduled at the moment." in html
