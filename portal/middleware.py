"""The portal's own middleware: response headers every request gets (the
Content-Security-Policy and, on personalised responses, a Cache-Control that keeps them out
of shared caches), compression where it is safe, and refusing requests that no part of
the site can take."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.utils import OperationalError
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import has_vary_header, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from csp.middleware import CSPMiddleware, PolicyParts
from psycopg_pool import PoolTimeout


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with websockets to the site itself and the admin's own policy.

    connect-src names the host because browsers that predate CSP 3 do not count ws: and
    wss: addresses of the page's own host as 'self'.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(settings.PORTAL_ADMIN_URL_PREFIX):
            parts.config = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY
            # A nonce in script-src would switch off the 'unsafe-inline' Wagtail needs.
            parts.nonce = None
        try:
            host = request.get_host()
        except DisallowedHost:
            # The 400 answering a forged Host header gets the policy without websockets.
            return parts
        sockets = [f"wss://{host}"] if request.is_secure() else [f"ws://{host}", f"wss://{host}"]
        parts.update = {**(parts.update or {}), "connect-src": sockets}
        return parts


class SafeCompressionMiddleware(GZipMiddleware):
    """Gzip responses that cannot reflect what an attacker sends (against BREACH).

    A page may hold secrets (the CSRF token, a member's private content); an attacker who
    can put guesses into the same compressed response and watch its length could read
    them. Only answers to GET or HEAD without a query string, with status 200, are
    compressed: there, nothing the address carries is echoed back. Search results,
    filtered listings, form errors and error pages go uncompressed. Django's gzip also
    pads each response by a random length. See docs/deployment.md.
    """

    def process_response(self, request, response):
        if (
            request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and response.status_code == 200
        ):
            return super().process_response(request, response)
        return response


class PrivateCacheMiddleware:
    """Mark every personalised response ``Cache-Control: private, no-store``.

    Personalised: the reader is signed in, the response sets a cookie, or it depends on
    a session the request carries. Anonymous pages without a session stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_personalised(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def is_personalised(request, response) -> bool:
        if response.cookies:
            return True
        if has_vary_header(response, "Cookie") and settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)


class LanguageMiddleware(LocaleMiddleware):
    """The language of the address (``/fr/…``) wins; without a prefix, the reader's.

    Django serves every unprefixed address in the default language once ``i18n_patterns``
    is used; here an address without a prefix (a page's x-default address, the sign-in
    pages, the API) follows the language cookie, then the browser, as before prefixes
    existed. Such a response therefore varies with the cookie as well as the browser's
    languages, so that no shared cache hands one reader's language to another.
    """

    def process_request(self, request):
        language = translation.get_language_from_request(request, check_path=True)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


NUL = "\x00"


def _has_null_character(request) -> bool:
    if NUL in request.path:
        return True
    # request.POST holds form submissions only (urlencoded or multipart); a JSON body is
    # left alone for the view that reads it.
    for params in (request.GET, request.POST):
        for key, values in params.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False


class RejectNullCharactersMiddleware:
    """Answer 400 to a NUL character in the address, the query or a posted form.

    No field of the site accepts one and PostgreSQL text cannot hold one, so refusing it
    here covers every lookup at once: slugs, codes and ids read outside Django forms, whose
    CharField alone refuses NUL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_null_character(request):
            message = _("The request contains a null character, which no field accepts.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            if request.headers.get("HX-Request"):
                # A fragment (suggestions, a filtered list): htmx leaves the page as it was.
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


def _pool_exhausted(exception: BaseException) -> bool:
    """A database error raised because every pooled connection stayed busy for the pool's
    whole wait (portal/settings/database.py)."""
    return isinstance(exception, OperationalError) and isinstance(exception.__cause__, PoolTimeout)


class DatabaseBusyMiddleware:
    """Answer 503 with Retry-After when the process's database connections are all busy.

    A rush of requests may find the pool empty for longer than it waits: the reader is
    asked to try again in a few seconds instead of meeting a server error. The page is
    rendered without the database (no menu, no footer).
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _pool_exhausted(exception):
            return None
        message = _("The portal is busy. Please try again in a few seconds.")
        if request.path.startswith("/api/") or request.headers.get("HX-Request"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
