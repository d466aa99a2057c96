"""Every change to workshop registrations, feedback, reminders and hackathon teams."""

from .catalogue_proposals import submission_propose_to_catalogue
from .registrations import (
    calendar_feed_renew,
    feedback_submit,
    lock_workshop,
    places_taken,
    reader_zone_name,
    registration_cancel,
    registration_create,
    registration_set_attendance,
    registrations_fill_places,
    waiting_position,
)
from .reminders import FEEDBACK_WINDOW, reminders_send
from .teams import submission_save, team_create

__all__ = [
    "FEEDBACK_WINDOW",
    "calendar_feed_renew",
    "feedback_submit",
    "lock_workshop",
    "places_taken",
    "reader_zone_name",
    "registration_cancel",
    "registration_create",
    "registration_set_attendance",
    "registrations_fill_places",
    "reminders_send",
    "submission_propose_to_catalogue",
    "submission_save",
    "team_create",
    "waiting_position",
]
