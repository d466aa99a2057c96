"""Who is coming to an event: the participants who chose to be listed, by name, office
and role, for members of the network; for everyone, how many come from each kind of
office (no names).

Only confirmed places count; a person on the waiting list or who cancelled is not coming.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from network.models import OfficeKind
from portal.workshops.models import Registration, WorkshopPage


@dataclass(frozen=True)
class Participant:
    name: str
    office: str
    role: str


@dataclass(frozen=True)
class WhoIsComing:
    """Who holds a place: by name for members (only those who chose to be listed), and for
    everyone how many come from each kind of office."""

    people: list[Participant]
    by_office_kind: list[tuple[str, int]]


def who_is_coming(workshop: WorkshopPage, *, names: bool) -> WhoIsComing:
    """In one query: for a visitor the confirmed places' office kinds only; for a member
    the listed participants' names, offices and roles as well."""
    confirmed = Registration.objects.confirmed().filter(workshop=workshop).order_by()
    if names:
        rows = confirmed.select_related("user__member", "office").order_by(
            "user__last_name", "user__first_name"
        )
        kinds = Counter(row.office.kind if row.office else None for row in rows)
        people = [
            Participant(
                row.user.get_full_name(),
                row.office.display_name if row.office else "",
                _member_role(row.user),
            )
            for row in rows
            if row.listed
        ]
    else:
        kinds = Counter(confirmed.values_list("office__kind", flat=True))
        people = []
    labels = dict(OfficeKind.choices)
    by_kind = [(str(labels[kind]), kinds[kind]) for kind in labels if kinds.get(kind)]
    if kinds.get(None):
        by_kind.append((str(_("No office")), kinds[None]))
    return WhoIsComing(people, by_kind)


def _member_role(user) -> str:
    member = getattr(user, "member", None)
    return member.get_role_display() if member else ""
