"""The secretariat's list of a workshop's participants: attendance, cancellations, export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from network.decorators import members_refusal
from portal.exports import csv_response
from portal.workshops import permissions, selectors, services
from portal.workshops.forms import AttendanceForm, RegistrationChoiceForm
from portal.workshops.models import WorkshopPage
from portal.workshops.views.rendering import form_status, page_response, posted


def _secretariat_only(request, workshop):
    if refusal := members_refusal(request, permissions.MEMBERS_ONLY):
        return refusal
    if not permissions.can_manage_registrations(request.user, workshop):
        raise PermissionDenied(permissions.PARTICIPANTS_SECRETARIAT_ONLY)
    return None


def workshop_participants(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    if refusal := _secretariat_only(request, workshop):
        return refusal
    registrations = list(selectors.participant_list(workshop))
    confirmed = [registration for registration in registrations if registration.is_confirmed]
    waiting = [registration for registration in registrations if registration.is_waiting]
    form = AttendanceForm(posted(request), registrations=confirmed)
    if request.method == "POST":
        cancellation = RegistrationChoiceForm(request.POST, workshop=workshop)
        if cancellation.is_requested():
            return _cancel_registration(request, cancellation)
        if form.is_valid():
            changed = services.registration_set_attendance(
                workshop=workshop, attendance=form.attendance(), recorded_by=request.user
            )
            messages.success(
                request, _("Attendance saved (%(count)d changed).") % {"count": changed}
            )
            return redirect(request.path)
    selectors.answered_questions(page, registrations)
    for registration in confirmed:
        registration.attendance_field = form[f"attended-{registration.pk}"]
    feedback = list(selectors.feedback_list(workshop))
    context = {
        "confirmed": confirmed,
        "waiting": waiting,
        "form": form,
        "feedback": feedback,
        "average_rating": (
            sum(item.rating for item in feedback) / len(feedback) if feedback else None
        ),
        "csv_url": workshop.route_url("participants_csv"),
        "segment_headcounts": selectors.segment_headcounts(page),
        "teams": selectors.teams_shown_on(page) if workshop.is_hackathon else [],
        "subpage_title": _("Participants"),
    }
    return page_response(
        request, page, "workshops/workshop_participants.html", context, form_status(form)
    )


def _cancel_registration(request, cancellation: RegistrationChoiceForm):
    if not cancellation.is_valid():
        raise Http404
    registration = cancellation.cleaned_data["cancel"]
    promoted = services.registration_cancel(registration=registration, cancelled_by=request.user)
    messages.success(
        request,
        _("Registration of %(name)s cancelled; %(count)d promoted from the waiting list.")
        % {"name": registration.user, "count": len(promoted)},
    )
    return redirect(request.path)


def workshop_participants_csv(request, workshop: WorkshopPage):
    workshop = workshop.original
    if refusal := _secretariat_only(request, workshop):
        return refusal
    return csv_response(
        selectors.participant_export_rows(workshop), f"participants-{workshop.slug}.csv"
    )
