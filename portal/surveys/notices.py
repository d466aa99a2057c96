"""Telling the offices asked that a survey opened and, two days before it closes, the
people of each office that has not submitted its response yet: a notification on the
site for each of them, and an e-mail unless they chose "no e-mail". Each notice goes once
per person (``portal.notices.tell_once``), however often the command runs."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_noop

from network.models import SeatTerm, User
from portal.notices import due, tell_once
from portal.surveys import permissions
from portal.surveys.models import (
    NoticeKind,
    ResponseStatus,
    SurveyNotice,
    SurveyPage,
    SurveyResponse,
)
from taskforces.models import NotificationKind
from taskforces.services import notice_send

# When the offices that have not answered are reminded.
CLOSING_NOTICE = datetime.timedelta(days=2)

# The notification's wording, translated when shown (Notification.display_text).
NOTICE_TEXTS = {
    NoticeKind.OPENED: gettext_noop("Your office is asked to answer by %(date)s: %(title)s"),
    NoticeKind.CLOSING: gettext_noop(
        "Your office has not submitted its answers; the survey closes on %(date)s: %(title)s"
    ),
}


def respondents(survey: SurveyPage, *, unanswered_only: bool = False):
    """The people who may answer ``survey`` (the original) for an office asked: those who
    hold one of its seats; with ``unanswered_only``, for offices that have not submitted."""
    terms = SeatTerm.objects.current()
    asked = permissions.asked_office_ids(survey)
    if asked is not None:
        terms = terms.filter(office_id__in=asked)
    if unanswered_only:
        submitted = SurveyResponse.objects.filter(
            survey=survey, status=ResponseStatus.SUBMITTED
        ).values("office_id")
        terms = terms.exclude(office_id__in=submitted)
    return User.objects.filter(is_active=True, pk__in=terms.values("user_id"))


def notices_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tell whoever is due each notice; returns how many were told, by kind."""
    now = now or timezone.now()
    sent = {}
    for kind in NoticeKind:
        count = 0
        closing = kind == NoticeKind.CLOSING
        for survey in due(SurveyPage.objects, closing=closing, now=now, window=CLOSING_NOTICE):
            told = SurveyNotice.objects.filter(survey=survey, kind=kind).values("user_id")
            people = respondents(survey, unanswered_only=closing)
            for person in people.exclude(pk__in=told):
                count += _tell(survey, person, kind, now)
        sent[kind.value] = count
    return sent


def _tell(survey: SurveyPage, person: User, kind: str, now) -> bool:
    return tell_once(
        lambda: SurveyNotice.objects.create(survey=survey, user=person, kind=kind, sent_at=now),
        lambda: _notify(survey, person, kind),
    )


def _notify(survey: SurveyPage, person: User, kind: str) -> None:
    notice_send(
        user=person,
        kind=NotificationKind.SURVEY,
        text=NOTICE_TEXTS[kind],
        params={"title": survey.title, "date": {"date": survey.closes_at.isoformat()}},
        url=survey.url,
        email_template=f"surveys/emails/{kind}",
        email_context={"survey": survey, "person": person},
    )
