"""Fixtures every test folder shares: a clean cache, the page tree, the demo site, and
a cast of people in each role (a member, the heads of two offices, the secretariat)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.utils import translation

import pytest

from network import permissions, services
from network.models import MemberRole, OfficePage, Seat, User
from portal.models import HomePage
from tests import demo_data, factories
from tests.accounts import enable_two_factor


def pytest_collection_modifyitems(items):
    """A transactional test must bring the migrations' rows back (serialized_rollback).

    Its flush fires post_migrate, whose handlers (network/signals.py) make the role
    groups again under new keys; the next test that restores the serialized rows then
    fails on their unique names, and so does every transactional test after it.
    """
    careless = [
        item.nodeid
        for item in items
        for marker in item.iter_markers("django_db")
        if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback")
    ]
    if careless:
        raise pytest.UsageError(
            "Mark transactional tests django_db(transaction=True, serialized_rollback=True): "
            + ", ".join(careless)
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches the site's root paths; a rolled-back test must not leave them behind,
    # least of all in a Redis cache that outlives the test run.
    # Visitors' pages have a cache of their own (portal/page_cache.py).
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread; each test starts in English.
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def home(db) -> HomePage:
    """The home page the migrations create."""
    return HomePage.objects.get()


class SiteTree:
    """One index page per area of the site, under the home page."""

    def __init__(self, home: HomePage):
        self.home = home
        self.about = factories.StandardPageFactory(
            parent=home, title="About the network", slug="about", show_in_menus=True
        )
        self.network = factories.OfficeIndexPageFactory(parent=home, show_in_menus=True)
        self.catalogue = factories.CatalogueIndexPageFactory(parent=home, show_in_menus=True)
        self.taskforces = factories.TaskForceIndexPageFactory(parent=home, show_in_menus=True)
        self.workshops = factories.WorkshopIndexPageFactory(parent=home, show_in_menus=True)
        self.news = factories.NewsIndexPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def site_tree(home) -> SiteTree:
    return SiteTree(home)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> demo_data.DemoSnapshot:
    """The demo's rows and files, loaded once for the whole run (tests/demo_data.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        snapshot = demo_data.take_snapshot()
        transaction.set_rollback(True)
    return snapshot


@pytest.fixture(scope="module")
def demo_site(demo_snapshot, django_db_blocker):
    """The demo content for a whole test module, rolled back after it; what load_demo
    printed.

    Tests that use it must also use ``db``, whose per-test savepoints nest inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_data.restore(demo_snapshot)
        transaction.set_rollback(True)


@pytest.fixture
def editor_client(client, db):
    """A client signed in as a superuser who has set up two-factor authentication."""
    editor = factories.UserFactory(is_staff=True, is_superuser=True)
    enable_two_factor(editor)
    client.force_login(editor)
    client.user = editor
    return client


@dataclass
class Cast:
    office_a: OfficePage
    office_b: OfficePage
    member: User
    cio_a: User
    cio_b: User
    secretariat: User

    def person(self, role: str) -> User | None:
        return None if role == "visitor" else getattr(self, role)


def make_member(office=None, role=MemberRole.EXPERT, **user_fields) -> User:
    member = factories.MemberFactory(
        office=office,
        role=role,
        user__is_active=True,
        **{f"user__{key}": value for key, value in user_fields.items()},
    )
    member.user.groups.add(Group.objects.get_or_create(name=permissions.MEMBERS_GROUP)[0])
    enable_two_factor(member.user)
    return member.user


@pytest.fixture
def cast(site_tree) -> Cast:
    office_a = factories.OfficePageFactory(parent=site_tree.network, title="Office A", code="AA")
    office_b = factories.OfficePageFactory(parent=site_tree.network, title="Office B", code="BB")
    cio_a = make_member(office_a, MemberRole.CIO, first_name="Ana", last_name="Alves")
    cio_b = make_member(office_b, MemberRole.CIO, first_name="Bo", last_name="Berg")
    services.seat_assign(office=office_a, user=cio_a, seat=Seat.PRINCIPAL, confirmed_by=None)
    services.seat_assign(office=office_b, user=cio_b, seat=Seat.PRINCIPAL, confirmed_by=None)
    secretariat = make_member(None, MemberRole.SECRETARIAT, is_staff=True)
    secretariat.groups.add(Group.objects.get(name=permissions.SECRETARIAT_GROUP))
    return Cast(
        office_a=office_a,
        office_b=office_b,
        member=make_member(office_a, MemberRole.EXPERT, first_name="Mo", last_name="Member"),
        cio_a=cio_a,
        cio_b=cio_b,
        secretariat=secretariat,
    )


@pytest.fixture
def as_role(client, cast):
    """Sign the test client in as one of the cast, or out for "visitor"."""

    def sign_in(role: str):
        client.logout()
        person = cast.person(role)
        if person is not None:
            # Signing out raised the account's session epoch in the database.
            person.refresh_from_db()
            client.force_login(person)
        return client

    return sign_in
