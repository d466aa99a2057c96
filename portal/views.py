"""Workshop views: the listing, the page, registration, calendars, participants, teams.

The pages route here (portal/models/workshops.py); each view asks portal.permissions
before it reads or writes anything, and writes only through portal.services. Views are
given the page the reader asked for (``page``, perhaps a translation) and work on its
``original``, which registrations, teams and feedback belong to.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import permissions as network_permissions
from network.decorators import members_refusal, members_required
from portal import calendars, permissions, selectors, services
from portal.exports import csv_response
from portal.forms import (
    AttendanceForm,
    FeedbackForm,
    RegistrationChoiceForm,
    RegistrationForm,
    SubmissionForm,
    TeamForm,
    WorkshopFilterForm,
)
from portal.models import (
    CalendarFeed,
    Team,
    WorkshopIndexPage,
    WorkshopPage,
    WorkshopSegment,
)

PAST_PAGE_SIZE = 12
MEMBERS_ONLY = _("Workshop registration is for members of the network.")


def _posted(request):
    """The submitted data, even when empty, so that a POST always validates."""
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


# Listing and feeds -------------------------------------------------------------------------


def workshop_index_context(request, index: WorkshopIndexPage) -> dict:
    form = WorkshopFilterForm(request.GET or None, years=selectors.workshop_years(index))
    listing = selectors.workshop_listing(index, **form.filters())
    query_string = ""
    if form.is_bound and form.is_valid():
        query_string = urlencode(
            {key: value for key, value in request.GET.items() if key != "page" and value}
        )
    return {
        "filter_form": form,
        "filtered": bool(query_string),
        "upcoming": listing.upcoming,
        "past": Paginator(listing.past, PAST_PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": query_string,
        "calendar_url": index.url + index.reverse_subpage("calendar"),
        "rss_url": index.url + index.reverse_subpage("rss"),
        "atom_url": index.url + index.reverse_subpage("atom"),
        "reader_zone": selectors.reader_time_zone(request.user),
    }


def workshop_feed_ics(request, index: WorkshopIndexPage):
    """Every published workshop, for subscribing in a calendar app; never an online link."""
    text = calendars.calendar_text(selectors.feed_workshops(index), name=index.title)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="workshops.ics"'
    return response


# The workshop page -------------------------------------------------------------------------


@dataclass
class SegmentRow:
    segment: WorkshopSegment
    may_attend: bool
    attending: bool


def _segment_rows(user, page, workshop, registration) -> list[SegmentRow]:
    """The page's segments, each with whether the reader may attend it and will.

    A translation shows its own copies of the segments, in the same order as the
    original's, which registrations and invitations refer to.
    """
    shown = list(page.segments.all())
    originals = selectors.segments(workshop)
    if len(shown) != len(originals):
        shown = originals
    open_to_reader = {segment.pk for segment in selectors.segments_open_to(user, workshop)}
    attending = set()
    if registration is not None and registration.is_active:
        attending = set(registration.segments.values_list("pk", flat=True))
    return [
        SegmentRow(
            segment=segment,
            may_attend=user.is_authenticated and original.pk in open_to_reader,
            attending=original.pk in attending,
        )
        for segment, original in zip(shown, originals, strict=True)
    ]


def workshop_page_context(request, workshop: WorkshopPage) -> dict:
    if workshop.pk is None:
        # A preview of a page not saved yet: its segments, and nothing to look up.
        return {
            "registration_state": workshop.registration_state(),
            "segments": [SegmentRow(segment, False, False) for segment in workshop.segments.all()],
        }
    page, workshop = workshop, workshop.original
    user = request.user
    registration = selectors.registration_for(user, workshop)
    reader_zone = selectors.reader_time_zone(user)
    context = {
        "registration": registration,
        "registration_state": workshop.registration_state(),
        "waiting_position": services.waiting_position(registration) if registration else None,
        "show_online_link": permissions.can_see_online_link(user, workshop, registration),
        "can_manage": permissions.can_manage_registrations(user, workshop),
        "can_give_feedback": permissions.can_give_feedback(user, workshop, registration),
        "reader_zone": reader_zone if reader_zone and reader_zone != workshop.zone else None,
        "google_calendar_url": calendars.google_calendar_url(page),
        "outlook_calendar_url": calendars.outlook_calendar_url(page),
        "materials_first": page.is_past and bool(page.materials),
        "segments": _segment_rows(user, page, workshop, registration),
    }
    if workshop.capacity is not None:
        taken, _per_office = services.places_taken(workshop)
        context["places_left"] = max(workshop.capacity - taken, 0)
    if workshop.is_hackathon:
        teams = list(selectors.teams(workshop))
        context.update(
            {
                "teams": teams,
                "winners": sorted(
                    (team for team in teams if team.prize),
                    key=lambda team: (team.prize_rank or 99, team.name),
                ),
                "my_team": selectors.team_of(user, workshop),
                "can_sign_up_team": permissions.can_sign_up_team(user, workshop, registration),
                "can_see_submissions": permissions.can_see_submissions(user, workshop),
                "submission_deadline": workshop.submission_deadline(),
            }
        )
    return context


def _page_response(request, workshop, template, context, status=200):
    context = {"page": workshop, "self": workshop, **context}
    return TemplateResponse(request, template, context, status=status)


@members_required(message=MEMBERS_ONLY)
def workshop_register(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if registration is not None and registration.is_active:
        messages.info(request, _("You are already registered for this event."))
        return redirect(page.url)
    form = RegistrationForm(
        _posted(request),
        questions=selectors.questions(workshop),
        segments=selectors.segments_open_to(request.user, workshop),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                workshop=workshop,
                user=request.user,
                answers=form.answers(),
                segments=form.chosen_segments(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if registration.is_confirmed:
                messages.success(
                    request,
                    _(
                        "You are registered. We have e-mailed you a confirmation with the event "
                        "for your calendar."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The event is full, so you are on the waiting list (number %(position)d). "
                        "We will e-mail you if a place frees up."
                    )
                    % {"position": services.waiting_position(registration)},
                )
            return redirect(page.url)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "registration_state": workshop.registration_state(),
        "subpage_title": _("Register"),
    }
    return _page_response(request, page, "portal/workshop_register.html", context, status)


@require_POST
@members_required(message=MEMBERS_ONLY)
def workshop_cancel(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if registration is None or not registration.is_active:
        messages.info(request, _("You are not registered for this event."))
        return redirect(page.url)
    services.registration_cancel(registration=registration, cancelled_by=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(page.url)


def workshop_ics(request, workshop: WorkshopPage):
    """The event for a calendar; the online link only in a confirmed participant's copy."""
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    personal = permissions.can_see_online_link(request.user, workshop, registration)
    text = calendars.workshop_ics(page, include_online_link=personal)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    if personal:
        response["Cache-Control"] = "private, no-store"
    return response


