"""Hackathon teams: signing up a team and handing in its submission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.decorators import members_required
from portal.workshops import permissions, selectors, services
from portal.workshops.forms import SubmissionForm, TeamForm
from portal.workshops.models import Submission, Team, WorkshopPage
from portal.workshops.views.rendering import (
    add_service_errors,
    form_status,
    page_response,
    posted,
)


@members_required(message=permissions.MEMBERS_ONLY)
def team_create(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    if not workshop.is_hackathon:
        raise Http404
    registration = selectors.registration_for(request.user, workshop)
    if not permissions.can_sign_up_team(request.user, workshop, registration):
        raise PermissionDenied(permissions.TEAMS_PARTICIPANTS_ONLY)
    if selectors.team_of(request.user, workshop) is not None:
        messages.info(request, permissions.ALREADY_IN_TEAM)
        return redirect(page.url)
    form = TeamForm(
        posted(request),
        workshop=workshop,
        challenges=selectors.translated_challenges(page),
        free_participants=selectors.free_participants(workshop, exclude_user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.team_create(
                workshop=workshop,
                name=data["name"],
                challenge=data["challenge"],
                members=data["members"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Team %(name)s is signed up.") % {"name": team.name})
            return redirect(page.url + "#teams")
    context = {"form": form, "subpage_title": _("Sign up a team")}
    return page_response(request, page, "workshops/team_form.html", context, form_status(form))


@members_required(message=permissions.MEMBERS_ONLY)
def team_submission(request, workshop: WorkshopPage, team_id: int):
    page, workshop = workshop, workshop.original
    team = get_object_or_404(Team, pk=team_id, workshop=workshop)
    if not permissions.can_edit_submission(request.user, team):
        raise PermissionDenied(permissions.SUBMISSIONS_CLOSED)
    existing = getattr(team, "submission", None)
    initial = {"link": existing.link, "description": existing.description} if existing else None
    form = SubmissionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.submission_save(team=team, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your team's submission is saved."))
        return redirect(page.url + "#teams")
    context = {
        "form": form,
        "team": team,
        "submission_deadline": workshop.submission_deadline(),
        "subpage_title": _("Submission of %(team)s") % {"team": team.name},
    }
    return page_response(
        request, page, "workshops/team_submission.html", context, form_status(form)
    )


@require_POST
@members_required(message=permissions.MEMBERS_ONLY)
def team_propose_to_catalogue(request, workshop: WorkshopPage, team_id: int):
    """Propose the team's submission as a catalogue entry: a draft sent to review."""
    page, workshop = workshop, workshop.original
    team = get_object_or_404(Team, pk=team_id, workshop=workshop)
    submission = get_object_or_404(Submission, team=team)
    if not permissions.can_propose_to_catalogue(request.user, team):
        raise PermissionDenied(permissions.NOT_IN_TEAM)
    try:
        entry = services.submission_propose_to_catalogue(submission=submission, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(page.url + "#teams")
    messages.success(
        request,
        _(
            "%(title)s is proposed for the catalogue as a draft. The secretariat reviews it "
            "before it is published."
        )
        % {"title": entry.title},
    )
    return redirect(page.url + "#teams")
