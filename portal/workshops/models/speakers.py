"""Speakers at workshops: a snippet each, optionally tied to a member of the network."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SpeakerManager(models.Manager):
    def get_queryset(self):
        # A speaker is always shown with their member's name, office and photo; the agenda
        # loads all its speakers in one query, and these come with them.
        return (
            super()
            .get_queryset()
            .select_related("photo", "member__user", "member__office", "member__photo")
        )


class Speaker(index.Indexed, models.Model):
    """Someone who speaks at a session; a network member's profile fills in what is left blank."""

    member = models.ForeignKey(
        "network.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_profiles",
        verbose_name=_("network member"),
        help_text=_(
            "When the speaker is a member, their name, photo and office are taken from it."
        ),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    affiliation = models.CharField(
        _("affiliation"), max_length=200, blank=True, help_text=_("e.g. Japan Patent Office")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )

    objects = SpeakerManager()

    panels = [
        FieldPanel("member"),
        FieldPanel("name"),
        FieldPanel("affiliation"),
        FieldPanel("job_title"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if not self.name and not self.member_id:
            raise ValidationError({"name": _("Give a name or choose a network member.")})

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.member.name if self.member_id else ""

    @property
    def display_affiliation(self) -> str:
        if self.affiliation:
            return self.affiliation
        if self.member_id and self.member.office_id:
            return self.member.office.title
        return ""

    @property
    def display_job_title(self) -> str:
        return self.job_title or (self.member.job_title if self.member_id else "")

    @property
    def display_photo(self):
        if self.photo_id:
            return self.photo
        return self.member.photo if self.member_id else None
