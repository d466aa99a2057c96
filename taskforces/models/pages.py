"""The task-force pages: a public page each, with the members-only workspace routed below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.models.pages import AreaIndexPage
from portal.page_languages import (
    ReaderLanguageUrlMixin,
    children_in_every_locale,
    in_reader_language,
    public,
)
from portal.page_routes import SubpageUrlsMixin


class TaskForceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class TaskForceIndexPage(AreaIndexPage):
    subpage_types = ["taskforces.TaskForcePage"]

    class Meta:
        verbose_name = _("task force index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["taskforces"] = in_reader_language(
            public(children_in_every_locale(TaskForcePage, self).live())
        ).order_by("-start_date", "title")
        return context


class TaskForcePage(ReaderLanguageUrlMixin, SubpageUrlsMixin, Page):
    """The public face of a task force; its workspace, below it, is for members only.

    Every workspace route answers 404 to anyone who may not read the task force, so that
    its threads, documents and meetings cannot even be found by guessing addresses.
    """

    summary = models.TextField(_("summary"), max_length=500)
    mandate = RichTextField(
        _("mandate and terms of reference"), features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskForceStatus.choices, default=TaskForceStatus.ACTIVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    # Every member of the network reads and posts here without joining (the forum,
    # taskforces.models.forum.ForumPage); not an editor's choice on a task force.
    open_to_network = models.BooleanField(default=False, editable=False)
    related_categories = ParentalManyToManyField(
        "catalogue.Category",
        blank=True,
        related_name="taskforces",
        verbose_name=_("related catalogue categories"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("mandate"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("how_to_join"),
        FieldPanel("related_categories"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("mandate"),
        index.FilterField("status"),
    ]

    parent_page_types = ["taskforces.TaskForceIndexPage"]
    subpage_types = []
    # The public page's join and leave forms and the whole workspace.
    subpage_urls = ["taskforces.urls.taskforce_page_urls"]

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def workspace_url(self, name: str = "workspace", *args) -> str:
        """The address of a workspace route, e.g. workspace_url("thread", 12)."""
        return self.url + self.reverse_subpage(name, args=args)
