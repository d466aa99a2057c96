"""The workshop listing with its calendar and feeds, and each workshop's own page.

Views below a workshop page are given the page the reader asked for (``page``, perhaps a
translation) and work on its ``original``, which registrations, teams and feedback
belong to.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponse

from network import permissions as network_permissions
from portal import fragment_cache
from portal.workshops import calendars, permissions, selectors, services
from portal.workshops.feeds import WorkshopAtomFeed, WorkshopRssFeed
from portal.workshops.forms import WorkshopFilterForm
from portal.workshops.models import WorkshopIndexPage, WorkshopPage, WorkshopSegment
from portal.workshops.who_is_coming import who_is_coming

PAST_PAGE_SIZE = 12


def _render(request, page, context: dict) -> HttpResponse:
    request.is_preview = getattr(request, "is_preview", False)
    return page.render(request, context_overrides=context)


# The listing and its feeds -----------------------------------------------------------------


def index_page(request, index: WorkshopIndexPage):
    """The listing: upcoming events, then past ones by page, with the reader's filters."""
    return _render(request, index, workshop_index_context(request, index))


def workshop_index_context(request, index: WorkshopIndexPage) -> dict:
    form = WorkshopFilterForm(request.GET or None, years=selectors.workshop_years(index))
    listing = selectors.workshop_listing(index, **form.filters())
    query_string = form.query_string()
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


def index_calendar(request, index: WorkshopIndexPage):
    """Every published workshop, for subscribing in a calendar app; never an online link."""
    text = calendars.calendar_text(selectors.feed_workshops(index), name=index.title)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="workshops.ics"'
    return response


def index_rss(request, index: WorkshopIndexPage):
    # A feed object per request: it keeps the index it lists while it renders.
    return WorkshopRssFeed()(request, index=index)


def index_atom(request, index: WorkshopIndexPage):
    return WorkshopAtomFeed()(request, index=index)


# The workshop page -------------------------------------------------------------------------


@dataclass
class SegmentRow:
    segment: WorkshopSegment
    may_attend: bool
    attending: bool


def _segment_rows(user, page, registration) -> list[SegmentRow]:
    """The segments as the page shows them, each with whether the reader may attend it and
    will; invitations and registrations refer to the original's segments."""
    office_id = selectors.member_office_id(user)
    attending = set()
    if registration is not None and registration.is_active:
        attending = set(registration.segments.values_list("pk", flat=True))
    return [
        SegmentRow(
            segment=pair.shown,
            may_attend=user.is_authenticated
            and permissions.can_attend_segment(user, pair.original, office_id),
            attending=pair.original.pk in attending,
        )
        for pair in selectors.translated_segments(page)
    ]


def workshop_page(request, workshop: WorkshopPage):
    """The event's page, with the reader's registration and what they may do."""
    return _render(request, workshop, workshop_page_context(request, workshop))


def workshop_page_context(request, workshop: WorkshopPage) -> dict:
    if workshop.pk is None:
        # A preview of a page not saved yet: its segments and challenges, nothing to look up.
        return {
            "registration_state": workshop.registration_state(),
            "segments": [SegmentRow(segment, False, False) for segment in workshop.segments.all()],
            "challenges": list(workshop.challenges.all()),
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
        "segments": _segment_rows(user, page, registration),
        "who_is_coming": _who_is_coming(request, workshop),
    }
    if workshop.capacity is not None:
        taken, _per_office = services.places_taken(workshop)
        context["places_left"] = max(workshop.capacity - taken, 0)
    if workshop.is_hackathon:
        context.update(_hackathon_context(user, page, registration))
    return context


def _who_is_coming(request, workshop: WorkshopPage):
    """The same for every visitor, and for every member: kept until a place changes hands
    (registrations purge what is kept, portal.fragment_cache)."""
    names = network_permissions.is_member(request.user)
    return fragment_cache.shared(
        request,
        "who_is_coming",
        lambda: who_is_coming(workshop, names=names),
        workshop.pk,
        names,
    )


def _hackathon_context(user, page: WorkshopPage, registration) -> dict:
    workshop = page.original
    teams = selectors.teams_shown_on(page)
    return {
        "challenges": [pair.shown for pair in selectors.translated_challenges(page)],
        "teams": teams,
        "winners": sorted(
            (team for team in teams if team.prize),
            key=lambda team: (team.prize_rank or 99, team.name),
        ),
        "my_team": selectors.team_of(user, workshop),
        "can_sign_up_team": permissions.can_sign_up_team(user, workshop, registration),
        "can_see_submissions": permissions.can_see_submissions(user, workshop),
        "can_see_team_members": permissions.can_see_team_members(user),
        "submission_deadline": workshop.submission_deadline(),
    }


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
