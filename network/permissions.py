"""Who may do what in the network: the one set of rules every entry point asks.

Roles:
- visitors (not signed in) read public pages;
- members (anyone with an account and a network profile) read members-only content:
  people, contact details, offices' maturity profiles;
- office representatives (the office's head of ICT and deputy, by their current seat)
  edit their own office's page and self-assessment and answer for their office;
- the secretariat (the "Secretariat" group, or a superuser) may do everything.

Wagtail's own page permissions for office representatives are kept in step with seats by
network.services (one group per office); these functions are the source of truth.
"""

from network.models import Member, OfficePage, Seat, SeatTerm
from network.models.accounts import SECRETARIAT_GROUP  # noqa: F401  (the rules name it here)

MEMBERS_GROUP = "Members"


def office_group_name(office: OfficePage) -> str:
    """The Wagtail group whose members may edit this office's page in the admin."""
    return f"Office representatives: {office.code}"


def is_secretariat(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if getattr(user, "_portal_is_secretariat", None) is None:
        user._read_reader_facts()
    return user._portal_is_secretariat


def is_member(user) -> bool:
    """Signed in with an active account that belongs to the network."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_secretariat(user):
        return True
    if getattr(user, "_portal_is_member", None) is None:
        user._read_reader_facts()
    return user._portal_is_member


def _current_seats(user) -> dict[int, str]:
    """Office id to seat for the offices this person currently represents."""
    if not (user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, "_portal_seats", None)
    if cached is None:
        cached = dict(SeatTerm.objects.current().filter(user=user).values_list("office_id", "seat"))
        user._portal_seats = cached
    return cached


def forget_cached_roles(user) -> None:
    """After a change of seat or group in this request, ask the database again."""
    for attribute in (
        "_portal_is_secretariat",
        "_portal_is_member",
        "_portal_may_use_admin",
        "_portal_seats",
    ):
        if hasattr(user, attribute):
            delattr(user, attribute)


def represented_office_ids(user) -> set[int]:
    return set(_current_seats(user))


def is_office_representative(user, office: OfficePage) -> bool:
    return office.pk in _current_seats(user)


def is_office_head(user, office: OfficePage) -> bool:
    return _current_seats(user).get(office.pk) == Seat.PRINCIPAL


def can_see_people(user) -> bool:
    return is_member(user)


def can_see_contact_details(user, member: Member) -> bool:
    if not is_member(user):
        return False
    return member.list_contact_details or member.user_id == user.pk or is_secretariat(user)


def can_edit_office(user, office: OfficePage) -> bool:
    return is_secretariat(user) or is_office_representative(user, office)


def can_view_assessments(user, office: OfficePage) -> bool:
    """The office's maturity section: the medians it is compared with, for every member."""
    return is_member(user)


def is_office_member(user, office: OfficePage) -> bool:
    """A member of the network who works for this office (or represents it)."""
    if not is_member(user):
        return False
    return user.member_office_id == office.pk or is_office_representative(user, office)


def can_see_office_scores(user, office: OfficePage, assessment=None) -> bool:
    """An office's exact maturity scores: its own people and the secretariat always; the
    other members only when the office shares ``assessment``; visitors never."""
    if is_secretariat(user) or is_office_member(user, office):
        return True
    return bool(assessment is not None and assessment.shared_with_members and is_member(user))


def can_share_scores(user, office: OfficePage) -> bool:
    """Whether the office shares its scores is the office's choice: its head of ICT or
    deputy decides, not the secretariat."""
    return is_office_representative(user, office)


def can_edit_assessment(user, office: OfficePage) -> bool:
    return is_secretariat(user) or is_office_representative(user, office)


def can_export_assessments(user) -> bool:
    return is_secretariat(user)


def can_find_partners(user, office: OfficePage) -> bool:
    return can_edit_office(user, office)


def can_nominate(user, office: OfficePage) -> bool:
    return is_secretariat(user) or is_office_head(user, office)


def can_review_nominations(user) -> bool:
    return is_secretariat(user)


def can_invite(user) -> bool:
    return is_secretariat(user)
