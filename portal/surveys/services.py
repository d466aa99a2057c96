"""Writes around surveys: an office's response (saved as a draft, submitted, reopened) and
the index's members-only restriction."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wagtail.models import PageViewRestriction

from network.models import OfficePage
from network.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP
from portal.surveys import permissions
from portal.surveys.models import ResponseStatus, SurveyIndexPage, SurveyPage, SurveyResponse


def response_save(
    *, survey: SurveyPage, office: OfficePage, user, answers: dict, submit: bool = False
) -> SurveyResponse:
    """Save ``office``'s answers to ``survey`` (the original) as a draft, or submit them.

    One response per office, whoever of its people writes and however many at once: the
    row is created once (a unique constraint, get_or_create) and then written under a row
    lock, so a second submission waits for the first and is refused once it is in.
    """
    if not permissions.can_answer_for(user, survey, office):
        if not permissions.is_asked(survey, office):
            raise ValidationError(permissions.NOT_ASKED)
        raise ValidationError(permissions.NOT_YOUR_OFFICE)
    if not survey.is_open:
        raise ValidationError(permissions.NOT_OPEN)
    with transaction.atomic():
        row, _created = SurveyResponse.objects.get_or_create(
            survey=survey, office=office, defaults={"updated_by": user}
        )
        response = SurveyResponse.objects.select_for_update().get(pk=row.pk)
        if response.is_submitted:
            raise ValidationError(permissions.ALREADY_SUBMITTED)
        response.answers = answers
        response.updated_by = user
        if submit:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = timezone.now()
            response.submitted_by = user
        response.save()
    return response


def response_reopen(*, response: SurveyResponse, user) -> SurveyResponse:
    """Make a submitted response a draft again, for its office to change and submit."""
    if not permissions.can_reopen(user, response.survey):
        raise ValidationError(permissions.NOT_YOUR_OFFICE)
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        response.status = ResponseStatus.DRAFT
        response.submitted_at = None
        response.save(update_fields=["status", "submitted_at", "updated_at"])
    return response


def index_restrict_to_members(*, index: SurveyIndexPage) -> None:
    """Surveys are for the network: visitors are sent to sign in, and search, the sitemap
    and the menus leave them out, as for any page behind a view restriction."""
    if PageViewRestriction.objects.filter(page=index).exists():
        return
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(
        [Group.objects.get_or_create(name=name)[0] for name in (MEMBERS_GROUP, SECRETARIAT_GROUP)]
    )
