"""Pilots are for the members of the network: every member reads them; an office's
representatives record pilots their office leads and keep those it takes part in; the
secretariat may do everything."""

from network.permissions import is_member, is_secretariat, represented_office_ids


def can_read(user) -> bool:
    return is_member(user)


def lead_office_ids(user) -> set[int] | None:
    """The offices this person may record a pilot for; None for every office."""
    return None if is_secretariat(user) else represented_office_ids(user)


def can_record(user) -> bool:
    offices = lead_office_ids(user)
    return offices is None or bool(offices)


def can_edit(user, pilot) -> bool:
    if is_secretariat(user):
        return True
    taking_part = {pilot.lead_office_id, *(office.pk for office in pilot.offices.all())}
    return bool(represented_office_ids(user) & taking_part)
