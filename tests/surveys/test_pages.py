"""The survey pages: where they may be created, the secretariat building a survey in the
admin, and the listing."""

import datetime

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset

import pytest

from portal.models import HomePage
from portal.surveys.models import SurveyIndexPage, SurveyPage
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db


def test_surveys_live_under_their_index_only(surveying, site_tree):
    assert SurveyIndexPage.can_create_at(site_tree.home) is False  # max_count, one exists
    assert SurveyIndexPage in HomePage.allowed_subpage_models()
    assert SurveyPage.can_create_at(surveying.index)
    assert not SurveyPage.can_create_at(site_tree.home)
    assert not SurveyPage.can_create_at(surveying.survey)


def _question(label, kind, choices="", required=True):
    return {
        "ORDER": "",
        "label": label,
        "help_text": "",
        "field_type": kind,
        "required": required,
        "choices": choices,
        "default_value": "",
    }


def test_the_secretariat_builds_a_survey_in_the_admin(editor_client, surveying):
    now = timezone.now()
    fields = {
        "title": "Cooperation survey",
        "slug": "cooperation",
        "intro": "What cooperation would help your office?",
        "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=9)).strftime("%Y-%m-%d %H:%M"),
        "audience": "all",
        "questions": inline_formset(
            [
                _question("Cooperation", "section", required=False),
                _question("Most useful", "radio", "Training\nShared tools"),
                _question("Order of need", "ranking", "Training\nShared tools\nPilots"),
                _question("Anything else", "multiline", required=False),
            ]
        ),
    }
    page = publish_through_admin(editor_client, surveying.index, SurveyPage, fields)
    assert [(q.clean_name, q.field_type) for q in page.questions.all()] == [
        ("cooperation", "section"),
        ("most_useful", "radio"),
        ("order_of_need", "ranking"),
        ("anything_else", "multiline"),
    ]


def test_the_admin_refuses_a_choice_question_without_choices(editor_client, surveying):
    now = timezone.now()
    fields = {
        "title": "Broken survey",
        "slug": "broken",
        "intro": "…",
        "opens_at": now.strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=9)).strftime("%Y-%m-%d %H:%M"),
        "audience": "all",
        "questions": inline_formset([_question("Pick one", "radio", "Only")]),
    }
    with pytest.raises(AssertionError, match="refused"):
        publish_through_admin(editor_client, surveying.index, SurveyPage, fields)
    assert not SurveyPage.objects.filter(slug="broken").exists()


def test_the_listing_shows_the_open_survey(surveying, cast, sign_in):
    html = sign_in(cast.member).get(surveying.index.url).content.decode()
    assert surveying.survey.title in html
    assert "Open for responses" in html
