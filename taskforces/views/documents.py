"""Documents with their versions, and the one way to files: downloads that check access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from taskforces import permissions, refusals, selectors, services
from taskforces.forms import DocumentForm, VersionForm
from taskforces.models import Attachment, DocumentVersion, TaskForcePage
from taskforces.views.access import require, require_reader, workspace_context


def _file_response(stored_file, *, name: str, content_type: str) -> FileResponse:
    """Always a download, never shown in the page's origin, and never cached by proxies."""
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_download(request, taskforce: TaskForcePage, attachment_id: int):
    require_reader(request, taskforce)
    attachment = (
        Attachment.objects.select_related("post__thread")
        .filter(pk=attachment_id, post__thread__taskforce=taskforce)
        .first()
    )
    if attachment is None:
        raise Http404
    post = attachment.post
    post.thread.taskforce = taskforce
    # A hidden post's files go with it, except for its author and the moderators.
    if post.is_hidden and not permissions.can_see_hidden_text(request.user, post):
        raise Http404
    return _file_response(
        attachment.file, name=attachment.name, content_type=attachment.content_type
    )


def document_list(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    can_post = permissions.can_post(request.user, taskforce)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(can_post, refusals.OBSERVERS_READ_ONLY)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_create(
                    taskforce=taskforce,
                    uploaded_by=request.user,
                    title=data["title"],
                    description=data["description"],
                    file=data["file"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Document shared with the task force."))
                return redirect(taskforce.workspace_url("document", document.pk))
    context = workspace_context(request, taskforce, _("Documents"))
    context.update({"documents": selectors.documents(taskforce), "form": form})
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/documents.html", context, status=status)


def document_detail(request, taskforce: TaskForcePage, document_id: int):
    require_reader(request, taskforce)
    document = taskforce.documents.select_related("created_by").filter(pk=document_id).first()
    if document is None:
        raise Http404
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(permissions.can_post(request.user, taskforce), refusals.OBSERVERS_READ_ONLY)
        if form.is_valid():
            try:
                version = services.document_add_version(
                    document=document,
                    uploaded_by=request.user,
                    file=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Version %(number)s added; earlier versions are kept.")
                    % {"number": version.number},
                )
                return redirect(taskforce.workspace_url("document", document.pk))
    context = workspace_context(request, taskforce, document.title)
    context.update(
        {"document": document, "versions": selectors.document_versions(document), "form": form}
    )
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/document.html", context, status=status)


def version_download(request, taskforce: TaskForcePage, document_id: int, number: int):
    require_reader(request, taskforce)
    version = DocumentVersion.objects.filter(
        document_id=document_id, document__taskforce=taskforce, number=number
    ).first()
    if version is None:
        raise Http404
    return _file_response(version.file, name=version.name, content_type=version.content_type)
