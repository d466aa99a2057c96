"""The "Alert me" form on the search page and the catalogue listing, and "My alerts"."""

from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup

from portal.alerts.models import Frequency, SavedSearch, Source
from portal.alerts.services import MAX_ALERTS_PER_USER
from tests.alerts.conftest import save_alert
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def alert_form(response, source: str):
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one(f"#alert-me-{source} form")


def posted(form) -> dict[str, str]:
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data["frequency"] = form.select_one("select[name=frequency] option")["value"]
    return data


def test_the_search_page_offers_alert_me_to_signed_in_people_only(client, cast):
    assert alert_form(client.get("/search/", {"q": "machine translation"}), "search") is None

    client.force_login(cast.member)
    response = client.get("/search/", {"q": "machine  translation", "kind": "catalogue_entry"})
    form = alert_form(response, "search")

    assert form is not None
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    data = posted(form)
    assert parse_qs(data["params"]) == {"q": ["machine translation"], "kind": ["catalogue_entry"]}


def test_alert_me_from_search_saves_the_normalised_search(client, cast):
    client.force_login(cast.member)
    form = alert_form(
        client.get("/search/", {"q": "machine translation", "kind": "catalogue_entry"}), "search"
    )

    response = client.post("/alerts/new/", {**posted(form), "frequency": "weekly"})

    assert response.status_code == 302
    assert response["Location"] == "/alerts/"
    alert = SavedSearch.objects.get(user=cast.member)
    assert alert.name == "machine translation"
    assert alert.source == Source.SEARCH
    assert alert.query == "machine translation"
    assert alert.params == "q=machine+translation&kind=catalogue_entry"
    assert alert.frequency == Frequency.WEEKLY
    assert alert.language == "en"


def test_alert_me_from_the_catalogue_saves_its_filters(client, cast, site_tree):
    client.force_login(cast.member)
    response = client.get(
        site_tree.catalogue.url, {"q": "ocr", "kind": "software", "sort": "newest"}
    )
    form = alert_form(response, "catalogue")

    assert client.post("/fr/alerts/new/", {**posted(form), "name": "OCR"}).status_code == 302

    alert = SavedSearch.objects.get(user=cast.member)
    assert (alert.source, alert.query, alert.params) == ("catalogue", "ocr", "q=ocr&kind=software")
    assert alert.language == "fr"


def test_the_catalogues_alert_form_follows_the_filters_htmx_applies(client, cast, site_tree):
    client.force_login(cast.member)

    response = client.get(
        site_tree.catalogue.url,
        {"q": "ocr", "kind": "service"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="catalogue-results",
    )

    page = BeautifulSoup(response.content, "html.parser")
    swapped = page.select_one("#alert-me-catalogue[hx-swap-oob]")
    assert swapped is not None
    assert swapped.select_one("input[name=params]")["value"] == "q=ocr&kind=service"


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "frequency": "daily", "source": "search", "params": "q=ocr"},
        {"name": "x" * 121, "frequency": "daily", "source": "search", "params": "q=ocr"},
        {"name": "OCR", "frequency": "hourly", "source": "search", "params": "q=ocr"},
        {"name": "OCR", "frequency": "daily", "source": "elsewhere", "params": "q=ocr"},
        {"name": "OCR", "frequency": "daily", "source": "search", "params": "q=ocr&office=-4"},
        {"name": "OCR", "frequency": "daily", "source": "search", "params": "kind=news"},
        {"name": "OCR", "frequency": "daily", "source": "search", "params": "q=" + "a" * 2000},
        {"name": "OCR", "frequency": "daily", "source": "catalogue", "params": "q=" + "a" * 300},
        {"name": "OCR", "frequency": "daily"},
    ],
)
def test_bad_input_gives_a_form_error_and_stores_nothing(client, cast, data):
    client.force_login(cast.member)

    response = client.post("/alerts/new/", data)

    assert response.status_code == 400
    assert "The alert was not saved" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_limit_per_person_is_a_form_error(client, cast):
    SavedSearch.objects.bulk_create(
        SavedSearch(
            user=cast.member, name=f"Alert {n}", source="search", params="q=x", language="en"
        )
        for n in range(MAX_ALERTS_PER_USER)
    )
    client.force_login(cast.member)

    response = client.post(
        "/alerts/new/",
        {"name": "One more", "frequency": "daily", "source": "search", "params": "q=ocr"},
    )

    assert response.status_code == 400
    assert f"You already have {MAX_ALERTS_PER_USER} alerts" in response.content.decode()
    assert SavedSearch.objects.count() == MAX_ALERTS_PER_USER


def test_visitors_are_sent_to_sign_in(client):
    response = client.post("/alerts/new/", {"name": "OCR", "source": "search", "params": "q=ocr"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_my_alerts_lists_changes_and_deletes_ones_own(client, cast):
    mine = save_alert(cast.member, name="Machine translation")
    theirs = save_alert(cast.cio_b, name="Someone else's")
    client.force_login(cast.member)

    page = client.get("/alerts/").content.decode()
    assert "Machine translation" in page
    assert "Someone else" not in page

    response = client.post(f"/alerts/{mine.pk}/frequency/", {f"a{mine.pk}-frequency": "weekly"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.frequency == Frequency.WEEKLY

    client.post(f"/alerts/{theirs.pk}/frequency/", {f"a{theirs.pk}-frequency": "weekly"})
    client.post(f"/alerts/{theirs.pk}/delete/")
    theirs.refresh_from_db()
    assert theirs.frequency == Frequency.DAILY

    client.post(f"/alerts/{mine.pk}/delete/")
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()
    assert client.post(f"/alerts/{2**70}/delete/").status_code == 302


def test_my_alerts_reads_the_same_number_of_queries_for_one_or_ten(client, cast, site_tree):
    client.force_login(cast.member)
    save_alert(cast.member, name="Alert 0")
    one = count_queries(client, "/alerts/")
    for n in range(1, 10):
        source = Source.CATALOGUE if n % 2 else Source.SEARCH
        save_alert(cast.member, name=f"Alert {n}", source=source, params=f"q=ocr&tag=t{n}")

    assert count_queries(client, "/alerts/") == one
    assert one <= 8


def test_notifications_and_the_profile_link_to_my_alerts(client, cast):
    client.force_login(cast.member)

    for address in ("/my/notifications/", "/accounts/profile/"):
        assert 'href="/alerts/"' in client.get(address).content.decode()
