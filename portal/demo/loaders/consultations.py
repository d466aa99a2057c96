"""A consultation on the next steps of the first High-Level Dialogue, with comments."""

import datetime

from django.utils import timezone

from portal.consultations import services
from portal.consultations.models import Comment, ConsultationIndexPage, ConsultationPage
from portal.demo.loading import DemoRun, ensure_page, paragraph, read_data


def load(run: DemoRun) -> None:
    data = read_data("consultations")
    tally = run.step("Consultations")
    # Not in the menu: the area is for members, and the menu is the same for everyone.
    index, created = ensure_page(run.sections.home, ConsultationIndexPage, **data["index"])
    tally.add(created)
    row = data["consultation"]
    now = timezone.now()
    page, created = ensure_page(
        index,
        ConsultationPage,
        slug=row["slug"],
        title=row["title"],
        reference=row["reference"],
        intro=row["intro"],
        text=[paragraph(f"<p>{text}</p>") for text in row["paragraphs"]],
        opens_at=now - datetime.timedelta(days=row["opened_days_ago"]),
        closes_at=now + datetime.timedelta(days=row["closes_in_days"]),
    )
    tally.add(created)
    run.done(tally)
    load_comments(run, page, data["comment"])


def load_comments(run: DemoRun, page: ConsultationPage, rows: list[dict]) -> None:
    tally = run.step("Consultation comments")
    paragraphs = page.paragraphs()
    for row in rows:
        author = run.users[row["author"]]
        if Comment.objects.filter(consultation=page, author=author, body=row["body"]).exists():
            tally.add(False)
            continue
        number = row.get("paragraph")
        services.comment_create(
            consultation=page,
            author=author,
            body=row["body"],
            paragraph_id=paragraphs[number - 1].block_id if number else "",
            on_behalf_of_office=row.get("on_behalf", False),
            visibility=row.get("visibility", "audience"),
        )
        tally.add(True)
    run.done(tally)
