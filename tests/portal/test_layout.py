"""The layout every page shares: landmarks, navigation, languages, local assets only."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

AREAS = ["Network", "Catalogue", "Task forces", "Workshops", "News"]


def get_soup(client, url="/", **headers) -> BeautifulSoup:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_area_is_in_the_main_navigation_and_answers(client, site_tree):
    nav = get_soup(client).find("nav", attrs={"aria-label": "Main"})
    links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
    for area in AREAS:
        assert area in links, f"{area} is missing from the main navigation"
        assert client.get(links[area]).status_code == 200, area
    # Search has its box in the header, not a menu item as well.
    assert "Search" not in links
    assert get_soup(client).find("form", role="search")["action"] == "/search/"


def test_the_current_area_is_marked_in_the_navigation(client, site_tree):
    nav = get_soup(client, "/catalogue/").find("nav", attrs={"aria-label": "Main"})
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Catalogue"


def test_pages_have_landmarks_and_a_skip_link_to_main(client, site_tree):
    page = get_soup(client, "/about/")
    first_link = page.body.find("a")
    assert first_link["href"] == "#main"
    assert page.find("main", id="main") is not None
    assert page.find("header") and page.find("footer")
    assert len(page.find_all("h1")) == 1


def test_every_asset_is_served_by_the_portal_itself(client, site_tree):
    page = get_soup(client)
    sources = [tag.get("src") for tag in page.find_all(["script", "img", "iframe"])]
    # Alternate addresses in other languages are absolute; they load nothing.
    sources += [tag.get("href") for tag in page.find_all("link") if "alternate" not in tag["rel"]]
    for source in filter(None, sources):
        assert source.startswith("/"), f"{source} is loaded from elsewhere"
        assert not source.startswith("//"), f"{source} is loaded from elsewhere"


@pytest.mark.parametrize(
    ("language", "direction"),
    [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ru", "ltr"), ("zh-hans", "ltr"), ("ar", "rtl")],
)
def test_html_carries_the_chosen_language_and_direction(client, site_tree, language, direction):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = get_soup(client).html
    assert (html["lang"], html["dir"]) == (language, direction)


def test_the_language_switcher_offers_six_languages_and_returns_to_the_page(client, site_tree):
    switcher = get_soup(client, "/news/").find("details", class_="language-switcher")
    codes = [button["value"] for button in switcher.find_all("button")]
    assert codes == ["en", "fr", "es", "ru", "zh-hans", "ar"]
    assert switcher.find("input", attrs={"name": "next"})["value"] == "/news/"
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/news/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/news/"


def test_a_browser_asking_for_arabic_gets_right_to_left(client, site_tree):
    html = get_soup(client, HTTP_ACCEPT_LANGUAGE="ar").html
    assert html["dir"] == "rtl"


def test_an_unknown_address_gets_the_sites_own_not_found_page(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
