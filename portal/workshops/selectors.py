"""Reads for the workshop pages; each does a fixed number of queries however much it lists."""

import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from network.models import Member, User
from portal.page_languages import children_in_every_locale, in_reader_language, public
from portal.translated_rows import Row, Translated, translated_rows
from portal.workshops import permissions
from portal.workshops.models import (
    Feedback,
    HackathonChallenge,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Team,
    TeamMembership,
    WorkshopIndexPage,
    WorkshopPage,
    WorkshopSegment,
)


@dataclass
class WorkshopListing:
    upcoming: QuerySet[WorkshopPage]
    past: QuerySet[WorkshopPage]


def _listed(index: WorkshopIndexPage) -> QuerySet[WorkshopPage]:
    """The index's published public workshops, each once, in the reader's language."""
    return in_reader_language(public(children_in_every_locale(WorkshopPage, index).live()))


def workshop_listing(
    index: WorkshopIndexPage,
    *,
    kind: str = "",
    year: int | None = None,
    language: str = "",
    now: datetime.datetime | None = None,
) -> WorkshopListing:
    """Upcoming and ongoing events soonest first, then past ones latest first."""
    now = now or timezone.now()
    workshops = _listed(index)
    if kind:
        workshops = workshops.filter(kind=kind)
    if year:
        workshops = workshops.filter(start_date__year=year)
    if language:
        workshops = workshops.filter(languages__code=language).distinct()
    return WorkshopListing(
        upcoming=workshops.filter(ends_at__gte=now).order_by("starts_at"),
        past=workshops.filter(ends_at__lt=now).order_by("-starts_at"),
    )


