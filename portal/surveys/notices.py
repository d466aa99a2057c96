"""Telling the offices asked that a survey opened and, two days before it closes, the
people of each office that has not submitted its response yet: a notification on the
site for each of them, and an e-mail unless they chose "no e-mail". Each notice goes once
per person (``portal.notices.tell_once``), however often the command runs."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_noop

from network.models import SeatTerm, User
from portal import localised_names
from portal.emails import send_templated_email
from portal.notices import tell_once
from portal.surveys import permissions
from portal.surveys.models import (
    NoticeKind,
    ResponseStatus,
    SurveyNotice,
    SurveyPage,
    SurveyResponse,
)
from taskforces.models import EmailMode, NotificationKind
from taskforces.services import notification_create, notification_email_mode

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


def _due(kind: str, now: datetime.datetime):
    # The originals only: responses and notices belong to them, whatever the translations.
    live = SurveyPage.objects.live().filter(
        locale__language_code=localised_names.default_language()
    )
    if kind == NoticeKind.OPENED:
        return live.filter(opens_at__lte=now, closes_at__gt=now)
    return live.filter(closes_at__gt=now, closes_at__lte=now + CLOSING_NOTICE)


def notices_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tell whoever is due each notice; returns how many were told, by kind."""
    now = now or timezone.now()
    sent = {}
    for kind in NoticeKind:
        count = 0
        for survey in _due(kind, now):
            told = SurveyNotice.objects.filter(survey=survey, kind=kind).values("user_id")
            people = respondents(survey, unanswered_only=kind == NoticeKind.CLOSING)
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
    emailed = notification_email_mode(person) != EmailMode.NONE
    notification_create(
        user=person,
        kind=NotificationKind.SURVEY,
        taskforce=None,
        text=NOTICE_TEXTS[kind],
        params={"title": survey.title, "date": {"date": survey.closes_at.isoformat()}},
        url=survey.url,
        email=False,
        emailed=emailed,
    )
    if emailed:
        send_templated_email(
            f"surveys/emails/{kind}", {"survey": survey, "person": person}, to=[person]
        )
