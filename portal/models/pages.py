"""The home page and the standard pages (About the network and the like)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.page_languages import ReaderLanguageUrlMixin, in_reader_language, public


class AreaIndexPage(ReaderLanguageUrlMixin, Page):
    """The one landing page of an area of the site (offices, workshops, news…) under Home."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class HomePage(ReaderLanguageUrlMixin, Page):
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
        "workshops.WorkshopIndexPage",
        "network.OfficeIndexPage",
        "catalogue.CatalogueIndexPage",
        "taskforces.TaskForceIndexPage",
        "taskforces.ForumPage",
        "consultations.ConsultationIndexPage",
        "surveys.SurveyIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Upcoming workshops and the catalogue's latest entries come from their apps'
        # template tags (home_page.html), so that this module imports no other app.
        from portal.models.news import NewsArticlePage  # news.py builds on this module

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = in_reader_language(
            public(NewsArticlePage.objects.live())
        ).order_by("-date", "-pk")[:3]
        return context


class StandardPage(ReaderLanguageUrlMixin, Page):
    """A page of prose, such as About the network or the terms of use."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
