"""Workshops and what members do around them: registrations, feedback, teams, calendars."""

from .choices import QuestionKind, SegmentAccess, WorkshopFormat, WorkshopKind, WorkshopStatus
from .hackathons import NOT_THIS_EVENTS_CHALLENGE, Submission, Team, TeamMembership
from .page_parts import HackathonChallenge, RegistrationQuestion, WorkshopSegment
from .pages import RESERVED_SLUGS, WorkshopIndexPage, WorkshopPage
from .registrations import (
    CalendarFeed,
    Feedback,
    Registration,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
)
from .speakers import Speaker

__all__ = [
    "NOT_THIS_EVENTS_CHALLENGE",
    "RESERVED_SLUGS",
    "CalendarFeed",
    "Feedback",
    "HackathonChallenge",
    "QuestionKind",
    "Registration",
    "RegistrationQuestion",
    "RegistrationStatus",
    "ReminderKind",
    "ReminderSent",
    "SegmentAccess",
    "Speaker",
    "Submission",
    "Team",
    "TeamMembership",
    "WorkshopFormat",
    "WorkshopIndexPage",
    "WorkshopKind",
    "WorkshopPage",
    "WorkshopSegment",
    "WorkshopStatus",
]
