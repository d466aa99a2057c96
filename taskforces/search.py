"""What task forces put into site search: their public pages for everyone, and, for the
members of each task force and the secretariat, its workspace: threads, posts, documents
(by title), meetings with their agenda and minutes, decisions and action items.

Who may read a workspace is taskforces.permissions' rule, asked at every search, so
joining or leaving a task force changes what the next search finds without any indexing.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.html import strip_tags

from wagtail.signals import page_published, page_unpublished

from search import services
from search.entries import EntryData, as_datetime, guess_language
from search.models import Kind
from search.registry import register_model, register_page, register_readers
from taskforces import permissions
from taskforces.markup import render_markdown
from taskforces.models import ActionItem, Decision, Document, Meeting, Post, TaskForcePage, Thread


def taskforce_key(taskforce_id: int) -> str:
    """The reader key of one task force's workspace."""
    return f"taskforces.taskforce:{taskforce_id}"


@register_readers
def workspace_reader_keys(user) -> list[str]:
    return [taskforce_key(pk) for pk in sorted(permissions.readable_taskforce_ids(user))]


def taskforce_details(page: TaskForcePage, data: EntryData) -> EntryData:
    data.context = page.get_status_display()
    return data


register_page(TaskForcePage, kind=Kind.TASKFORCE, details=taskforce_details)


def plain_text(markdown: str) -> str:
    return " ".join(strip_tags(render_markdown(markdown)).split())


def _workspace_entry(record, taskforce: TaskForcePage, **fields) -> EntryData | None:
    """An entry readable by the members of ``taskforce``; none while its page is not live."""
    if not taskforce.live:
        return None
    fields.setdefault("context", taskforce.title)
    return EntryData(
        source=record._meta.label_lower,
        source_pk=str(record.pk),
        readers=[taskforce_key(taskforce.pk)],
        **fields,
    )


# Discussions ----------------------------------------------------------------------------


def _author_office_ids(author, thread: Thread) -> list[int]:
    if thread.not_for_attribution:
        # Chatham House: an office could name the person.
        return []
    member = getattr(author, "member", None)
    office = member.office if member else None
    return [office.pk] if office and office.live else []


def threads():
    return Thread.objects.select_related("taskforce", "author__member__office")


@register_model(Thread, objects=threads)
def thread_entry(thread: Thread) -> EntryData | None:
    return _workspace_entry(
        thread,
        thread.taskforce,
        kind=Kind.THREAD,
        title=thread.title,
        url=thread.taskforce.workspace_url("thread", thread.pk),
        terms=thread.label,
        language=guess_language(thread.title),
        date=thread.created_at,
        office_ids=_author_office_ids(thread.author, thread),
    )


def visible_posts():
    return Post.objects.select_related("thread__taskforce", "author__member__office").filter(
        hidden_at__isnull=True
    )


@register_model(Post, objects=visible_posts)
def post_entry(post: Post) -> EntryData | None:
    """A post, by its text (and its author, outside not-for-attribution threads); none
    once a moderator hides it."""
    if post.is_hidden:
        return None
    thread = post.thread
    text = " ".join(strip_tags(post.body_html).split())
    # Found by its author's name too, never shown in the excerpt as if they had written it.
    author = "" if thread.not_for_attribution else post.author.get_full_name() or post.author
    return _workspace_entry(
        post,
        thread.taskforce,
        kind=Kind.POST,
        # Empty, so that the thread's title finds the thread once; shown as context.
        title="",
        context=thread.title,
        url=f"{thread.taskforce.workspace_url('thread', thread.pk)}#post-{post.pk}",
        body=text,
        terms=str(author),
        language=guess_language(text),
        date=post.created_at,
        office_ids=_author_office_ids(post.author, thread),
    )


@receiver(post_save, sender=Thread, dispatch_uid="search:taskforces.thread-posts")
def thread_was_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        # Its posts carry its title and its attribution rule.
        post_ids = instance.posts.values_list("pk", flat=True)
        services.objects_sync_later(label=Post._meta.label_lower, ids=post_ids)


