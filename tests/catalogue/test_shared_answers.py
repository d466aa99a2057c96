"""Shared answers: a provider publishes a question and its answer for every member, with
the asker's agreement; either can withdraw it; private questions stay private."""

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from catalogue import services
from catalogue.models import Question
from search.query import search_site
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

QUESTION = "Does the checker read trademark filings in Arabic?"
ANSWER = "Yes, since version 2, with the Arabic tokeniser."
WORD = "tokeniser"


@pytest.fixture
def entry(site_tree, cast):
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Formality checker", provider_offices=[cast.office_b]
    )
    entry.save_revision().publish()
    return entry


def ask(entry, cast, **sharing) -> Question:
    question = services.question_ask(entry=entry, user=cast.member, body=QUESTION, **sharing)
    return services.question_answer(question=question, user=cast.cio_b, answer=ANSWER)


def qa_section(client, entry):
    with override_settings(PORTAL_PAGE_CACHE=False):
        page = BeautifulSoup(client.get(entry.url).content, "html.parser")
    return page.find(id="questions-and-answers")


def found(user, query=WORD) -> set[str]:
    from django.contrib.auth.models import AnonymousUser

    from network.models import User

    reader = AnonymousUser() if user is None else User.objects.get(pk=user.pk)
    return {hit.kind for hit in search_site(query, user=reader).page}


class ConsentTests:
    def test_asker_ticks_may_share_when_asking_and_provider_publishes(self, as_role, cast, entry):
        response = as_role("member").post(entry.url + "ask/", {"body": QUESTION, "may_share": "on"})
        assert response.status_code == 302
        question = Question.objects.get()
        assert question.has_share_consent and not question.share_anonymously
        services.question_answer(question=question, user=cast.cio_b, answer=ANSWER)
        response = as_role("cio_b").post(f"/catalogue/questions/{question.pk}/publish/")
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.is_published and question.published_by == cast.cio_b

    def test_sharing_is_off_unless_ticked(self, as_role, entry):
        as_role("member").post(entry.url + "ask/", {"body": QUESTION})
        assert not Question.objects.get().has_share_consent

    def test_publishing_without_consent_is_refused_and_nothing_is_stored(self, cast, entry):
        question = ask(entry, cast)
        with pytest.raises(ValidationError) as refused:
            services.question_publish(question=question, user=cast.cio_b)
        assert "has not agreed to share" in " ".join(refused.value.messages)
        question.refresh_from_db()
        assert (question.published_at, question.published_by, question.share_consent_at) == (
            None,
            None,
            None,
        )

    def test_asker_is_asked_afterwards_and_agreeing_publishes(
        self, as_role, cast, entry, django_capture_on_commit_callbacks
    ):
        question = ask(entry, cast)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            as_role("cio_b").post(f"/catalogue/questions/{question.pk}/publish/")
        question.refresh_from_db()
        assert question.share_requested_at and not question.is_published
        (message,) = mail.outbox
        assert message.to == [cast.member.email]
        assert f"/catalogue/questions/#question-{question.pk}" in message.body
        client = as_role("member")
        mine = client.get("/catalogue/questions/").content.decode()
        assert "I agree to share it with all members" in mine
        client.post(f"/catalogue/questions/{question.pk}/share/", {"anonymously": "on"})
        question.refresh_from_db()
        assert question.is_published and question.share_anonymously
        assert question.published_by == cast.cio_b

    def test_answering_with_publish_ticked_asks_the_asker(self, as_role, cast, entry):
        question = services.question_ask(entry=entry, user=cast.member, body=QUESTION)
        as_role("cio_b").post(
            f"/catalogue/questions/{question.pk}/answer/",
            {f"q{question.pk}-answer": ANSWER, f"q{question.pk}-publish": "on"},
        )
        question.refresh_from_db()
        assert question.is_answered and question.share_requested_at and not question.is_published

    def test_only_the_asker_agrees(self, as_role, cast, entry):
        question = ask(entry, cast)
        for role in ("cio_b", "cio_a"):
            response = as_role(role).post(f"/catalogue/questions/{question.pk}/share/")
            assert response.status_code == 404
        question.refresh_from_db()
        assert not question.has_share_consent


