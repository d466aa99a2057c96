"""The consultation pages: where they may be created, what the listing shows, the query
count whatever the number of comments, and the admin keeping representatives out."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale

import pytest

from portal.consultations import services
from portal.consultations.models import Comment, ConsultationIndexPage, ConsultationPage
from portal.models import HomePage
from tests.conftest import make_member
from tests.localize import own_url, translate_page

pytestmark = pytest.mark.django_db


def test_consultations_live_under_their_index_only(consulting, site_tree):
    assert ConsultationIndexPage.can_create_at(site_tree.home) is False  # max_count, one exists
    assert ConsultationIndexPage in HomePage.allowed_subpage_models()
    assert ConsultationPage.can_create_at(consulting.index)
    assert not ConsultationPage.can_create_at(site_tree.home)
    assert not ConsultationPage.can_create_at(consulting.consultation)


def test_the_listing_shows_each_member_what_is_addressed_to_them(consulting, cast, sign_in):
    html = sign_in(cast.member).get(consulting.index.url).content.decode()
    assert consulting.consultation.title in html
    assert "Open for comments" in html


def _queries_reading(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def _add_comments(page, office, count: int, start: int = 0) -> None:
    paragraphs = page.paragraphs()
    for number in range(start, start + count):
        author = make_member(office, email=f"writer{number}@example.org")
        services.comment_create(
            consultation=page,
            author=author,
            body=f"Comment {number}",
            paragraph_id=paragraphs[number % 3].block_id if number % 2 else "",
            on_behalf_of_office=bool(number % 3),
        )


def test_the_page_reads_as_many_queries_with_3_comments_as_with_30(consulting, cast, sign_in):
    page = consulting.consultation
    client = sign_in(cast.cio_a)
    client.get(page.url)  # The session and the caches of the layout, once.
    _add_comments(page, cast.office_b, 3)
    few = _queries_reading(client, page.url)
    _add_comments(page, cast.office_b, 27, start=3)
    many = _queries_reading(client, page.url)
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= 18, "\n".join(many)


def test_representatives_do_not_reach_consultations_in_the_admin(consulting, cast, sign_in):
    client = sign_in(cast.cio_a)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[consulting.consultation.pk]))
    assert edit.status_code in {302, 403, 404}
    explorer = client.get(reverse("wagtailadmin_explore", args=[consulting.index.pk]))
    assert consulting.consultation.title not in explorer.content.decode()


def test_the_secretariat_edits_them_in_the_admin(consulting, cast, sign_in):
    client = sign_in(cast.secretariat)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[consulting.consultation.pk]))
    assert edit.status_code == 200


class Français(dict):
    """Every message of a page's PO file, "translated" by a prefix."""

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return f"FR {key}"


def test_a_comment_on_a_translation_belongs_to_the_original(
    consulting, cast, sign_in, django_capture_on_commit_callbacks
):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    page = consulting.consultation
    consulting.index.copy_for_translation(french, copy_parents=True)
    translated = translate_page(page, french, Français(), django_capture_on_commit_callbacks)
    address = own_url(translated)
    assert address.startswith("/fr/")
    second = translated.paragraphs()[1]
    assert second.block_id == page.paragraphs()[1].block_id
    client = sign_in(cast.cio_a)
    assert "FR " in client.get(address).content.decode()
    answer = client.post(
        address + "comment/",
        {"paragraph": second.block_id, "body": "Commentaire.", "visibility": "audience"},
    )
    assert answer.status_code == 302
    comment = Comment.objects.get()
    assert comment.consultation_id == page.pk
    assert "Commentaire." in sign_in(cast.cio_b).get(address).content.decode()
