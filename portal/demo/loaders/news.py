"""News articles, dated a few days or weeks before the demo is loaded."""

import datetime

from django.utils import timezone

from portal.demo.loading import DemoRun, ensure_page, paragraph, read_data
from portal.models import NewsArticlePage


def load(run: DemoRun) -> None:
    tally = run.step("News articles")
    today = timezone.localdate()
    for row in read_data("news")["article"]:
        _, created = ensure_page(
            run.sections.news,
            NewsArticlePage,
            slug=row["slug"],
            title=row["title"],
            summary=row["summary"],
            date=today - datetime.timedelta(days=row["days_ago"]),
            body=[paragraph(f"<p>{text}</p>") for text in row.get("body", [row["summary"]])],
        )
        tally.add(created)
    run.done(tally)
