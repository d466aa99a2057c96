"""RSS and Atom feeds: the public catalogue's newest entries, and a saved search's.

Both are computed as a visitor sees the site, whoever asks: a saved search's feed address
can be shared, so it never carries anything its owner alone may read.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.alerts import links, selectors
from portal.alerts.models import SavedSearch

FEED_SIZE = 50


class _MatchFeed(Feed):
    """Items are portal.alerts.selectors.Match."""

    def item_title(self, item: selectors.Match):
        return item.title

    def item_description(self, item: selectors.Match):
        return item.excerpt

    def item_link(self, item: selectors.Match):
        return item.url

    def item_guid(self, item: selectors.Match):
        return f"{settings.PORTAL_BASE_URL}{item.url}"

    item_guid_is_permalink = True

    def item_pubdate(self, item: selectors.Match):
        return item.date

    def item_categories(self, item: selectors.Match):
        return [item.kind] if item.kind else []


class CatalogueRssFeed(_MatchFeed):
    """Routed below the catalogue index page (``index``)."""

    def __call__(self, request, *args, index, **kwargs):
        self.index = index
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s · IP Offices ICT Network") % {"title": self.index.title}

    def link(self):
        return self.index.url

    def description(self):
        return _("The newest solutions and services in the network's public catalogue.")

    def items(self):
        return [selectors.entry_match(entry) for entry in selectors.catalogue_feed_entries()]


class CatalogueAtomFeed(CatalogueRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class SavedSearchRssFeed(_MatchFeed):
    """One saved search's newest matches for a visitor, by its signed feed token."""

    def get_object(self, request, token: str):
        alert_id = links.alert_id_from(token, salt=links.FEED_SALT)
        alert = SavedSearch.objects.filter(pk=alert_id).first() if alert_id else None
        if alert is None:
            raise Http404(_("There is no such feed."))
        return alert

    def title(self, alert: SavedSearch):
        return _("%(title)s · IP Offices ICT Network") % {"title": alert.name}

    def link(self, alert: SavedSearch):
        return selectors.search_url(alert)

    def description(self, alert: SavedSearch):
        return _("What is new for this saved search, as anyone may read it.")

    def items(self, alert: SavedSearch):
        return selectors.latest_matches(alert, limit=FEED_SIZE)


class SavedSearchAtomFeed(SavedSearchRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, alert: SavedSearch):
        return self.description(alert)
