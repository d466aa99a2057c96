"""Every page's footer: the secretariat, its contact details, the footer's pages in the
reader's language, the copyright line."""

from django.utils import timezone

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from portal.models import Secretariat
from tests import factories

pytestmark = pytest.mark.django_db

FOOTER_PAGES = [
    ("contact", "Contact"),
    ("privacy", "Privacy notice"),
    ("terms-of-use", "Terms of use"),
    ("accessibility", "Accessibility statement"),
]


@pytest.fixture
def footer_pages(site_tree):
    return {
        slug: factories.StandardPageFactory(parent=site_tree.home, slug=slug, title=title)
        for slug, title in FOOTER_PAGES
    }


def footer(client, url="/") -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("footer")


def test_the_footer_names_the_secretariat_its_contact_and_the_copyright(client, site_tree):
    Secretariat.objects.create(
        name="Secretariat of the network",
        organisation="World Intellectual Property Organization",
        address="34, chemin des Colombettes\n1211 Geneva 20",
        email="ict-network@example.org",
    )
    text = footer(client).get_text(" ", strip=True)
    assert "Secretariat of the network" in text
    assert "1211 Geneva 20" in text
    assert "ict-network@example.org" in text
    year = timezone.localdate().year
    assert f"© {year} World Intellectual Property Organization" in text


def test_without_secretariat_details_the_network_holds_the_copyright(client, site_tree):
    text = footer(client).get_text(" ", strip=True)
    assert f"© {timezone.localdate().year} IP Offices ICT Network" in text


def test_the_footer_links_its_pages_in_order_and_each_answers(client, footer_pages):
    links = footer(client, "/catalogue/").find("nav").find_all("a")
    assert [link.get_text(strip=True) for link in links] == [title for _slug, title in FOOTER_PAGES]
    for link in links:
        assert client.get(link["href"]).status_code == 200


def test_the_footer_links_translated_pages_and_keeps_the_language_otherwise(client, footer_pages):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    privacy = footer_pages["privacy"].copy_for_translation(french, copy_parents=True)
    privacy.title = "Politique de confidentialité"
    privacy.save_revision().publish()
    client.cookies["django_language"] = "fr"
    links = {a.get_text(strip=True): a for a in footer(client, "/fr/").find("nav").find_all("a")}
    assert "Politique de confidentialité" in links
    assert links["Politique de confidentialité"].get("lang") is None
    # Not translated: the original's title, marked as English, at an address in French.
    assert links["Terms of use"]["lang"] == "en"
    for link in links.values():
        assert link["href"].startswith("/fr/")
        response = client.get(link["href"], follow=True)
        assert response.status_code == 200
