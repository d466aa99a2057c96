"""Drafts proposed from elsewhere on the portal, sent to the catalogue's normal review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from wagtail.rich_text import RichText

from catalogue.models import (
    CatalogueEntryPage,
    CatalogueIndexPage,
    Category,
    EntryKind,
    EntryLink,
    Licence,
    Lifecycle,
)
from network.models import OfficePage, User

SUMMARY_LENGTH = 500


def _paragraphs(text: str) -> str:
    """Plain text as safe HTML paragraphs, for the description's rich text."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in parts if part)


def _free_slug(index: CatalogueIndexPage, title: str) -> str:
    base = slugify(title)[:50] or "entry"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def entry_draft_propose(
    *,
    index: CatalogueIndexPage,
    office: OfficePage,
    user: User,
    title: str,
    text: str,
    links: list[tuple[str, str]],
) -> CatalogueEntryPage:
    """Create a draft entry provided by ``office`` and submit it to the catalogue review.

    Precondition: the caller checked that ``user`` may propose it (the draft is theirs to
    edit, the secretariat approves it as any other proposal). The category is the
    catalogue's first; the proposer or the reviewer picks the right one in the editor.
    """
    category = Category.objects.filter(locale_id=index.locale_id).order_by("pk").first()
    if category is None:
        raise ValidationError(_("The catalogue has no category yet; ask the secretariat."))
    workflow = index.get_workflow()
    with transaction.atomic():
        entry = CatalogueEntryPage(
            title=Truncator(title).chars(255),
            slug=_free_slug(index, title),
            kind=EntryKind.SOLUTION,
            lifecycle=Lifecycle.IDEA,
            licence=Licence.PROPRIETARY,
            category=category,
            summary=Truncator(" ".join(text.split())).chars(SUMMARY_LENGTH),
            description=[("paragraph", RichText(_paragraphs(text)))],
            owner=user,
            live=False,
        )
        entry.provider_offices = [office]
        entry.links = [EntryLink(title=name, url=url) for name, url in links]
        index.add_child(instance=entry)
        entry.save_revision(user=user, log_action=True)
        # Without a review workflow the draft waits in the editor to be submitted.
        if workflow is not None:
            workflow.start(entry, user)
    return entry
