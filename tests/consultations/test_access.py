"""Who reads a consultation and its comments, by every path it has: the page, the listing,
the comment form, the document, the CSV, site search, the sitemap. A comment addressed
to the secretariat is read by its author and the secretariat, nobody else."""

import csv
import io

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

import pytest

from portal.consultations import services
from portal.consultations.models import Audience, Comment, ConsultationPage
from search import services as search_services
from search.query import search_site
from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = "Confidentially our budget is frozen"
PUBLIC = "We endorse the maturity index"


@pytest.fixture
def commented(consulting, cast):
    page = consulting.consultation
    services.comment_create(consultation=page, author=cast.cio_a, body=PUBLIC)
    services.comment_create(
        consultation=page,
        author=consulting.cio_c,
        body=PRIVATE,
        paragraph_id=page.paragraphs()[0].block_id,
        on_behalf_of_office=True,
        visibility="secretariat",
    )
    return page


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize(
    ("who", "sees_private"),
    [("member", False), ("cio_a", False), ("cio_b", False), ("cio_c", True), ("secretariat", True)],
)
def test_secretariat_only_comments_on_the_page(
    commented, consulting, cast, sign_in, who, sees_private
):
    person = consulting.cio_c if who == "cio_c" else getattr(cast, who)
    html = sign_in(person).get(commented.url).content.decode()
    assert PUBLIC in html
    assert (PRIVATE in html) is sees_private


def test_visitors_are_sent_to_sign_in_everywhere(commented, client):
    for suffix in ["", "comment/", "document/", "comments/export/"]:
        answer = client.get(commented.url + suffix)
        assert answer.status_code == 302, suffix
        assert "/accounts/login/" in answer["Location"]
    answer = client.get(commented.get_parent().url)
    assert answer.status_code == 302


def test_the_index_is_restricted_to_the_network_when_created(consulting):
    restrictions = consulting.index.get_view_restrictions()
    assert [r.restriction_type for r in restrictions] == ["groups"]


def test_csv_is_the_secretariats_alone(commented, consulting, cast, sign_in):
    for person in [cast.member, cast.cio_a, consulting.cio_c]:
        assert sign_in(person).get(commented.url + "comments/export/").status_code == 404
    assert "comments/export/" not in sign_in(cast.cio_a).get(commented.url).content.decode()
    answer = sign_in(cast.secretariat).get(commented.url + "comments/export/")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_text(answer))))
    assert rows[0] == [
        "Date",
        "Paragraph",
        "Author",
        "E-mail",
        "On behalf of",
        "Who may read it",
        "Comment",
    ]
    by_body = {row[6]: row for row in rows[1:]}
    assert by_body[PUBLIC][1] == "Whole document"
    assert by_body[PUBLIC][2] == "Ana Alves"
    assert by_body[PUBLIC][4] == ""
    assert by_body[PRIVATE][1] == "1"
    assert by_body[PRIVATE][4] == "Office C"
    assert by_body[PRIVATE][5] == "For the secretariat only"


def test_csv_cells_cannot_start_a_formula(consulting, cast, sign_in):
    services.comment_create(
        consultation=consulting.consultation, author=cast.cio_a, body="=HYPERLINK(1)"
    )
    text = csv_text(sign_in(cast.secretariat).get(consulting.consultation.url + "comments/export/"))
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("who", ["member", "cio_a", "secretariat"])
def test_consultations_and_comments_stay_out_of_search(commented, cast, who):
    search_services.entry_sync(obj=commented)
    for word in ["Confidentially", "endorse", "breakout"]:
        assert search_site(word, user=getattr(cast, who)).total == 0
    assert search_site("Confidentially", user=AnonymousUser()).total == 0


def test_consultations_are_not_in_the_sitemap(commented, client):
    assert commented.slug not in client.get("/sitemap.xml").content.decode()


@pytest.fixture
def heads_only(consulting):
    page = consulting.consultation
    page.audience = Audience.HEADS
    page.save()
    return page


def test_heads_of_ict_only(heads_only, consulting, cast, sign_in):
    assert sign_in(cast.member).get(heads_only.url).status_code == 404
    assert sign_in(cast.member).get(heads_only.url + "comment/").status_code == 404
    answer = sign_in(cast.member).post(
        heads_only.url + "comment/", {"body": "Hi", "visibility": "audience"}
    )
    assert answer.status_code == 404
    assert sign_in(cast.cio_a).get(heads_only.url).status_code == 200
    assert sign_in(cast.secretariat).get(heads_only.url).status_code == 200
    listing = sign_in(cast.member).get(consulting.index.url).content.decode()
    assert heads_only.title not in listing
    assert heads_only.title in sign_in(cast.cio_b).get(consulting.index.url).content.decode()


def test_one_task_force(consulting, cast, site_tree, sign_in):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces)
    factories.MembershipFactory(taskforce=taskforce, user=cast.cio_b)
    page = ConsultationPage.objects.get(pk=consulting.consultation.pk)
    page.audience, page.taskforce = Audience.TASKFORCE, taskforce
    page.save()
    assert sign_in(cast.cio_a).get(page.url).status_code == 404
    client = sign_in(cast.cio_b)
    assert client.get(page.url).status_code == 200
    answer = client.post(
        page.url + "comment/", {"body": "From the task force.", "visibility": "audience"}
    )
    assert answer.status_code == 302


def test_the_document_reaches_the_audience_only(heads_only, cast, sign_in):
    heads_only.document.save("next-steps.pdf", ContentFile(b"%PDF-1.4 proposals"))
    assert sign_in(cast.member).get(heads_only.url + "document/").status_code == 404
    answer = sign_in(cast.cio_a).get(heads_only.url + "document/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 proposals"
    assert "private" in answer["Cache-Control"]


def test_the_service_refuses_an_unknown_readership(consulting, cast):
    with pytest.raises(ValidationError):
        services.comment_create(
            consultation=consulting.consultation, author=cast.cio_a, body="Hi", visibility="all"
        )
    assert not Comment.objects.exists()
