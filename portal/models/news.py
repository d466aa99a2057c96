"""News published by the secretariat."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models.pages import AreaIndexPage
from portal.page_languages import (
    ReaderLanguageUrlMixin,
    children_in_every_locale,
    in_reader_language,
    public,
)


class NewsIndexPage(AreaIndexPage):
    subpage_types = ["portal.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = in_reader_language(
            public(children_in_every_locale(NewsArticlePage, self).live())
        ).order_by("-date", "-pk")
        context["articles"] = Paginator(articles, 10).get_page(request.GET.get("page"))
        return context


class NewsArticlePage(ReaderLanguageUrlMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in listings.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
