"""The portal's publishing pages, what members do around workshops, and shared taxonomies."""

from .background import FailedTask, FailedTaskStatus
from .hackathons import Submission, Team, TeamMembership
from .news import NewsArticlePage, NewsIndexPage
from .pages import HomePage, StandardPage
from .registrations import (
    CalendarFeed,
    Feedback,
    Registration,
    RegistrationStatus,
    ReminderKind,
    ReminderSent,
)
from .speakers import Speaker
from .taxonomies import Language, Region
from .workshops import (
    HackathonChallenge,
    RegistrationQuestion,
    WorkshopIndexPage,
    WorkshopPage,
    WorkshopSegment,
)

__all__ = [
    "CalendarFeed",
    "FailedTask",
    "FailedTaskStatus",
    "Feedback",
    "HackathonChallenge",
    "HomePage",
    "Language",
    "NewsArticlePage",
    "NewsIndexPage",
    "Region",
    "Registration",
    "RegistrationQuestion",
    "RegistrationStatus",
    "ReminderKind",
    "ReminderSent",
    "Speaker",
    "StandardPage",
    "Submission",
    "Team",
    "TeamMembership",
    "WorkshopIndexPage",
    "WorkshopPage",
    "WorkshopSegment",
]
