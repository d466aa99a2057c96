"""A forum thread behaves as a task-force thread does, for every member of the network:
the task-force suite's checks of posting, editing, mentions, replies, watch levels,
unread counts, attachments, moderation, notifications and access, run on the forum
(conftest.forum_workspace), where Mo Member never joined."""

import pytest

from tests.taskforces import (
    test_access,
    test_header_links,
    test_mentions,
    test_moderation,
    test_notifications,
    test_post_rules,
    test_threads,
)
from tests.taskforces.suite_reuse import forum_in_place_of_taskforce, reuse

pytestmark = pytest.mark.django_db

workspace = forum_in_place_of_taskforce()

# Checks of what the forum has not: leaving it (one leaves the network instead, see
# test_forum.py) and the task force's own title in a message.
TASKFORCE_ONLY = {
    "test_people_who_left_no_longer_see_the_task_forces_notifications",
    "test_the_digest_leaves_out_task_forces_the_person_left",
    "test_the_digest_goes_once_a_day_with_everything_new",
    "test_a_chair_moves_a_thread_to_another_task_force_they_chair",
}

reuse(
    globals(),
    test_threads,
    test_access,
    test_mentions,
    test_moderation,
    test_notifications,
    test_post_rules,
    test_header_links,
    skip=TASKFORCE_ONLY,
)
