"""Who may answer a survey for an office, read a response, and read the results; asked by
every entry point (pages, the answer form, the CSVs).

An office's response is written by its current head of ICT or deputy (their seat), and
read by them and the secretariat, nobody else. Members read the results, figures over
every responding office, only when at least ``RESULTS_THRESHOLD`` offices are counted.
"""

from django.utils.translation import gettext_lazy as _

from network.models import OfficePage
from network.permissions import is_member, is_secretariat, represented_office_ids
from portal.surveys.models import RESULTS_THRESHOLD, SurveyAudience, SurveyPage, SurveyResponse

NOT_YOUR_OFFICE = _("Only the office's head of ICT or their deputy may answer for it.")
NOT_ASKED = _("This survey is not addressed to this office.")
NOT_OPEN = _("Responses are accepted only while the survey is open.")
ALREADY_SUBMITTED = _(
    "Your office's response has already been submitted; the secretariat can reopen it."
)


def asked_office_ids(survey: SurveyPage) -> set[int] | None:
    """The offices asked (originals), or None for every office."""
    if survey.audience == SurveyAudience.ALL:
        return None
    cached = getattr(survey, "_asked_office_ids", None)
    if cached is None:
        cached = set(survey.offices.values_list("pk", flat=True))
        survey._asked_office_ids = cached
    return cached


def is_asked(survey: SurveyPage, office: OfficePage) -> bool:
    asked = asked_office_ids(survey)
    return asked is None or office.pk in asked


def can_read(user, survey: SurveyPage) -> bool:
    """The survey page itself (questions, dates): every member of the network."""
    return is_member(user)


def answering_office_ids(user, survey: SurveyPage) -> list[int]:
    """The offices this person may answer ``survey`` for: those they hold a seat in."""
    asked = asked_office_ids(survey)
    offices = represented_office_ids(user)
    return sorted(offices if asked is None else offices & asked)


def can_answer_for(user, survey: SurveyPage, office: OfficePage) -> bool:
    return office.pk in answering_office_ids(user, survey)


def can_read_response(user, response: SurveyResponse) -> bool:
    if is_secretariat(user):
        return True
    return response.office_id in represented_office_ids(user)


def can_reopen(user, survey: SurveyPage) -> bool:
    return is_secretariat(user)


def can_export_responses(user, survey: SurveyPage) -> bool:
    """Every office's answers, with its name: the secretariat alone."""
    return is_secretariat(user)


def can_read_results(user, survey: SurveyPage, responding: int) -> bool:
    """The figures over ``responding`` offices (after any filter): the secretariat always,
    members once at least ``RESULTS_THRESHOLD`` offices are counted."""
    if is_secretariat(user):
        return True
    return is_member(user) and responding >= RESULTS_THRESHOLD
