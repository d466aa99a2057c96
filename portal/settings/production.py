"""Production: refuses to start without the settings a public deployment needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, PORTAL_HTTPS_REDIRECT, SECRET_KEY

PORTAL_ENVIRONMENT = "production"

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production needs a long random secret in the SECRET_KEY "
        "environment variable, e.g. from: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production needs the site's host names in the "
        "ALLOWED_HOSTS environment variable, comma-separated, e.g. ictnetwork.example.org"
    )

# HTTPS is terminated by the load balancer in front of the ASGI processes.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PORTAL_HTTPS_REDIRECT
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
