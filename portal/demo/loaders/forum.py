"""The network's forum: its page and categories, a moderator and a few threads."""

import datetime

from django.utils import timezone

from portal.demo.loaders.taskforces import write_posts
from portal.demo.loading import DemoRun, ensure, ensure_page, read_data
from taskforces.models import ForumCategory, ForumPage, Membership, MembershipRole, Thread


def load(run: DemoRun) -> None:
    data = read_data("forum")
    forum = load_page(run, data["forum"])
    load_threads(run, forum, data["thread"])


def load_page(run: DemoRun, row: dict) -> ForumPage:
    pages = run.step("Forum")
    fields = {key: row[key] for key in ("title", "summary", "mandate")}
    categories = [
        ForumCategory(
            name=category["name"],
            description=category.get("description", ""),
            moderators_only=category.get("moderators_only", False),
            sort_order=number,
        )
        for number, category in enumerate(row["category"])
    ]
    forum, created = ensure_page(
        run.sections.home,
        ForumPage,
        slug=row["slug"],
        show_in_menus=True,
        relations={"categories": categories},
        **fields,
    )
    pages.add(created)
    run.done(pages)
    moderators = run.step("Forum moderators")
    for email in row["moderators"]:
        lookup = {"taskforce": forum, "user": run.users[email]}
        moderators.add(ensure(Membership, lookup, role=MembershipRole.CHAIR)[1])
    run.done(moderators)
    return forum


def load_threads(run: DemoRun, forum: ForumPage, threads: list[dict]) -> None:
    """Each thread under its category, a few days apart, with its posts."""
    tally = run.step("Forum threads")
    categories = {category.name: category for category in forum.categories.all()}
    start = timezone.now() - datetime.timedelta(days=12)
    for number, row in enumerate(threads):
        thread, created = ensure(
            Thread,
            {"taskforce": forum, "title": row["title"]},
            category=categories[row["category"]],
            author=run.users[row["post"][0]["author"]],
            pinned=row.get("pinned", False),
        )
        tally.add(created)
        if created:
            started = start + datetime.timedelta(days=number * 3)
            last_posted = write_posts(run, thread, row["post"], started)
            Thread.objects.filter(pk=thread.pk).update(
                created_at=started, last_posted_at=last_posted
            )
    run.done(tally)
