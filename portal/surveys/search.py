"""Surveys stay out of site search: their responses are an office's and the secretariat's
alone. The index's view restriction already keeps the pages out; this keeps them out even
if an editor lifts it, and responses are plain models no search entry is made from."""

from portal.surveys.models import SurveyPage
from search.models import Kind
from search.registry import register_page


def survey_details(page, data):
    return None


register_page(SurveyPage, kind=Kind.PAGE, details=survey_details)
