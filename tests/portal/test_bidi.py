"""Right-to-left pages: content in another language carries its own lang and dir, names
inside interface sentences are isolated, and the maturity chart is mirrored."""

from django.template import Context, Template
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from network.charts import LABEL_WIDTH, WIDTH, maturity_chart
from network.maturity import Dimension
from tests import factories

pytestmark = pytest.mark.django_db


def read_in_arabic(client, url: str) -> BeautifulSoup:
    client.cookies["django_language"] = "ar"
    response = client.get(url, headers={"accept-language": "ar"}, follow=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_english_content_in_an_arabic_page_is_marked_left_to_right(client, site_tree):
    page = read_in_arabic(client, "/about/")
    assert page.html["lang"] == "ar"
    assert page.html["dir"] == "rtl"
    heading = page.select_one("main h1")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    assert heading.get_text() == "About the network"


def test_names_in_an_arabic_sentence_are_isolated():
    template = Template(
        "{% load i18n bidi_tags %}"
        "{% blocktranslate with name=name|bdi %}In reply to {{ name }}{% endblocktranslate %}"
    )
    with translation.override("ar"):
        html = template.render(Context({"name": "Ana <b>Alves</b>"}))
    assert "<bdi>Ana &lt;b&gt;Alves&lt;/b&gt;</bdi>" in html


def test_an_office_page_isolates_its_name_in_arabic(client, site_tree):
    region = factories.RegionFactory(name="Africa", slug="africa")
    office = factories.OfficePageFactory(
        parent=site_tree.network, title="Office of Ghana", acronym="GHIPO", region=region
    )
    page = read_in_arabic(client, office.url)
    assert [bdi.get_text() for bdi in page.select("h1 bdi")] == ["Office of Ghana", "(GHIPO)"]


def test_the_catalogue_isolates_entry_titles_and_offices_in_arabic(client, site_tree):
    office = factories.OfficePageFactory(parent=site_tree.network, title="Office of Korea")
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Figurative mark search", provider_offices=[office]
    )
    entry.save_revision().publish()
    listing = read_in_arabic(client, "/catalogue/")
    assert listing.select_one(".card a[dir=auto]").get_text() == "Figurative mark search"
    page = read_in_arabic(client, entry.url)
    heading = page.select_one("h1")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    assert office.display_name in [bdi.get_text() for bdi in page.select(".facts bdi")]


def test_the_maturity_chart_is_mirrored_in_arabic():
    scores = {dimension.value: 4 for dimension in Dimension}
    medians = {dimension.value: 2.5 for dimension in Dimension}
    with translation.override("ar"):
        chart = maturity_chart(scores, medians)
    ticks = dict(chart.ticks)
    assert ticks[0] == WIDTH - LABEL_WIDTH
    assert ticks[0] > ticks[5]  # the axis runs from right to left
    row = chart.rows[0]
    assert row.bar_x + row.bar_width == WIDTH - LABEL_WIDTH
    assert ticks[5] < row.median_x < ticks[0]
    assert chart.label_x > WIDTH - LABEL_WIDTH  # labels on the right
    assert chart.direction == "rtl"
    with translation.override("en"):
        english = maturity_chart(scores, medians)
    assert dict(english.ticks)[0] == LABEL_WIDTH
    assert english.rows[0].bar_x == LABEL_WIDTH
    assert english.direction == "ltr"
