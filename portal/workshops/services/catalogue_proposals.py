"""A hackathon team's submission proposed as a catalogue entry, in one step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue import services as catalogue_services
from catalogue.models import CatalogueEntryPage, CatalogueIndexPage
from network.models import OfficePage, User
from portal.workshops import permissions
from portal.workshops.models import Submission, Team


def team_office(team: Team, user: User) -> OfficePage | None:
    """The office that provides what the team built: the proposer's own office if they are
    in the team, else that of whoever signed the team up, else any member's."""
    offices = {
        membership.user_id: getattr(getattr(membership.user, "member", None), "office", None)
        for membership in team.memberships.select_related("user__member__office")
    }
    for user_id in (user.pk, team.created_by_id, *offices):
        office = offices.get(user_id)
        if office is not None and office.live:
            return office
    return None


def _catalogue_index(team: Team) -> CatalogueIndexPage | None:
    indexes = CatalogueIndexPage.objects.live().order_by("path")
    return indexes.filter(locale_id=team.workshop.locale_id).first() or indexes.first()


def submission_propose_to_catalogue(*, submission: Submission, user: User) -> CatalogueEntryPage:
    """A draft catalogue entry made from the submission, sent to the catalogue's review.

    Proposing again returns the draft (or entry) already made, as long as it exists.
    """
    team = submission.team
    if not permissions.can_propose_to_catalogue(user, team):
        raise PermissionDenied(permissions.NOT_IN_TEAM)
    with transaction.atomic():
        # One proposal at a time per submission: a double click makes one draft.
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.catalogue_entry_id is not None:
            existing = CatalogueEntryPage.objects.filter(pk=submission.catalogue_entry_id).first()
            if existing is not None:
                return existing
        office = team_office(team, user)
        if office is None:
            raise ValidationError(
                _("None of the team's members belongs to an office of the network.")
            )
        index = _catalogue_index(team)
        if index is None:
            raise ValidationError(_("The portal has no catalogue yet."))
        entry = catalogue_services.entry_draft_propose(
            index=index,
            office=office,
            user=user,
            title=team.name,
            text=submission.description,
            links=[(_("What the team built"), submission.link)],
        )
        submission.catalogue_entry = entry
        submission.save(update_fields=["catalogue_entry"])
    return entry
