"""A consultation from opening to its summary: three offices comment, on a paragraph and
on the whole document, in their own name or their office's; then it closes."""

import datetime

from django.utils import timezone

import pytest

from portal.consultations.models import Comment, ConsultationPage

pytestmark = pytest.mark.django_db


def comment_url(page) -> str:
    return page.url + "comment/"


def post_comment(client, page, body, *, paragraph="", office=False, visibility="audience"):
    data = {"paragraph": paragraph, "body": body, "visibility": visibility}
    if office:
        data["on_behalf_of_office"] = "on"
    return client.post(comment_url(page), data)


def close(page, **fields):
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1), **fields
    )


def test_three_offices_comment_then_the_secretariat_summarises(consulting, cast, sign_in):
    page = consulting.consultation
    first, second, _third = page.paragraphs()

    answer = post_comment(
        sign_in(cast.cio_a),
        page,
        "We support **the index**.",
        paragraph=first.block_id,
        office=True,
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith(page.url + "#comment-")
    assert post_comment(sign_in(cast.cio_b), page, "Agreed on the whole.").status_code == 302
    assert (
        post_comment(
            sign_in(consulting.cio_c),
            page,
            "Our budget allows one presentation.",
            paragraph=second.block_id,
            office=True,
            visibility="secretariat",
        ).status_code
        == 302
    )

    comments = {c.author: c for c in Comment.objects.select_related("on_behalf_of")}
    assert comments[cast.cio_a].paragraph_id == first.block_id
    assert comments[cast.cio_a].on_behalf_of == cast.office_a
    assert comments[cast.cio_b].paragraph_id == ""
    assert comments[cast.cio_b].on_behalf_of is None
    assert comments[consulting.cio_c].on_behalf_of == consulting.office_c

    html = sign_in(cast.member).get(page.url).content.decode()
    assert "<strong>the index</strong>" in html
    assert "on behalf of" in html and "Office A" in html
    assert "Agreed on the whole." in html
    assert "Our budget" not in html
    # A paragraph's comment is shown under that paragraph.
    paragraph_html = html.split('id="paragraph-1"')[1].split('id="paragraph-2"')[0]
    assert "the index" in paragraph_html

    close(page, summary="<p>Offices support the maturity index.</p>")
    html = sign_in(cast.member).get(page.url).content.decode()
    assert "Offices support the maturity index." in html
    assert "Agreed on the whole." in html
    assert 'id="comment-form"' not in html
    assert "Our budget" not in html
    assert "Our budget" in sign_in(cast.secretariat).get(page.url).content.decode()


def test_summary_waits_for_the_closing_date(consulting, cast, sign_in):
    page = consulting.consultation
    ConsultationPage.objects.filter(pk=page.pk).update(summary="<p>Early conclusions.</p>")
    assert "Early conclusions." not in sign_in(cast.member).get(page.url).content.decode()


def test_comments_outside_the_dates_are_refused(consulting, cast, sign_in):
    page = consulting.consultation
    later = timezone.now() + datetime.timedelta(days=3)
    ConsultationPage.objects.filter(pk=page.pk).update(opens_at=later)
    client = sign_in(cast.cio_a)
    answer = post_comment(client, page, "Too early.")
    assert answer.status_code == 400
    assert "only while the consultation is open" in answer.content.decode()
    html = client.get(page.url).content.decode()
    assert 'id="comment-form"' not in html and "Comments are accepted from" in html

    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9)
    )
    close(page)
    assert post_comment(client, page, "Too late.").status_code == 400
    assert not Comment.objects.exists()


def test_bad_comments_are_form_errors(consulting, cast, sign_in):
    page = consulting.consultation
    client = sign_in(cast.cio_a)
    assert post_comment(client, page, "").status_code == 400
    assert post_comment(client, page, "Hi", paragraph="not-a-paragraph").status_code == 400
    assert post_comment(client, page, "x" * 5001).status_code == 400
    # Hostile input: a NUL, a paragraph id longer than any, digits of another script.
    assert post_comment(client, page, "Hi\x00there").status_code == 400
    assert post_comment(client, page, "Hi", paragraph="\x00").status_code == 400
    assert post_comment(client, page, "Hi", paragraph="p" * 10_000).status_code == 400
    assert post_comment(client, page, "Hi", paragraph="١٢٣").status_code == 400
    answer = client.post(comment_url(page), {"body": "Hi", "visibility": "everyone"})
    assert answer.status_code == 400
    assert not Comment.objects.exists()


def test_only_ones_own_office_is_offered(consulting, cast, sign_in):
    page = consulting.consultation
    client = sign_in(cast.secretariat)  # No office of their own.
    html = client.get(comment_url(page)).content.decode()
    assert "on_behalf_of_office" not in html
    assert post_comment(client, page, "From the secretariat.", office=True).status_code == 302
    assert Comment.objects.get().on_behalf_of is None


def test_the_comment_form_of_a_paragraph_chooses_it(consulting, cast, sign_in):
    page = consulting.consultation
    second = page.paragraphs()[1]
    html = sign_in(cast.cio_a).get(f"{comment_url(page)}?paragraph={second.block_id}")
    assert f'value="{second.block_id}" selected' in html.content.decode()


def test_comment_markdown_is_sanitised(consulting, cast, sign_in):
    page = consulting.consultation
    post_comment(sign_in(cast.cio_a), page, "<script>alert(1)</script> [x](javascript:alert(1))")
    html = sign_in(cast.cio_b).get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
