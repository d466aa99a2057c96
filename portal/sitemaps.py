"""The sitemap (every live public page at its address in every language) and robots.txt.

Sub-page routes (a task force's workspace, a catalogue's filters) are not pages and are
never listed; neither are drafts or pages behind a view restriction.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from portal.localisation import path_below_root


class LocalisedSitemap(Sitemap):
    """One entry per page and language, with its alternates in the other languages.

    Where a page has no translation in a language, its address there is the original's
    under the language prefix, which serves the original (portal.localisation).
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        pages = list(pages.live().public().select_related("locale").order_by("path"))
        return self._entries(pages, site.root_url)

    def _entries(self, pages: list[Page], root_url: str) -> list[dict]:
        languages = [code for code, _name in settings.LANGUAGES]
        by_key: dict = {}
        for page in pages:
            by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
        entries = []
        for translations in by_key.values():
            original = self._original(translations, languages)
            addresses = {}
            for language in languages:
                page = translations.get(language)
                url = self._address(page or original, language)
                if url is not None:
                    addresses[language] = (root_url + url, page or original)
            alternates = [
                {"location": location, "lang_code": language}
                for language, (location, _page) in addresses.items()
            ]
            for location, page in addresses.values():
                entries.append(
                    {
                        "location": location,
                        "lastmod": page.last_published_at or page.latest_revision_created_at,
                        "alternates": alternates,
                    }
                )
        return entries

    @staticmethod
    def _original(translations: dict[str, Page], languages: list[str]) -> Page:
        """The version a language without a translation is served (the routing order)."""
        for language in [settings.LANGUAGE_CODE, *languages]:
            if language in translations:
                return translations[language]
        return next(iter(translations.values()))

    @staticmethod
    def _address(page: Page, language: str) -> str | None:
        below_root = path_below_root(page)
        if below_root is None:
            return None
        with translation.override(language):
            return reverse("wagtail_serve", args=(below_root,))

    def _urls(self, page, protocol, domain):
        entries = list(self.paginator.page(page).object_list)
        last_mods = {entry["lastmod"] for entry in entries}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return entries


def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": LocalisedSitemap})


def _language_prefixes() -> list[str]:
    """No prefix for the default language, "/fr" and so on for the others."""
    return [
        "" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _name in settings.LANGUAGES
    ]


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; the sitemap lists them."""
    lines = [
        "User-agent: *",
        f"Disallow: {settings.PORTAL_ADMIN_URL_PREFIX}",
        *(f"Disallow: {prefix}/my/" for prefix in _language_prefixes()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
