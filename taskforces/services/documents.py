"""Documents shared in a workspace, each with its numbered versions."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from network.models import User
from taskforces import permissions, refusals
from taskforces.models import Document, DocumentVersion, TaskForcePage
from taskforces.uploads import check_upload


def document_create(
    *, taskforce: TaskForcePage, uploaded_by: User, title: str, description: str, file
) -> Document:
    if not permissions.can_post(uploaded_by, taskforce):
        raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
    name, content_type = check_upload(file)
    with transaction.atomic():
        document = Document.objects.create(
            taskforce=taskforce, title=title, description=description, created_by=uploaded_by
        )
        _version_save(document, uploaded_by, file, name, content_type, note="")
    return document


def document_add_version(*, document: Document, uploaded_by: User, file, note: str = ""):
    if not permissions.can_post(uploaded_by, document.taskforce):
        raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
    name, content_type = check_upload(file)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        version = _version_save(document, uploaded_by, file, name, content_type, note=note)
        document.updated_at = timezone.now()
        document.save(update_fields=["updated_at"])
    return version


def _version_save(document, uploaded_by, file, name, content_type, *, note) -> DocumentVersion:
    number = (
        document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        name=name,
        size=file.size,
        content_type=content_type,
        note=note,
        uploaded_by=uploaded_by,
    )
    version.file.save(name, file, save=False)
    version.save()
    return version
