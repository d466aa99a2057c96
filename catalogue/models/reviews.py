"""The secretariat's review of proposed entries: a workflow task with a checklist."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask

from portal.fields import ChoiceListField


class ChecklistItem(models.TextChoices):
    PROVIDER = "provider", _("The provider office is right and agrees to share it")
    DESCRIPTION = "description", _("Summary and description are clear and accurate")
    CATEGORY = "category", _("Category, processes and IP rights fit")
    LICENCE = "licence", _("Licence and sharing terms are stated (SPDX for open source)")
    CONTACT = "contact", _("A contact can answer questions")
    NO_SECRETS = "no_secrets", _("No confidential or personal data")
    AI_PROFILE = "ai_profile", _("AI profile complete (for AI-related categories)")


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Changes requested")


class CatalogueReviewTask(GroupApprovalTask):
    """Approval by the chosen groups, each decision recorded with its checklist."""

    class Meta:
        verbose_name = _("Catalogue review task")
        verbose_name_plural = _("Catalogue review tasks")

    @classmethod
    def get_description(cls):
        return _("The chosen groups approve or reject, ticking the catalogue's review checklist.")

    def get_actions(self, obj, user):
        # Every decision goes through the form, so the checklist is always recorded.
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from catalogue.forms import review_action_form

        return review_action_form()

    def on_action(self, task_state, user, action_name, **kwargs):
        from catalogue.models.pages import CatalogueEntryPage

        checklist = kwargs.pop("checklist", []) or []
        entry_id = int(task_state.workflow_state.object_id)
        # The workflow also covers the catalogue's index page, which has no review record.
        is_entry = CatalogueEntryPage.objects.filter(pk=entry_id).exists()
        if is_entry and action_name in ("approve", "reject"):
            EntryReview.objects.create(
                entry_id=entry_id,
                revision=task_state.revision,
                reviewer=user,
                decision=(
                    ReviewDecision.APPROVED if action_name == "approve" else ReviewDecision.REJECTED
                ),
                checklist=list(checklist),
                comment=kwargs.get("comment", "") or "",
            )
        return super().on_action(task_state, user, action_name, **kwargs)


class EntryReview(models.Model):
    """One review decision on an entry, kept with it: what was checked, by whom, when."""

    entry = models.ForeignKey(
        "catalogue.CatalogueEntryPage", on_delete=models.CASCADE, related_name="reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(_("decision"), max_length=20, choices=ReviewDecision.choices)
    checklist = ChoiceListField(_("checked"), choices=ChecklistItem.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("entry review")
        verbose_name_plural = _("entry reviews")

    def __str__(self):
        return f"{self.entry}: {self.get_decision_display()} ({self.decided_at:%Y-%m-%d})"

    def checklist_labels(self) -> list[str]:
        return self._meta.get_field("checklist").labels(self.checklist)

    def unchecked_labels(self) -> list[str]:
        return [str(label) for value, label in ChecklistItem.choices if value not in self.checklist]
