"""One address per page and language, and the original wherever no translation exists.

Pages (and the site's own views that show content) are routed below a language prefix:
``/fr/catalogue/`` is the catalogue in French, ``/ar/network/jp/`` an office in Arabic.
English, the default language, has no prefix. An address without a prefix is served in
the reader's own language (the language cookie, then the browser's), English when neither
names one: that is the address hreflang calls x-default.

A page not translated into the requested language is served in its original language at
the prefixed address, never a 404: routing tries the requested language's tree, then the
default language's, then the others. Where the page found has a live translation in the
requested language, the reader is sent to the translation's own address.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import LocalePrefixPattern, URLResolver, path, re_path, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.urls import serve_pattern

from portal import fragment_cache
from portal.page_languages import content_language

# The routing route_page knows how to follow without reading each page's specific row.
_KNOWN_ROUTES = {Page.route, RoutablePageMixin.route}


class OptionalLanguagePrefixPattern(LocalePrefixPattern):
    """Django's language prefix, except that an address without one matches too.

    Django matches only the active language's prefix; here the active language of an
    unprefixed address may be the reader's (cookie or browser), not the default one.
    Reversing is Django's: ``/fr/…`` in French, no prefix in the default language.
    """

    def match(self, path):
        prefix = self.language_prefix
        if prefix and path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        if get_language_from_path(f"/{path}") is None:
            return path, (), {}
        return None


def localised_patterns(*urls) -> list[URLResolver]:
    """``i18n_patterns(*urls, prefix_default_language=False)`` with the optional prefix."""
    return [URLResolver(OptionalLanguagePrefixPattern(prefix_default_language=False), list(urls))]


def route_page(request: HttpRequest, path: str):
    """Wagtail's route for ``path``, trying each locale's tree in turn; None if none has it.

    Wagtail walks the tree a level at a time, two queries a level (the child, then its
    specific row). The pages along ``path`` below every locale's root are read here in one
    query, by their url_path, and the same rules applied: a live routable page's own routes
    come before its children, the last page must be live. Only the page found is read
    with its specific fields.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root_paths = [root for root in Site.get_site_root_paths() if root.site_id == site.id]
    prefixes = ["/".join(components[:depth]) for depth in range(len(components) + 1)]
    candidates = {
        root.root_path + (f"{prefix}/" if prefix else "")
        for root in root_paths
        for prefix in prefixes
    }
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=candidates).select_related("locale")
    }
    roots = {
        root.language_code: found[root.root_path] for root in root_paths if root.root_path in found
    }
    if request is not None and not hasattr(request, "_portal_locale_roots"):
        request._portal_locale_roots = roots
    for root in _in_language_order(roots):
        chain = [root]
        for prefix in prefixes[1:]:
            page = found.get(f"{root.url_path}{prefix}/")
            if page is None:
                break
            chain.append(page)
        try:
            return _route_along(request, chain, components)
        except Http404:
            continue
    return None


def _in_language_order(roots: dict[str, Page]) -> list[Page]:
    """The requested language's root, the default language's, then the others'."""
    order = [content_language(), settings.LANGUAGE_CODE]
    order += [code for code, _name in settings.LANGUAGES]
    return [roots[code] for code in dict.fromkeys(order) if code in roots]


def _route_along(request: HttpRequest, chain: list[Page], components: list[str]):
    """Wagtail's routing down ``chain``, the pages named by the first components of the
    path; Http404 when no page takes the rest of it."""
    for depth, page in enumerate(chain):
        model = page.specific_class
        remaining = components[depth:]
        if model is None or model.route not in _KNOWN_ROUTES:
            # A page type with routing of its own: let it route the rest, as Wagtail would.
            return page.specific.route(request, remaining)
        takes_rest = not remaining
        if not takes_rest and page.live and issubclass(model, RoutablePageMixin):
            try:
                model.get_resolver().resolve("/" + "/".join(remaining) + "/")
            except Http404:
                pass
            else:
                takes_rest = True
        if takes_rest:
            # A page type may name the relations its page shows (e.g. an office's region).
            related = ("locale", *getattr(model, "served_with_related", ()))
            specific = model._default_manager.select_related(*related).get(pk=page.pk)
            if depth:
                specific._cached_parent_obj = chain[depth - 1]
            return specific.route(request, remaining)
    raise Http404


def locale_roots(site: Site, request: HttpRequest | None = None) -> list[Page]:
    """The site's root page in each locale: the requested one, the default, the others.

    Read once per request when one is given (routing reads them with the page).
    """
    roots = getattr(request, "_portal_locale_roots", None)
    if roots is None:
        translations = site.root_page.get_translations(inclusive=True).select_related("locale")
        roots = {root.locale.language_code: root for root in translations}
        if request is not None:
            request._portal_locale_roots = roots
    return _in_language_order(roots)


