"""Hackathon teams and what they hand in."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User
from portal.workshops import permissions
from portal.workshops.models import (
    NOT_THIS_EVENTS_CHALLENGE,
    HackathonChallenge,
    Registration,
    Submission,
    Team,
    TeamMembership,
    WorkshopPage,
)
from portal.workshops.services.registrations import lock_workshop


def team_create(
    *,
    workshop: WorkshopPage,
    name: str,
    challenge: HackathonChallenge | None,
    members: Iterable[User],
    created_by: User,
) -> Team:
    """Sign up a team of confirmed participants, each in no other team of this event."""
    registration = Registration.objects.filter(workshop=workshop, user=created_by).first()
    if not permissions.can_sign_up_team(created_by, workshop, registration):
        raise PermissionDenied(permissions.TEAMS_PARTICIPANTS_ONLY)
    name = " ".join(name.split())
    people = {created_by.pk: created_by, **{person.pk: person for person in members}}
    errors = {}
    if not name:
        errors["name"] = _("Give the team a name.")
    if challenge is not None and challenge.page_id != workshop.pk:
        errors["challenge"] = NOT_THIS_EVENTS_CHALLENGE
    if len(people) > workshop.max_team_size:
        errors["members"] = _("A team has at most %(size)d people.") % {
            "size": workshop.max_team_size
        }
    participants = set(
        workshop.registrations.confirmed().filter(user__in=people).values_list("user", flat=True)
    )
    if set(people) - participants:
        errors["members"] = _("Everyone in a team must be registered for the event.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        workshop = lock_workshop(workshop)
        if workshop.teams.filter(name__iexact=name).exists():
            raise ValidationError({"name": _("Another team has this name.")})
        taken = TeamMembership.objects.filter(workshop=workshop, user__in=people).select_related(
            "user"
        )
        if taken:
            names = ", ".join(str(membership.user) for membership in taken)
            raise ValidationError(
                {"members": _("Already in a team: %(names)s.") % {"names": names}}
            )
        team = Team.objects.create(
            workshop=workshop, name=name, challenge=challenge, created_by=created_by
        )
        TeamMembership.objects.bulk_create(
            TeamMembership(team=team, user_id=pk, workshop=workshop) for pk in people
        )
    return team


def submission_save(*, team: Team, user: User, link: str, description: str) -> Submission:
    """Hand in or update the team's submission, until the deadline."""
    if not permissions.can_edit_submission(user, team):
        raise PermissionDenied(permissions.SUBMISSIONS_CLOSED)
    now = timezone.now()
    submission, created = Submission.objects.get_or_create(
        team=team,
        defaults={
            "link": link,
            "description": description,
            "submitted_at": now,
            "updated_at": now,
            "submitted_by": user,
        },
    )
    if not created:
        submission.link = link
        submission.description = description
        submission.updated_at = now
        submission.submitted_by = user
        submission.save()
    return submission
