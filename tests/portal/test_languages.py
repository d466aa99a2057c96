"""One address per page and language, the original where no translation exists, hreflang
alternates, and caches that keep one copy per language."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from taskforces.models import MembershipRole
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
AREAS = ["About the network", "Network", "Catalogue", "Task forces", "Workshops", "News"]


@pytest.fixture
def portal(site_tree, cast):
    """The site with its About page, and nothing else, translated into French."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    about = site_tree.about.copy_for_translation(french, copy_parents=True)
    about.title = "À propos du réseau"
    about.slug = "a-propos"
    about.save_revision().publish()
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, slug="ai-tools")
    factories.MembershipFactory(taskforce=taskforce, user=cast.member, role=MembershipRole.MEMBER)
    return {
        "tree": site_tree,
        "french_about": about,
        "taskforce": taskforce,
        "entry": factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, slug="ocr"),
        "workshop": factories.WorkshopPageFactory(parent=site_tree.workshops, slug="dialogue"),
        "article": factories.NewsArticlePageFactory(parent=site_tree.news, slug="launch"),
    }


def every_page(portal, cast) -> dict[str, str]:
    """The unprefixed address of every kind of page, a member's workspace included."""
    tree = portal["tree"]
    return {
        "home": "/",
        "about": "/about/",
        "network": tree.network.url,
        "office": cast.office_a.url,
        "people": tree.network.url + "people/",
        "catalogue": tree.catalogue.url,
        "catalogue entry": portal["entry"].url,
        "catalogue filtered": tree.catalogue.url + "?q=ocr",
        "task forces": tree.taskforces.url,
        "task force": portal["taskforce"].url,
        "workspace": portal["taskforce"].workspace_url(),
        "workshops": tree.workshops.url,
        "workshop": portal["workshop"].url,
        "news": tree.news.url,
        "news article": portal["article"].url,
        "search": "/search/?q=ocr",
    }


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("how", ["cookie", "accept-language", "address"])
def test_every_page_answers_a_french_reader(as_role, portal, cast, settings, how):
    client = as_role("member")
    headers = {}
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    elif how == "accept-language":
        headers["HTTP_ACCEPT_LANGUAGE"] = "fr"
    for name, url in every_page(portal, cast).items():
        address = "/fr" + url if how == "address" else url
        response = client.get(address, follow=True, **headers)
        assert response.status_code == 200, (name, address)
        assert soup(response).html["lang"] == "fr", (name, address)


def test_an_untranslated_page_is_served_in_its_original_marked_as_such(client, portal):
    response = client.get("/ar/catalogue/")
    assert response.status_code == 200
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    heading = page.find("main").find("h1")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    assert page.select_one("main .notice--language")


def test_a_translated_page_is_not_marked_as_foreign(client, portal):
    page = soup(client.get("/fr/a-propos/"))
    assert page.find("h1").get_text(strip=True) == "À propos du réseau"
    assert page.find("main").find(attrs={"lang": True}) is None
    assert page.select_one("main .notice--language") is None


