"""Settings shared by every environment; safe to run in production as they stand.

This is the one module that reads the environment. The topic modules it imports
(security.py: headers, cookies, accounts, throttling) read nothing from it; dev.py,
test.py and production.py only adjust what it decides. Every variable is listed in
.env.example.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from .database import database
from .services import shared_services

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Which settings module is running: "production", "development" or "test".
# Commands that must never touch real data (load_demo) check it.
PORTAL_ENVIRONMENT = "production"

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Production redirects plain HTTP to HTTPS unless the proxy in front already does.
PORTAL_HTTPS_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
# The public address of the site, used in e-mails and admin notifications.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# HSTS preload puts the whole registrable domain on browsers' built-in HTTPS-only list,
# which only the owner of that domain can decide; off unless SECURE_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD")
# Proxies (addresses or networks) whose X-Forwarded-For names the client; with none, the
# connection's own peer is the client (network/client_address.py).
PORTAL_TRUSTED_PROXIES = env_list("PORTAL_TRUSTED_PROXIES")
# A trivial view at /bench/trivial/ (a short text through the whole middleware stack),
# the floor the benchmarks compare pages with (bench/README.md). Off unless set.
PORTAL_BENCH_VIEWS = env_flag("PORTAL_BENCH_VIEWS")

INSTALLED_APPS = [
    # The project's own apps come first so their templates override libraries'.
    "portal",
    "portal.workshops",
    "portal.consultations",
    "portal.surveys",
    "portal.alerts",
    "portal.reports",
    "network",
    "catalogue",
    "taskforces",
    "search",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
    # Listed so that the API's documentation page uses its bundled Swagger UI, not a CDN's.
    "ninja",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Real time
    "channels",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    # 503 and Retry-After when every pooled database connection stays busy.
    "portal.middleware.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped where no secret can leak through their length (BREACH); static files
    # are served precompressed (brotli and gzip) by WhiteNoise above, before this runs.
    "portal.middleware.SafeCompressionMiddleware",
    # Before the session, CSRF and locale middleware, so it sees the cookies they set and
    # the Vary header they add.
    "portal.middleware.PrivateCacheMiddleware",
    # Visitors' pages from the cache (docs/caching.md): inside compression and the CSP
    # header, which every hit gets afresh, outside the middleware that sets cookies.
    "portal.page_cache.PageCacheMiddleware",
    # The site Wagtail found for the host, kept until the content changes (portal/sites.py).
    "portal.sites.KeptSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, with the reader's language at unprefixed addresses.
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "network.middleware.AdminRequiresTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Bounded input: a NUL character anywhere in the address, query or a posted form is
# refused with a 400 once signed-in state is known (the error page shows the reader's menu).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "portal.middleware.RejectNullCharactersMiddleware",
)

# Times in the signed-in reader's time zone (their office's), once the user is known.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "network.middleware.ReaderTimeZoneMiddleware",
)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL names another (PostgreSQL in production). On
# PostgreSQL every process takes its connections from a pool of at most
# DATABASE_POOL_MAX (0: no pool, connections kept DATABASE_CONN_MAX_AGE seconds) and a
# request waits DATABASE_POOL_TIMEOUT seconds at most for one (database.py).
DATABASES = {
    "default": database(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        ),
        pool_max=int(os.environ.get("DATABASE_POOL_MAX", "4")),
        pool_timeout=float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: when REDIS_URL is set it carries the channel layer, the cache and a copy of the
# sessions, so that every process behind a load balancer shares websocket groups, cached
# data and signed-in readers; without it each process keeps its own (services.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
CHANNEL_LAYERS, CACHES, SESSION_ENGINE = shared_services(REDIS_URL, timeout=REDIS_TIMEOUT)
if REDIS_URL:
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "portal.cache"
# Visitors' pages are served from the "pages" cache until anything shown changes, and
# for at most PAGE_CACHE_SECONDS (what depends on the clock: upcoming workshops, places
# left). PAGE_CACHE=0 turns it off. See docs/caching.md.
PORTAL_PAGE_CACHE = env_flag("PAGE_CACHE", default=True)
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# What every reader of a language sees alike (figures, menu, footer), kept the same way
# for members too (portal/fragment_cache.py). FRAGMENT_CACHE=0 turns it off.
PORTAL_FRAGMENT_CACHE = env_flag("FRAGMENT_CACHE", default=True)

# Search: the database engine (Wagtail's database backend: SQLite FTS5 on a laptop,
# PostgreSQL full-text search with per-language stemming in production) by default.
# ELASTICSEARCH_URL switches site search to the Elasticsearch engine in search/; if the
# cluster does not answer, search falls back to the database engine. Index names start
# with ELASTICSEARCH_INDEX_PREFIX, so that environments can share a cluster.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")
# Search against a stalled cluster: seconds a search may wait for Elasticsearch in all
# before answering from the database; the same for a suggestion as one types; the same
# for an index update in the task worker (and for search_reindex's requests).
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "1"))
ELASTICSEARCH_SUGGEST_TIMEOUT = float(os.environ.get("ELASTICSEARCH_SUGGEST_TIMEOUT", "0.3"))
ELASTICSEARCH_INDEX_TIMEOUT = float(os.environ.get("ELASTICSEARCH_INDEX_TIMEOUT", "10"))
# After this many failures in a row the cluster is not asked (readers get the database
# engine) for ELASTICSEARCH_BREAKER_COOLDOWN seconds; then one request tries it again.
ELASTICSEARCH_BREAKER_FAILURES = int(os.environ.get("ELASTICSEARCH_BREAKER_FAILURES", "3"))
ELASTICSEARCH_BREAKER_COOLDOWN = float(os.environ.get("ELASTICSEARCH_BREAKER_COOLDOWN", "30"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"}}

# Background work (e-mail, notifications, indexing) goes through django-tasks. On a
# laptop tasks run at once, so `make run` needs no worker; with TASKS_WORKER=1 they are
# queued in the database and run by `python manage.py db_worker`, so a slow or failing
# mail server never holds up the request.
TASKS_WORKER = env_flag("TASKS_WORKER")
if TASKS_WORKER:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Retries of background work (portal/background.py). Neither task backend retries, so a
# task that fails is recorded and `manage.py run_task_retries` (every minute) queues it
# again after each of these delays in seconds; after the last one it is given up and
# listed for the secretariat in the admin (Reports → Failed background work).
TASK_RETRY_DELAYS = [
    int(delay) for delay in env_list("TASK_RETRY_DELAYS", "60,300,1800,7200,21600")
]
# Seconds to wait for the mail server before counting a send as failed (and retrying it).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Security headers, cookies, accounts, sign-in and websocket throttling.
from .security import *  # noqa: E402, F403

# E-mail: printed to the console unless an SMTP server is named.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "ICT network secretariat <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reply by e-mail (docs/taskforces.md): a notification e-mail about a post carries a
# signed reply+…@REPLY_DOMAIN address; replies arrive at `manage.py receive_mail` (SMTP,
# REPLY_SMTP_HOST:REPLY_SMTP_PORT) or at Postmark's inbound webhook, whose HTTP basic
# auth is ANYMAIL_WEBHOOK_SECRET ("user:password"). Off while REPLY_DOMAIN is empty.
TASKFORCES_REPLY_DOMAIN = os.environ.get("REPLY_DOMAIN", "")
TASKFORCES_REPLY_SMTP_HOST = os.environ.get("REPLY_SMTP_HOST", "127.0.0.1")
TASKFORCES_REPLY_SMTP_PORT = int(os.environ.get("REPLY_SMTP_PORT", "8025"))
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")}

# Languages: the interface in WIPO's six official languages; content is translated
# with wagtail-localize and falls back to English where no translation exists yet.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("zh-hans", "中文"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Country names as the United Nations write them, where ISO's short names differ.
COUNTRIES_OVERRIDE = {
    "BO": _("Bolivia (Plurinational State of)"),
    "CZ": _("Czech Republic"),
    "GB": _("United Kingdom"),
    "IR": _("Iran (Islamic Republic of)"),
    "KR": _("Republic of Korea"),
    "MD": _("Republic of Moldova"),
    "RU": _("Russian Federation"),
    "US": _("United States of America"),
    "VE": _("Venezuela (Bolivarian Republic of)"),
}

# Static files and uploads.
STATIC_URL = "/static/"
# Where collectstatic puts the files WhiteNoise serves.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Task-force attachments and documents: outside MEDIA_ROOT and without a URL, so the only
# way to them is a view that checks the reader's membership.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: only image renditions (MEDIA_ROOT/images/) are public files. Documents go
# through Wagtail's serve view, which checks collection restrictions, whatever the
# storage; original images are never linked. The portal serves /media/ itself only when
# PORTAL_SERVE_MEDIA is on (development); see docs/deployment.md for the web server.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
PORTAL_SERVE_MEDIA = False

# Wagtail
WAGTAIL_SITE_NAME = "IP Offices ICT Network"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# No Gravatar in the admin: it would send a hash of staff addresses to an outside host,
# which offices' networks often block anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Complex pages (catalogue entries, workshops) exceed Django's default field count.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "search": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "taskforces": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
}

# Recurring work, run by `python manage.py run_scheduler` (portal/settings/schedule.py).
from portal.settings.schedule import PORTAL_SCHEDULE  # noqa: E402, F401
