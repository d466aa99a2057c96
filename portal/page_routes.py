"""Sub-page routes declared in urls modules, the way Django declares every other route.

A page type names the url lists that are routed below it, as dotted paths:

    class TaskForcePage(SubpageUrlsMixin, Page):
        subpage_urls = ["taskforces.urls.taskforce_page_urls"]

Each list holds ordinary ``django.urls.path`` entries whose views take the request, then
the page, then the route's arguments: ``def thread_detail(request, taskforce, thread_id)``.
The paths are strings, resolved the first time the page routes a request (like
``ROOT_URLCONF``), so a model module never imports a view, and an app can add routes below
another app's page without either importing the other. Reversing works as for any routable page:
``page.reverse_subpage("thread", args=[12])`` or ``{% routablepageurl page "thread" 12 %}``.
"""

from functools import wraps

from django.urls import URLPattern
from django.utils.module_loading import import_string

from wagtail.contrib.routable_page.models import RoutablePageMixin


class SubpageUrlsMixin(RoutablePageMixin):
    #: Dotted paths of the url lists routed below pages of this type, in order of precedence.
    subpage_urls: list[str] = []

    @classmethod
    def get_subpage_urls(cls) -> tuple[URLPattern, ...]:
        declared = [pattern for dotted in cls.subpage_urls for pattern in import_string(dotted)]
        # Wagtail's own routes (the page itself at "") come after, so a list may replace them.
        return (*declared, *super().get_subpage_urls())

    def resolve_subpage(self, path):
        match = self.get_resolver().resolve(path)
        if hasattr(match.func, "_routablepage_routes"):
            # A method declared with Wagtail's @path decorator: bind it to the page.
            match.func = match.func.__get__(self, type(self))
        else:
            match.func = _with_page(match.func, self)
        return match


def _with_page(view, page):
    @wraps(view)
    def view_on_page(request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return view_on_page
