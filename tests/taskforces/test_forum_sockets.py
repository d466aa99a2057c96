"""The forum's live updates are the task forces': the consumer and live-count checks of
the task-force suite, run on the forum with a member who never joined."""

import pytest

from tests.taskforces import test_consumers, test_live_counts
from tests.taskforces.suite_reuse import forum_in_place_of_taskforce, reuse

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

workspace = forum_in_place_of_taskforce()

# Nobody leaves the forum: one leaves the network (test_forum.py).
reuse(
    globals(),
    test_consumers,
    test_live_counts,
    skip={"test_a_socket_closes_when_its_person_leaves_the_task_force"},
)
