"""The first survey of offices (priorities, emerging technologies, difficulties and
cooperation), with the responses of eleven offices."""

import datetime

from django.utils import timezone

from network.models import OfficePage, SeatTerm
from portal.demo.loading import DemoRun, ensure_page, read_data
from portal.surveys import services
from portal.surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse


def load(run: DemoRun) -> None:
    data = read_data("surveys")
    tally = run.step("Surveys")
    # Not in the menu: the area is for members, and the menu is the same for everyone.
    index, created = ensure_page(run.sections.home, SurveyIndexPage, **data["index"])
    tally.add(created)
    row = data["survey"]
    now = timezone.now()
    survey, created = ensure_page(
        index,
        SurveyPage,
        slug=row["slug"],
        title=row["title"],
        reference=row["reference"],
        intro=row["intro"],
        opens_at=now - datetime.timedelta(days=row["opened_days_ago"]),
        closes_at=now + datetime.timedelta(days=row["closes_in_days"]),
        questions=[
            SurveyQuestion(
                sort_order=order,
                clean_name=question["key"],
                field_type=question["kind"],
                label=question["label"],
                help_text=question.get("help_text", ""),
                choices="\n".join(question.get("choices", [])),
                required=question.get("required", question["kind"] != "section"),
            )
            for order, question in enumerate(row["question"])
        ],
    )
    tally.add(created)
    run.done(tally)
    load_responses(run, survey, data["response"])


def load_responses(run: DemoRun, survey: SurveyPage, rows: list[dict]) -> None:
    tally = run.step("Survey responses")
    for row in rows:
        person = run.users[row["by"]]
        office = OfficePage.objects.get(
            pk=SeatTerm.objects.current().filter(user=person).values("office_id")[:1]
        )
        if SurveyResponse.objects.filter(survey=survey, office=office).exists():
            tally.add(False)
            continue
        answers = {key: value for key, value in row.items() if key != "by"}
        services.response_save(
            survey=survey, office=office, user=person, answers=answers, submit=True
        )
        tally.add(True)
    run.done(tally)
