"""Registrations, feedback and hackathon teams on the demo workshops."""

from django.utils import timezone

from portal.demo.loading import DemoRun, by_key, ensure, read_data
from portal.workshops.models import (
    Feedback,
    Registration,
    RegistrationStatus,
    Team,
    TeamMembership,
    WorkshopPage,
)


def load(run: DemoRun) -> None:
    # Written directly rather than through the workshop services, which would e-mail these
    # fictional people and refuse registrations for the past session.
    data = read_data("workshop_activity")
    tally = run.step("Registrations, feedback and teams")
    workshops = by_key(WorkshopPage, "slug")
    now = timezone.now()
    for row in data["registration"]:
        at = row.get("registered_at", now)
        extra = {"attended": row["attended"]} if "attended" in row else {}
        for email in row["users"]:
            user = run.users[email]
            _, created = ensure(
                Registration,
                {"workshop": workshops[row["workshop"]], "user": user},
                office=user.member.office,
                status=RegistrationStatus.CONFIRMED,
                created_at=at,
                queued_at=at,
                confirmed_at=at,
                **extra,
            )
            tally.add(created)
    for row in data["feedback"]:
        registration = Registration.objects.get(
            workshop=workshops[row["workshop"]], user=run.users[row["user"]]
        )
        fields = {key: row[key] for key in ("rating", "most_useful", "next_topics")}
        tally.add(ensure(Feedback, {"registration": registration}, **fields)[1])
    for row in data["team"]:
        tally.add(load_team(run, workshops[row["workshop"]], row))
    run.done(tally)


def load_team(run: DemoRun, workshop: WorkshopPage, row: dict) -> bool:
    """The team with its members, created by the first; whether it was new."""
    challenges = {challenge.title: challenge for challenge in workshop.challenges.all()}
    team, created = ensure(
        Team,
        {"workshop": workshop, "name": row["name"]},
        challenge=challenges.get(row["challenge"]),
        created_by=run.users[row["members"][0]],
    )
    for email in row["members"]:
        ensure(TeamMembership, {"workshop": workshop, "user": run.users[email]}, team=team)
    return created
