"""An office translated with wagtail-localize: its code shared with its original, its
French page in French, and every look-up, list and form showing the office once."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import pytest
from bs4 import BeautifulSoup

from network import services
from network.forms import InvitationCreateForm
from network.models import MemberRole, OfficePage, Seat, User
from search.engine import database_engine
from search.services import entries_rebuild
from tests import factories
from tests.conftest import make_member
from tests.localize import translate_page
from tests.wagtail_admin import publish_through_admin

pytestmark = pytest.mark.django_db

# What a translator writes for each English text of the office.
FRENCH = {
    "Japan Patent Office": "Office des brevets du Japon",
    "jp": "jp-fr",
    "JPO": "JPO",
    "Grants patents for Japan.": "Délivre les brevets pour le Japon.",
}


@pytest.fixture
def french(db) -> Locale:
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def office(site_tree) -> OfficePage:
    """The Japan Patent Office, with its head of ICT and a catalogue entry it provides."""
    office = factories.OfficePageFactory(
        parent=site_tree.network,
        title="Japan Patent Office",
        slug="jp",
        code="JP",
        acronym="JPO",
        country="JP",
        summary="Grants patents for Japan.",
    )
    office.save_revision().publish()
    head = make_member(office, MemberRole.CIO, first_name="Haruto", last_name="Sato")
    services.seat_assign(office=office, user=head, seat=Seat.PRINCIPAL, confirmed_by=None)
    factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Pre-classification", provider_offices=[office]
    )
    return office


@pytest.fixture
def head(office) -> User:
    return office.seat_terms.get().user


def translate(office: OfficePage, locale: Locale, on_commit) -> OfficePage:
    """Translate ``office`` through wagtail-localize, its section first."""
    office.get_parent().copy_for_translation(locale, copy_parents=True)
    return translate_page(office, locale, FRENCH, on_commit)


@pytest.fixture
def french_office(office, french, django_capture_on_commit_callbacks) -> OfficePage:
    return translate(office, french, django_capture_on_commit_callbacks)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def search_titles(client, query: str) -> list[str]:
    page = soup(client.get("/search/", {"q": query}))
    return [heading.get_text(strip=True) for heading in page.select("ol.results h2")]


@pytest.fixture
def reindex(db):
    return lambda: entries_rebuild(progress=lambda done, total: None, engine=database_engine())


# Translating -----------------------------------------------------------------------------


def test_the_secretariat_translates_an_office_from_the_admin(editor_client, office, french):
    url = reverse("wagtail_localize:submit_page_translation", args=[office.pk])
    assert editor_client.get(url).status_code == 200

    response = editor_client.post(url, {"locales": [french.pk], "include_subtree": False})

    assert response.status_code == 302
    translated = office.get_translation(french)
    assert translated.code == "JP"
    assert translated.original == office


def test_a_translated_office_answers_in_french_with_its_original_people(as_role, french_office):
    assert french_office.code == "JP"
    assert french_office.title == "Office des brevets du Japon"

    response = as_role("member").get("/fr/network/jp-fr/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(" ", strip=True) == "Office des brevets du Japon (JPO)"
    text = page.main.get_text(" ", strip=True)
    assert "Délivre les brevets pour le Japon." in text
    # Members, seats and the catalogue entries are the original office's.
    assert "Haruto Sato" in text
    assert page.main.find("a", string="Pre-classification") is not None


def test_translators_are_not_asked_for_the_code(office, french):
    source, _created = TranslationSource.get_or_create_from_instance(office)
    translation = Translation.objects.create(source=source, target_locale=french)
    messages = {entry.msgid for entry in translation.export_po()}
    assert "Japan Patent Office" in messages
    assert "JP" not in messages


def test_a_new_code_published_on_the_original_reaches_its_translation(office, french_office):
    office.code = "JA"
    office.save_revision().publish()
    french_office.refresh_from_db()
    assert french_office.code == "JA"

    # Publishing the translation's own revision, written before, keeps the new code.
    french_office.get_latest_revision().publish()
    french_office.refresh_from_db()
    assert french_office.code == "JA"


def test_a_representative_reaches_the_original_from_the_french_page(client, head, french_office):
    client.force_login(head)

    page = soup(client.get("/fr/network/jp-fr/"))

    edit = page.select_one("nav.actions a[href*='/admin/pages/']")
    assert edit["href"] == reverse("wagtailadmin_pages:edit", args=[french_office.original.pk])
    assessment = client.get(page.select_one("nav.actions a[href$='/assessment/']")["href"])
    assert assessment.status_code == 200
    assert french_office.original.assessments.count() == 1
    assert not french_office.assessments.exists()


# One office per code ---------------------------------------------------------------------


def office_fields(office: OfficePage, **fields) -> dict:
    """The admin's add-office form, filled in for a national office in the same region."""
    return {
        "kind": "national",
        "region": office.region.pk,
        "time_zone": "UTC",
        "systems-TOTAL_FORMS": "0",
        "systems-INITIAL_FORMS": "0",
        "systems-MIN_NUM_FORMS": "0",
        "systems-MAX_NUM_FORMS": "1000",
        **fields,
    }