class ReadingTests:
    @pytest.fixture
    def published(self, cast, entry):
        question = ask(entry, cast, may_share=True)
        return services.question_publish(question=question, user=cast.cio_b)

    def test_another_member_reads_it_on_the_entry_with_the_askers_office(
        self, as_role, published, entry
    ):
        section = qa_section(as_role("cio_a"), entry)
        assert section is not None
        text = section.get_text(" ", strip=True)
        assert QUESTION in text and ANSWER in text and "Office A" in text

    def test_an_anonymous_share_names_no_office(self, as_role, cast, entry):
        question = ask(entry, cast, may_share=True, share_anonymously=True)
        services.question_publish(question=question, user=cast.cio_b)
        text = qa_section(as_role("cio_a"), entry).get_text(" ", strip=True)
        assert "A member" in text and "Office A" not in text

    def test_visitors_do_not_see_it(self, as_role, published, entry):
        client = as_role("visitor")
        assert qa_section(client, entry) is None
        assert ANSWER not in client.get(entry.url).content.decode()

    def test_an_unpublished_answer_is_seen_by_nobody_else(self, as_role, cast, entry):
        ask(entry, cast, may_share=True)
        for role in ("visitor", "cio_a"):
            client = as_role(role)
            assert qa_section(client, entry) is None
            assert ANSWER not in client.get(entry.url).content.decode()

    def test_search_finds_a_published_answer_for_members_only(self, cast, published):
        assert found(cast.cio_a) == {"question"}
        assert found(None) == set()

    def test_search_keeps_an_unpublished_answer_private(self, cast, entry):
        ask(entry, cast, may_share=True)
        assert found(cast.cio_a) == set()
        assert found(cast.member) == {"question"}

    def test_a_private_entrys_answers_are_not_shown_or_found(self, as_role, cast, published):
        entry = published.entry
        entry.unpublish()
        assert as_role("cio_a").get(entry.url).status_code == 404
        published.save()
        assert found(cast.cio_a) == set()

    def test_the_api_and_export_carry_no_answers(self, as_role, published):
        client = as_role("cio_a")
        urls = (
            "/catalogue/export/json/",
            "/catalogue/export/csv/",
            "/api/catalogue/entries",
            f"/api/catalogue/entries/{published.entry_id}",
        )
        for url in urls:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200, url
            assert ANSWER.encode() not in body and b"Formality checker" in body

    def test_the_entry_page_reads_the_answers_in_one_query(self, as_role, cast, entry):
        client = as_role("cio_a")
        ask(entry, cast, may_share=True)
        services.question_publish(question=Question.objects.get(), user=cast.cio_b)
        few = count_queries(client, entry.url)
        for _number in range(3):
            question = Question.objects.create(
                entry=entry, asked_by=cast.cio_b, body=QUESTION, answer=ANSWER
            )
            Question.objects.filter(pk=question.pk).update(
                answered_at=question.created_at,
                share_consent_at=question.created_at,
                published_at=question.created_at,
            )
        assert count_queries(client, entry.url) == few


class WithdrawTests:
    @pytest.fixture
    def published(self, cast, entry):
        question = ask(entry, cast, may_share=True)
        return services.question_publish(question=question, user=cast.cio_b)

    def test_the_provider_withdraws_publication(self, as_role, published, entry):
        response = as_role("cio_b").post(f"/catalogue/questions/{published.pk}/withdraw/")
        assert response.status_code == 302
        published.refresh_from_db()
        assert not published.is_published and published.has_share_consent
        assert qa_section(as_role("cio_a"), entry) is None

    def test_the_asker_withdraws_consent(self, as_role, published, entry):
        as_role("member").post(f"/catalogue/questions/{published.pk}/withdraw/")
        published.refresh_from_db()
        assert not published.is_published and not published.has_share_consent
        assert qa_section(as_role("cio_a"), entry) is None

    def test_someone_else_cannot_withdraw(self, as_role, published):
        assert (
            as_role("cio_a").post(f"/catalogue/questions/{published.pk}/withdraw/").status_code
            == 404
        )
        published.refresh_from_db()
        assert published.is_published


class BadInputTests:
    def test_publishing_an_unanswered_question_is_a_message_not_an_error(
        self, as_role, cast, entry
    ):
        question = services.question_ask(
            entry=entry, user=cast.member, body=QUESTION, may_share=True
        )
        response = as_role("cio_b").post(
            f"/catalogue/questions/{question.pk}/publish/", follow=True
        )
        assert response.status_code == 200
        assert "Answer the question before publishing it." in response.content.decode()
        question.refresh_from_db()
        assert not question.is_published

    @pytest.mark.parametrize("action", ["publish", "share", "withdraw", "answer"])
    def test_unknown_question_or_get_is_4xx(self, as_role, action):
        client = as_role("cio_b")
        assert client.post(f"/catalogue/questions/999999/{action}/").status_code == 404
        assert client.get(f"/catalogue/questions/1/{action}/").status_code == 405

    def test_visitors_are_sent_to_sign_in(self, as_role, cast, entry):
        question = ask(entry, cast, may_share=True)
        response = as_role("visitor").post(f"/catalogue/questions/{question.pk}/publish/")
        assert response.status_code == 302 and "login" in response["Location"]

    def test_a_bad_question_with_sharing_ticked_is_a_form_error(self, as_role, entry):
        response = as_role("member").post(
            entry.url + "ask/", {"body": "?", "may_share": "yes-please"}
        )
        assert response.status_code == 400
        assert not Question.objects.exists()
