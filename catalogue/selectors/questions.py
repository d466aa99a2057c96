"""Reads of members' questions to providers: the answers published for every member, and
a person's own questions beside them."""

from django.db.models import Q

from catalogue.models import CatalogueEntryPage, Question

# At most this many published answers show on an entry's page.
SHARED_ANSWERS_SHOWN = 50

PUBLISHED_ANSWER = Q(published_at__isnull=False, answered_at__isnull=False)


def entry_shared_answers(entry: CatalogueEntryPage) -> list[Question]:
    """The answers published for every member on the entry's page, newest first, with
    each asker's office, in one query."""
    return list(
        Question.objects.filter(PUBLISHED_ANSWER, entry=entry)
        .select_related("asked_by__member__office")
        .order_by("-published_at")[:SHARED_ANSWERS_SHOWN]
    )


def entry_questions_for_asker(entry: CatalogueEntryPage, user) -> tuple[list, list]:
    """(the person's own questions about the entry, the published answers), read in the
    one query the page made for the former alone."""
    rows = list(
        Question.objects.filter(Q(asked_by=user) | PUBLISHED_ANSWER, entry=entry)
        .select_related("asked_by__member__office")
        .order_by("-created_at")
    )
    own = [question for question in rows if question.asked_by_id == user.pk]
    shared = sorted(
        (question for question in rows if question.published_at and question.answered_at),
        key=lambda question: question.published_at,
        reverse=True,
    )
    return own, shared[:SHARED_ANSWERS_SHOWN]
