"""The report's sections, one function each: ``(period) -> Section`` (portal/reports/report.py)."""

from portal.reports.selectors.catalogue import adoption_between_regions, catalogue_activity
from portal.reports.selectors.network import maturity_over_years, offices_and_members
from portal.reports.selectors.participation import (
    consultation_participation,
    events_by_region,
    taskforce_activity,
)
from portal.reports.selectors.surveys import survey_participation

__all__ = [
    "adoption_between_regions",
    "catalogue_activity",
    "consultation_participation",
    "events_by_region",
    "maturity_over_years",
    "offices_and_members",
    "survey_participation",
    "taskforce_activity",
]
