"""Reads around consultations that pages, the CSV and the e-mails share."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from portal.consultations import permissions
from portal.consultations.models import (
    Comment,
    CommentVisibility,
    ConsultationIndexPage,
    ConsultationPage,
    Paragraph,
)
from portal.dates import format_iso
from portal.page_languages import children_in_every_locale, in_reader_language


def readable_comments(user, consultation: ConsultationPage) -> QuerySet:
    """The comments on ``consultation`` (the original) this person may read."""
    comments = Comment.objects.filter(consultation=consultation).select_related(
        "author", "on_behalf_of"
    )
    if permissions.can_read_every_comment(user, consultation):
        return comments
    if not permissions.in_audience(user, consultation):
        return comments.none()
    return comments.filter(Q(visibility=CommentVisibility.AUDIENCE) | Q(author_id=user.pk))


@dataclass
class ParagraphRow:
    paragraph: Paragraph
    comments: list = field(default_factory=list)


@dataclass
class CommentsByPlace:
    paragraphs: list[ParagraphRow]
    whole: list[Comment]


def comments_by_place(page: ConsultationPage, comments) -> CommentsByPlace:
    """The page's paragraphs (as the reader's translation has them) each with its comments,
    and the comments on the whole document (or on a paragraph since removed)."""
    rows = [ParagraphRow(paragraph) for paragraph in page.paragraphs()]
    by_id = {row.paragraph.block_id: row for row in rows}
    whole = []
    for comment in comments:
        row = by_id.get(comment.paragraph_id)
        (row.comments if row else whole).append(comment)
    return CommentsByPlace(paragraphs=rows, whole=whole)


def consultations_for(user, index: ConsultationIndexPage) -> list[ConsultationPage]:
    """The live consultations below ``index`` addressed to this person, newest first."""
    pages = in_reader_language(children_in_every_locale(ConsultationPage, index).live())
    pages = pages.select_related("locale").order_by("-opens_at", "-pk")
    return [page for page in pages if permissions.can_read(user, page.original)]


def export_rows(consultation: ConsultationPage) -> Iterator[list]:
    """Every comment, for the secretariat's CSV: the header, then one row a comment."""
    numbers = {p.block_id: p.number for p in consultation.paragraphs()}
    yield [
        _("Date"),
        _("Paragraph"),
        _("Author"),
        _("E-mail"),
        _("On behalf of"),
        _("Who may read it"),
        _("Comment"),
    ]
    comments = Comment.objects.filter(consultation=consultation).select_related(
        "author", "on_behalf_of"
    )
    for comment in comments:
        yield [
            format_iso(comment.created_at),
            numbers.get(comment.paragraph_id, _("Whole document")),
            comment.author.get_full_name() or str(comment.author),
            comment.author.email,
            comment.on_behalf_of.title if comment.on_behalf_of else "",
            comment.get_visibility_display(),
            comment.body,
        ]