def workshop_years(index: WorkshopIndexPage) -> list[int]:
    return list(
        _listed(index)
        .annotate(year=ExtractYear("start_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def feed_workshops(index: WorkshopIndexPage, *, limit: int | None = None):
    workshops = _listed(index).order_by("-starts_at")
    return workshops[:limit] if limit else workshops


def reader_time_zone(user) -> zoneinfo.ZoneInfo | None:
    """The signed-in member's office time zone, if the site knows it."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_portal_time_zone", False)
    if cached is False:
        # Read with the account (network.models.AccountManager.with_reader_facts).
        name = user.preferred_time_zone
        cached = zoneinfo.ZoneInfo(name) if name else None
        user._portal_time_zone = cached
    return cached


def registration_for(user, workshop: WorkshopPage) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(workshop=workshop, user=user).first()


def segments(workshop: WorkshopPage) -> list[WorkshopSegment]:
    """The event's segments with their invitations, ready for access checks."""
    rows = workshop.segments.all()
    # A draft's segments and their invitations are already in memory, unsaved ones too;
    # only the live page's are fetched, together.
    if isinstance(rows, QuerySet):
        rows = rows.prefetch_related("invited_offices", "invited_people")
    return list(rows)


def segments_open_to(user, workshop: WorkshopPage) -> list[WorkshopSegment]:
    """The segments ``user`` may attend: the open ones and those they are invited to."""
    office_id = member_office_id(user)
    return [
        segment
        for segment in segments(workshop)
        if permissions.can_attend_segment(user, segment, office_id)
    ]


# A translated page's segments, questions and challenges ------------------------------------


def _translated(page: WorkshopPage, relation: str, originals: list[Row]) -> list[Translated[Row]]:
    shown = originals if page.original is page else list(getattr(page, relation).all())
    return translated_rows(shown, originals)


def translated_segments(page: WorkshopPage) -> list[Translated[WorkshopSegment]]:
    return _translated(page, "segments", segments(page.original))


def translated_segments_open_to(user, page: WorkshopPage) -> list[Translated[WorkshopSegment]]:
    """The segments ``user`` may attend, as ``page`` shows them."""
    office_id = member_office_id(user)
    return [
        pair
        for pair in translated_segments(page)
        if permissions.can_attend_segment(user, pair.original, office_id)
    ]


def translated_questions(page: WorkshopPage) -> list[Translated[RegistrationQuestion]]:
    return _translated(page, "questions", questions(page.original))


def translated_choices(question: Translated[RegistrationQuestion]) -> list[tuple[str, str]]:
    """A "one of a list" question's choices: the original's text, which answers keep, and
    the translated text the reader sees (the original's when the lists differ in length)."""
    originals = question.original.choice_list()
    shown = question.shown.choice_list()
    return list(zip(originals, shown if len(shown) == len(originals) else originals, strict=True))


def translated_challenges(page: WorkshopPage) -> list[Translated[HackathonChallenge]]:
    return _translated(page, "challenges", list(page.original.challenges.all()))


def member_office_id(user) -> int | None:
    """The office the person belongs to, if they are a member of the network."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(user=user).values_list("office_id", flat=True).first()


def segment_headcounts(page: WorkshopPage) -> list[tuple[WorkshopSegment, int]]:
    """Each segment as ``page`` shows it, with how many people holding a place will attend."""
    counted = page.original.segments.annotate(
        headcount=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        )
    ).order_by("sort_order", "pk")  # Aggregating drops the model's own ordering.
    return [
        (pair.shown, pair.original.headcount)
        for pair in _translated(page, "segments", list(counted))
    ]


def questions(workshop: WorkshopPage) -> list[RegistrationQuestion]:
    return list(workshop.questions.all())


def participant_list(workshop: WorkshopPage) -> QuerySet[Registration]:
    """Everyone registered or waiting, places first, each in the order they came."""
    return (
        workshop.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user", "office", "feedback")
        .prefetch_related("segments")
        # "confirmed" sorts before "waiting".
        .order_by("status", "queued_at", "pk")
    )


def participant_export_rows(workshop: WorkshopPage) -> Iterator[list]:
    questions_ = questions(workshop)
    has_segments = workshop.segments.exists()
    yield [
        "Name",
        "E-mail",
        "Office",
        "Status",
        "Registered",
        "Attended",
        *(["Segments"] if has_segments else []),
        *[question.label for question in questions_],
    ]
    registrations = (
        workshop.registrations.select_related("user", "office")
        .prefetch_related("segments")
        .order_by("status", "queued_at", "pk")
        .iterator(chunk_size=500)
    )
    for registration in registrations:
        answers = registration.answers or {}
        yield [
            str(registration.user),
            registration.user.email,
            registration.office.title if registration.office else "",
            registration.get_status_display(),
            registration.created_at.isoformat(timespec="minutes"),
            {True: "yes", False: "no", None: ""}[registration.attended],
            *(
                ["; ".join(segment.title for segment in registration.segments.all())]
                if has_segments
                else []
            ),
            *[_answer_text(answers.get(str(question.pk))) for question in questions_],
        ]


def _answer_text(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "" if value is None else str(value)


def answered_questions(page: WorkshopPage, registrations) -> None:
    """Attach to each registration ``answer_list``, (question, answer) as ``page`` shows
    them, and ``segment_list``, the segments it attends as ``page`` shows them."""
    questions_ = [
        (question, dict(translated_choices(question))) for question in translated_questions(page)
    ]
    shown_segments = {pair.original.pk: pair.shown for pair in translated_segments(page)}
    for registration in registrations:
        answers = registration.answers or {}
        registration.answer_list = [
            (question.shown.label, _answer_text(choices.get(answer, answer)))
            for question, choices in questions_
            if (answer := answers.get(str(question.original.pk))) is not None
        ]
        registration.segment_list = [
            shown_segments.get(segment.pk, segment) for segment in registration.segments.all()
        ]


def feedback_list(workshop: WorkshopPage) -> QuerySet[Feedback]:
    return Feedback.objects.filter(registration__workshop=workshop).select_related(
        "registration__user", "registration__office"
    )


def teams(workshop: WorkshopPage) -> QuerySet[Team]:
    return (
        workshop.teams.select_related("challenge", "submission")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("user__member__office").order_by(
                    "user__last_name"
                ),
            )
        )
        .order_by("name")
    )


def teams_shown_on(page: WorkshopPage) -> list[Team]:
    """The event's teams, each with ``shown_challenge``: its challenge as ``page`` shows it."""
    shown = {pair.original.pk: pair.shown for pair in translated_challenges(page)}
    teams_ = list(teams(page.original))
    for team in teams_:
        team.shown_challenge = shown.get(team.challenge_id, team.challenge)
    return teams_


def team_of(user, workshop: WorkshopPage) -> Team | None:
    if not user.is_authenticated:
        return None
    membership = (
        TeamMembership.objects.filter(workshop=workshop, user=user).select_related("team").first()
    )
    return membership.team if membership else None


def free_participants(workshop: WorkshopPage, *, exclude_user=None) -> QuerySet:
    """Confirmed participants not yet in a team, for a team sign-up form."""
    in_teams = TeamMembership.objects.filter(workshop=workshop).values("user")
    people = User.objects.filter(
        workshop_registrations__workshop=workshop,
        workshop_registrations__status=RegistrationStatus.CONFIRMED,
        is_active=True,
    ).exclude(pk__in=in_teams)
    if exclude_user is not None:
        people = people.exclude(pk=exclude_user.pk)
    return people.order_by("last_name", "first_name")


# A person's own workshops -------------------------------------------------------------------


@dataclass
class MyRegistration:
    registration: Registration
    workshop: WorkshopPage
    waiting_position: int | None


def my_registrations(user) -> list[MyRegistration]:
    """The person's registrations (not cancelled) for published events, soonest first,
    with their place on each waiting list: two queries however many there are."""
    registrations = list(
        Registration.objects.filter(user=user, workshop__live=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("workshop")
        .order_by("workshop__starts_at", "workshop_id")
    )
    waiting_on = [r.workshop_id for r in registrations if r.is_waiting]
    queues: dict[int, list[int]] = {}
    for workshop_id, registration_id in (
        Registration.objects.waiting()
        .filter(workshop_id__in=waiting_on)
        .values_list("workshop_id", "pk")
    ):
        queues.setdefault(workshop_id, []).append(registration_id)
    return [
        MyRegistration(
            registration=registration,
            workshop=registration.workshop,
            waiting_position=(
                queues[registration.workshop_id].index(registration.pk) + 1
                if registration.is_waiting
                else None
            ),
        )
        for registration in registrations
    ]
