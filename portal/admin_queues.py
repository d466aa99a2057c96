"""The secretariat's desk: one dashboard panel per queue of work, filled by each app.

Each app builds its panels in its own ``admin_queues.py`` and adds them from its
``wagtail_hooks.py`` (``construct_homepage_panels``), showing a queue only to people who
may act on it. A panel reads a count and the few oldest items, a fixed number of queries
whatever the length of the queue.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.admin.ui.components import Component

# How many of the oldest items a panel lists; the link leads to the rest.
OLDEST_SHOWN = 3


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting: what it is, where to act on it, and since when it waits."""

    label: str
    url: str
    since: datetime | None = None
    detail: str = ""


class QueuePanel(Component):
    template_name = "portal/admin/queue_panel.html"

    def __init__(
        self,
        *,
        name: str,
        heading: str,
        summary: str,
        items: list[QueueItem],
        url: str,
        link_text: str,
        order: int,
    ):
        self.name = name
        self.heading = heading
        self.summary = summary
        self.items = items
        self.url = url
        self.link_text = link_text
        self.order = order

    def get_context_data(self, parent_context):
        return {
            "panel_id": f"queue-{self.name}",
            "heading": self.heading,
            "summary": self.summary,
            "items": self.items,
            "url": self.url,
            "link_text": self.link_text,
        }
