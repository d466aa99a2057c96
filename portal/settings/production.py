"""Production: refuses to start without the settings a public deployment needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, PORTAL_HTTPS_REDIRECT, SECRET_KEY, SECURE_HSTS_PRELOAD

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
# Every cookie (session, CSRF, language; messages and allauth's follow the session's)
# only over HTTPS.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# A year of HTTPS only, for every subdomain too (the site's own host names all serve HTTPS).
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if not SECURE_HSTS_PRELOAD:
    # Preloading is the domain owner's decision (base.py); not asking for it is deliberate.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
