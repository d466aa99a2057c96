"""A task force's meeting minutes, decisions and action items, and answered questions to
catalogue providers, are found by those who may read them where they live, and by
nobody else: in results, on the search page and in suggestions."""

import datetime
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from catalogue import services as catalogue_services
from catalogue.models import Question
from network.models import User
from search.documents import EntryDocument
from search.models import SearchEntry
from search.query import search_site, suggest_site
from taskforces.models import ActionItem, Decision, DecisionStatus, Meeting, Membership
from tests import factories

pytestmark = pytest.mark.django_db

# Words that appear nowhere but in the records below.
RECORD_WORD = "quillwort"
QUESTION_WORD = "ptarmigan"
RECORD_KINDS = {"meeting", "decision", "action_item"}
RECORD_ROLES = ["visitor", "member", "other_taskforce_member", "taskforce_member", "secretariat"]


def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def fresh(user: User | None):
    """The person as the next request would load them: no roles remembered."""
    return anonymous() if user is None else User.objects.get(pk=user.pk)


@dataclass
class Records:
    meeting: Meeting
    decision: Decision
    action: ActionItem


@pytest.fixture
def records(workspace) -> Records:
    taskforce = workspace.taskforce
    meeting = factories.MeetingFactory(
        taskforce=taskforce,
        title="Spring meeting",
        agenda="1. Welcome",
        minutes=f"We agreed to pilot **{RECORD_WORD}** routing.",
        created_by=workspace.insider,
    )
    decision = Decision.objects.create(
        taskforce=taskforce,
        title="Adopt the routing pilot",
        text=f"The {RECORD_WORD} pilot starts in May.",
        decided_on=datetime.date(2026, 5, 1),
        meeting=meeting,
        status=DecisionStatus.ADOPTED,
    )
    action = factories.ActionItemFactory(
        taskforce=taskforce,
        title=f"Write up the {RECORD_WORD} results",
        owner=workspace.insider,
        created_by=workspace.insider,
        meeting=meeting,
    )
    return Records(meeting, decision, action)


def person(role, cast, workspace):
    return cast.secretariat if role == "secretariat" else workspace.person(role, cast)


def found_kinds(query: str, user) -> set[str]:
    return {hit.kind for hit in search_site(query, user=fresh(user)).page}


# Task-force records -----------------------------------------------------------------------


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_records_are_found_by_the_task_force_and_the_secretariat_only(
    cast, workspace, records, role
):
    may_read = role in {"taskforce_member", "secretariat"}
    results = search_site(RECORD_WORD, user=fresh(person(role, cast, workspace)))
    assert {hit.kind for hit in results.page} == (RECORD_KINDS if may_read else set())
    assert results.total == (3 if may_read else 0)


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_the_search_page_links_records_to_where_they_are_kept(
    client, cast, workspace, records, role
):
    reader = person(role, cast, workspace)
    if reader is not None:
        client.force_login(fresh(reader))
    may_read = role in {"taskforce_member", "secretariat"}
    taskforce = workspace.taskforce

    response = client.get("/search/", {"q": RECORD_WORD})
    page = BeautifulSoup(response.content, "html.parser")
    links = {link["href"] for link in page.select("ol.results li h2 a")}
    expected = {
        taskforce.workspace_url("meeting", records.meeting.pk),
        f"{taskforce.workspace_url('decision_log')}#decision-{records.decision.pk}",
        f"{taskforce.workspace_url('actions')}#action-{records.action.pk}",
    }
    assert response.status_code == 200
    assert links == (expected if may_read else set())
    assert (f"{RECORD_WORD} pilot" in page.select_one("main").get_text()) is may_read

    suggestions = client.get("/search/suggestions/", {"q": "Write up the"}).content.decode()
    assert (f"Write up the {RECORD_WORD} results" in suggestions) is may_read
    assert (
        "Spring meeting" in client.get("/search/suggestions/", {"q": "Spring"}).content.decode()
    ) is may_read


def test_records_follow_their_edits_and_deletion_at_once(workspace, records):
    insider = workspace.insider
    assert found_kinds(RECORD_WORD, insider) == RECORD_KINDS

    records.meeting.minutes = "Nothing to report."
    records.meeting.save()
    records.decision.text = "Postponed."
    records.decision.save()
    assert found_kinds(RECORD_WORD, insider) == {"action_item"}

    records.action.delete()
    assert found_kinds(RECORD_WORD, insider) == set()
    assert found_kinds("Spring", insider) == {"meeting"}
    records.meeting.delete()
    assert found_kinds("Spring", insider) == set()


def test_joining_and_leaving_the_task_force_takes_effect_at_the_next_search(workspace, records):
    Membership.objects.filter(user=workspace.insider).delete()
    assert found_kinds(RECORD_WORD, workspace.insider) == set()

    factories.MembershipFactory(taskforce=workspace.taskforce, user=workspace.outsider)
    assert found_kinds(RECORD_WORD, workspace.outsider) == RECORD_KINDS


def test_reindexing_rebuilds_the_records(workspace, records, reindex):
    SearchEntry.objects.all().delete()
    assert found_kinds(RECORD_WORD, workspace.insider) == set()
    reindex()
    assert found_kinds(RECORD_WORD, workspace.insider) == RECORD_KINDS
    assert found_kinds(RECORD_WORD, workspace.outsider) == set()