# The secretariat's list of participants ----------------------------------------------------


def _secretariat_only(request, workshop):
    if refusal := members_refusal(request, MEMBERS_ONLY):
        return refusal
    if not permissions.can_manage_registrations(request.user, workshop):
        raise PermissionDenied(_("Only the secretariat sees the participants."))
    return None


def workshop_participants(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    if refusal := _secretariat_only(request, workshop):
        return refusal
    registrations = list(selectors.participant_list(workshop))
    confirmed = [registration for registration in registrations if registration.is_confirmed]
    waiting = [registration for registration in registrations if registration.is_waiting]
    form = AttendanceForm(_posted(request), registrations=confirmed)
    if request.method == "POST":
        if "cancel" in request.POST:
            chosen = RegistrationChoiceForm(request.POST, workshop=workshop)
            if not chosen.is_valid():
                raise Http404
            registration = chosen.cleaned_data["cancel"]
            promoted = services.registration_cancel(
                registration=registration, cancelled_by=request.user
            )
            messages.success(
                request,
                _("Registration of %(name)s cancelled; %(count)d promoted from the waiting list.")
                % {"name": registration.user, "count": len(promoted)},
            )
            return redirect(request.path)
        if form.is_valid():
            changed = services.registration_set_attendance(
                workshop=workshop, attendance=form.attendance(), recorded_by=request.user
            )
            messages.success(
                request, _("Attendance saved (%(count)d changed).") % {"count": changed}
            )
            return redirect(request.path)
    selectors.answered_questions(workshop, registrations)
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
        "segment_headcounts": selectors.segment_headcounts(workshop),
        "teams": list(selectors.teams(workshop)) if workshop.is_hackathon else [],
        "subpage_title": _("Participants"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return _page_response(request, page, "portal/workshop_participants.html", context, status)


def workshop_participants_csv(request, workshop: WorkshopPage):
    workshop = workshop.original
    if refusal := _secretariat_only(request, workshop):
        return refusal
    return csv_response(
        selectors.participant_export_rows(workshop), f"participants-{workshop.slug}.csv"
    )


# After the event ---------------------------------------------------------------------------


@members_required(message=MEMBERS_ONLY)
def workshop_feedback(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    registration = selectors.registration_for(request.user, workshop)
    if not permissions.can_give_feedback(request.user, workshop, registration):
        raise PermissionDenied(_("Feedback is for the event's participants, once it has begun."))
    existing = getattr(registration, "feedback", None)
    form = FeedbackForm(_posted(request), instance=existing)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(registration=registration, user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect(page.url)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "subpage_title": _("Feedback")}
    return _page_response(request, page, "portal/workshop_feedback.html", context, status)


# Hackathons --------------------------------------------------------------------------------


@members_required(message=MEMBERS_ONLY)
def team_create(request, workshop: WorkshopPage):
    page, workshop = workshop, workshop.original
    if not workshop.is_hackathon:
        raise Http404
    registration = selectors.registration_for(request.user, workshop)
    if not permissions.can_sign_up_team(request.user, workshop, registration):
        raise PermissionDenied(_("Teams are signed up by the event's registered participants."))
    if selectors.team_of(request.user, workshop) is not None:
        messages.info(request, _("You are already in a team."))
        return redirect(page.url)
    form = TeamForm(
        _posted(request),
        workshop=workshop,
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
            _add_errors(form, error)
        else:
            messages.success(request, _("Team %(name)s is signed up.") % {"name": team.name})
            return redirect(page.url + "#teams")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "subpage_title": _("Sign up a team")}
    return _page_response(request, page, "portal/team_form.html", context, status)


@members_required(message=MEMBERS_ONLY)
def team_submission(request, workshop: WorkshopPage, team_id: int):
    page, workshop = workshop, workshop.original
    team = get_object_or_404(Team, pk=team_id, workshop=workshop)
    if not permissions.can_edit_submission(request.user, team):
        raise PermissionDenied(_("Submissions are closed, or you are not in this team."))
    existing = getattr(team, "submission", None)
    initial = {"link": existing.link, "description": existing.description} if existing else None
    form = SubmissionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.submission_save(team=team, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your team's submission is saved."))
        return redirect(page.url + "#teams")
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "team": team,
        "submission_deadline": workshop.submission_deadline(),
        "subpage_title": _("Submission of %(team)s") % {"team": team.name},
    }
    return _page_response(request, page, "portal/team_submission.html", context, status)


# A person's own workshops ------------------------------------------------------------------


@members_required(message=MEMBERS_ONLY)
def my_workshops(request):
    mine = selectors.my_registrations(request.user)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("workshops:my_calendar", args=[feed.token]))
        if feed
        else None
    )
    context = {
        "upcoming": [item for item in mine if not item.workshop.is_past],
        "past": [item for item in reversed(mine) if item.workshop.is_past],
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://")
        if feed_url
        else None,
        "reader_zone": selectors.reader_time_zone(request.user),
        "index": WorkshopIndexPage.objects.live().first(),
    }
    return TemplateResponse(request, "portal/my_workshops.html", context)


@require_POST
@members_required(message=MEMBERS_ONLY)
def my_calendar_renew(request):
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    services.calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works.")
        if had_one
        else _("Your calendar address is ready: add it to your calendar app."),
    )
    return redirect("workshops:mine")


def my_calendar(request, token: str):
    """The person's registered events, fetched by calendar apps without signing in."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active or not network_permissions.is_member(feed.user):
        raise Http404
    registrations = [item.registration for item in selectors.my_registrations(feed.user)]
    text = calendars.personal_calendar_text(
        registrations, name=_("My workshops · IP Offices ICT Network")
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-workshops.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
