"""Who uses which catalogue entry, who would like to, a question answered, and a pilot
project between two offices."""

import datetime

from django.utils import timezone

from catalogue.models import (
    Adoption,
    CatalogueEntryPage,
    Interest,
    Pilot,
    PilotMilestone,
    Question,
)
from portal.demo.loading import DemoRun, by_key, ensure, read_data


def load(run: DemoRun) -> None:
    data = read_data("adoptions")
    tally = run.step("Adoptions, interest and questions")
    entries = by_key(CatalogueEntryPage, "title")
    for row in data["adoptions"]:
        _, created = ensure(
            Adoption,
            {"entry": entries[row["entry"]], "office": run.offices[row["office"]]},
            status=row["status"],
            since=row.get("since"),
            version=row.get("version", ""),
            willing_to_be_reference=row["reference"],
        )
        tally.add(created)
    for row in data["interests"]:
        user = run.users[row["user"]]
        lookup = {"entry": entries[row["entry"]], "user": user}
        tally.add(ensure(Interest, lookup, office=user.member.office)[1])
    question = data["question"]
    asked_at = timezone.now() - datetime.timedelta(days=question["asked_days_ago"])
    _, created = ensure(
        Question,
        {
            "entry": entries[question["entry"]],
            "asked_by": run.users[question["asked_by"]],
            "body": question["body"],
        },
        created_at=asked_at,
        answer=question["answer"],
        answered_by=run.users[question["answered_by"]],
        answered_at=asked_at + datetime.timedelta(days=question["answered_after_days"]),
    )
    tally.add(created)
    for row in data.get("pilot", []):
        load_pilot(run, row, entries, tally)
    run.done(tally)


def load_pilot(run: DemoRun, row: dict, entries: dict, tally) -> None:
    fields = ("status", "started_on", "ends_on", "goals", "results", "lessons")
    pilot, created = ensure(
        Pilot,
        {"title": row["title"], "lead_office": run.offices[row["lead_office"]]},
        **{name: row[name] for name in fields if name in row},
    )
    tally.add(created)
    if created:
        pilot.offices.set([run.offices[code] for code in row.get("offices", [])])
        pilot.entries.set([entries[title] for title in row.get("entries", [])])
    for milestone in row.get("milestones", []):
        lookup = {"pilot": pilot, "title": milestone["title"]}
        tally.add(
            ensure(PilotMilestone, lookup, due_on=milestone["due_on"], status=milestone["status"])[
                1
            ]
        )
