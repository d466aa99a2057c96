"""Who may do what around workshops; built on network.permissions, asked by every entry point.

The online link of a workshop is the one private detail of an otherwise public page:
only confirmed participants and the secretariat see it, wherever it could appear.
"""

from django.utils.translation import gettext_lazy as _

from network.permissions import is_member, is_secretariat
from portal.workshops.models import Registration, Team, WorkshopPage, WorkshopSegment

# What each refusal says, wherever it is made (view or service).
MEMBERS_ONLY = _("Workshop registration is for members of the network.")
REGISTER_MEMBERS_ONLY = _("Only members of the network register for workshops.")
CALENDAR_MEMBERS_ONLY = _("Personal calendars are for members of the network.")
ALREADY_REGISTERED = _("You are already registered for this event.")
NOT_REGISTERED = _("You are not registered for this event.")
OWN_REGISTRATION_ONLY = _("You can only cancel your own registration.")
PARTICIPANTS_SECRETARIAT_ONLY = _("Only the secretariat sees the participants.")
ATTENDANCE_SECRETARIAT_ONLY = _("Only the secretariat records attendance.")
FEEDBACK_PARTICIPANTS_ONLY = _("Feedback is for the event's participants, once it has begun.")
TEAMS_PARTICIPANTS_ONLY = _("Teams are signed up by the event's registered participants.")
ALREADY_IN_TEAM = _("You are already in a team.")
SUBMISSIONS_CLOSED = _("Submissions are closed, or you are not in this team.")
NOT_IN_TEAM = _("Only the team's members or the secretariat can propose it.")
# Why registration is refused, by the workshop's registration_state().
REGISTRATION_REFUSALS = {
    "closed": _("Registration for this event is not on this site."),
    "not_yet": _("Registration has not opened yet."),
    "over": _("Registration for this event has closed."),
}


def can_register(user, workshop: WorkshopPage) -> bool:
    return is_member(user)


def can_attend_segment(user, segment: WorkshopSegment, office_id: int | None) -> bool:
    """Open segments are for every participant; the others for whom the secretariat invited.

    ``office_id`` is the office the person belongs to (their delegation).
    """
    if segment.is_open or is_secretariat(user):
        return True
    if not user.is_authenticated:
        return False
    invited_people = {person.pk for person in segment.invited_people.all()}
    invited_offices = {office.pk for office in segment.invited_offices.all()}
    return user.pk in invited_people or (office_id is not None and office_id in invited_offices)


def can_see_online_link(user, workshop: WorkshopPage, registration: Registration | None) -> bool:
    if is_secretariat(user):
        return True
    return (
        registration is not None
        and registration.user_id == user.pk
        and registration.workshop_id == workshop.pk
        and registration.is_confirmed
    )


def manages_registrations(user) -> bool:
    """Gives places, serves waiting lists and exports participants, for every workshop."""
    return is_secretariat(user)


def can_manage_registrations(user, workshop: WorkshopPage) -> bool:
    return manages_registrations(user)


def can_give_feedback(user, workshop: WorkshopPage, registration: Registration | None) -> bool:
    """Confirmed participants, once the event has started, unless marked absent."""
    return (
        registration is not None
        and registration.user_id == user.pk
        and registration.is_confirmed
        and registration.attended is not False
        and workshop.status() != "upcoming"
    )


def can_sign_up_team(user, workshop: WorkshopPage, registration: Registration | None) -> bool:
    return (
        workshop.is_hackathon
        and registration is not None
        and registration.user_id == user.pk
        and registration.is_confirmed
        and workshop.submissions_open()
    )


def can_edit_submission(user, team: Team) -> bool:
    return (
        user.is_authenticated
        and team.memberships.filter(user=user).exists()
        and team.workshop.submissions_open()
    )


def can_propose_to_catalogue(user, team: Team) -> bool:
    """A team's members, or the secretariat, propose its submission as a catalogue entry."""
    if is_secretariat(user):
        return True
    return user.is_authenticated and user.is_active and team.memberships.filter(user=user).exists()


def can_see_submissions(user, workshop: WorkshopPage) -> bool:
    """Teams' links and descriptions: for participants of the event and the secretariat."""
    if is_secretariat(user):
        return True
    return user.is_authenticated and workshop.registrations.confirmed().filter(user=user).exists()


def can_see_team_members(user) -> bool:
    """Who is in which team: for members, as the people directory is."""
    return is_member(user)
