"""Wagtail's userbar reaches only people who may edit the page they are on."""

import pytest

pytestmark = pytest.mark.django_db

USERBAR = "data-wagtail-userbar"


def test_a_representative_gets_no_userbar_on_a_page_they_cannot_edit(as_role, cast, home):
    client = as_role("cio_a")
    assert USERBAR not in client.get(home.url).content.decode()
    assert USERBAR not in client.get(cast.office_b.url).content.decode()


def test_a_representative_gets_the_userbar_on_their_own_office_page(as_role, cast):
    assert USERBAR in as_role("cio_a").get(cast.office_a.url).content.decode()


def test_the_secretariat_gets_the_userbar_everywhere_it_edits(as_role, cast, home):
    client = as_role("secretariat")
    assert USERBAR in client.get(home.url).content.decode()
    assert USERBAR in client.get(cast.office_b.url).content.decode()


def test_members_and_visitors_get_no_userbar(as_role, cast, home):
    for role in ("member", "visitor"):
        assert USERBAR not in as_role(role).get(home.url).content.decode(), role
