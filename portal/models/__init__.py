"""Publishing pages (home, standard pages, news), shared taxonomies and failed tasks."""

from .background import FailedTask, FailedTaskStatus
from .identity import Secretariat
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
    "Secretariat",
    "StandardPage",
]
