"""Who may read a consultation, comment on it and read its comments; asked by every entry
point (pages, the comment form, the CSV, the document, e-mails).

A consultation is for its audience only (all members, the heads of ICT, or one task
force's members), and the secretariat. A comment is readable by the audience unless its
author addressed it to the secretariat: then only the author and the secretariat read it.
"""

from django.utils.translation import gettext_lazy as _

from network.models import Seat, SeatTerm
from network.permissions import is_member, is_secretariat
from portal.consultations.models import Audience, Comment, CommentVisibility, ConsultationPage
from taskforces.permissions import readable_taskforce_ids

NOT_IN_AUDIENCE = _("This consultation is not addressed to you.")
NOT_OPEN = _("Comments are accepted only while the consultation is open.")
NOT_YOUR_OFFICE = _("You may comment on behalf of your own office only.")
NO_SUCH_PARAGRAPH = _("There is no such paragraph.")
NO_SUCH_READERS = _("Choose who may read the comment.")


def _is_head_of_ict(user) -> bool:
    cached = getattr(user, "_consultations_is_head", None)
    if cached is None:
        cached = SeatTerm.objects.current().filter(user=user, seat=Seat.PRINCIPAL).exists()
        user._consultations_is_head = cached
    return cached


def in_audience(user, consultation: ConsultationPage) -> bool:
    """Whether ``consultation`` (the original) is addressed to this person."""
    if is_secretariat(user):
        return True
    if not is_member(user):
        return False
    if consultation.audience == Audience.MEMBERS:
        return True
    if consultation.audience == Audience.HEADS:
        return _is_head_of_ict(user)
    if consultation.audience == Audience.TASKFORCE:
        return consultation.taskforce_id in readable_taskforce_ids(user)
    return False


def can_read(user, consultation: ConsultationPage) -> bool:
    return in_audience(user, consultation)


def can_comment(user, consultation: ConsultationPage) -> bool:
    return consultation.is_open and is_member(user) and in_audience(user, consultation)


def can_read_comment(user, comment: Comment) -> bool:
    if not user.is_authenticated:
        return False
    if comment.author_id == user.pk or is_secretariat(user):
        return True
    return comment.visibility == CommentVisibility.AUDIENCE and in_audience(
        user, comment.consultation
    )


def can_read_every_comment(user, consultation: ConsultationPage) -> bool:
    """Comments addressed to the secretariat included: the secretariat alone."""
    return is_secretariat(user)


def can_export_comments(user, consultation: ConsultationPage) -> bool:
    return is_secretariat(user)


def own_office(user):
    """The office a person may comment on behalf of: their own, if they have one."""
    if not user.is_authenticated:
        return None
    member = getattr(user, "member", None)
    return member.office if member is not None and member.office_id else None