def test_an_unpublished_task_force_hides_its_records(
    workspace, records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workspace.taskforce.unpublish()
    assert found_kinds(RECORD_WORD, workspace.insider) == set()
    assert found_kinds("Piloting", workspace.insider) == set()
    with django_capture_on_commit_callbacks(execute=True):
        workspace.taskforce.save_revision().publish()
    assert found_kinds(RECORD_WORD, workspace.insider) == RECORD_KINDS


def test_a_record_is_an_elasticsearch_document_for_its_task_force_only(workspace, records):
    entry = SearchEntry.objects.get(kind="decision")
    source = EntryDocument.from_entry(entry).to_dict()
    key = f"taskforces.taskforce:{workspace.taskforce.pk}"
    assert source["audience"] == "restricted"
    assert source["readers"] == [key]
    assert source["suggest"]["contexts"] == {"audience": [key]}


# Answered questions to providers ------------------------------------------------------------


@pytest.fixture
def question(cast, site_tree) -> Question:
    """Asked by a member of office A about an entry office B provides; not yet answered."""
    entry = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, title="Formality checker", provider_offices=[cast.office_b]
    )
    return Question.objects.create(
        entry=entry, asked_by=cast.member, body=f"Does it read {QUESTION_WORD} filings?"
    )


def answer(question: Question, cast) -> Question:
    return catalogue_services.question_answer(
        question=question, user=cast.cio_b, answer="Yes, since version 2."
    )


QUESTION_ROLES = {
    # role: may read the question and its answer on the entry's page
    "visitor": False,
    "cio_a": False,  # a member, representing another office
    "member": True,  # asked it
    "cio_b": True,  # represents the provider office
    "secretariat": True,
}


@pytest.mark.parametrize(("role", "may_read"), QUESTION_ROLES.items())
def test_an_answered_question_is_found_by_its_readers_only(client, cast, question, role, may_read):
    answer(question, cast)
    reader = cast.person(role)
    assert found_kinds(QUESTION_WORD, reader) == ({"question"} if may_read else set())
    assert found_kinds("version", reader) == ({"question"} if may_read else set())

    if reader is not None:
        client.force_login(fresh(reader))
    page = BeautifulSoup(client.get("/search/", {"q": QUESTION_WORD}).content, "html.parser")
    links = [link["href"] for link in page.select("ol.results li h2 a")]
    assert links == ([f"{question.entry.url}#question-{question.pk}"] if may_read else [])
    suggestions = client.get("/search/suggestions/", {"q": "Does it read"}).content.decode()
    assert (f"Does it read {QUESTION_WORD} filings?" in suggestions) is may_read


def test_an_unanswered_question_is_found_by_nobody(cast, question):
    for role in QUESTION_ROLES:
        assert found_kinds(QUESTION_WORD, cast.person(role)) == set()
    assert suggest_site("Does it read", user=fresh(cast.member)) == []


def test_a_question_follows_its_answer_its_entry_and_its_deletion(cast, question):
    answer(question, cast)
    assert found_kinds(QUESTION_WORD, cast.member) == {"question"}
    question.entry.unpublish()
    assert found_kinds(QUESTION_WORD, cast.member) == set()
    question.entry.save_revision().publish()
    assert found_kinds(QUESTION_WORD, cast.member) == {"question"}
    question.delete()
    assert found_kinds(QUESTION_WORD, cast.member) == set()


def test_a_new_contact_for_the_entry_finds_its_questions_at_once(cast, question):
    answer(question, cast)
    assert found_kinds(QUESTION_WORD, cast.cio_a) == set()
    entry = question.entry
    entry.contact_member = cast.cio_a.member
    entry.save()
    assert found_kinds(QUESTION_WORD, cast.cio_a) == {"question"}


def test_reindexing_rebuilds_answered_questions_only(cast, question, reindex):
    factories_question = Question.objects.create(
        entry=question.entry, asked_by=cast.member, body=f"Another {QUESTION_WORD} question?"
    )
    answer(question, cast)
    SearchEntry.objects.all().delete()
    reindex()
    assert list(
        SearchEntry.objects.filter(kind="question").values_list("source_pk", flat=True)
    ) == [str(question.pk)]
    assert factories_question.pk


def test_a_question_is_an_elasticsearch_document_for_its_readers_only(cast, question):
    answer(question, cast)
    source = EntryDocument.from_entry(SearchEntry.objects.get(kind="question")).to_dict()
    keys = [
        "catalogue.all-questions",
        f"catalogue.entry-provider:{question.entry.pk}",
        f"catalogue.question-asker:{cast.member.pk}",
    ]
    assert source["audience"] == "restricted"
    assert source["readers"] == keys
    assert source["suggest"]["contexts"] == {"audience": keys}


def test_search_knows_the_providers_the_catalogue_knows(cast, question, site_tree):
    from catalogue.permissions import is_provider
    from catalogue.search import provided_entry_ids

    other = factories.CatalogueEntryPageFactory(
        parent=site_tree.catalogue, provider_offices=[cast.office_a]
    )
    other.contact_member = cast.member.member
    other.save()
    for person in [cast.cio_a, cast.cio_b, cast.member, cast.secretariat]:
        person = fresh(person)
        for entry in [question.entry, other]:
            assert (entry.pk in provided_entry_ids(person)) is is_provider(person, entry)


def test_an_action_item_is_found_by_its_meeting_s_new_title(
    workspace, records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        records.meeting.title = "Harvest meeting"
        records.meeting.save()
    assert found_kinds("Harvest", workspace.insider) == {"meeting", "action_item"}
