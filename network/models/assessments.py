"""ICT maturity self-assessments: one per office per year, kept as history."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.maturity import Dimension


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Assessment(models.Model):
    office = models.ForeignKey(
        "network.OfficePage", on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who sees the exact scores: the office's own people and the secretariat always; every
    # member of the network only when the office chooses so (network.permissions).
    shared_with_members = models.BooleanField(
        _("scores shared with the network's members"),
        default=False,
        help_text=_(
            "Unless shared, other offices see only the medians of the network, the region "
            "and offices of the same kind, never this office's scores."
        ),
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year"], name="one_assessment_per_office_year"
            )
        ]
        verbose_name = _("ICT maturity self-assessment")
        verbose_name_plural = _("ICT maturity self-assessments")

    def __str__(self):
        return f"{self.office} {self.year}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    def scores(self) -> dict[str, int | None]:
        """Score per dimension, in the rubric's order; None where not answered yet."""
        by_dimension = {answer.dimension: answer.score for answer in self.answers.all()}
        return {dimension.value: by_dimension.get(dimension.value) for dimension in Dimension}


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="one_answer_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="score_from_1_to_5",
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.assessment}: {self.get_dimension_display()} {self.score}"
