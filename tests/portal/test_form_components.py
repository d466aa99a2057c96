"""The shared form components: an error summary above every form that has errors, a
checkbox beside its label, and one way to reset a password on the sign-in page."""

from django.conf import settings
from django.urls import reverse

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from portal.models import Language

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response):
    summary = soup(response).select_one("form .error-summary")
    assert summary is not None, "no error summary on the page"
    return summary


def test_a_failed_sign_in_is_summarised_above_the_form_and_focused(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.member.email, "password": "not the password"}
    )
    summary = error_summary(response)
    form = summary.find_parent("form")
    # First thing in the form, focused on load, named by its heading.
    visible = form.find(
        lambda tag: (
            tag.name in ("div", "label", "fieldset")
            or (tag.name == "input" and tag.get("type") != "hidden")
        )
    )
    assert visible is summary
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    heading = summary.find("h2")
    assert heading.get_text(strip=True) == "There is a problem"
    assert summary["aria-labelledby"] == heading["id"]
    link = summary.find("a")
    assert link["href"] == "#id_login"
    assert "not correct" in link.get_text()


def test_sign_in_has_one_password_reset_link_and_remember_me_beside_its_label(client):
    page = soup(client.get(reverse("account_login")))
    reset_links = page.select(f'main a[href="{reverse("account_reset_password")}"]')
    assert [link.get_text(strip=True) for link in reset_links] == ["Forgotten your password?"]
    box = page.select_one("main .field--checkbox")
    checkbox = box.find("input")
    assert checkbox["type"] == "checkbox"
    # The box comes first and its label right after it, in one row.
    assert checkbox.find_next_sibling("label")["for"] == checkbox["id"]
    assert "Remember" in checkbox.find_next_sibling("label").get_text()


def test_a_profile_error_is_summarised_with_a_link_to_the_field(as_role):
    client = as_role("member")
    response = client.post(reverse("network:my_profile"), {"first_name": "", "last_name": "Member"})
    assert response.status_code == 400
    links = {a["href"] for a in error_summary(response).find_all("a")}
    assert "#id_first_name" in links
    page = soup(response)
    field = page.select_one("#id_first_name")
    error = page.select_one("#id_first_name_error")
    assert error is not None and "id_first_name_error" in field["aria-describedby"]


def test_allauths_own_forms_use_the_error_summary(client):
    response = client.post(reverse("account_reset_password"), {"email": "not an address"})
    summary = error_summary(response)
    assert summary.find("a")["href"] == "#id_email"
    assert soup(response).select_one("form.form button.button[type=submit]") is not None


def test_a_form_without_errors_has_no_summary(client):
    assert soup(client.get(reverse("account_login"))).select_one(".error-summary") is None


def test_messages_are_announced_from_a_wrapper_not_the_list(as_role, site_tree):
    client = as_role("member")
    response = client.post(reverse("account_logout"), follow=True)
    page = soup(response)
    region = page.select_one(".messages-region")
    assert region["role"] == "status"
    assert region.select_one("ul.messages li") is not None
    assert not region.select_one("ul.messages").has_attr("role")


def test_labels_carry_no_colon_in_any_language(client):
    for language in ("en", "fr", "ar"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = soup(client.get(reverse("account_login")))
        assert page.html["lang"] == language
        labels = [label.get_text(strip=True) for label in page.select("main form label")]
        assert labels, language
        assert not [text for text in labels if text.endswith((":", "："))], labels


def test_the_profile_offers_each_language_once(as_role, site_tree):
    french = Language.objects.create(code="fr", name="French", native_name="français")
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    french.copy_for_translation(arabic).save()
    assert Language.objects.filter(translation_key=french.translation_key).count() == 2
    page = soup(as_role("member").get(reverse("network:my_profile")))
    boxes = page.select('input[name="languages"]')
    assert [box.find_parent("label").get_text(strip=True) for box in boxes] == ["French"]
