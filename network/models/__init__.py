"""Who belongs to the network: accounts, member offices, their people, seats and assessments."""

from .accounts import AccountManager, Invitation, InvitationStatus, User
from .assessments import Assessment, AssessmentAnswer, AssessmentStatus
from .members import (
    Member,
    MemberRole,
    Nomination,
    NominationStatus,
    Seat,
    SeatTerm,
)
from .offices import (
    HostingModel,
    IPRight,
    OfficeIndexPage,
    OfficeKind,
    OfficePage,
    OfficeSystem,
    TeamSize,
)

__all__ = [
    "AccountManager",
    "Assessment",
    "AssessmentAnswer",
    "AssessmentStatus",
    "HostingModel",
    "IPRight",
    "Invitation",
    "InvitationStatus",
    "Member",
    "MemberRole",
    "Nomination",
    "NominationStatus",
    "OfficeIndexPage",
    "OfficeKind",
    "OfficePage",
    "OfficeSystem",
    "Seat",
    "SeatTerm",
    "TeamSize",
    "User",
]
