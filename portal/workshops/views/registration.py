"""Registering for a workshop, cancelling, and the feedback after it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.decorators import members_required
from portal.workshops import permissions, selectors, services
from portal.workshops.forms import FeedbackForm, RegistrationForm
from portal.workshops.models import Registration, WorkshopPage
from portal.workshops.views.rendering import (
    add_service_errors,
    form_status,
    page_response,
    posted,
)


@members_required(message=permissions.MEMBERS_ONLY)
def workshop_register(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if registration is not None and registration.is_active:
        messages.info(request, permissions.ALREADY_REGISTERED)
        return redirect(page.url)
    form = RegistrationForm(
        posted(request),
        questions=selectors.translated_questions(page),
        segments=selectors.translated_segments_open_to(request.user, page),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                workshop=workshop,
                user=request.user,
                answers=form.answers(),
                segments=form.chosen_segments(),
                listed=form.cleaned_data["listed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _registered_message(registration))
            return redirect(page.url)
    context = {
        "form": form,
        "registration_state": workshop.registration_state(),
        "subpage_title": _("Register"),
    }
    return page_response(
        request, page, "workshops/workshop_register.html", context, form_status(form)
    )


def _registered_message(registration: Registration) -> str:
    if registration.is_confirmed:
        return _(
            "You are registered. We have e-mailed you a confirmation with the event "
            "for your calendar."
        )
    return _(
        "The event is full, so you are on the waiting list (number %(position)d). "
        "We will e-mail you if a place frees up."
    ) % {"position": services.waiting_position(registration)}


@require_POST
@members_required(message=permissions.MEMBERS_ONLY)
def workshop_cancel(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if registration is None or not registration.is_active:
        messages.info(request, permissions.NOT_REGISTERED)
        return redirect(page.url)
    services.registration_cancel(registration=registration, cancelled_by=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)


@members_required(message=permissions.MEMBERS_ONLY)
def workshop_feedback(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if not permissions.can_give_feedback(request.user, workshop, registration):
        raise PermissionDenied(permissions.FEEDBACK_PARTICIPANTS_ONLY)
    existing = getattr(registration, "feedback", None)
    form = FeedbackForm(posted(request), instance=existing)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(registration=registration, user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect(page.url)
    context = {"form": form, "subpage_title": _("Feedback")}
    return page_response(
        request, page, "workshops/workshop_feedback.html", context, form_status(form)
    )
