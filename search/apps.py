from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import library, signals  # noqa: F401 - registers and connects

        # Each app's search.py registers what it puts into search (search.registry).
        autodiscover_modules("search")
        if settings.ELASTICSEARCH_URL:
            # Loaded now rather than by the first search, which has a time budget to keep.
            from search import elasticsearch  # noqa: F401
