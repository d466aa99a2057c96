"""A member's own workshops and their personal calendar, at /my/workshops/."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import permissions as network_permissions
from network.decorators import members_required
from portal import calendar_feeds
from portal.workshops import calendars, permissions, selectors, services
from portal.workshops.models import CalendarFeed, WorkshopIndexPage


@members_required(message=permissions.MEMBERS_ONLY)
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
    return TemplateResponse(request, "workshops/my_workshops.html", context)


@require_POST
@members_required(message=permissions.MEMBERS_ONLY)
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
    """The person's registered events and their task forces' meetings
    (portal.calendar_feeds), fetched by calendar apps without signing in."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active or not network_permissions.is_member(feed.user):
        raise Http404
    registrations = [item.registration for item in selectors.my_registrations(feed.user)]
    text = calendars.personal_calendar_text(
        registrations,
        name=_("My workshops · IP Offices ICT Network"),
        extra=calendar_feeds.events_for(feed.user),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-workshops.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
