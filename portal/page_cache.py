"""Visitors' pages served from a cache: what a signed-out reader sees, per address and
language, until anything shown on the site changes.

Django's cache framework with an alias of its own (``pages``: Redis when REDIS_URL is
set, memory otherwise); see docs/caching.md. Only anonymous GET requests without a query
string are looked up, and only answers that are the same for every such visitor are kept:
200, no cookie set, no message shown, no ``private`` / ``no-store``, no Vary on anything
but the language and compression. The key holds the host, the scheme, the path and the
language the request is served in (the address's prefix, else the language cookie, else
the browser's), so an unprefixed address is cached once per language.

Purging: every key also holds a generation, a random value stored in the same cache. A
write to any model shown to visitors (a page published, unpublished, moved or deleted, a
snippet, a setting, a taxonomy, a registration…) replaces it at once and again once its
transaction commits, and every page cached before is never read again (it expires after
``PORTAL_PAGE_CACHE_SECONDS``). A request that was rendering while the change was made
stores its copy under the old generation, where nobody looks.

A page carries its request's CSP nonce; a hit gets a fresh nonce, written into the HTML
in place of the stored one, so that the header django-csp writes matches the page.

If the cache cannot be reached (Redis stopped), the generation cannot be read and pages
are rendered as if there were no cache.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path, get_language_from_request

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
HIT_HEADER = "X-Cache"
_MISSING = object()
# Vary headers a cached page may carry: the language is part of the key, compression is
# applied to hits as to any response, and no page is looked up for a session.
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
# Addresses (below the language prefix, if any) never served from the cache: accounts,
# the admin, files behind permission checks, the API, members' own pages, the switcher.
EXCLUDED_PREFIXES = (
    "/accounts/",
    "/api/",
    "/documents/",
    "/i18n/",
    "/media/",
    "/my/",
    "/search/",
    "/static/",
    "/ws/",
    "/_util/",
)


def page_cache():
    return caches[CACHE_ALIAS]


def current_generation() -> str | None:
    """The generation pages are cached under, or None if the cache cannot be reached."""
    cache = page_cache()
    # Missing, or Redis unreachable (django-redis' IGNORE_EXCEPTIONS answers the default);
    # then add() tells them apart: True or False if Redis answered, None if not.
    generation = cache.get(GENERATION_KEY, _MISSING)
    if generation is not _MISSING:
        return generation
    generation = secrets.token_hex(8)
    added = cache.add(GENERATION_KEY, generation, timeout=None)
    if added:
        return generation
    return cache.get(GENERATION_KEY) if added is False else None


def purge() -> None:
    """Forget every cached page: the next request renders afresh."""
    page_cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def purge_now_and_after_commit() -> None:
    """Purge now and, once the current transaction commits, again (once per transaction).

    The first purge covers a change read before its commit (the same connection, tests);
    the second, a page rendered between the change and the commit.
    """
    purge()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if any(callback is purge for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(purge, robust=True)


def _personal_cookie_names() -> list[str]:
    # A session (signed in, a restricted page's password, a form in progress) or a
    # message waiting to be shown.
    return [
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "MESSAGES_COOKIE_NAME", "messages"),
    ]


def _unprefixed(path: str) -> str:
    language = get_language_from_path(path)
    if language is None:
        return path
    return path.removeprefix(f"/{language}")


def may_look_up(request) -> bool:
    """Whether the request is an anonymous visitor's, for a page that may be cached."""
    if not settings.PORTAL_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if request.META.get("QUERY_STRING") or "Authorization" in request.headers:
        return False
    if "HX-Request" in request.headers:
        return False
    if any(name in request.COOKIES for name in _personal_cookie_names()):
        return False
    path = _unprefixed(request.path_info)
    return not path.startswith((settings.PORTAL_ADMIN_URL_PREFIX, *EXCLUDED_PREFIXES))


def cache_key(request, generation: str) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = get_language_from_request(request, check_path=True)
    parts = "\n".join((generation, request.scheme, host, language, request.path))
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def may_store(request, response) -> bool:
    """Whether the answer is the same for every visitor who may be served it."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    if (vary - {""}) - HARMLESS_VARY:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or not (messages.used or messages.added_new)


def freeze(request, response) -> dict:
    nonce = getattr(request, "_csp_nonce", None)
    return {
        "content": response.content,
        "headers": [(name, value) for name, value in response.items()],
        "nonce": nonce if isinstance(nonce, str) else None,
    }


def thaw(request, stored: dict) -> HttpResponse:
    content = stored["content"]
    if stored["nonce"]:
        # A nonce of the request's own, which django-csp then writes into the header.
        content = content.replace(stored["nonce"].encode(), str(request.csp_nonce).encode())
    response = HttpResponse(content)
    for name, value in stored["headers"]:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serve visitors' pages from the cache, and keep the ones that may be.

    Placed after the middleware that adds the CSP header and compresses, before the
    session, CSRF, authentication and messages middleware, so that it sees the cookies
    and Vary headers they add and a hit skips them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_look_up(request):
            return self.get_response(request)
        generation = current_generation()
        # Read once per request: the fragments (portal/fragment_cache.py) use it too.
        request._portal_generation = generation
        key = cache_key(request, generation) if generation else None
        if key is None:
            return self.get_response(request)
        stored = page_cache().get(key)
        if stored is not None:
            return thaw(request, stored)
        response = self.get_response(request)
        if may_store(request, response):
            page_cache().set(key, freeze(request, response), settings.PORTAL_PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
