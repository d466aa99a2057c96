import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.api import api as catalogue_api
from network import admin_pages
from portal import bench_views, localisation, sitemaps
from portal.media import serve_media
from taskforces.views import inbound as inbound_mail

# Every page and content view has one address per language below a language prefix
# (/fr/catalogue/), English none (portal/localisation.py). What only serves files, data or
# accounts (the admin, documents, media, the API, sign-in, the switcher, the sitemap) is
# unprefixed and follows the reader's language (cookie, then browser).
urlpatterns = [
    # One way in: the site's sign-in, which asks for the second factor. Wagtail's own
    # login form would accept a password alone.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # One way to reset a password: the site's own, rate-limited form.
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", query_string=True),
    ),
    # The explorer, page chooser and page types report show only what the user may see.
    *admin_pages.admin_urls(),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's front-end sign-in for restricted pages would take a password alone. Named
    # as Wagtail's, which Wagtail reverses at start-up.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Without a CSRF token, so that visitors' pages (which carry the switcher) set no
    # cookie and stay cacheable; the most a forged request can do is change the language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/", include("network.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/catalogue/", catalogue_api.urls),
    path("sitemap.xml", sitemaps.sitemap_view, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    # Replies to notification e-mails from the mail provider (docs/taskforces.md).
    path(
        "mail/inbound/postmark/",
        inbound_mail.postmark_inbound,
        name="postmark_inbound_webhook",
    ),
]

# Image renditions in development (PORTAL_SERVE_MEDIA); in production the web server
# serves them and this answers 404. Originals and documents are never served here.
urlpatterns += [
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media),
]

# The benchmarks' floor: a short text through every middleware (bench/README.md).
if settings.PORTAL_BENCH_VIEWS:
    urlpatterns += [path("bench/trivial/", bench_views.trivial, name="bench_trivial")]

# Wagtail's page serving is a catch-all, so it comes last.
urlpatterns += localisation.localised_patterns(
    path("search/", include("search.urls")),
    path("my/", include("taskforces.urls")),
    path("my/workshops/", include("portal.workshops.urls")),
    path("alerts/", include("portal.alerts.urls")),
    path("reports/", include("portal.reports.urls")),
    path("", include(localisation.page_urls)),
)
