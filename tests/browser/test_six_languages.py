"""A reader of each of the six languages walks the site as a newcomer would: the home
page, every area from the menu, an item in each, then a search from the header.

Every page answers 200 with the right `lang` and `dir`, and no interface string is left
in English: a text shown in the page's language that is an English interface string
whose translation differs is a miss. Content not translated yet may be English, marked
with its own `lang`, and is not counted.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import to_locale

from wagtail.models import Locale

import polib
import pytest

from taskforces.models import MembershipRole
from tests import factories
from tests.browser.conftest import browser_member, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOCALE_DIR = Path(settings.BASE_DIR) / "portal" / "locale"
PREFIXES = {"en": "", "fr": "/fr", "es": "/es", "ru": "/ru", "zh-hans": "/zh-hans", "ar": "/ar"}
RIGHT_TO_LEFT = {"ar"}

# The text of every element in the page's own language (not inside content marked with
# another `lang`), with the placeholders and accessible names people or readers meet.
SHOWN_IN_PAGE_LANGUAGE = """
(language) => {
  const shown = [];
  const inPageLanguage = (element) => {
    const scope = element.closest("[lang]");
    return !scope || scope.getAttribute("lang").toLowerCase() === language;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest("script, style, template")) continue;
    if (!element.checkVisibility() && !element.closest(".visually-hidden")) continue;
    if (!inPageLanguage(element)) continue;
    const text = walker.currentNode.textContent.replace(/\\s+/g, " ").trim();
    if (text) shown.push(text);
  }
  for (const element of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
    if (!inPageLanguage(element)) continue;
    for (const name of ["placeholder", "aria-label", "title"]) {
      const value = element.getAttribute(name);
      if (value) shown.push(value.trim());
    }
  }
  return shown;
}
"""


def english_interface_strings(language: str) -> set[str]:
    """The English interface strings that read differently in ``language``."""
    if language == settings.LANGUAGE_CODE:
        return set()
    catalogue = polib.pofile(str(LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"))
    return {
        entry.msgid
        for entry in catalogue
        if entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid
    }


@pytest.fixture
def site(site_tree, cast):
    """An item in every area, and the About page translated into French."""
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    member = browser_member(cast.office_a)
    factories.MembershipFactory(taskforce=taskforce, user=member, role=MembershipRole.MEMBER)
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue,
        title="Optical character recognition",
        summary="Reads scanned applications.",
        provider_offices=[cast.office_a],
    )
    entry.save_revision().publish()
    factories.WorkshopPageFactory(parent=site_tree.workshops, title="Dialogue on ICT")
    factories.NewsArticlePageFactory(parent=site_tree.news, title="The network is launched")
    french = Locale.objects.get_or_create(language_code="fr")[0]
    about = site_tree.about.copy_for_translation(french, copy_parents=True)
    about.title = "À propos du réseau"
    about.slug = "a-propos"
    about.save_revision().publish()
    return member


class Walk:
    def __init__(self, page, base_url: str, language: str):
        self.page = page
        self.base_url = base_url
        self.language = language
        self.english = english_interface_strings(language)
        self.visited: list[str] = []

    def visit(self, address: str) -> None:
        response = self.page.goto(self.base_url + address)
        self.check(address, response)

    def check(self, address: str, response) -> None:
        self.visited.append(address)
        assert response is not None and response.status == 200, (self.language, address)
        html = self.page.locator("html")
        assert html.get_attribute("lang") == self.language, address
        expected_dir = "rtl" if self.language in RIGHT_TO_LEFT else "ltr"
        assert html.get_attribute("dir") == expected_dir, address
        shown = self.page.evaluate(SHOWN_IN_PAGE_LANGUAGE, self.language)
        untranslated = sorted({text for text in shown if text in self.english})
        assert not untranslated, (self.language, address, untranslated)

    def links(self, selector: str) -> list[str]:
        return [
            href
            for href in self.page.locator(selector).evaluate_all(
                "links => links.map(link => link.getAttribute('href'))"
            )
            if href and href.startswith("/")
        ]


def item_below(area: str, links: list[str]) -> str | None:
    """The first item listed one level below the area (no filter)."""
    for href in links:
        path = urlsplit(href).path
        if "?" in href or not path.startswith(area) or path == area:
            continue
        if path[len(area) :].strip("/").count("/") == 0:
            return href
    return None


def set_language_cookie(context, base_url: str, language: str) -> None:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    )


@pytest.mark.parametrize("language", list(PREFIXES))
def test_a_reader_walks_the_site_in_their_language(site, browser, live_server_url, language):
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    set_language_cookie(context, live_server_url, "en")  # the sign-in form is read in English
    sign_in(page, live_server_url, site.email)
    assert page.locator("form[action$='/logout/']").count() == 1, "not signed in"
    set_language_cookie(context, live_server_url, language)
    walk = Walk(page, live_server_url, language)
    walk.visit(PREFIXES[language] + "/")
    areas = walk.links("nav.main-nav a")
    assert len(areas) == 6, areas  # the six areas
    items = 0
    for area in areas:
        walk.visit(area)
        item = item_below(area, walk.links("main :is(h2, h3) a"))
        if item is not None:
            walk.visit(item)
            items += 1
    assert items >= 5, walk.visited  # an office, an entry, a task force, a workshop, news
    walk.visit(PREFIXES[language] + "/")
    page.fill("#header-search-q", "network")
    with page.expect_navigation() as navigation:
        page.press("#header-search-q", "Enter")
    address = page.url.removeprefix(live_server_url)
    assert address.startswith(PREFIXES[language] + "/search/"), address
    walk.check(address, navigation.value)
    context.close()
