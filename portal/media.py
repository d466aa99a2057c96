"""Uploads served by the portal itself, in development only: production's web server
serves /media/ (see docs/deployment.md) and must follow the same rule."""

import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

# Only image renditions are public files. Originals (members' photos as uploaded, at full
# size and with their metadata) and documents (checked against collection restrictions
# by Wagtail's serve view, /documents/<id>/<name>) are never served from /media/.
PUBLIC_MEDIA_PREFIXES = ("images/",)


def serve_media(request, path: str):
    """One public upload, read through the default storage (so it works with whichever
    storage is configured, unlike django.views.static.serve, which reads a folder)."""
    if not settings.PORTAL_SERVE_MEDIA:
        raise Http404
    name = posixpath.normpath(path).lstrip("/")
    # Lower case: a case-insensitive file system must not open ORIGINAL_IMAGES/ either.
    if name.startswith("..") or not name.lower().startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    try:
        file = default_storage.open(name)
    except (OSError, SuspiciousFileOperation) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(file, content_type=content_type)
