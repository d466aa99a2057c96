"""Who may find what through search: the reader's scope, asked on every search.

Built on network.permissions and the task-force rule, and computed for each request from
the reader's current roles, so that leaving a task force or the network hides its
content from the next search on.
"""

from dataclasses import dataclass, field

from network.permissions import is_member
from search.taskforce_content import readable_taskforce_ids


@dataclass(frozen=True)
class SearchScope:
    """What one reader may see: public entries, members' entries, some task forces'."""

    members: bool = False
    taskforce_ids: frozenset[int] = field(default_factory=frozenset)


PUBLIC_SCOPE = SearchScope()


def search_scope(user) -> SearchScope:
    if user is None or not is_member(user):
        return PUBLIC_SCOPE
    return SearchScope(members=True, taskforce_ids=frozenset(readable_taskforce_ids(user)))
