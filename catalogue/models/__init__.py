"""The catalogue of ICT solutions and services that offices share and reuse."""

from .activity import (
    COUNTED_ADOPTION_STATUSES,
    Adoption,
    AdoptionStatus,
    Freshness,
    FreshnessState,
    Interest,
    Question,
)
from .pages import (
    AiRunsWhere,
    AiTask,
    BusinessProcess,
    CatalogueEntryPage,
    CatalogueEntryTag,
    CatalogueIndexPage,
    EntryKind,
    EntryLink,
    EntryRelease,
    EntryScreenshot,
    IntegrationEffort,
    Licence,
    Lifecycle,
    SharingTerms,
)
from .pilots import MilestoneStatus, Pilot, PilotMilestone, PilotStatus
from .reviews import CatalogueReviewTask, ChecklistItem, EntryReview, ReviewDecision
from .summaries import FacetCountSummary
from .taxonomies import DEPLOYMENT_MODELS, Category, DeploymentModel, WipoStandard

__all__ = [
    "MilestoneStatus",
    "Pilot",
    "PilotMilestone",
    "PilotStatus",
    "COUNTED_ADOPTION_STATUSES",
    "DEPLOYMENT_MODELS",
    "Adoption",
    "AdoptionStatus",
    "AiRunsWhere",
    "AiTask",
    "BusinessProcess",
    "CatalogueEntryPage",
    "CatalogueEntryTag",
    "CatalogueIndexPage",
    "CatalogueReviewTask",
    "Category",
    "ChecklistItem",
    "DeploymentModel",
    "EntryKind",
    "EntryLink",
    "EntryRelease",
    "EntryReview",
    "EntryScreenshot",
    "FacetCountSummary",
    "Freshness",
    "FreshnessState",
    "IntegrationEffort",
    "Interest",
    "Licence",
    "Lifecycle",
    "Question",
    "ReviewDecision",
    "SharingTerms",
    "WipoStandard",
]
