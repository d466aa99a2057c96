"""The site a request is for, kept in each process until the content changes.

Wagtail reads the site (and its root page) for every request served, one query joining
``wagtailcore_site`` and ``wagtailcore_page``. Sites and their root pages change as
rarely as anything on the portal, and any change to them purges the page cache
(``portal.page_cache_purge``: a site saved, a root page published), which replaces the
cache's generation. So the site Wagtail found is kept in the process's memory under the
request's host, port and that generation, and the next request for the same host takes
a copy of it without a query. Nothing is kept while the cache cannot be reached (no
generation to know a change by) or while ``PORTAL_FRAGMENT_CACHE`` is off.
"""

import copy
import threading

from django.conf import settings
from django.core.exceptions import DisallowedHost

from portal.fragment_cache import request_generation

# Wagtail keeps the site it found on the request under this name (Site.find_for_request).
REQUEST_ATTRIBUTE = "_wagtail_site"

# Hosts are those ALLOWED_HOSTS lets through; a few at most, unless it allows any.
MOST_HOSTS = 32

_kept: dict[tuple[str, str], object] = {}
_kept_generation: list[str | None] = [None]
_lock = threading.Lock()


def _key(request) -> tuple[str, str] | None:
    try:
        return (request.get_host(), str(request.get_port()))
    except DisallowedHost:
        return None


def kept_site(request, generation: str):
    """A copy of the site kept for this request's host under ``generation``, or None."""
    key = _key(request)
    with _lock:
        site = _kept.get(key) if _kept_generation[0] == generation else None
    # A copy, so that what one request caches on the site or its root page stays its own.
    return copy.deepcopy(site) if site is not None else None


def keep_site(request, generation: str, site) -> None:
    key = _key(request)
    if key is None or site is None:
        return
    with _lock:
        if _kept_generation[0] != generation:
            _kept.clear()
            _kept_generation[0] = generation
        if len(_kept) < MOST_HOSTS:
            _kept[key] = copy.deepcopy(site)


class KeptSiteMiddleware:
    """Hands Wagtail the site kept for the request's host; keeps the one it found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = request_generation(request) if settings.PORTAL_FRAGMENT_CACHE else None
        if generation is None:
            return self.get_response(request)
        site = kept_site(request, generation)
        if site is not None:
            setattr(request, REQUEST_ATTRIBUTE, site)
        response = self.get_response(request)
        if site is None and getattr(request, REQUEST_ATTRIBUTE, None) is not None:
            keep_site(request, generation, getattr(request, REQUEST_ATTRIBUTE))
        return response
