"""Everything site search reads from task-force workspaces: threads, posts, documents,
and which task forces a person may read.

This is the one module of search/ that knows the task-force models, so that a change to
the workspace changes one place here.
"""

from django.utils.html import strip_tags

from search.entries import EntryData, as_datetime, guess_language
from search.models import Audience, Kind
from taskforces import permissions as taskforce_permissions
from taskforces.models import Document, Post, Thread

POST_SOURCE = "taskforces.post"
THREAD_SOURCE = "taskforces.thread"
DOCUMENT_SOURCE = "taskforces.document"


def readable_taskforce_ids(user) -> set[int]:
    """Task forces whose threads, posts and documents this person may read, now."""
    return set(taskforce_permissions.readable_taskforce_ids(user))


def post_is_hidden(post: Post) -> bool:
    return post.hidden_at is not None


def visible_posts():
    return Post.objects.select_related("thread__taskforce", "author__member__office").filter(
        hidden_at__isnull=True
    )


def post_text(post: Post) -> str:
    """The post as plain text, for indexing and excerpts: its sanitised HTML, untagged."""
    return " ".join(strip_tags(post.body_html).split())


def thread_url(thread: Thread) -> str:
    return thread.taskforce.workspace_url("thread", thread.pk)


def post_url(post: Post) -> str:
    return f"{thread_url(post.thread)}#post-{post.pk}"


def document_url(document: Document) -> str:
    return document.taskforce.workspace_url("document", document.pk)


def documents():
    return Document.objects.select_related("taskforce")


def threads():
    return Thread.objects.select_related("taskforce", "author__member__office")


def _author_office_ids(author, thread: Thread) -> list[int]:
    if thread.not_for_attribution:
        # Chatham House: an office could name the person.
        return []
    member = getattr(author, "member", None)
    office = member.office if member else None
    return [office.pk] if office and office.live else []


def thread_entry(thread: Thread) -> EntryData | None:
    taskforce = thread.taskforce
    if not taskforce.live:
        return None
    return EntryData(
        source=THREAD_SOURCE,
        source_pk=str(thread.pk),
        kind=Kind.THREAD,
        title=thread.title,
        url=thread_url(thread),
        audience=Audience.TASKFORCE,
        taskforce_id=taskforce.pk,
        body=thread.label,
        context=taskforce.title,
        language=guess_language(thread.title),
        date=thread.created_at,
        office_ids=_author_office_ids(thread.author, thread),
    )


def post_entry(post: Post) -> EntryData | None:
    thread = post.thread
    if post_is_hidden(post) or not thread.taskforce.live:
        return None
    text = post_text(post)
    if not thread.not_for_attribution:
        # Outside a not-for-attribution thread, a post can be found by who wrote it.
        text = f"{text} — {post.author.get_full_name() or post.author}"
    return EntryData(
        source=POST_SOURCE,
        source_pk=str(post.pk),
        kind=Kind.POST,
        title="",
        url=post_url(post),
        audience=Audience.TASKFORCE,
        taskforce_id=thread.taskforce_id,
        body=text,
        context=thread.title,
        language=guess_language(text),
        date=post.created_at,
        office_ids=_author_office_ids(post.author, thread),
    )


def document_entry(document: Document) -> EntryData | None:
    """A task-force document: its title only, for the members of its task force."""
    if not document.taskforce.live:
        return None
    return EntryData(
        source=DOCUMENT_SOURCE,
        source_pk=str(document.pk),
        kind=Kind.DOCUMENT,
        title=document.title,
        url=document_url(document),
        audience=Audience.TASKFORCE,
        taskforce_id=document.taskforce_id,
        context=document.taskforce.title,
        language=guess_language(document.title),
        date=as_datetime(document.created_at),
    )


def entry_for(obj) -> EntryData | None:
    if isinstance(obj, Thread):
        return thread_entry(obj)
    if isinstance(obj, Post):
        return post_entry(obj)
    if isinstance(obj, Document):
        return document_entry(obj)
    return None


def all_objects():
    yield from threads().iterator(chunk_size=500)
    yield from visible_posts().iterator(chunk_size=500)
    yield from documents()


def count_objects() -> int:
    return Thread.objects.count() + visible_posts().count() + Document.objects.count()
