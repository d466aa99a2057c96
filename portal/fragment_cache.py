"""What every reader of a language sees alike, kept between requests: the home page's
figures and lists, the menu, the footer's links.

Signed-in members never get a page from the visitors' page cache (portal/page_cache.py),
and a page rendered afresh for a visitor still asks again for the same counts and lists
as the last reader did. The parts of a page that depend only on the published content and
the language are kept in the page cache's store, under its generation: any change that
purges the pages (docs/caching.md, "Purging") purges them too, and they expire after
``PORTAL_PAGE_CACHE_SECONDS`` like the pages (what depends on the clock: upcoming
workshops). Only values that are the same for every reader may be kept here: never what
depends on who reads, on their permissions or on a private page.

If the cache cannot be reached, or ``PORTAL_FRAGMENT_CACHE`` is off, every value is
computed as if there were no cache.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language

from portal.page_cache import current_generation, page_cache

_MISSING = object()


def request_generation(request) -> str | None:
    """The page cache's generation, read once per request (None if the cache is down)."""
    if request is None:
        return current_generation()
    if not hasattr(request, "_portal_generation"):
        request._portal_generation = current_generation()
    return request._portal_generation


def _key(request, generation: str, name: str, vary: tuple) -> str | None:
    try:
        host = request.get_host() if request is not None else ""
    except DisallowedHost:
        # The error page for a host the site does not serve.
        return None
    parts = "\n".join((generation, name, host, get_language() or "", *map(str, vary)))
    return "fragment:" + hashlib.sha256(parts.encode()).hexdigest()


def shared(request, name: str, compute: Callable[[], Any], *vary) -> Any:
    """``compute()``'s value, kept for every reader of the request's host and language
    (and ``vary``, e.g. a page's path) until the content changes.

    ``compute`` must not depend on who reads: the same value is given to visitors and
    members alike.
    """
    if not settings.PORTAL_FRAGMENT_CACHE:
        return compute()
    generation = request_generation(request)
    if generation is None:
        return compute()
    key = _key(request, generation, name, vary)
    if key is None:
        return compute()
    cache = page_cache()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.PORTAL_PAGE_CACHE_SECONDS)
    return value


def shared_many(request, name: str, items: list, compute_missing: Callable[[list], dict]) -> dict:
    """``shared`` for many values of one kind at once, e.g. a listing's cards: the value of
    each of ``items`` (keys such as an entry's id), in two round trips to the cache. The
    ones not kept come from ``compute_missing(missing_items)``, a dict by item, which may
    leave out an item that has no value any more; those are not kept."""
    if not settings.PORTAL_FRAGMENT_CACHE or not items:
        return compute_missing(list(items))
    generation = request_generation(request)
    keys = {item: _key(request, generation, name, (item,)) for item in items}
    if generation is None or None in keys.values():
        return compute_missing(list(items))
    cache = page_cache()
    found = cache.get_many(list(keys.values()))
    values = {item: found[key] for item, key in keys.items() if key in found}
    missing = [item for item in items if item not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many(
            {keys[item]: value for item, value in computed.items()},
            settings.PORTAL_PAGE_CACHE_SECONDS,
        )
        values.update(computed)
    return values
