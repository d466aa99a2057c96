"""Websocket addresses, and the origin check every handshake passes first."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import path
from django.utils.http import is_same_domain

from taskforces import consumers

websocket_urlpatterns = [
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
    path("ws/task-forces/threads/<int:thread_id>/", consumers.ThreadConsumer.as_asgi()),
]


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin1")
    return None


def _is_secure(scope) -> bool:
    if scope.get("scheme") in ("wss", "https"):
        return True
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header:
        name, value = proxy_header
        name = name.removeprefix("HTTP_").replace("_", "-").lower().encode("latin1")
        return (_header(scope, name) or "").split(",")[0].strip() == value
    return False


def _trusted(origin: str) -> bool:
    """The origin is one of CSRF_TRUSTED_ORIGINS (which may name "https://*.example.org")."""
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted = trusted.lower()
        if "*" not in trusted:
            if origin == trusted:
                return True
            continue
        expected, given = urlsplit(trusted), urlsplit(origin)
        if expected.scheme == given.scheme and is_same_domain(given.netloc, expected.netloc):
            return True
    return False


def same_site_origin(scope) -> bool:
    """The handshake comes from a page of this site: scheme, host and port all match.

    As Django's CSRF check does for forms: the Origin must be the site's own address as
    the request names it (a host of ALLOWED_HOSTS, with the port the socket reached), or
    one of CSRF_TRUSTED_ORIGINS. A page on another port of the same host is another site.
    """
    origin = _header(scope, b"origin")
    host = _header(scope, b"host")
    if not origin or origin == "null" or not host:
        return False
    origin, host = origin.lower(), host.lower()
    if _trusted(origin):
        return True
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, allowed_hosts):
        return False
    scheme = "https" if _is_secure(scope) else "http"
    return origin == f"{scheme}://{host}"


class OriginCheck:
    """Refuses handshakes from pages on other sites, closing them with 4403.

    Browsers send cookies with cross-site websocket handshakes, so without this a page
    elsewhere could read a member's threads. Channels' own validator ignores the port
    and refuses without a reason; this one compares the port too and says why.
    """

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if same_site_origin(scope):
            return await self.application(scope, receive, send)
        return await consumers.ForeignOriginConsumer.as_asgi()(scope, receive, send)
