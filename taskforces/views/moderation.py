"""Chairs and the secretariat pin, lock, move threads and hide posts; every action is logged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from taskforces import permissions, selectors, services
from taskforces.forms import HideForm, MoveForm, RenameForm
from taskforces.models import TaskForcePage
from taskforces.views.access import require, require_reader, workspace_context


def _move_targets(user, taskforce: TaskForcePage):
    return (
        TaskForcePage.objects.live()
        .exclude(pk=taskforce.pk)
        .filter(pk__in=list(permissions.readable_taskforce_ids(user)))
        .order_by("title")
        .specific()
    )


def _manageable_targets(user, taskforce):
    ids = [t.pk for t in _move_targets(user, taskforce) if permissions.can_manage(user, t)]
    return TaskForcePage.objects.filter(pk__in=ids).order_by("title")


def thread_moderate(request, taskforce: TaskForcePage, thread_id: int):
    require_reader(request, taskforce)
    thread = selectors.thread_for(taskforce, thread_id)
    if thread is None:
        raise Http404
    thread.taskforce = taskforce
    require(
        permissions.can_moderate(request.user, taskforce),
        _("Only the chair or the secretariat moderate."),
    )
    move_form = MoveForm(targets=_manageable_targets(request.user, taskforce))
    rename_form = RenameForm(initial={"title": thread.title, "label": thread.label})
    if request.method == "POST":
        action = request.POST.get("action")
        thread_url = taskforce.workspace_url("thread", thread.pk)
        try:
            if action in ("pin", "unpin"):
                services.thread_set_pinned(
                    thread=thread, moderator=request.user, pinned=action == "pin"
                )
                messages.success(
                    request, _("Thread pinned.") if action == "pin" else _("Thread unpinned.")
                )
                return redirect(thread_url)
            if action in ("lock", "unlock"):
                services.thread_set_locked(
                    thread=thread, moderator=request.user, locked=action == "lock"
                )
                messages.success(
                    request, _("Thread locked.") if action == "lock" else _("Thread unlocked.")
                )
                return redirect(thread_url)
            if action == "rename":
                rename_form = RenameForm(request.POST)
                if rename_form.is_valid():
                    services.thread_rename(
                        thread=thread, moderator=request.user, **rename_form.cleaned_data
                    )
                    messages.success(request, _("Thread renamed."))
                    return redirect(thread_url)
            elif action == "move":
                move_form = MoveForm(
                    request.POST, targets=_manageable_targets(request.user, taskforce)
                )
                if move_form.is_valid():
                    target = move_form.cleaned_data["target"].specific
                    services.thread_move(
                        thread=thread,
                        moderator=request.user,
                        target=target,
                        reason=move_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request, _("Thread moved to %(target)s.") % {"target": target.title}
                    )
                    return redirect(target.workspace_url("thread", thread.pk))
            else:
                messages.error(request, _("Unknown moderation action."))
        except ValidationError as error:
            (rename_form if action == "rename" else move_form).add_error(None, error)
    context = workspace_context(request, taskforce, _("Moderate: %(thread)s") % {"thread": thread})
    context.update(
        {
            "thread": thread,
            "move_form": move_form,
            "rename_form": rename_form,
            "log": selectors.moderation_log(taskforce).filter(thread=thread),
        }
    )
    bound_with_errors = [form for form in (move_form, rename_form) if form.is_bound and form.errors]
    status = 400 if bound_with_errors else 200
    return TemplateResponse(request, "taskforces/thread_moderate.html", context, status=status)


def post_hide(request, taskforce: TaskForcePage, thread_id: int, post_id: int):
    require_reader(request, taskforce)
    thread = selectors.thread_for(taskforce, thread_id)
    post = selectors.post_for(thread, post_id) if thread else None
    if post is None:
        raise Http404
    thread.taskforce = taskforce
    post.thread = thread
    if not permissions.can_moderate(request.user, taskforce):
        raise PermissionDenied(_("Only the chair or the secretariat hide posts."))
    thread_url = taskforce.workspace_url("thread", thread.pk) + f"#post-{post.pk}"
    form = HideForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "show":
            services.post_show(post=post, moderator=request.user)
            messages.success(request, _("The post is visible again."))
            return redirect(thread_url)
        if form.is_valid():
            services.post_hide(
                post=post, moderator=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The post is hidden; its author sees your reason."))
            return redirect(thread_url)
    context = workspace_context(request, taskforce, _("Hide a post"))
    context.update({"thread": thread, "post": post, "form": form})
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/post_hide.html", context, status=status)


def moderation_log(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    require(
        permissions.can_moderate(request.user, taskforce),
        _("The moderation log is for the chair and the secretariat."),
    )
    context = workspace_context(request, taskforce, _("Moderation log"))
    context["log"] = selectors.moderation_log(taskforce)[:200]
    return TemplateResponse(request, "taskforces/moderation_log.html", context)