# Records --------------------------------------------------------------------------------


def documents():
    return Document.objects.select_related("taskforce")


@register_model(Document, objects=documents)
def document_entry(document: Document) -> EntryData | None:
    """A task-force document, by its title."""
    return _workspace_entry(
        document,
        document.taskforce,
        kind=Kind.DOCUMENT,
        title=document.title,
        url=document.taskforce.workspace_url("document", document.pk),
        language=guess_language(document.title),
        date=as_datetime(document.created_at),
    )


def meetings():
    return Meeting.objects.select_related("taskforce")


@register_model(Meeting, objects=meetings)
def meeting_entry(meeting: Meeting) -> EntryData | None:
    """A meeting, by its title, place, agenda and minutes; it leads to the meeting's page."""
    text = " ".join([plain_text(meeting.agenda), plain_text(meeting.minutes)])
    return _workspace_entry(
        meeting,
        meeting.taskforce,
        kind=Kind.MEETING,
        title=meeting.title,
        url=meeting.taskforce.workspace_url("meeting", meeting.pk),
        body=" ".join(text.split()),
        terms=meeting.location,
        language=guess_language(f"{meeting.title} {text}"),
        date=meeting.starts_at,
    )


@receiver(post_save, sender=Meeting, dispatch_uid="search:taskforces.meeting-actions")
def meeting_was_saved(sender, instance, created, raw=False, **kwargs):
    if not (created or raw):
        # Its action items are found by its title too.
        item_ids = instance.action_items.values_list("pk", flat=True)
        services.objects_sync_later(label=ActionItem._meta.label_lower, ids=item_ids)


def decisions():
    return Decision.objects.select_related("taskforce")


@register_model(Decision, objects=decisions)
def decision_entry(decision: Decision) -> EntryData | None:
    """An entry of the decisions log; it leads to its line in the log."""
    text = " ".join(plain_text(decision.text).split())
    log = decision.taskforce.workspace_url("decision_log")
    return _workspace_entry(
        decision,
        decision.taskforce,
        kind=Kind.DECISION,
        title=decision.title,
        url=f"{log}#decision-{decision.pk}",
        body=text,
        terms=str(decision.get_status_display()),
        language=guess_language(f"{decision.title} {decision.text}"),
        date=as_datetime(decision.decided_on),
    )


def action_items():
    return ActionItem.objects.select_related("taskforce", "owner", "meeting")


@register_model(ActionItem, objects=action_items)
def action_item_entry(item: ActionItem) -> EntryData | None:
    """An action item, by what is to be done and who owns it; it leads to its line in
    the task force's action list."""
    owner = item.owner.get_full_name() or str(item.owner)
    parts = [owner, item.get_status_display(), item.meeting.title if item.meeting else ""]
    actions = item.taskforce.workspace_url("actions")
    return _workspace_entry(
        item,
        item.taskforce,
        kind=Kind.ACTION_ITEM,
        title=item.title,
        url=f"{actions}#action-{item.pk}",
        terms=" ".join(str(part) for part in parts if part),
        language=guess_language(item.title),
        date=as_datetime(item.due_on) or item.created_at,
    )


# The workspace follows its page ---------------------------------------------------------

WORKSPACE_MODELS = [Thread, Post, Document, Meeting, Decision, ActionItem]


@receiver(page_published, sender=TaskForcePage, dispatch_uid="search:taskforces.published")
@receiver(page_unpublished, sender=TaskForcePage, dispatch_uid="search:taskforces.unpublished")
def taskforce_page_changed(sender, instance, **kwargs):
    """Its workspace is found while the page is live, and carries its title."""
    for model in WORKSPACE_MODELS:
        field = "thread__taskforce" if model is Post else "taskforce"
        ids = model.objects.filter(**{field: instance}).values_list("pk", flat=True)
        services.objects_sync_later(label=model._meta.label_lower, ids=ids)
