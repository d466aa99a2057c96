"""Who may do what with catalogue entries: the one set of rules every entry point asks.

- visitors and members see published, public entries (archived ones by their link only);
- office representatives propose entries for their own office in the admin, record their
  office's use of an entry, confirm their office's entries are current, answer questions
  about them, and see who is interested in reusing them;
- members ask providers questions and say they are interested in reusing an entry;
- the secretariat may do everything.
"""

from network.permissions import (
    is_member,
    is_office_representative,
    is_secretariat,
    represented_office_ids,
)


def may_propose_for_any_office(user) -> bool:
    return is_secretariat(user)


def proposable_office_ids(user) -> set[int]:
    return represented_office_ids(user)


def provider_office_ids(entry) -> set[int]:
    # Read once per entry object: a page asks several rules about the same entry.
    cached = getattr(entry, "_catalogue_provider_office_ids", None)
    if cached is None:
        cached = {office.pk for office in entry.provider_offices.all()}
        entry._catalogue_provider_office_ids = cached
    return cached


def is_provider(user, entry) -> bool:
    """Represents one of the offices that provide the entry, or is its contact."""
    if not (user.is_authenticated and user.is_active):
        return False
    if entry.contact_member_id and entry.contact_member.user_id == user.pk:
        return True
    return bool(represented_office_ids(user) & provider_office_ids(entry))


def can_confirm_current(user, entry) -> bool:
    return is_secretariat(user) or is_provider(user, entry)


def can_see_interest(user, entry) -> bool:
    return is_secretariat(user) or is_provider(user, entry)


def adoption_offices(user):
    """The offices for which this person may say "our office uses this"."""
    from network.models import OfficePage

    return OfficePage.objects.live().filter(pk__in=represented_office_ids(user)).order_by("title")


def can_record_adoption(user, office) -> bool:
    return is_secretariat(user) or is_office_representative(user, office)


def can_express_interest(user) -> bool:
    return is_member(user)


def can_ask(user) -> bool:
    return is_member(user)


def can_answer(user, question) -> bool:
    return is_secretariat(user) or is_provider(user, question.entry)


def can_consent_to_share(user, question) -> bool:
    """Only the person who asked agrees to share their question, or takes it back."""
    return user.is_authenticated and question.asked_by_id == user.pk


def can_read_shared_answers(user) -> bool:
    """Published answers are for members, as the questions are asked among them."""
    return is_member(user)
