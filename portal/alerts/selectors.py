"""Reads of saved searches: a person's list, and what is new for an alert, as the page it
came from would show it to that person now (the site search's scope, or the catalogue's
public listing)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from catalogue import selectors as catalogue_selectors
from catalogue.models import CatalogueIndexPage
from portal.alerts.forms import catalogue_state, search_request
from portal.alerts.models import SavedSearch, Source
from search.query import search_site

# At most this many new matches go in one e-mail or feed; the e-mail links to the rest.
MAX_MATCHES = 50
# Site search pages read per alert, newest first, to find what is new.
MAX_SEARCH_PAGES = 3


@dataclass(frozen=True)
class Match:
    title: str
    url: str  # the site's address, without its host
    date: datetime.datetime | None
    kind: str
    excerpt: str = ""


def my_alerts(user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")


def new_matches(
    alert: SavedSearch, *, user, since: datetime.datetime, until: datetime.datetime
) -> list[Match]:
    """What the alert's search finds for ``user`` (None: a visitor) that was first
    published after ``since`` and no later than ``until``, newest first."""
    user = user or AnonymousUser()
    with translation.override(alert.language):
        if alert.source == Source.CATALOGUE:
            return _catalogue_matches(alert, since=since, until=until)
        return _search_matches(alert, user=user, since=since, until=until)


def latest_matches(alert: SavedSearch, *, limit: int = MAX_MATCHES) -> list[Match]:
    """The newest of what the alert's search finds for a visitor, for its public feed."""
    until = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    since = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return new_matches(alert, user=None, since=since, until=until)[:limit]


def _catalogue_matches(alert, *, since, until) -> list[Match]:
    state = catalogue_state(alert.params)
    if state is None:
        return []
    # The listing is public entries only, the same for every reader.
    entries = (
        catalogue_selectors.filtered_entries(state)
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .select_related("category")
        .order_by("-first_published_at", "-pk")[:MAX_MATCHES]
    )
    return [entry_match(entry) for entry in entries]


def entry_match(entry) -> Match:
    return Match(
        title=entry.title,
        url=entry.url,
        date=entry.first_published_at,
        kind=str(entry.category) if entry.category_id else "",
        excerpt=entry.summary,
    )


def _search_matches(alert, *, user, since, until) -> list[Match]:
    read = search_request(alert.params)
    if read is None:
        return []
    query, filters = read
    matches = []
    for number in range(1, MAX_SEARCH_PAGES + 1):
        results = search_site(query, user=user, filters=filters, sort="date", page_number=number)
        if results.page is None or results.page.number != number:
            break
        for hit in results.page.object_list:
            if hit.date is not None and since < hit.date <= until:
                matches.append(
                    Match(
                        title=hit.title,
                        url=hit.url,
                        date=hit.date,
                        kind=str(hit.kind_label),
                        excerpt=strip_tags(hit.excerpt),
                    )
                )
        dates = [hit.date for hit in results.page.object_list if hit.date is not None]
        if (
            len(matches) >= MAX_MATCHES
            or not results.page.has_next()
            or (dates and min(dates) <= since)
        ):
            break
    return matches[:MAX_MATCHES]


def catalogue_url() -> str:
    """The catalogue listing's address (no host), or the home page's if there is none."""
    index = CatalogueIndexPage.objects.live().order_by("path").first()
    return (index.url if index else None) or "/"


def search_url(alert: SavedSearch, *, catalogue: str | None = None) -> str:
    """The page the alert's search came from, with its words and filters (no host).
    ``catalogue``: the listing's address, when the caller has read it already."""
    with translation.override(alert.language):
        if alert.source == Source.SEARCH:
            base = reverse("search:search")
        else:
            base = catalogue or catalogue_url()
    return f"{base}?{alert.params}" if alert.params else base


def catalogue_feed_entries(limit: int = MAX_MATCHES):
    """The newest entries of the public catalogue, as a visitor sees them."""
    return (
        catalogue_selectors.listed_entries()
        .filter(first_published_at__isnull=False)
        .select_related("category")
        .order_by("-first_published_at", "-pk")[:limit]
    )
