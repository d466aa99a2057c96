"""Every change to the network's people, seats and assessments goes through here.

``from network import services; services.seat_assign(...)``: the functions live in one
module per kind of thing and are re-exported here.
"""

from network.services.accounts import (
    InvitationUnusable,
    invitation_accept,
    invitation_create,
    invitation_find,
    sessions_end_everywhere,
)
from network.services.assessments import (
    AnswerData,
    assessment_for,
    assessment_save,
    assessment_sharing_set,
)
from network.services.members import profile_update
from network.services.nominations import (
    nomination_confirm,
    nomination_create,
    nomination_decline,
)
from network.services.offices import (
    OFFICES_COLLECTION,
    office_collection,
    office_group_sync,
    office_images_ensure,
    seat_assign,
    seat_end,
)

__all__ = [
    "OFFICES_COLLECTION",
    "AnswerData",
    "InvitationUnusable",
    "assessment_for",
    "assessment_save",
    "assessment_sharing_set",
    "invitation_accept",
    "invitation_create",
    "invitation_find",
    "nomination_confirm",
    "nomination_create",
    "nomination_decline",
    "office_collection",
    "office_group_sync",
    "office_images_ensure",
    "profile_update",
    "seat_assign",
    "seat_end",
    "sessions_end_everywhere",
]
