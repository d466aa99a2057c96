"""The test suite: fast hashing, tasks run at once, e-mail kept in memory.

The database, cache and channel layer follow DATABASE_URL and REDIS_URL as in base.py,
so the same suite runs on SQLite with in-memory layers or on PostgreSQL with Redis.
"""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS

PORTAL_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
# Named hosts, not "*": the websocket origin check is built from this list.
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Nothing is collected here; an unset STATIC_ROOT keeps WhiteNoise from looking for it.
STATIC_ROOT = None

# The suite's own process opens Django's connections without a pool, one per thread as
# before: tests hold connections on several threads at once (live servers, websocket
# communicators), which a pool of 4 would make wait. The pool is tested in server
# processes of its own (tests/integration/test_database_pool.py, the deployed stack).
DATABASES["default"]["OPTIONS"].pop("pool", None)

# A file rather than memory for SQLite, so that a live server in another thread
# (browser tests) or another process (multi-process tests) sees the same data.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"portal-test-{os.getpid()}.sqlite3")
    }

# Search tests use the database engine; tests/integration/test_elasticsearch.py reads
# ELASTICSEARCH_URL itself and points its own tests at that cluster.
ELASTICSEARCH_URL = ""

# Demo content: the load_demo command and its data. Development and tests only, so a
# production deployment has no command that creates accounts with a published password.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]
