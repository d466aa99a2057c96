"""What the catalogue puts into site search: its listed entries for everyone, and each
answered question to a provider for those who may read it on the entry's page (the
person who asked, the entry's providers and the secretariat; every member once the
answer is published with the asker's agreement)."""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.text import Truncator

from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue import selectors
from catalogue.models import CatalogueEntryPage, Category, Question
from network.permissions import is_secretariat, represented_office_ids
from network.search import MEMBERS
from search import services
from search.entries import PAGE_SOURCE, EntryData, guess_language
from search.models import Kind
from search.registry import (
    register_facet_labels,
    register_model,
    register_page,
    register_readers,
)

QUESTION_TITLE_LENGTH = 120


@register_facet_labels("category")
def category_labels(ids: list[int]) -> dict[str, str]:
    return {
        str(category.pk): category.localised_name
        for category in Category.objects.filter(pk__in=ids).only("pk", "name", "translation_key")
    }


# Entries --------------------------------------------------------------------------------


def entry_details(page: CatalogueEntryPage, data: EntryData) -> EntryData | None:
    if not selectors.listed_entries().filter(pk=page.pk).exists():
        # An archived entry stays reachable by its link, but out of every list, search
        # included, until its owner confirms it is current.
        return None
    data.category_id = page.category_id
    data.context = f"{page.category} · {page.get_kind_display()}"
    data.office_ids = [office.pk for office in page.provider_offices.all()]
    data.language_codes += [language.code for language in page.languages.all()]
    return data


register_page(CatalogueEntryPage, kind=Kind.CATALOGUE_ENTRY, details=entry_details)


@receiver(post_save, sender=Category, dispatch_uid="search:catalogue.category")
def category_was_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    # Its entries show its name.
    page_ids = instance.entries.live().values_list("pk", flat=True)
    services.objects_sync_later(label=PAGE_SOURCE, ids=page_ids)


# Questions to providers -----------------------------------------------------------------
# Reader keys: the person who asked, the providers of the entry, the secretariat.


def asker_key(user_id: int) -> str:
    return f"catalogue.question-asker:{user_id}"


def provider_key(entry_id: int) -> str:
    return f"catalogue.entry-provider:{entry_id}"


SECRETARIAT = "catalogue.all-questions"


def provided_entry_ids(user) -> set[int]:
    """The entries this person answers questions about now: permissions.is_provider for
    every entry at once (the contact, or a representative of a provider office)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    offices = represented_office_ids(user)
    provided = CatalogueEntryPage.objects.filter(
        Q(contact_member__user=user) | Q(provider_offices__in=offices)
    )
    return set(provided.values_list("pk", flat=True))


@register_readers
def question_reader_keys(user) -> list[str]:
    keys = [asker_key(user.pk)]
    if is_secretariat(user):
        keys.append(SECRETARIAT)
    keys += [provider_key(pk) for pk in sorted(provided_entry_ids(user))]
    return keys


def answered_questions():
    return Question.objects.filter(answered_at__isnull=False).select_related("entry")


@register_model(Question, objects=answered_questions)
def question_entry(question: Question) -> EntryData | None:
    """An answered question, found by its words and its answer's; none until answered."""
    if not question.is_answered:
        return None
    # Live and public: an archived entry's page still shows its questions to their readers.
    entry = selectors.visible_entries().filter(pk=question.entry_id).first()
    if entry is None:
        return None
    text = f"{question.body} {question.answer}"
    readers = [asker_key(question.asked_by_id), provider_key(entry.pk), SECRETARIAT]
    if question.is_published and question.has_share_consent:
        readers.append(MEMBERS)
    return EntryData(
        source=Question._meta.label_lower,
        source_pk=str(question.pk),
        kind=Kind.QUESTION,
        title=Truncator(" ".join(question.body.split())).chars(QUESTION_TITLE_LENGTH),
        url=f"{entry.url}#question-{question.pk}",
        readers=readers,
        body=" ".join(text.split()),
        context=entry.title,
        language=guess_language(text),
        date=question.answered_at,
        category_id=entry.category_id,
        office_ids=[office.pk for office in entry.provider_offices.all() if office.live],
    )


@receiver(page_published, sender=CatalogueEntryPage, dispatch_uid="search:catalogue.published")
@receiver(page_unpublished, sender=CatalogueEntryPage, dispatch_uid="search:catalogue.unpublished")
@receiver(post_page_move, sender=CatalogueEntryPage, dispatch_uid="search:catalogue.moved")
def entry_questions_follow(sender, instance, **kwargs):
    """Its answered questions carry its title and address, and go with its page."""
    for question in answered_questions().filter(entry_id=instance.pk):
        services.entry_sync(obj=question)
