"""The registry that apps fill: which registration a page or object answers to, and
whose reader keys a person holds."""

import pytest

from search.entries import EVERYONE, EntryData
from search.models import Kind, SearchEntry
from search.registry import SearchRegistry, registry
from search.sources import entry_for
from taskforces.models import ActionItem
from tests import factories


class BasePage:
    pass


class DerivedPage(BasePage):
    """As a page type extending a registered one would."""


def test_a_page_answers_to_its_most_specific_registered_class():
    local = SearchRegistry()
    local.register_page(BasePage, kind=Kind.OFFICE)
    assert local.page_source(DerivedPage()).kind == Kind.OFFICE
    local.register_page(DerivedPage, kind=Kind.PAGE)
    assert local.page_source(DerivedPage()).kind == Kind.PAGE
    assert local.page_source(BasePage()).kind == Kind.OFFICE
    assert local.page_source(object()) is None


def test_reader_keys_are_the_union_of_what_every_app_says():
    local = SearchRegistry()
    local.register_readers(lambda user: ["a", "b"])
    local.register_readers(lambda user: ["b", "c"])
    assert local.readers_of(object()) == frozenset({"a", "b", "c"})


def test_an_object_no_app_registered_has_no_entry():
    assert entry_for(factories.CategoryFactory.build()) is None


@pytest.mark.django_db
def test_a_registered_model_is_followed_on_save_and_delete(workspace):
    source = registry.model_source(ActionItem(taskforce=workspace.taskforce))
    assert source is not None
    item = factories.ActionItemFactory(
        taskforce=workspace.taskforce, owner=workspace.insider, title="Book the room"
    )
    entry = SearchEntry.objects.get(source="taskforces.actionitem", source_pk=str(item.pk))
    assert [reader.key for reader in entry.readers.all()] == [
        f"taskforces.taskforce:{workspace.taskforce.pk}"
    ]
    item.delete()
    assert not SearchEntry.objects.filter(source="taskforces.actionitem").exists()


def test_an_entry_states_its_readers():
    public = EntryData(
        source="x", source_pk="1", kind=Kind.PAGE, title="T", url="/", readers=EVERYONE
    )
    private = EntryData(
        source="x", source_pk="2", kind=Kind.PAGE, title="T", url="/", readers=["network.members"]
    )
    assert (public.audience, private.audience) == ("public", "restricted")
