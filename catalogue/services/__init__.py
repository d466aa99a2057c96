"""Every change to the catalogue outside the page editor goes through here.

Each write checks who asks (catalogue.permissions), validates, saves, and only then tells
people: e-mails leave after the transaction commits (portal.emails.send_templated_email).
"""

from .entries import (
    ARCHIVED_AFTER_OUTDATED,
    OFFICE_GROUP_PREFIX,
    OUTDATED_AFTER,
    REMINDER_AFTER,
    REVIEW_TASK_NAME,
    REVIEW_WORKFLOW_NAME,
    FreshnessReport,
    adoption_delete,
    adoption_save,
    catalogue_access_sync,
    entry_confirm_current,
    freshness_for,
    freshness_owners,
    freshness_run,
    interest_set,
    office_group_catalogue_access,
    review_workflow_ensure,
)
from .proposals import entry_draft_propose
from .questions import (
    NO_CONSENT,
    QUESTIONS_PER_HOUR,
    provider_contacts,
    question_answer,
    question_ask,
    question_publish,
    question_share_consent,
    question_share_request,
    question_withdraw,
    questions_left_this_hour,
)

__all__ = [
    "ARCHIVED_AFTER_OUTDATED",
    "NO_CONSENT",
    "OFFICE_GROUP_PREFIX",
    "OUTDATED_AFTER",
    "QUESTIONS_PER_HOUR",
    "REMINDER_AFTER",
    "REVIEW_TASK_NAME",
    "REVIEW_WORKFLOW_NAME",
    "FreshnessReport",
    "adoption_delete",
    "adoption_save",
    "catalogue_access_sync",
    "entry_confirm_current",
    "entry_draft_propose",
    "freshness_for",
    "freshness_owners",
    "freshness_run",
    "interest_set",
    "office_group_catalogue_access",
    "provider_contacts",
    "question_answer",
    "question_ask",
    "question_publish",
    "question_share_consent",
    "question_share_request",
    "question_withdraw",
    "questions_left_this_hour",
    "review_workflow_ensure",
]
