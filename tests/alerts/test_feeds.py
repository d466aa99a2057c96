"""Feeds: the public catalogue's newest entries, and a saved search's, both as a visitor
sees them, whoever asks, so a shared feed address never shows anything private."""

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from network.models import MemberRole
from portal.alerts import links
from portal.alerts.models import Source
from tests import factories
from tests.alerts.conftest import save_alert
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(site_tree, publish_entry):
    public = publish_entry("Machine translation of patent abstracts")
    private = publish_entry("Machine translation, members' pilot")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    made_private = publish_entry("Machine translation for trademarks")
    PageViewRestriction.objects.create(
        page=made_private, restriction_type=PageViewRestriction.LOGIN
    )
    draft = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Machine translation draft", live=False
    )
    return public, private, draft


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [item.title for item in feedparser.parse(response.content).entries]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_catalogue_feed_lists_public_entries_only(client, cast, site_tree, entries, kind):
    client.force_login(cast.secretariat)  # even someone who may read everything

    response = client.get(f"{site_tree.catalogue.url}feed/{kind}/")

    assert titles(response) == ["Machine translation of patent abstracts"]
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    assert parsed.entries[0].link.endswith(entries[0].url)


def test_the_catalogue_listing_links_its_feeds(client, site_tree):
    page = client.get(site_tree.catalogue.url).content.decode()

    assert (
        f'rel="alternate" type="application/rss+xml" href="{site_tree.catalogue.url}feed/rss/"'
        in page
    )
    assert (
        f'rel="alternate" type="application/atom+xml" href="{site_tree.catalogue.url}feed/atom/"'
        in page
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_saved_search_feed_shows_what_a_visitor_may_read(
    client, cast, site_tree, entries, reindex, kind
):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    insider = make_member(cast.office_a, MemberRole.EXPERT, first_name="Ines")
    factories.MembershipFactory(taskforce=taskforce, user=insider)
    factories.ThreadFactory(taskforce=taskforce, title="Machine translation pilot", author=insider)
    reindex()
    alert = save_alert(insider)
    client.force_login(insider)  # its owner, who may read the thread

    found = titles(client.get(links.feed_url(alert, kind)))

    assert found == ["Machine translation of patent abstracts"]
    client.logout()
    assert titles(client.get(links.feed_url(alert, kind))) == found


def test_a_catalogue_saved_search_feed_lists_its_public_entries(client, cast, entries):
    alert = save_alert(cast.member, source=Source.CATALOGUE, params="q=machine+translation")

    assert titles(client.get(links.feed_url(alert))) == ["Machine translation of patent abstracts"]


@pytest.mark.parametrize("token", ["1", "1:forged", "x"])
def test_a_forged_feed_token_is_not_found(client, cast, token):
    save_alert(cast.member)

    assert client.get(f"/alerts/feeds/{token}/rss/").status_code == 404


def test_an_unsubscribe_token_is_no_feed_token(client, cast):
    alert = save_alert(cast.member)

    response = client.get(f"/alerts/feeds/{links.unsubscribe_token(alert)}/rss/")

    assert response.status_code == 404
