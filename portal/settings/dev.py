"""Local development: debug pages, a throwaway secret, static files served from the apps."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, PRIVATE_STORAGE, SECRET_KEY

PORTAL_ENVIRONMENT = "development"
DEBUG = True
# Only for a laptop: production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = SECRET_KEY or "development-only-secret-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The demo administrator reaches the admin without an authenticator app on a laptop;
# production and the tests require two-factor authentication.
PORTAL_ADMIN_REQUIRES_MFA = False
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]

# Serve static files straight from the apps, so no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Nothing is collected here; an unset STATIC_ROOT keeps WhiteNoise from looking for it.
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
# Image renditions from MEDIA_ROOT, as the production web server serves them.
PORTAL_SERVE_MEDIA = True

# Demo content: the load_demo command and its data. Development and tests only, so a
# production deployment has no command that creates accounts with a published password.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]