def live_translation(
    page: Page, language_code: str, request: HttpRequest | None = None
) -> Page | None:
    """The page's live translation in a content language, or None.

    With a request, a page's translations are read once per request: the menu, the
    switcher and the alternate links all ask for them.
    """
    if page.locale.language_code == language_code:
        return page
    known = getattr(request, "_portal_live_translations", None) if request else None
    if known is None:
        known = {}
        if request is not None:
            request._portal_live_translations = known
    if page.translation_key not in known:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        known[page.translation_key] = {
            translated.locale.language_code: translated for translated in translations
        }
    return known[page.translation_key].get(language_code)


def prefetch_live_translations(pages: list[Page], request: HttpRequest) -> None:
    """Read the live translations of several pages at once (see live_translation)."""
    known = getattr(request, "_portal_live_translations", None)
    if known is None:
        known = request._portal_live_translations = {}
    keys = {page.translation_key for page in pages} - known.keys()
    for key in keys:
        known[key] = {}
    translations = Page.objects.filter(translation_key__in=keys).live().select_related("locale")
    for translated in translations:
        known[translated.translation_key][translated.locale.language_code] = translated


def serve_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the fallback and the redirect to a page's translation."""
    route = route_page(request, path)
    if route is None:
        raise Http404
    page = route[0]
    language = content_language()
    # A form posted to an address in another language is answered where it was posted.
    if page.locale.language_code != language and request.method in ("GET", "HEAD"):
        translated = live_translation(page, language, request)
        if translated is not None:
            remainder = path.removeprefix(path_below_root(page) or "")
            query = request.META.get("QUERY_STRING", "")
            url = translated.get_url(request) + remainder
            return HttpResponseRedirect(f"{url}?{query}" if query else url)
    # Wagtail's view and Page.find_for_request read the route from this per-request cache.
    request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


# Wagtail's front-end urls (wagtail.urls) with page serving replaced by serve_page.
page_urls = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(serve_pattern, serve_page, name="wagtail_serve"),
]


def path_below_root(page: Page) -> str | None:
    """The page's path below its locale's root page ("catalogue/entry/"), None if outside."""
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return page.url_path[len(root.root_path) :]
    return None


def page_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """The page's address in a language: its translation's, or its own under the prefix."""
    translated = live_translation(page, content_language(language_code), request)
    if translated is not None:
        with translation.override(language_code):
            return translated.get_url(request)
    below_root = path_below_root(page)
    if below_root is None:
        return None
    with translation.override(language_code):
        return reverse("wagtail_serve", args=(below_root,))


def addresses_in_languages(request: HttpRequest) -> dict[str, str]:
    """The address of what the request shows in every interface language, without the query
    (the language switcher and the alternates both need it), read once per request.

    A page's address in each language is its translation's, or its own under the language's
    prefix; a page's sub-route ("thread/4/") keeps its remainder after it. The page's own
    addresses are kept while the content stays as it is (portal.fragment_cache), by page:
    made-up sub-routes add nothing to the cache. Any other address (a view, a page not
    found) is its own under each language's prefix.
    """
    if not hasattr(request, "_portal_addresses"):
        request._portal_addresses = _addresses(request)
    return request._portal_addresses


def _addresses(request: HttpRequest) -> dict[str, str]:
    route = getattr(request, "_wagtail_route_for_request", None)
    shown = request.path_info
    if prefix := get_language_from_path(shown):
        shown = shown.removeprefix(f"/{prefix}")
    shown = shown.removeprefix("/")
    own = (path_below_root(route[0]) or "") if route else ""
    page_addresses: dict[str, str | None] = {}
    if route and shown.startswith(own):
        page = route[0]
        page_addresses = fragment_cache.shared(
            request,
            "page-addresses",
            lambda: {code: page_url(page, code, request) for code, _name in settings.LANGUAGES},
            page.pk,
        )
    remainder = shown[len(own) :]
    return {
        code: (
            page_addresses[code] + remainder
            if page_addresses.get(code) is not None
            else translate_url(request.path_info, code)
        )
        for code, _name in settings.LANGUAGES
    }


@dataclass(frozen=True)
class Alternate:
    language_code: str  # an interface language, or "x-default"
    url: str


def alternates(request: HttpRequest) -> list[Alternate]:
    """The request's address in every language, and x-default, as absolute URLs."""
    site = Site.find_for_request(request)
    root_url = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    found = [
        Alternate(code, root_url + address)
        for code, address in addresses_in_languages(request).items()
    ]
    default = next(alt for alt in found if alt.language_code == settings.LANGUAGE_CODE)
    return [*found, Alternate("x-default", default.url)]
