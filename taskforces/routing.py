"""Websocket addresses, and the origin check every handshake passes first."""

from urllib.parse import urlparse

from django.conf import settings
from django.urls import path

from channels.security.websocket import OriginValidator

from taskforces import consumers

websocket_urlpatterns = [
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
    path("ws/task-forces/threads/<int:thread_id>/", consumers.ThreadConsumer.as_asgi()),
]


class OriginCheck(OriginValidator):
    """Refuses handshakes from pages on other sites, closing them with 4403.

    Browsers send cookies with cross-site websocket handshakes, so without this a page
    elsewhere could read a member's threads. Channels' own validator refuses without a
    reason; this one says why. Allowed origins are the site's ALLOWED_HOSTS.
    """

    def __init__(self, application):
        allowed = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed:
            allowed = ["localhost", "127.0.0.1", "[::1]"]
        super().__init__(application, allowed)

    async def __call__(self, scope, receive, send):
        origin = None
        for name, value in scope.get("headers", []):
            if name == b"origin":
                try:
                    origin = urlparse(value.decode("latin1"))
                except UnicodeDecodeError:
                    origin = None
        if self.valid_origin(origin):
            return await self.application(scope, receive, send)
        return await consumers.ForeignOriginConsumer.as_asgi()(scope, receive, send)
