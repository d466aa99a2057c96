"""Chairs and the secretariat pin, lock, move threads and hide posts; every action is logged."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from taskforces import permissions, refusals, selectors, services
from taskforces.forms import HideForm, MoveForm, RenameForm
from taskforces.models import TaskForcePage, Thread
from taskforces.views.access import posted_action, require, require_reader, workspace_context


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
    require(permissions.can_moderate(request.user, taskforce), refusals.MANAGERS_ONLY)
    move_form = MoveForm(targets=_manageable_targets(request.user, taskforce))
    rename_form = RenameForm(initial={"title": thread.title, "label": thread.label})
    if request.method == "POST":
        action = posted_action(request, ("pin", "unpin", "lock", "unlock", "rename", "move"))
        if action == "rename":
            rename_form = RenameForm(request.POST)
            done = _rename(request, thread, rename_form)
        elif action == "move":
            move_form = MoveForm(request.POST, targets=_manageable_targets(request.user, taskforce))
            done = _move(request, thread, move_form)
        else:
            done = _set_flag(request, thread, action)
        if done is not None:
            return done
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


def _set_flag(request, thread: Thread, action: str):
    """Pin, unpin, lock or unlock, and go back to the thread."""
    if action in ("pin", "unpin"):
        services.thread_set_pinned(thread=thread, moderator=request.user, pinned=action == "pin")
        done = _("Thread pinned.") if action == "pin" else _("Thread unpinned.")
    else:
        services.thread_set_locked(thread=thread, moderator=request.user, locked=action == "lock")
        done = _("Thread locked.") if action == "lock" else _("Thread unlocked.")
    messages.success(request, done)
    return redirect(thread.taskforce.workspace_url("thread", thread.pk))


def _rename(request, thread: Thread, form: RenameForm):
    """A redirect to the renamed thread, or None with the errors on the form."""
    if not form.is_valid():
        return None
    try:
        services.thread_rename(thread=thread, moderator=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Thread renamed."))
    return redirect(thread.taskforce.workspace_url("thread", thread.pk))


def _move(request, thread: Thread, form: MoveForm):
    """A redirect to the thread in its new task force, or None with the errors on the form."""
    if not form.is_valid():
        return None
    target = form.cleaned_data["target"].specific
    try:
        services.thread_move(
            thread=thread, moderator=request.user, target=target, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Thread moved to %(target)s.") % {"target": target.title})
    return redirect(target.workspace_url("thread", thread.pk))


def post_hide(request, taskforce: TaskForcePage, thread_id: int, post_id: int):
    require_reader(request, taskforce)
    thread = selectors.thread_for(taskforce, thread_id)
    post = selectors.post_for(thread, post_id) if thread else None
    if post is None:
        raise Http404
    thread.taskforce = taskforce
    post.thread = thread
    require(permissions.can_moderate(request.user, taskforce), refusals.MANAGERS_ONLY)
    thread_url = taskforce.workspace_url("thread", thread.pk) + f"#post-{post.pk}"
    form = HideForm()
    if request.method == "POST":
        if posted_action(request, ("hide", "show")) == "show":
            services.post_show(post=post, moderator=request.user)
            messages.success(request, _("The post is visible again."))
            return redirect(thread_url)
        form = HideForm(request.POST)
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
    require(permissions.can_moderate(request.user, taskforce), refusals.MANAGERS_ONLY)
    context = workspace_context(request, taskforce, _("Moderation log"))
    context["log"] = selectors.moderation_log(taskforce)[:200]
    return TemplateResponse(request, "taskforces/moderation_log.html", context)
