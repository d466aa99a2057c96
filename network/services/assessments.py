"""ICT maturity self-assessments: one per office and year, final once submitted."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.maturity import Dimension
from network.models import Assessment, AssessmentAnswer, AssessmentStatus, OfficePage, User


@dataclass(frozen=True)
class AnswerData:
    score: int | None
    comment: str = ""
    evidence_url: str = ""


def assessment_for(*, office: OfficePage, year: int) -> Assessment:
    """The office's assessment for ``year``, started as an empty draft if there is none."""
    assessment, created = Assessment.objects.get_or_create(office=office, year=year)
    if created:
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(assessment=assessment, dimension=dimension.value)
            for dimension in Dimension
        )
    return assessment


def assessment_save(
    *,
    assessment: Assessment,
    answers: Mapping[str, AnswerData],
    submit: bool,
    user: User,
) -> Assessment:
    """Save the answers; with ``submit``, every dimension must be scored and the
    assessment is final. A submitted assessment no longer changes."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_submitted:
            raise ValidationError(_("This assessment was submitted and can no longer change."))
        unknown = set(answers) - set(Dimension.values)
        if unknown:
            raise ValidationError(_("Unknown dimension: %s") % ", ".join(sorted(unknown)))
        if submit:
            missing = [
                Dimension(value).label
                for value in Dimension.values
                if answers.get(value) is None or answers[value].score is None
            ]
            if missing:
                raise ValidationError(
                    _("Score every dimension before submitting. Missing: %s")
                    % ", ".join(str(label) for label in missing)
                )
        for dimension, data in answers.items():
            if data.score is not None and not 1 <= data.score <= 5:
                raise ValidationError(_("Scores go from 1 to 5."))
            AssessmentAnswer.objects.update_or_create(
                assessment=assessment,
                dimension=dimension,
                defaults={
                    "score": data.score,
                    "comment": data.comment,
                    "evidence_url": data.evidence_url,
                },
            )
        if submit:
            assessment.status = AssessmentStatus.SUBMITTED
            assessment.submitted_at = timezone.now()
            assessment.submitted_by = user
        assessment.save()
    return assessment


def assessment_sharing_set(*, assessment: Assessment, shared: bool) -> Assessment:
    """Share the assessment's exact scores with the network's members, or stop sharing
    them (then only the office's own people and the secretariat see them)."""
    Assessment.objects.filter(pk=assessment.pk).update(shared_with_members=shared)
    assessment.shared_with_members = shared
    return assessment
