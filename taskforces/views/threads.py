"""The workspace's home, its threads and posts."""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taskforces import permissions, refusals, selectors, services
from taskforces.forms import (
    CategoryFilterForm,
    PostEditForm,
    PostForm,
    QuoteForm,
    ThreadForm,
    WatchForm,
)
from taskforces.markup import quote_markdown
from taskforces.models import Post, TaskForcePage, WatchLevel
from taskforces.views.access import require, require_reader, workspace_context


def workspace(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    user = request.user
    membership = selectors.membership_for(user, taskforce)
    threads = selectors.workspace_threads(taskforce, user)
    categories = selectors.forum_categories(taskforce)
    category = None
    if categories is not None:
        chosen = CategoryFilterForm(request.GET, categories=categories)
        if not chosen.is_valid():
            raise BadRequest(refusals.CHOOSE_CATEGORY)
        category = chosen.cleaned_data["category"]
        categories = list(categories)
        threads = threads.filter(category=category) if category else threads
    threads = list(threads)
    selectors.last_posters(threads)
    if categories is not None:
        words = selectors.category_words(taskforce)
        selectors.name_categories([*categories, category, *(t.category for t in threads)], words)
    context = workspace_context(request, taskforce, _("Workspace"))
    # In the forum a member who never joined has the normal level until they choose.
    level = membership.watch_level if membership else WatchLevel.NORMAL
    context.update(
        {
            "threads": threads,
            "membership": membership,
            "categories": categories,
            "category": category,
            "watch_form": WatchForm(initial={"level": level})
            if membership or taskforce.open_to_network
            else None,
            "documents": selectors.documents(taskforce)[:5],
            "upcoming_meetings": selectors.upcoming_meetings(taskforce),
            "open_proposals": selectors.open_proposals(taskforce),
            "my_open_actions": 0
            if taskforce.open_to_network
            else selectors.open_action_count(user, taskforce),
            "join_requests": selectors.pending_join_requests(taskforce)
            if context["can_manage"]
            else [],
        }
    )
    return TemplateResponse(request, "taskforces/workspace.html", context)


@require_POST
def workspace_watch(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    membership = selectors.membership_for(request.user, taskforce)
    if membership is None and not taskforce.open_to_network:
        raise PermissionDenied(refusals.MEMBERS_ONLY)
    form = WatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusals.CHOOSE_WATCH_LEVEL)
        return redirect(taskforce.workspace_url())
    level = form.cleaned_data["level"]
    if membership is None:
        services.watch_set_for_forum(user=request.user, taskforce=taskforce, level=level)
    else:
        services.watch_set_for_workspace(membership=membership, level=level)
    messages.success(request, _("Your notifications for this workspace are saved."))
    return redirect(taskforce.workspace_url())


def thread_create(request, taskforce: TaskForcePage):
    require_reader(request, taskforce)
    require(permissions.can_post(request.user, taskforce), refusals.OBSERVERS_READ_ONLY)
    categories = selectors.postable_categories(request.user, taskforce)
    initial = {}
    if categories is not None:
        # "Start a thread" from a category's list files it there.
        chosen = CategoryFilterForm(request.GET, categories=categories)
        initial["category"] = chosen.cleaned_data["category"] if chosen.is_valid() else None
    form = ThreadForm(
        request.POST or None, request.FILES or None, categories=categories, initial=initial
    )
    if categories is not None:
        words = selectors.category_words(taskforce)
        form.fields["category"].label_from_instance = lambda c: words.get(c.pk, c).name
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_create(
                taskforce=taskforce,
                author=request.user,
                title=data["title"],
                label=data["label"],
                category=data.get("category"),
                body=data["body"],
                not_for_attribution=data["not_for_attribution"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(taskforce.workspace_url("thread", thread.pk))
    context = workspace_context(request, taskforce, _("New thread"))
    context["form"] = form
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/thread_form.html", context, status=status)


def _thread_or_404(request, taskforce: TaskForcePage, thread_id: int):
    require_reader(request, taskforce)
    thread = selectors.thread_for(taskforce, thread_id)
    if thread is None:
        raise Http404
    thread.taskforce = taskforce
    return thread


def _wants_fragment(request) -> bool:
    return bool(request.htmx) or request.headers.get("X-Requested-With") == "fetch"


def thread_detail(request, taskforce: TaskForcePage, thread_id: int):
    thread = _thread_or_404(request, taskforce, thread_id)
    user = request.user
    can_reply = permissions.can_reply(user, thread)
    form = None
    if request.method == "POST":
        if not permissions.can_post(user, taskforce):
            raise PermissionDenied(refusals.OBSERVERS_READ_ONLY)
        form = PostForm(request.POST, request.FILES, thread=thread)
        done = _reply(request, thread, form)
        if done is not None:
            return done
    elif can_reply:
        form = PostForm(initial=_quote_initial(request, thread), thread=thread)

    posts = list(selectors.thread_posts(thread))
    last_read = selectors.last_read_post_id(user, thread)
    first_unread = next(
        (p.pk for p in posts if p.pk > last_read and p.author_id != user.pk and not p.is_hidden),
        None,
    )
    if posts and request.method == "GET" and posts[-1].pk > last_read:
        # Read up to the last post shown; a position already there has nothing to move.
        services.read_position_mark(user=user, thread=thread, post_id=posts[-1].pk, shown=True)
    can_moderate = permissions.can_moderate(user, taskforce)
    for post in posts:
        post.thread = thread
        post.show_hidden_text = post.is_hidden and permissions.can_see_hidden_text(user, post)
    selectors.name_categories([thread.category], selectors.category_words(taskforce))
    context = workspace_context(request, taskforce, thread.title)
    context.update(
        {
            "thread": thread,
            "posts": posts,
            "form": form,
            "can_reply": can_reply,
            "can_moderate": can_moderate,
            "first_unread": first_unread,
            "watch_form": WatchForm(initial={"level": selectors.watch_level(user, thread)}),
            "thread_decisions": thread.decisions.all(),
        }
    )
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/thread.html", context, status=status)


def _reply(request, thread, form: PostForm):
    """Store the reply and answer with it (a fragment for the page's script, else a
    redirect); a 400 with the errors as text for the script; None to show the page."""
    if form.is_valid():
        try:
            post = services.post_create(
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
                reply_to=form.cleaned_data["reply_to"],
                attachments=form.cleaned_data["attachments"],
                client_key=form.cleaned_data["client_key"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if _wants_fragment(request):
                return _post_response(request, thread, post, status=201)
            return redirect(
                thread.taskforce.workspace_url("thread", thread.pk) + f"#post-{post.pk}"
            )
    if _wants_fragment(request):
        errors = [message for messages_ in form.errors.values() for message in messages_]
        return HttpResponse(" ".join(errors), status=400, content_type="text/plain")
    return None


def _quote_initial(request, thread) -> dict:
    form = QuoteForm(request.GET)
    if not form.is_valid() or form.cleaned_data["quote"] is None:
        return {}
    quoted = thread.posts.filter(pk=form.cleaned_data["quote"], hidden_at__isnull=True).first()
    if quoted is None:
        return {}
    return {
        "body": quote_markdown(quoted.body, quoted.author.get_full_name()),
        "reply_to": quoted.pk,
    }


def _post_response(request, thread, post: Post, *, status: int = 200):
    post = selectors.post_for(thread, post.pk)
    post.thread = thread
    post.show_hidden_text = post.is_hidden and permissions.can_see_hidden_text(request.user, post)
    context = {
        "post": post,
        "thread": thread,
        "page": thread.taskforce,
        "can_reply": permissions.can_reply(request.user, thread),
        "can_moderate": permissions.can_moderate(request.user, thread.taskforce),
    }
    return TemplateResponse(request, "taskforces/components/post.html", context, status=status)


def post_fragment(request, taskforce: TaskForcePage, thread_id: int, post_id: int):
    """One post, as the reader sees it: the address a notification or a quote links to."""
    thread = _thread_or_404(request, taskforce, thread_id)
    post = selectors.post_for(thread, post_id)
    if post is None:
        raise Http404
    if not _wants_fragment(request):
        return redirect(taskforce.workspace_url("thread", thread.pk) + f"#post-{post.pk}")
    return _post_response(request, thread, post)


def post_edit(request, taskforce: TaskForcePage, thread_id: int, post_id: int):
    thread = _thread_or_404(request, taskforce, thread_id)
    post = selectors.post_for(thread, post_id)
    if post is None:
        raise Http404
    post.thread = thread
    require(permissions.can_edit_post(request.user, post), refusals.AUTHOR_EDITS_ONLY)
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your post is updated; the earlier text is kept."))
            return redirect(taskforce.workspace_url("thread", thread.pk) + f"#post-{post.pk}")
    context = workspace_context(request, taskforce, _("Edit your post"))
    context.update({"thread": thread, "post": post, "form": form})
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "taskforces/post_edit.html", context, status=status)


def post_history(request, taskforce: TaskForcePage, thread_id: int, post_id: int):
    thread = _thread_or_404(request, taskforce, thread_id)
    post = selectors.post_for(thread, post_id)
    if post is None:
        raise Http404
    post.thread = thread
    if not permissions.can_see_post_history(request.user, post):
        raise Http404
    context = workspace_context(request, taskforce, _("Earlier versions of a post"))
    context.update(
        {
            "thread": thread,
            "post": post,
            "revisions": post.revisions.select_related("replaced_by"),
        }
    )
    return TemplateResponse(request, "taskforces/post_history.html", context)


@require_POST
def thread_watch(request, taskforce: TaskForcePage, thread_id: int):
    thread = _thread_or_404(request, taskforce, thread_id)
    form = WatchForm(request.POST)
    if form.is_valid():
        services.watch_set_for_thread(
            user=request.user, thread=thread, level=form.cleaned_data["level"]
        )
        labels = dict(WatchLevel.choices)
        messages.success(
            request,
            _("This thread: %(level)s") % {"level": labels[form.cleaned_data["level"]]},
        )
    else:
        messages.error(request, refusals.CHOOSE_WATCH_LEVEL)
    return redirect(taskforce.workspace_url("thread", thread.pk))
