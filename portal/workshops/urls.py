"""The workshop routes: a member's own workshops, and those below the workshop pages."""

from django.urls import path

from portal.workshops.views import mine, pages, participants, registration, teams

app_name = "workshops"
urlpatterns = [
    path("", mine.my_workshops, name="mine"),
    path("calendar/new-address/", mine.my_calendar_renew, name="my_calendar_renew"),
    path("calendar/<str:token>.ics", mine.my_calendar, name="my_calendar"),
]

# Routed below the workshop index page (WorkshopIndexPage.subpage_urls). A workshop may not
# take these slugs (models.RESERVED_SLUGS).
workshop_index_urls = [
    path("", pages.index_page, name="index_route"),
    path("calendar/", pages.index_calendar, name="calendar"),
    path("feed/rss/", pages.index_rss, name="rss"),
    path("feed/atom/", pages.index_atom, name="atom"),
]

# Routed below each workshop page (WorkshopPage.subpage_urls).
workshop_page_urls = [
    path("", pages.workshop_page, name="index_route"),
    path("register/", registration.workshop_register, name="register"),
    path("cancel/", registration.workshop_cancel, name="cancel"),
    path("calendar/", pages.workshop_ics, name="calendar"),
    path("participants/", participants.workshop_participants, name="participants"),
    path("participants/export/", participants.workshop_participants_csv, name="participants_csv"),
    path("feedback/", registration.workshop_feedback, name="feedback"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:team_id>/submission/", teams.team_submission, name="team_submission"),
    path(
        "teams/<int:team_id>/propose/",
        teams.team_propose_to_catalogue,
        name="team_propose_to_catalogue",
    ),
]
