"""Consultations: a document the secretariat publishes for comment, and the comments.

The document is a page (drafts, revisions, translation for free); its paragraphs are
blocks of a StreamField, whose ids comments keep, so a paragraph's comments follow it
when paragraphs are added or moved. Comments and the record of notices sent are plain
models, kept on the original page whatever language it was read in.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import localised_names
from portal.consultations.blocks import ConsultationTextBlock
from portal.models.pages import AreaIndexPage
from portal.page_languages import ReaderLanguageUrlMixin
from portal.page_routes import SubpageUrlsMixin
from taskforces.storage import private_storage


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members of the network")
    HEADS = "heads", _("Heads of ICT only")
    TASKFORCE = "taskforce", _("One task force")


class ConsultationState(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")


class CommentVisibility(models.TextChoices):
    AUDIENCE = "audience", _("Everyone consulted may read it")
    SECRETARIAT = "secretariat", _("For the secretariat only")


class ConsultationIndexPage(SubpageUrlsMixin, AreaIndexPage):
    """The consultations a member is asked to comment on; members only (see services)."""

    subpage_types = ["consultations.ConsultationPage"]
    subpage_urls = ["portal.consultations.urls.consultation_index_urls"]

    class Meta:
        verbose_name = _("consultation index page")


def document_path(page: "ConsultationPage", filename: str) -> str:
    return f"consultations/{page.translation_key}/{filename}"


@dataclass(frozen=True)
class Paragraph:
    number: int
    block_id: str
    value: object

    @property
    def anchor(self) -> str:
        return f"paragraph-{self.number}"


class ConsultationPage(ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    reference = models.CharField(
        _("reference"), max_length=50, blank=True, help_text=_("e.g. HLD/ICT/2/NEXT-STEPS")
    )
    intro = models.TextField(_("introduction"), max_length=1000)
    text = StreamField(
        ConsultationTextBlock(),
        blank=True,
        verbose_name=_("text"),
        help_text=_("Numbered in order; members comment on each paragraph."),
    )
    # In the private storage: served only by the page's own route, to its audience.
    document = models.FileField(
        _("document"),
        storage=private_storage,
        upload_to=document_path,
        max_length=300,
        blank=True,
        help_text=_("A file to comment on, instead of or beside the text."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    audience = models.CharField(
        _("consulted"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    taskforce = models.ForeignKey(
        "taskforces.TaskForcePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task force"),
        help_text=_("When one task force is consulted."),
    )
    summary = RichTextField(
        _("summary of the comments"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        help_text=_("Shown once the consultation has closed."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("reference"),
        FieldPanel("intro"),
        FieldPanel("text"),
        FieldPanel("document"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("taskforce")]),
            ],
            heading=_("Who is consulted, and when"),
        ),
        FieldPanel("summary"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("text")]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    # The page with its comments, the comment form, the document and the CSV of comments.
    subpage_urls = ["portal.consultations.urls.consultation_page_urls"]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    @cached_property
    def original(self) -> "ConsultationPage":
        """The consultation in the default language, which comments belong to."""
        if self.pk is None:
            return self
        default = localised_names.default_language()
        if self.locale.language_code == default:
            return self
        original = ConsultationPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=default
        ).first()
        return original or self

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("A consultation closes after it opens.")
        if self.audience == Audience.TASKFORCE and not self.taskforce_id:
            errors["taskforce"] = _("Choose the task force that is consulted.")
        if errors:
            raise ValidationError(errors)

    def state(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationState.UPCOMING
        if now < self.closes_at:
            return ConsultationState.OPEN
        return ConsultationState.CLOSED

    def get_state_display(self) -> str:
        return ConsultationState(self.state()).label

    @property
    def is_open(self) -> bool:
        return self.state() == ConsultationState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state() == ConsultationState.CLOSED

    def paragraphs(self) -> list[Paragraph]:
        return [
            Paragraph(number=number, block_id=block.id, value=block.value)
            for number, block in enumerate(self.text, start=1)
        ]

    def route_url(self, name: str, *args) -> str:
        return self.url + self.reverse_subpage(name, args=args)


class Comment(models.Model):
    """A member's comment on one paragraph (``paragraph_id``) or on the whole document."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments"
    )
    # The paragraph block's id; empty for a comment on the whole document.
    paragraph_id = models.CharField(max_length=64, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_comments"
    )
    on_behalf_of = models.ForeignKey(
        "network.OfficePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=CommentVisibility.choices,
        default=CommentVisibility.AUDIENCE,
    )
    body = models.TextField(_("comment"), max_length=5000)
    # The body as sanitised HTML (taskforces.markup), written by the service.
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author} on {self.consultation_id}"

    @property
    def for_secretariat_only(self) -> bool:
        return self.visibility == CommentVisibility.SECRETARIAT


class NoticeKind(models.TextChoices):
    OPENED = "opened", _("The consultation opened")
    CLOSING = "closing", _("The consultation closes in two days")


class NoticeSent(models.Model):
    """That a person was told about a consultation; the database refuses a second record."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="notices_sent"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user", "kind"], name="consultation_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"
