"""Demo task force: the task force on AI tools, its members, threads, a meeting and decisions."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from catalogue.models import Category
from network.models import User
from portal.demo import DemoRun, SiteSections, ensure, ensure_page
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

AI_MANDATE = (
    "<p>The task force helps offices adopt AI tools for classification, machine translation "
    "and search without each building them alone. It:</p>"
    "<ul><li>shares what offices use and what accuracy they measured, on which data;</li>"
    "<li>identifies AI models and tools that offices can reuse or build together;</li>"
    "<li>proposes common approaches to responsible governance of AI in IP offices.</li></ul>"
    "<p>It reports to the network at each session of the High-Level Dialogue on ICT.</p>"
)

AI_MEMBERS = [
    ("l.fischer@example.org", MembershipRole.CHAIR),
    ("h.sato@example.org", MembershipRole.MEMBER),
    ("mj.kim@example.org", MembershipRole.MEMBER),
    ("m.costa@example.org", MembershipRole.MEMBER),
    ("y.elamrani@example.org", MembershipRole.MEMBER),
    ("d.karimova@example.org", MembershipRole.OBSERVER),
]

# Each thread: title, label, flags, and its posts as (author, Markdown, index replied to).
THREADS = [
    {
        "title": "Welcome, and how we work",
        "label": "Organisation",
        "pinned": True,
        "posts": [
            (
                "l.fischer@example.org",
                "Welcome to the task force on AI tools. A few ways of working:\n\n"
                "- one thread per question, with a label;\n"
                "- decisions are taken by consent in **Decisions**: object only with a reason;\n"
                "- mark a thread *not for attribution* when you share something your office "
                "has not published.\n\n"
                "Observers read along; ask me if you would like to take part fully.",
                None,
            ),
        ],
    },
    {
        "title": "AI for patent classification: what is everyone using?",
        "label": "Classification",
        "posts": [
            (
                "l.fischer@example.org",
                "To start us off: could each office say whether it uses an AI tool to suggest "
                "**IPC** or **CPC** symbols today, and how examiners use the suggestions?",
                None,
            ),
            (
                "h.sato@example.org",
                "We run a pilot that pre-classifies incoming applications to route them to "
                "examination units. Examiners still decide; the routing saves about a day.",
                0,
            ),
            (
                "mj.kim@example.org",
                "Not for patents yet, but for figurative marks we suggest Vienna codes from the "
                "image. Happy to share how we measured accuracy.",
                0,
            ),
            (
                "m.costa@example.org",
                "@haruto.sato how did you measure the routing accuracy: against the final "
                "classification, or against the unit that examined the case in the end?",
                1,
            ),
        ],
    },
    {
        "title": "Machine translation of patent documents",
        "label": "Machine translation",
        "posts": [
            (
                "y.elamrani@example.org",
                "We translate prior art from Chinese, Japanese and Korean into Arabic and French. "
                "Has anyone compared WIPO Translate with general-purpose engines on claims?",
                None,
            ),
            (
                "mj.kim@example.org",
                "We did, on 2,000 claim sets. Domain-trained models keep claim structure far "
                "better; general engines read more fluently but lose *comprising* versus "
                "*consisting of*, which matters.",
                0,
            ),
            (
                "l.fischer@example.org",
                "That distinction would be a good test case for a shared evaluation set. "
                "@min.jun.kim could you describe the 2,000 sets, without sharing them yet?",
                1,
            ),
        ],
    },
    {
        "title": "LLMs for examination support: where do we draw the line?",
        "label": "LLMs",
        "not_for_attribution": True,
        "posts": [
            (
                "h.sato@example.org",
                "Internally we are testing a large language model that drafts a first search "
                "strategy from the claims. It is useful, but it invents classification symbols "
                "now and then.",
                None,
            ),
            (
                "m.costa@example.org",
                "Same experience. We only let it summarise documents the examiner already "
                "found, never decide on novelty. Full automation of substantive examination is "
                "not on our roadmap.",
                0,
            ),
        ],
    },
]

MEETING = {
    "title": "First meeting of the task force",
    "location": "Online",
    "agenda": "1. Welcome and introductions\n2. Mandate and ways of working\n"
    "3. What offices use today: classification, translation, search\n"
    "4. Shared evaluation data\n5. Next meetings",
    "minutes": "**Present:** the chair and four members; one observer.\n\n"
    "- Members confirmed the mandate and the consent-based way of deciding.\n"
    "- Three offices use or pilot AI for classification; two for machine translation.\n"
    "- Offices measure accuracy differently, so results cannot be compared yet. "
    "The chair will put a common template to the members.\n"
    "- The task force will meet online every six weeks.",
}

DECISIONS = [
    {
        "title": "Report accuracy of AI tools in one common template",
        "text": "Offices that share results on AI tools use the task force's template: data "
        "set, size, languages, metric, and how examiners used the output.",
        "review_in_days": 180,
    },
    {
        "title": "Meet online every six weeks",
        "text": "The task force meets online every six weeks, at 12:00 UTC, for 90 minutes.",
        "review_in_days": 365,
    },
]

DOCUMENT_VERSIONS = [
    ("accuracy-template.md", "First draft for comments.", "# Accuracy template\n\n- Data set:\n"),
    (
        "accuracy-template.md",
        "Adds the metric and how examiners used the output.",
        "# Accuracy template\n\n- Data set:\n- Size:\n- Languages:\n- Metric:\n- Use by examiners:\n",
    ),
]


def load_taskforces(run: DemoRun, sections: SiteSections, users: dict[str, User]) -> None:
    pages = run.step("Task forces")
    taskforce, created = ensure_page(
        sections.taskforces,
        TaskForcePage,
        slug="ai-tools",
        title="Task force on AI tools",
        summary="The network's first task force: AI for classification, machine translation "
        "and search, and how offices can build and reuse such tools together.",
        mandate=AI_MANDATE,
        start_date=datetime.date(2025, 9, 1),
        how_to_join="Members of the network ask to join from the task force's page; the chair "
        "confirms. Observers read the discussions without posting.",
        relations={
            "related_categories": Category.objects.filter(
                slug__in=["classification", "machine-translation", "prior-art-and-image-search"]
            )
        },
    )
    pages.add(created)
    run.done(pages)

    memberships = run.step("Task-force memberships")
    for email, role in AI_MEMBERS:
        memberships.add(
            ensure(Membership, {"taskforce": taskforce, "user": users[email]}, role=role)[1]
        )
    run.done(memberships)

    _load_threads(run, taskforce, users)
    meeting = _load_meeting(run, taskforce, users)
    _load_decisions(run, taskforce, users, meeting)
    _load_document(run, taskforce, users)


def _load_threads(run: DemoRun, taskforce: TaskForcePage, users: dict[str, User]) -> None:
    threads = run.step("Threads")
    posts_tally = run.step("Posts")
    handles = mention_handles(taskforce)
    start = timezone.now() - datetime.timedelta(days=20)
    for number, data in enumerate(THREADS):
        thread, created = ensure(
            Thread,
            {"taskforce": taskforce, "title": data["title"]},
            label=data["label"],
            author=users[data["posts"][0][0]],
            pinned=data.get("pinned", False),
            not_for_attribution=data.get("not_for_attribution", False),
        )
        threads.add(created)
        if not created:
            for _post in range(thread.posts.count()):
                posts_tally.add(False)
            continue
        written = []
        for index, (email, body, reply_to) in enumerate(data["posts"]):
            mentioned = find_mentions(body, handles)
            post = Post.objects.create(
                thread=thread,
                author=users[email],
                body=body,
                body_html=render_markdown(body, mentions=mentioned),
                reply_to=written[reply_to] if reply_to is not None else None,
            )
            post.mentions.set([handles[handle] for handle in mentioned])
            # Spread over the last weeks, so the workspace reads like a real one.
            posted = start + datetime.timedelta(days=number * 4 + index, hours=index * 3)
            Post.objects.filter(pk=post.pk).update(created_at=posted)
            written.append(post)
            posts_tally.add(True)
        Thread.objects.filter(pk=thread.pk).update(
            created_at=start + datetime.timedelta(days=number * 4), last_posted_at=posted
        )
    run.done(threads)
    run.done(posts_tally)


def _load_meeting(run: DemoRun, taskforce: TaskForcePage, users: dict[str, User]) -> Meeting:
    tally = run.step("Meetings")
    held = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    meeting, created = ensure(
        Meeting,
        {"taskforce": taskforce, "title": MEETING["title"]},
        starts_at=held - datetime.timedelta(days=14),
        location=MEETING["location"],
        agenda=MEETING["agenda"],
        minutes=MEETING["minutes"],
        created_by=users["l.fischer@example.org"],
    )
    if created:
        meeting.attendees.set([users[email] for email, _role in AI_MEMBERS])
        ensure(
            Meeting,
            {"taskforce": taskforce, "title": "Second meeting of the task force"},
            starts_at=held + datetime.timedelta(days=28),
            location="Online",
            agenda="1. Shared evaluation data for machine translation\n2. Action items",
            created_by=users["l.fischer@example.org"],
        )
    tally.add(created)
    run.done(tally)
    return meeting


def _load_decisions(run, taskforce: TaskForcePage, users: dict[str, User], meeting) -> None:
    tally = run.step("Decisions")
    chair = users["l.fischer@example.org"]
    answering = [email for email, role in AI_MEMBERS if role != MembershipRole.OBSERVER]
    for data in DECISIONS:
        proposal, created = ensure(
            Proposal,
            {"taskforce": taskforce, "title": data["title"]},
            text=data["text"],
            deadline=meeting.starts_at + datetime.timedelta(days=7),
            quorum=3,
            meeting=meeting,
            created_by=chair,
            closed_at=meeting.starts_at + datetime.timedelta(days=7),
        )
        if created:
            for email in answering:
                ProposalResponse.objects.create(
                    proposal=proposal, user=users[email], answer=Answer.CONSENT
                )
            Decision.objects.create(
                taskforce=taskforce,
                proposal=proposal,
                title=proposal.title,
                text=proposal.text,
                decided_on=proposal.closed_at.date(),
                meeting=meeting,
                status=DecisionStatus.ADOPTED,
                review_on=proposal.closed_at.date()
                + datetime.timedelta(days=data["review_in_days"]),
                consents=len(answering),
            )
        tally.add(created)
    run.done(tally)

    actions = run.step("Action items")
    for title, email, days in [
        ("Circulate the accuracy template to all members", "l.fischer@example.org", 7),
        (
            "Describe the 2,000 claim sets used to compare translation engines",
            "mj.kim@example.org",
            21,
        ),
        (
            "Share how routing accuracy was measured in the classification pilot",
            "h.sato@example.org",
            21,
        ),
    ]:
        actions.add(
            ensure(
                ActionItem,
                {"taskforce": taskforce, "title": title},
                owner=users[email],
                due_on=meeting.starts_at.date() + datetime.timedelta(days=days),
                status=ActionStatus.OPEN,
                meeting=meeting,
                created_by=chair,
            )[1]
        )
    run.done(actions)


def _load_document(run: DemoRun, taskforce: TaskForcePage, users: dict[str, User]) -> None:
    tally = run.step("Documents")
    author = users["l.fischer@example.org"]
    document, created = ensure(
        Document,
        {"taskforce": taskforce, "title": "Template for reporting the accuracy of AI tools"},
        description="What offices report when they share results on an AI tool.",
        created_by=author,
    )
    if created:
        for number, (name, note, text) in enumerate(DOCUMENT_VERSIONS, start=1):
            version = DocumentVersion(
                document=document,
                number=number,
                name=name,
                size=len(text.encode()),
                content_type="text/markdown",
                note=note,
                uploaded_by=author,
            )
            version.file.save(name, ContentFile(text.encode()), save=False)
            version.save()
    tally.add(created)
    run.done(tally)
