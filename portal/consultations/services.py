"""Writes around consultations: comments, the index's members-only restriction, notices."""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_noop

from wagtail.models import PageViewRestriction

from network.models import Seat, SeatTerm, User
from network.permissions import MEMBERS_GROUP, SECRETARIAT_GROUP
from portal.consultations import permissions
from portal.consultations.models import (
    Audience,
    Comment,
    CommentVisibility,
    ConsultationIndexPage,
    ConsultationPage,
    NoticeKind,
    NoticeSent,
)
from portal.notices import due, tell_once
from taskforces.markup import render_markdown
from taskforces.models import Membership, NotificationKind
from taskforces.services import notice_send

# When members are told a consultation is about to close.
CLOSING_NOTICE = datetime.timedelta(days=2)


def comment_create(
    *,
    consultation: ConsultationPage,
    author,
    body: str,
    paragraph_id: str = "",
    on_behalf_of_office: bool = False,
    visibility: str = CommentVisibility.AUDIENCE,
) -> Comment:
    """Save a comment on ``consultation`` (the original) or refuse with ValidationError."""
    if not permissions.in_audience(author, consultation):
        raise ValidationError(permissions.NOT_IN_AUDIENCE)
    if not permissions.can_comment(author, consultation):
        raise ValidationError(permissions.NOT_OPEN)
    if paragraph_id and paragraph_id not in {p.block_id for p in consultation.paragraphs()}:
        raise ValidationError({"paragraph": permissions.NO_SUCH_PARAGRAPH})
    office = permissions.own_office(author) if on_behalf_of_office else None
    if on_behalf_of_office and office is None:
        raise ValidationError({"on_behalf_of_office": permissions.NOT_YOUR_OFFICE})
    if visibility not in CommentVisibility.values:
        raise ValidationError({"visibility": permissions.NO_SUCH_READERS})
    return Comment.objects.create(
        consultation=consultation,
        paragraph_id=paragraph_id,
        author=author,
        on_behalf_of=office,
        visibility=visibility,
        body=body,
        body_html=render_markdown(body),
    )


def index_restrict_to_members(*, index: ConsultationIndexPage) -> None:
    """Consultations are for the network: visitors are sent to sign in, and search, the
    sitemap and the menus leave them out, as for any page behind a view restriction."""
    if PageViewRestriction.objects.filter(page=index).exists():
        return
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(
        [Group.objects.get_or_create(name=name)[0] for name in (MEMBERS_GROUP, SECRETARIAT_GROUP)]
    )


# Notices -----------------------------------------------------------------------------------


def audience_of(consultation: ConsultationPage):
    """The people a consultation is addressed to, the secretariat aside."""
    people = User.objects.filter(is_active=True, member__isnull=False)
    if consultation.audience == Audience.HEADS:
        heads = SeatTerm.objects.current().filter(seat=Seat.PRINCIPAL).values("user_id")
        people = people.filter(pk__in=heads)
    elif consultation.audience == Audience.TASKFORCE:
        members = Membership.objects.filter(taskforce_id=consultation.taskforce_id)
        people = people.filter(pk__in=members.values("user_id"))
    return people.distinct()


def notices_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tell the audience that a consultation opened, and two days before it closes: a
    notification on the site for everyone, and an e-mail for those who did not choose
    "no e-mail". Each notice at most once per person (the record is written with the
    notification and the e-mail, and the database refuses a second one), so the command
    may run as often as wanted."""
    now = now or timezone.now()
    sent = {}
    for kind in NoticeKind:
        count = 0
        closing = kind == NoticeKind.CLOSING
        consultations = due(
            ConsultationPage.objects, closing=closing, now=now, window=CLOSING_NOTICE
        )
        for consultation in consultations:
            told = NoticeSent.objects.filter(consultation=consultation, kind=kind)
            for person in audience_of(consultation).exclude(pk__in=told.values("user_id")):
                count += _tell(consultation, person, kind, now)
        sent[kind.value] = count
    return sent


def _tell(consultation: ConsultationPage, person, kind: str, now) -> bool:
    return tell_once(
        lambda: NoticeSent.objects.create(
            consultation=consultation, user=person, kind=kind, sent_at=now
        ),
        lambda: _notify(consultation, person, kind),
    )


# The notification's wording, translated when shown (Notification.display_text).
NOTICE_TEXTS = {
    NoticeKind.OPENED: gettext_noop("Open for your comments until %(date)s: %(title)s"),
    NoticeKind.CLOSING: gettext_noop("Closing for comments on %(date)s: %(title)s"),
}


def _notify(consultation: ConsultationPage, person, kind: str) -> None:
    notice_send(
        user=person,
        kind=NotificationKind.CONSULTATION,
        # A consultation for one task force is shown only while the person may read it.
        taskforce=consultation.taskforce if consultation.audience == Audience.TASKFORCE else None,
        text=NOTICE_TEXTS[kind],
        params={"title": consultation.title, "date": {"date": consultation.closes_at.isoformat()}},
        url=consultation.url,
        email_template=f"consultations/emails/{kind}",
        email_context={"consultation": consultation, "person": person},
    )
