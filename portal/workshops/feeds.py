"""RSS and Atom feeds of the workshops, with Django's syndication framework.

Feeds are public: they carry what the page shows a visitor, never the online link.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.dates import format_when
from portal.workshops import selectors
from portal.workshops.models import WorkshopIndexPage, WorkshopPage

FEED_SIZE = 50


class WorkshopRssFeed(Feed):
    def __call__(self, request, *args, index: WorkshopIndexPage, **kwargs):
        self.index = index
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s · IP Offices ICT Network") % {"title": self.index.title}

    def link(self):
        return self.index.url

    def description(self):
        return self.index.intro or _(
            "Workshops, trainings, webinars and hackathons of the network."
        )

    def items(self):
        return selectors.feed_workshops(self.index, limit=FEED_SIZE)

    def item_title(self, item: WorkshopPage):
        return item.title

    def item_description(self, item: WorkshopPage):
        start = format_when(item.local_start(), "datetime", zone=item.time_zone)
        parts = [f"{item.get_kind_display()} · {start}"]
        if item.place:
            parts.append(item.place)
        return " · ".join(parts) + f"\n\n{item.summary}"

    def item_link(self, item: WorkshopPage):
        return item.url

    def item_guid(self, item: WorkshopPage):
        return f"{settings.PORTAL_BASE_URL}{item.url}"

    item_guid_is_permalink = True

    def item_pubdate(self, item: WorkshopPage):
        # Pages created outside the admin (imports, the demo) may have no publication date;
        # Atom requires one, so the event's start stands in.
        return item.first_published_at or item.starts_at

    def item_updateddate(self, item: WorkshopPage):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item: WorkshopPage):
        return [item.get_kind_display()]


class WorkshopAtomFeed(WorkshopRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
