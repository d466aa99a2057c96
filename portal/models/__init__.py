"""Publishing pages (home, standard pages, news), shared taxonomies and failed tasks."""

from .background import FailedTask, FailedTaskStatus
from .news import NewsArticlePage, NewsIndexPage
from .pages import HomePage, StandardPage
from .taxonomies import Language, Region

__all__ = [
    "FailedTask",
    "FailedTaskStatus",
    "HomePage",
    "Language",
    "NewsArticlePage",
    "NewsIndexPage",
    "Region",
    "StandardPage",
]


def __getattr__(name):
    # Transitional: search.sources still imports WorkshopPage from here. Remove once it
    # imports it from portal.workshops.models (or registers workshops through search.py).
    if name == "WorkshopPage":
        from portal.workshops.models import WorkshopPage

        return WorkshopPage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
