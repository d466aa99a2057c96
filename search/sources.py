"""What each kind of content puts into site search: an EntryData per object, or None
when the object must not be found (a draft, a private page, a hidden post).

Pages and members are read here; task-force workspaces in search.taskforce_content.
"""

from typing import Any

from django.db.models import Model
from django.utils.html import strip_tags

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search import index

from catalogue.models import CatalogueEntryPage, Freshness, FreshnessState
from network.models import Member, OfficeIndexPage, OfficePage
from portal.models import Language, NewsArticlePage, StandardPage, WorkshopPage
from search import taskforce_content
from search.entries import PAGE_SOURCE, EntryData, as_datetime, guess_language, source_key
from search.models import Audience, Kind
from taskforces.models import TaskForcePage

MEMBER_SOURCE = "network.member"

PAGE_KINDS: dict[type[Page], str] = {
    OfficePage: Kind.OFFICE,
    CatalogueEntryPage: Kind.CATALOGUE_ENTRY,
    TaskForcePage: Kind.TASKFORCE,
    WorkshopPage: Kind.WORKSHOP,
    NewsArticlePage: Kind.NEWS,
    StandardPage: Kind.PAGE,
}


# Pages


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return _texts(list(value.values()))
    return [str(value)]


def _search_field_texts(obj: Model, fields) -> list[str]:
    """The text of an object's search fields other than its title, as the admin's
    search indexes it, so that `search_fields` on a page model decide both."""
    texts = []
    for search_field in fields:
        if isinstance(search_field, index.SearchField):
            if search_field.field_name != "title":
                texts += _texts(search_field.get_value(obj))
        elif isinstance(search_field, index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                texts += _search_field_texts(item, search_field.fields)
    return texts


def is_publicly_visible(page: Page) -> bool:
    if not page.live or page.expired:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()


def is_archived(entry: CatalogueEntryPage) -> bool:
    return Freshness.objects.filter(entry=entry, state=FreshnessState.ARCHIVED).exists()


def page_entry(page: Page) -> EntryData | None:
    page = page.specific
    if not is_publicly_visible(page) or page.is_root() or page.depth <= 2:
        return None
    if isinstance(page, CatalogueEntryPage) and is_archived(page):
        # Reachable by its link, but out of every list until its owner confirms it.
        return None
    kind = next((kind for model, kind in PAGE_KINDS.items() if isinstance(page, model)), Kind.PAGE)
    # Several search fields may hold the same text (a summary also used as the search
    # description); each is kept once.
    texts = dict.fromkeys(
        " ".join(strip_tags(text).split()) for text in _search_field_texts(page, page.search_fields)
    )
    body = " ".join(text for text in texts if text)
    language = page.locale.language_code.split("-")[0]
    data = EntryData(
        source=PAGE_SOURCE,
        source_pk=str(page.pk),
        kind=kind,
        title=page.title,
        url=page.get_url() or "",
        audience=Audience.PUBLIC,
        body=" ".join(body.split()),
        language=language,
        date=as_datetime(page.first_published_at or page.last_published_at),
        language_codes=[language],
    )
    if isinstance(page, OfficePage):
        data.office_ids = [page.pk]
        data.context = page.get_kind_display()
        data.language_codes += [lang.code for lang in page.working_languages.all()]
    elif isinstance(page, CatalogueEntryPage):
        data.category_id = page.category_id
        data.context = f"{page.category} · {page.get_kind_display()}"
        data.office_ids = [office.pk for office in page.provider_offices.all()]
        data.language_codes += [lang.code for lang in page.languages.all()]
    elif isinstance(page, WorkshopPage):
        data.date = page.starts_at
        data.context = f"{page.get_kind_display()} · {page.place}"
        data.language_codes += [lang.code for lang in page.languages.all()]
    elif isinstance(page, NewsArticlePage):
        data.date = as_datetime(page.date)
    elif isinstance(page, TaskForcePage):
        data.context = page.get_status_display()
    data.language_codes = sorted(set(data.language_codes))
    return data


# Members


def member_entry(member: Member) -> EntryData | None:
    """A person, for members of the network only; never their contact details."""
    user = member.user
    directory = OfficeIndexPage.objects.live().first()
    if not user.is_active or directory is None:
        return None
    name = user.get_full_name() or str(user)
    office = member.office
    context = ", ".join(part for part in [member.job_title, office.title if office else ""] if part)
    body_parts = [
        member.job_title,
        member.get_role_display(),
        office.title if office else "",
        office.acronym if office else "",
        member.bio,
        ", ".join(tag.name for tag in member.expertise.all()),
    ]
    return EntryData(
        source=MEMBER_SOURCE,
        source_pk=str(member.pk),
        kind=Kind.MEMBER,
        title=name,
        url=directory.url + directory.reverse_subpage("person", args=[member.pk]),
        audience=Audience.MEMBERS,
        body=" ".join(" ".join(part for part in body_parts if part).split()),
        context=context,
        language=guess_language(member.bio),
        date=as_datetime(user.date_joined),
        office_ids=[office.pk] if office and office.live else [],
        language_codes=[lang.code for lang in member.languages.all()],
    )


# Documents of the page library: files the secretariat uploads for pages (slides,
# reports). Task-force documents are read in search.taskforce_content.


def is_public_collection(collection_id: int) -> bool:
    # Read afresh: collections are kept in name order, so adding one can move another's
    # place in the tree, and an object held in memory may know an old one.
    collection = Collection.objects.get(pk=collection_id)
    return not CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def library_document_entry(document: AbstractDocument) -> EntryData | None:
    """A file uploaded for pages, found by its title; none from a restricted collection."""
    if not is_public_collection(document.collection_id):
        return None
    extension = document.file_extension.upper()
    tags = ", ".join(tag.name for tag in document.tags.all())
    source, source_pk = source_key(document)
    return EntryData(
        source=source,
        source_pk=source_pk,
        kind=Kind.DOCUMENT,
        title=document.title,
        url=document.url,
        audience=Audience.PUBLIC,
        body=" ".join(part for part in [tags, extension] if part),
        context=extension,
        language=guess_language(document.title),
        date=as_datetime(document.created_at),
    )


def entry_for(obj: Model) -> EntryData | None:
    """The entry an object should have in search now, or None if it should have none."""
    if isinstance(obj, Page):
        return page_entry(obj)
    if isinstance(obj, Member):
        return member_entry(obj)
    if isinstance(obj, AbstractDocument):
        return library_document_entry(obj)
    return taskforce_content.entry_for(obj)


def all_objects():
    """Every object that may have an entry, for rebuilding the index, in batches."""
    yield from Page.objects.live().filter(depth__gt=2).specific().iterator(chunk_size=200)
    yield from (
        Member.objects.select_related("user", "office")
        .prefetch_related("languages", "expertise")
        .iterator(chunk_size=500)
    )
    yield from (
        get_document_model()
        .objects.select_related("collection")
        .prefetch_related("tags")
        .iterator(chunk_size=500)
    )
    yield from taskforce_content.all_objects()


def count_objects() -> int:
    return (
        Page.objects.live().filter(depth__gt=2).count()
        + Member.objects.count()
        + get_document_model().objects.count()
        + taskforce_content.count_objects()
    )


def language_ids(codes: list[str]) -> list[int]:
    if not codes:
        return []
    return list(Language.objects.filter(code__in=codes).values_list("pk", flat=True))
