"""The task force on AI tools: members, threads, meetings, decisions and a document."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from catalogue.models import Category
from network.models import User
from portal.demo.loading import DemoRun, ensure, ensure_page, read_data
from taskforces.markup import find_mentions, render_markdown
from taskforces.models import (
    ActionItem,
    ActionStatus,
    Answer,
    Decision,
    DecisionStatus,
    Document,
    DocumentVersion,
    Meeting,
    Membership,
    MembershipRole,
    Post,
    Proposal,
    ProposalResponse,
    TaskForcePage,
    Thread,
)
from taskforces.selectors import mention_handles


def load(run: DemoRun) -> None:
    data = read_data("taskforces")
    taskforce = load_page(run, data["taskforce"])
    members = data["taskforce"]["members"]
    chair = next(run.users[row["user"]] for row in members if row["role"] == MembershipRole.CHAIR)
    load_threads(run, taskforce, data["thread"])
    meeting = load_meetings(run, taskforce, data["meeting"], members, chair)
    load_decisions(run, taskforce, data["decision"], members, meeting, chair)
    load_actions(run, taskforce, data["action"], meeting, chair)
    load_document(run, taskforce, data["document"])


def load_page(run: DemoRun, row: dict) -> TaskForcePage:
    pages = run.step("Task forces")
    fields = {key: row[key] for key in ("title", "summary", "mandate", "start_date", "how_to_join")}
    taskforce, created = ensure_page(
        run.sections.taskforces,
        TaskForcePage,
        slug=row["slug"],
        **fields,
        relations={
            "related_categories": Category.objects.originals().filter(
                slug__in=row["related_categories"]
            )
        },
    )
    pages.add(created)
    run.done(pages)
    memberships = run.step("Task-force memberships")
    for member in row["members"]:
        lookup = {"taskforce": taskforce, "user": run.users[member["user"]]}
        memberships.add(ensure(Membership, lookup, role=member["role"])[1])
    run.done(memberships)
    return taskforce


def load_threads(run: DemoRun, taskforce: TaskForcePage, threads: list[dict]) -> None:
    """Each thread with its posts, spread over the last weeks like a real workspace."""
    thread_tally = run.step("Threads")
    post_tally = run.step("Posts")
    start = timezone.now() - datetime.timedelta(days=20)
    for number, row in enumerate(threads):
        thread, created = ensure(
            Thread,
            {"taskforce": taskforce, "title": row["title"]},
            label=row["label"],
            author=run.users[row["post"][0]["author"]],
            pinned=row.get("pinned", False),
            not_for_attribution=row.get("not_for_attribution", False),
        )
        thread_tally.add(created)
        if not created:
            for _post in range(thread.posts.count()):
                post_tally.add(False)
            continue
        started = start + datetime.timedelta(days=number * 4)
        last_posted = write_posts(run, thread, row["post"], started)
        for _post in row["post"]:
            post_tally.add(True)
        Thread.objects.filter(pk=thread.pk).update(created_at=started, last_posted_at=last_posted)
    run.done(thread_tally)
    run.done(post_tally)


def write_posts(run: DemoRun, thread: Thread, posts: list[dict], started) -> datetime.datetime:
    """The thread's posts, rendered with their mentions; returns when the last was posted."""
    handles = mention_handles(thread.taskforce)
    written = []
    for index, row in enumerate(posts):
        mentioned = find_mentions(row["body"], handles)
        reply_to = row.get("reply_to")
        post = Post.objects.create(
            thread=thread,
            author=run.users[row["author"]],
            body=row["body"],
            body_html=render_markdown(row["body"], mentions=mentioned),
            reply_to=written[reply_to] if reply_to is not None else None,
        )
        post.mentions.set([handles[handle] for handle in mentioned])
        posted = started + datetime.timedelta(days=index, hours=index * 3)
        Post.objects.filter(pk=post.pk).update(created_at=posted)
        written.append(post)
    return posted


def load_meetings(run: DemoRun, taskforce, meetings: list[dict], members, chair) -> Meeting:
    """The first meeting, attended by every member, and, with it, the planned ones."""
    tally = run.step("Meetings")
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)

    def ensure_meeting(row: dict) -> tuple[Meeting, bool]:
        fields = {key: row[key] for key in ("location", "agenda", "minutes") if key in row}
        starts_at = noon + datetime.timedelta(days=row["days_from_now"])
        lookup = {"taskforce": taskforce, "title": row["title"]}
        return ensure(Meeting, lookup, starts_at=starts_at, created_by=chair, **fields)

    first, *planned = meetings
    meeting, created = ensure_meeting(first)
    if created:
        meeting.attendees.set([run.users[member["user"]] for member in members])
        for row in planned:
            ensure_meeting(row)
    tally.add(created)
    run.done(tally)
    return meeting


def load_decisions(run: DemoRun, taskforce, decisions, members, meeting, chair) -> None:
    """Proposals of the meeting, closed a week later with every full member's consent."""
    tally = run.step("Decisions")
    answering = [
        run.users[member["user"]] for member in members if member["role"] != MembershipRole.OBSERVER
    ]
    closed_at = meeting.starts_at + datetime.timedelta(days=7)
    for row in decisions:
        proposal, created = ensure(
            Proposal,
            {"taskforce": taskforce, "title": row["title"]},
            text=row["text"],
            deadline=closed_at,
            quorum=3,
            meeting=meeting,
            created_by=chair,
            closed_at=closed_at,
        )
        if created:
            for user in answering:
                ProposalResponse.objects.create(proposal=proposal, user=user, answer=Answer.CONSENT)
            Decision.objects.create(
                taskforce=taskforce,
                proposal=proposal,
                title=proposal.title,
                text=proposal.text,
                decided_on=closed_at.date(),
                meeting=meeting,
                status=DecisionStatus.ADOPTED,
                review_on=closed_at.date() + datetime.timedelta(days=row["review_in_days"]),
                consents=len(answering),
            )
        tally.add(created)
    run.done(tally)


def load_actions(run: DemoRun, taskforce, actions: list[dict], meeting, chair) -> None:
    tally = run.step("Action items")
    for row in actions:
        _, created = ensure(
            ActionItem,
            {"taskforce": taskforce, "title": row["title"]},
            owner=run.users[row["owner"]],
            due_on=meeting.starts_at.date() + datetime.timedelta(days=row["due_in_days"]),
            status=ActionStatus.OPEN,
            meeting=meeting,
            created_by=chair,
        )
        tally.add(created)
    run.done(tally)


def load_document(run: DemoRun, taskforce: TaskForcePage, row: dict) -> None:
    tally = run.step("Documents")
    author: User = run.users[row["author"]]
    document, created = ensure(
        Document,
        {"taskforce": taskforce, "title": row["title"]},
        description=row["description"],
        created_by=author,
    )
    if created:
        for number, version_row in enumerate(row["version"], start=1):
            content = version_row["text"].encode()
            version = DocumentVersion(
                document=document,
                number=number,
                name=version_row["name"],
                size=len(content),
                content_type="text/markdown",
                note=version_row["note"],
                uploaded_by=author,
            )
            version.file.save(version_row["name"], ContentFile(content), save=False)
            version.save()
    tally.add(created)
    run.done(tally)
