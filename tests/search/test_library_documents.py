"""Files the secretariat uploads for pages (slides, reports) are found by their titles,
unless their collection is restricted; task-force documents are covered in test_access."""

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from search.models import SearchEntry
from search.query import search_site

pytestmark = pytest.mark.django_db
Document = get_document_model()


def found(query: str, user=None) -> list[tuple[str, str]]:
    page = search_site(query, user=user or AnonymousUser()).page or []
    return [(hit.kind, hit.title) for hit in page]


def upload(title: str, collection=None) -> Document:
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"), save=False)
    document.save()
    return document


@pytest.fixture
def restricted(db):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Secretariat only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_an_uploaded_document_is_found_by_its_title_at_its_address(db):
    document = upload("Slides on ST.96 migration")
    assert found("migration") == [("document", "Slides on ST.96 migration")]
    entry = SearchEntry.objects.get(kind="document")
    assert entry.url == document.url
    assert entry.context == "PDF"


def test_renaming_and_deleting_a_document_follow_at_once(db):
    document = upload("Slides on ST.96 migration")
    document.title = "Report of the workshop on standards"
    document.save()
    assert found("migration") == []
    assert found("report") == [("document", "Report of the workshop on standards")]
    document.delete()
    assert found("report") == []


def test_a_document_in_a_restricted_collection_is_found_by_nobody(restricted, cast):
    upload("Budget planning notes", collection=restricted)
    for user in [None, cast.member, cast.secretariat]:
        assert found("budget", user) == []
    assert not SearchEntry.objects.filter(kind="document").exists()


def test_restricting_a_collection_takes_its_documents_out_of_search(
    db, django_capture_on_commit_callbacks
):
    collection = Collection.get_first_root_node().add_child(name="Drafts")
    upload("Draft agenda of the dialogue", collection=collection)
    assert found("agenda") == [("document", "Draft agenda of the dialogue")]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert found("agenda") == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found("agenda") == [("document", "Draft agenda of the dialogue")]