def test_the_french_page_answers_an_english_reader_at_its_address(client, portal):
    response = client.get("/fr/a-propos/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "À propos du réseau" in response.content.decode()


def test_an_address_in_the_wrong_language_leads_to_the_translation(client, portal):
    assert client.get("/fr/about/")["Location"] == "/fr/a-propos/"
    # The French page's slug, asked for in English, leads to the English original.
    assert client.get("/a-propos/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/about/"


def test_english_addresses_have_no_prefix(client, portal):
    assert client.get("/catalogue/").status_code == 200
    assert client.get("/en/catalogue/").status_code == 404


def test_the_address_wins_over_the_cookie(client, portal, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert soup(client.get("/fr/news/")).html["lang"] == "fr"
    assert soup(client.get("/news/")).html["lang"] == "ar"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_lists_every_area_in_every_language(client, portal, language):
    prefix = "" if language == "en" else f"/{language}"
    nav = soup(client.get(f"{prefix}/")).find("nav", class_="main-nav")
    links = nav.find_all("a")
    assert len(links) == len(AREAS)
    for link in links:
        assert link["href"].startswith(f"{prefix}/"), link
        assert client.get(link["href"]).status_code == 200, link["href"]


def test_the_menu_shows_a_translated_title_and_marks_an_original_one(client, portal):
    nav = soup(client.get("/fr/")).find("nav", class_="main-nav")
    about = nav.find("a", href="/fr/a-propos/")
    assert about.get_text(strip=True) == "À propos du réseau"
    assert not about.has_attr("lang")
    catalogue = nav.find("a", href="/fr/catalogue/")
    assert (catalogue["lang"], catalogue["dir"]) == ("en", "ltr")


def test_the_switcher_brings_the_reader_to_the_same_page_in_each_language(client, portal):
    switcher = soup(client.get("/about/")).find("details", class_="language-switcher")
    nexts = {
        form.find("button")["value"]: form.find("input", attrs={"name": "next"})["value"]
        for form in switcher.find_all("form")
    }
    assert nexts == {
        "en": "/about/",
        "fr": "/fr/a-propos/",
        "es": "/es/about/",
        "ru": "/ru/about/",
        "zh-hans": "/zh-hans/about/",
        "ar": "/ar/about/",
    }
    response = client.post("/i18n/setlang/", {"language": "fr", "next": nexts["fr"]})
    assert response["Location"] == "/fr/a-propos/"


def test_the_switcher_keeps_sub_page_routes_and_the_query(as_role, portal):
    client = as_role("member")
    workspace = portal["taskforce"].workspace_url()
    switcher = soup(client.get("/fr" + workspace + "?page=1"))
    button = switcher.find("button", attrs={"name": "language", "value": "en"})
    assert button.find_parent("form").find("input")["value"] == workspace + "?page=1"


def test_every_page_links_its_alternates_in_six_languages(client, portal):
    # The page in each language; the catalogue's feeds are alternates too, in no language.
    links = soup(client.get("/fr/catalogue/")).find_all("link", rel="alternate", hreflang=True)
    alternates = {link["hreflang"]: link["href"] for link in links}
    assert alternates == {
        "en": "http://localhost/catalogue/",
        "fr": "http://localhost/fr/catalogue/",
        "es": "http://localhost/es/catalogue/",
        "ru": "http://localhost/ru/catalogue/",
        "zh-hans": "http://localhost/zh-hans/catalogue/",
        "ar": "http://localhost/ar/catalogue/",
        "x-default": "http://localhost/catalogue/",
    }
    about = {
        link["hreflang"]: link["href"]
        for link in soup(client.get("/about/")).find_all("link", rel="alternate")
    }
    assert about["fr"] == "http://localhost/fr/a-propos/"


def test_the_search_page_has_an_address_per_language(client, portal):
    assert soup(client.get("/ar/search/?q=ocr")).html["lang"] == "ar"
    links = soup(client.get("/search/")).find_all("link", rel="alternate")
    assert {link["hreflang"]: link["href"] for link in links}["ru"] == "http://localhost/ru/search/"


def test_the_admin_api_and_accounts_stay_unprefixed(client, portal):
    assert client.get("/fr/api/catalogue/entries/").status_code == 404
    assert client.get("/fr/accounts/login/").status_code == 404
    assert client.get("/api/catalogue/entries").status_code == 200
    page = soup(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert page.html["lang"] == "fr"


class CacheTests:
    def test_a_prefixed_address_does_not_vary_with_the_readers_language(self, client, portal):
        vary = {part.strip() for part in client.get("/fr/news/").get("Vary", "").split(",")}
        assert "Accept-Language" not in vary
        assert client.get("/fr/news/")["Content-Language"] == "fr"

    def test_an_unprefixed_address_varies_with_cookie_and_browser(self, client, portal):
        vary = {part.strip() for part in client.get("/news/")["Vary"].split(",")}
        assert {"Cookie", "Accept-Language"} <= vary
        assert client.get("/search/")["Content-Language"] == "en"

    @pytest.mark.parametrize("url", ["/news/", "/fr/news/", "/search/"])
    def test_readers_of_two_languages_never_get_each_others_copy(
        self, client, portal, settings, url
    ):
        # Django's cache middleware stands for a shared cache: it keys on the Vary headers.
        settings.MIDDLEWARE = [
            "django.middleware.cache.UpdateCacheMiddleware",
            *settings.MIDDLEWARE,
            "django.middleware.cache.FetchFromCacheMiddleware",
        ]
        expected = "fr" if url.startswith("/fr/") else None
        readers = [
            ({}, expected or "en"),
            ({"HTTP_ACCEPT_LANGUAGE": "ar"}, expected or "ar"),
            ({"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=es"}, expected or "es"),
            ({}, expected or "en"),
        ]
        for headers, language in readers:
            assert soup(client.get(url, **headers)).html["lang"] == language, headers


def test_breadcrumbs_keep_the_readers_language(client, portal):
    crumbs = soup(client.get("/fr/catalogue/ocr/")).find("nav", class_="breadcrumbs")
    assert [link["href"] for link in crumbs.find_all("a")] == ["/fr/catalogue/"]
    # The page itself ends the trail as text, not as a link to itself.
    assert crumbs.select("li")[-1].find("span", attrs={"aria-current": "page"}) is not None


def test_a_missing_page_answers_in_the_readers_language_with_a_way_home(client, portal):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.select_one("main a")["href"] == "/ar/"