def test_a_second_office_with_the_same_code_is_refused_in_the_admin(editor_client, office):
    url = reverse("wagtailadmin_pages:add", args=["network", "officepage", office.get_parent().pk])
    data = office_fields(office, title="Another office", slug="another", code="jp", country="JP")

    response = editor_client.post(url, {**data, "action-publish": "publish"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Japan Patent Office already has the ST.3 code JP."
    ]
    assert OfficePage.objects.filter(code="JP").count() == 1


def test_an_office_of_another_language_cannot_take_a_code_in_use(site_tree, office, french):
    french_network = site_tree.network.copy_for_translation(french, copy_parents=True)
    other = OfficePage(title="Office", slug="jp-2", code="jp", country="JP", region=office.region)

    with pytest.raises(ValidationError) as error:
        french_network.add_child(instance=other)

    assert error.value.message_dict["code"] == ["Japan Patent Office already has the ST.3 code JP."]


def test_an_office_with_a_free_code_is_created_in_the_admin(editor_client, office):
    fields = office_fields(office, title="Korean IP Office", slug="kr", code="kr", country="KR")
    page = publish_through_admin(editor_client, office.get_parent(), OfficePage, fields)
    assert page.code == "KR"


# Each office once ------------------------------------------------------------------------


def test_look_ups_by_code_find_the_original(french_office, office):
    assert list(OfficePage.objects.filter(code="JP").originals()) == [office]
    assert french_office.original == office
    assert office.original == office


@pytest.mark.parametrize(
    ("address", "shown", "hidden"),
    [
        ("/network/", "Japan Patent Office", "Office des brevets du Japon"),
        ("/fr/network/", "Office des brevets du Japon", "Japan Patent Office"),
    ],
)
def test_the_directory_lists_the_office_once(client, french_office, address, shown, hidden):
    page = soup(client.get(address, {"q": "JP"}))
    titles = [heading.get_text(strip=True) for heading in page.select("main h2")]
    assert titles == [shown]
    assert hidden not in titles


def test_the_invitation_form_offers_each_office_once(french_office, office):
    offices = list(InvitationCreateForm().fields["office"].queryset)
    assert office in offices
    assert french_office not in offices


def test_the_catalogue_entry_admin_offers_original_offices_only(
    editor_client, site_tree, french_office, office
):
    url = reverse(
        "wagtailadmin_pages:add", args=["catalogue", "catalogueentrypage", site_tree.catalogue.pk]
    )
    page = soup(editor_client.get(url))
    options = [o.get_text(strip=True) for o in page.select("[name=provider_offices] option")]
    assert options.count("Japan Patent Office") == 1
    assert "Office des brevets du Japon" not in options


def test_the_workshop_admin_invites_original_offices_only(editor_client, site_tree, french_office):
    url = reverse(
        "wagtailadmin_pages:add", args=["workshops", "workshoppage", site_tree.workshops.pk]
    )
    html = editor_client.get(url).content.decode()
    # The segment's form is a template for the admin's script: read it as text.
    start = html.index('<select name="segments-__prefix__-invited_offices"')
    invited = BeautifulSoup(html[start : html.index("</select>", start)], "html.parser")
    options = [option.get_text(strip=True) for option in invited.select("option")]
    assert options.count("Japan Patent Office") == 1
    assert "Office des brevets du Japon" not in options


def test_use_of_an_entry_cannot_be_recorded_for_a_translation(as_role, site_tree, french_office):
    entry = factories.CatalogueEntryPageFactory(parent=site_tree.catalogue, title="OCR")
    data = {"office": french_office.pk, f"office-{french_office.pk}-status": "in_use"}

    response = as_role("secretariat").post(entry.url + "adoption/", data)

    assert response.status_code == 400
    assert not french_office.adoptions.exists()


def test_search_finds_the_office_once_in_either_language(client, french_office, reindex):
    reindex()
    for query in ["JPO", "JP", "Japon", "Japan"]:
        assert search_titles(client, query) == ["Japan Patent Office"], query


def test_publishing_a_translation_makes_its_words_findable(
    client, office, french, reindex, django_capture_on_commit_callbacks
):
    reindex()
    assert search_titles(client, "Japon") == []

    translate(office, french, django_capture_on_commit_callbacks)

    assert search_titles(client, "Japon") == ["Japan Patent Office"]
    # The French words find the office; its excerpt stays in its own language.
    results = soup(client.get("/search/", {"q": "Japon"})).select_one("ol.results")
    assert "Grants patents for Japan." in results.get_text(" ")
    assert "Délivre" not in results.get_text(" ")
