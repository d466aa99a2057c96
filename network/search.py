"""What the network puts into site search: office pages for everyone, and people for the
network's members only (never their contact details)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from network.models import Member, OfficeIndexPage, OfficePage, User
from network.permissions import is_member
from search import services
from search.entries import EntryData, as_datetime, guess_language
from search.models import Kind
from search.registry import (
    register_facet_labels,
    register_model,
    register_page,
    register_readers,
)

# The reader key of everything for the network's members only.
MEMBERS = "network.members"


@register_readers
def member_reader_keys(user) -> list[str]:
    return [MEMBERS] if is_member(user) else []


@register_facet_labels("office")
def office_labels(ids: list[int]) -> dict[str, str]:
    offices = OfficePage.objects.filter(pk__in=ids).only("title", "code", "kind", "country")
    return {str(office.pk): office.display_name for office in offices}


def office_details(page: OfficePage, data: EntryData) -> EntryData | None:
    """One entry per office, its original's: the words of its translations find it (as
    terms, kept out of its excerpts), so an office is listed once whatever the language
    of the query."""
    if page.original.pk != page.pk:
        return None
    translations = (
        OfficePage.objects.live()
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )
    for translation in translations:
        words = [data.terms, translation.title, translation.acronym, translation.summary]
        data.terms = " ".join(" ".join(word.split()) for word in words if word)
        data.language_codes.append(translation.locale.language_code.split("-")[0])
    data.office_ids = [page.pk]
    data.context = page.get_kind_display()
    data.language_codes += [language.code for language in page.working_languages.all()]
    return data


register_page(OfficePage, kind=Kind.OFFICE, details=office_details)


@receiver([page_published, page_unpublished], sender=OfficePage, dispatch_uid="network.office")
@receiver(post_delete, sender=OfficePage, dispatch_uid="network.office_deleted")
def office_translation_changed(sender, instance, **kwargs):
    """A translation published, unpublished or deleted changes its original's words."""
    original = instance.original
    if original.pk != instance.pk:
        services.entry_sync(obj=original)


def members():
    return Member.objects.select_related("user", "office").prefetch_related(
        "languages", "expertise"
    )


@register_model(Member, objects=members)
def member_entry(member: Member) -> EntryData | None:
    """A person, for members of the network only; never their contact details."""
    user = member.user
    directory = OfficeIndexPage.objects.live().originals().first()
    if not user.is_active or directory is None:
        return None
    name = user.get_full_name() or str(user)
    office = member.office
    context = ", ".join(
        part for part in [member.job_title, office.display_name if office else ""] if part
    )
    # Found by these too; the excerpt is cut from the person's own words (bio).
    term_parts = [
        member.job_title,
        member.get_role_display(),
        office.title if office else "",
        office.acronym if office else "",
        ", ".join(tag.name for tag in member.expertise.all()),
    ]
    return EntryData(
        source=Member._meta.label_lower,
        source_pk=str(member.pk),
        kind=Kind.MEMBER,
        title=name,
        url=directory.url + directory.reverse_subpage("person", args=[member.pk]),
        readers=[MEMBERS],
        body=" ".join(member.bio.split()),
        terms=" ".join(" ".join(part for part in term_parts if part).split()),
        context=context,
        language=guess_language(member.bio),
        date=as_datetime(user.date_joined),
        office_ids=[office.pk] if office and office.live else [],
        language_codes=[language.code for language in member.languages.all()],
    )


@receiver(post_save, sender=User, dispatch_uid="search:network.user")
def user_was_saved(sender, instance, raw=False, **kwargs):
    # A changed name, or an account switched off.
    member = Member.objects.filter(user=instance).first()
    if member is not None and not raw:
        services.entry_sync(obj=member)
