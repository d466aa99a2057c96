"""Offices: who holds their seats, and the Wagtail group and image collection that follow."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from network import permissions
from network.models import Member, OfficePage, Seat, SeatTerm, User
from network.signals import office_group_synced


def seat_assign(
    *, office: OfficePage, user: User, seat: str, confirmed_by: User | None
) -> SeatTerm:
    """Give ``user`` the seat; whoever held it before steps down today, keeping the history."""
    today = timezone.localdate()
    with transaction.atomic():
        current = SeatTerm.objects.select_for_update().current().filter(office=office)
        ending = current.filter(user=user)
        if seat == Seat.PRINCIPAL:
            ending = ending | current.filter(seat=Seat.PRINCIPAL)
        ending.update(ended_on=today)
        term = SeatTerm.objects.create(
            office=office, user=user, seat=seat, started_on=today, confirmed_by=confirmed_by
        )
        Member.objects.filter(user=user).update(office=office)
        office_group_sync(office=office)
    permissions.forget_cached_roles(user)
    return term


def seat_end(*, term: SeatTerm, ended_on: datetime.date | None = None) -> SeatTerm:
    """The holder leaves the seat (today unless said otherwise): the term stays in the
    seat's history and they leave the office's group, so lose its editing rights."""
    today = timezone.localdate()
    ended_on = ended_on or today
    if ended_on < term.started_on:
        raise ValidationError({"ended_on": _("A term cannot end before it started.")})
    if ended_on > today:
        # The office's group follows the terms without an end, so an end is never ahead.
        raise ValidationError({"ended_on": _("A term ends today at the latest.")})
    with transaction.atomic():
        term = SeatTerm.objects.select_for_update().get(pk=term.pk)
        term.ended_on = ended_on
        term.save(update_fields=["ended_on"])
        office_group_sync(office=term.office)
    permissions.forget_cached_roles(term.user)
    return term


OFFICES_COLLECTION = "Offices"


def office_collection(*, office: OfficePage) -> Collection:
    """The image collection of one office (its logo, screenshots of its catalogue entries),
    under the "Offices" collection; created when first needed."""
    root = Collection.get_first_root_node()
    offices = root.get_children().filter(name=OFFICES_COLLECTION).first()
    if offices is None:
        offices = root.add_child(name=OFFICES_COLLECTION)
    name = f"{office.code} · {office.title}"[:255]
    children = offices.get_children()
    collection = children.filter(name__startswith=f"{office.code} · ").first()
    if collection is None:
        collection = offices.add_child(name=name)
    elif collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def office_images_ensure(*, office: OfficePage, group: Group) -> None:
    """The office's representatives upload, edit and choose images in its own collection
    only, for the office page and the catalogue entries they propose."""
    collection = office_collection(office=office)
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )


def office_group_sync(*, office: OfficePage) -> Group:
    """The office's Wagtail group: may edit this office's page, holds its current seats."""
    group = Group.objects.get_or_create(name=permissions.office_group_name(office))[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=office,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    holders = User.objects.filter(
        pk__in=SeatTerm.objects.current().filter(office=office).values("user")
    )
    group.user_set.set(holders)
    office_images_ensure(office=office, group=group)
    # The catalogue lets representatives propose their office's entries for review.
    office_group_synced.send(sender=OfficePage, office=office, group=group)
    return group
