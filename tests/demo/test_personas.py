"""What the README's demo personas find when they sign in."""

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from network.models import OfficePage, User

pytestmark = pytest.mark.django_db


def signed_in(client, email: str):
    client.force_login(User.objects.get(email=email))
    return client


def test_the_japan_patent_offices_head_sees_this_years_maturity_with_the_median(demo_site, client):
    office = OfficePage.objects.get(code="JP")
    response = signed_in(client, "h.sato@example.org").get(office.url)
    html = BeautifulSoup(response.content, "html.parser")
    maturity = html.find(id="office-maturity").parent
    text = " ".join(maturity.get_text(" ").split())
    assert f"self-assessment for {timezone.localdate().year}" in text
    assert "Network median" in text
    assert "appears once" not in text
    assert maturity.find(class_="maturity-chart__median") is not None


def test_ghanas_head_can_fill_in_this_years_self_assessment(demo_site, client):
    office = OfficePage.objects.get(code="GH")
    response = signed_in(client, "k.mensah@example.org").get(office.url + "assessment/")
    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert html.find("form", method="post") is not None
    assert str(timezone.localdate().year) in html.find("h1").get_text()
