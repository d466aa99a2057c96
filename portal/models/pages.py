"""The home page and the standard pages (About the network and the like)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock


class AreaIndexPage(Page):
    """The one landing page of an area of the site (offices, workshops, news…) under Home."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class HomePage(Page):
    """The site's root: what the network is, and what is new in each area."""

    heading = models.CharField(_("heading"), max_length=200)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.StandardPage",
        "portal.NewsIndexPage",
        "portal.WorkshopIndexPage",
        "network.OfficeIndexPage",
        "catalogue.CatalogueIndexPage",
        "taskforces.TaskForceIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from catalogue.selectors import listed_entries
        from portal.models import NewsArticlePage, WorkshopPage

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_workshops"] = (
            WorkshopPage.objects.live()
            .public()
            .filter(ends_at__gte=timezone.now())
            .order_by("starts_at")[:3]
        )
        context["latest_news"] = (
            NewsArticlePage.objects.live().public().order_by("-date", "-pk")[:3]
        )
        context["recent_entries"] = (
            listed_entries().select_related("category").order_by("-first_published_at")[:4]
        )
        return context


class StandardPage(Page):
    """A page of prose, such as About the network or the terms of use."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
