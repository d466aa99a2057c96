"""The network forum: a task-force workspace that every member of the network reads and
posts in without joining, its threads sorted into categories the secretariat keeps."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from taskforces.models.pages import TaskForcePage


class ForumPage(TaskForcePage):
    """A TaskForcePage open to the whole network (``open_to_network``): the same threads,
    posts, websockets, notifications, moderation and unread counts, served by the same
    routes. Its moderators are the secretariat and the people given the chair's role."""

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("mandate", heading=_("Rules of the forum")),
        InlinePanel("categories", heading=_("Categories"), min_num=1),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    template = "taskforces/forum_page.html"

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def save(self, *args, **kwargs):
        self.open_to_network = True
        return super().save(*args, **kwargs)

    def resolve_subpage(self, path):
        """A translation of the forum is its public page in another language; every route
        below it (threads, posts…) is the original's, so the network keeps one forum
        whatever language each member reads it in."""
        match = super().resolve_subpage(path)
        if match.url_name == "index_route" or self.locale_id in (None, _default_locale_id()):
            return match
        original = self.get_translation_or_none(_default_locale_id())
        return match if original is None else original.specific.resolve_subpage(path)


@functools.cache
def _default_locale_id() -> int:
    """The site's default locale (settings.LANGUAGE_CODE), which does not change while the
    site runs: read once per process, so the forum's routes cost no query for it."""
    return Locale.get_default().pk


class ForumCategory(TranslatableMixin, Orderable):
    """A heading threads are filed under: announcements, questions to peers, AI…

    Translated with the forum page; threads keep the original's category, which the
    forum's pages name in the reader's language (``selectors.forum.category_words``).
    """

    forum = ParentalKey(ForumPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=200, blank=True)
    moderators_only = models.BooleanField(
        _("moderators only"),
        default=False,
        help_text=_("Only the forum's moderators and the secretariat start threads and post here."),
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("moderators_only")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("moderators_only", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self):
        return self.name
