from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.api import api as catalogue_api
from portal import admin_pages

# The interface language is the reader's choice, kept in a cookie by Django's
# set_language view, so a page keeps one address in every language. Wagtail serves
# a page's translation in that language when one exists, and the original otherwise.
urlpatterns = [
    # One way in: the site's sign-in, which asks for the second factor. Wagtail's own
    # login form would accept a password alone.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # The explorer, page chooser and page types report show only what the user may see.
    *admin_pages.admin_urls(),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("network.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", include("search.urls")),
    path("api/catalogue/", catalogue_api.urls),
    path("my/", include("taskforces.urls")),
    path("my/workshops/", include("portal.workshop_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving is a catch-all, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
