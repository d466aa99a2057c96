"""What members may upload to a workspace, and how a file is checked before it is kept.

Only office documents, PDFs, plain data and raster images are taken; SVG and HTML are
not, because a browser would run scripts inside them. The type is decided from the file
name's extension against this list, never from what the browser claims, and downloads
are always served as attachments.
"""

import os
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 20 * 1024 * 1024
MAX_ATTACHMENTS_PER_POST = 5

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "txt": "text/plain",
    "csv": "text/csv",
    "md": "text/markdown",
    "json": "application/json",
    "xml": "application/xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
}

# Files whose first bytes must match their extension: a renamed HTML page is not a PDF.
SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
}


def safe_filename(name: str) -> str:
    """The file's base name in plain letters, digits, dots and dashes, for storage and URLs."""
    name = os.path.basename(name.replace("\\", "/"))
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem, _dot, extension = name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem or extension).strip("-")[:100] or "file"
    return f"{stem}.{extension.lower()}" if stem != extension else stem


def check_upload(upload: UploadedFile) -> tuple[str, str]:
    """(safe file name, content type) of an acceptable upload; ValidationError otherwise."""
    extension = upload.name.rpartition(".")[2].lower() if "." in upload.name else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("%(name)s: files of this type cannot be shared here. Allowed: %(types)s.")
            % {"name": upload.name, "types": ", ".join(sorted(CONTENT_TYPES))}
        )
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("%(name)s is %(size)s; files may be at most %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_UPLOAD_SIZE),
            }
        )
    if extension in SIGNATURES:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(SIGNATURES[extension]):
            raise ValidationError(
                _("%(name)s is not the kind of file its name says.") % {"name": upload.name}
            )
    return safe_filename(upload.name), CONTENT_TYPES[extension]
