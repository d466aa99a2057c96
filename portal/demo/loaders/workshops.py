"""Workshops with their speakers, agendas, segments, questions and challenges."""

import datetime

from django.utils import timezone

from portal.demo.loading import (
    DemoRun,
    by_key,
    ensure,
    ensure_page,
    next_weekday,
    paragraph,
    read_data,
)
from portal.models import Language
from portal.workshops.models import (
    HackathonChallenge,
    RegistrationQuestion,
    Speaker,
    WorkshopPage,
    WorkshopSegment,
)

# Keys of a workshop's row that the loader turns into relations, stream fields or rows of
# their own, rather than passing them to the page as they stand.
NOT_FIELDS = {"languages", "interpretation", "body", "day", "material"}
NOT_FIELDS |= {"segment", "question", "challenge"}
DATE_FIELDS = ("start_date", "end_date", "registration_closes_on", "submission_deadline_date")


def load(run: DemoRun) -> None:
    data = read_data("workshops")
    tally = run.step("Workshops")
    speakers = load_speakers(run, data)
    languages = by_key(Language, "code")
    pages = []
    for row in data["workshop"]:
        fields = {key: value for key, value in row.items() if key not in NOT_FIELDS}
        fields.update(dates(row))
        page, created = ensure_page(
            run.sections.workshops,
            WorkshopPage,
            **fields,
            **streams(row, fields["start_date"], speakers),
            relations={
                "languages": [languages[code] for code in row["languages"]],
                "interpretation_languages": [
                    languages[code] for code in row.get("interpretation", [])
                ],
            },
        )
        pages.append((page, row))
        tally.add(created)
    run.done(tally)
    load_extras(run, pages)


def load_speakers(run: DemoRun, data: dict) -> dict[str, Speaker]:
    """Speakers by key: the officials by their key in the data, members by e-mail."""
    tally = run.step("Speakers")
    speakers = {}
    for key, official in data["officials"].items():
        lookup = {"name": official["name"]}
        speakers[key], created = ensure(
            Speaker, lookup, affiliation=official["affiliation"], job_title=official["job_title"]
        )
        tally.add(created)
    for email in data["member_speakers"]:
        speakers[email], created = ensure(Speaker, {"member": run.users[email].member})
        tally.add(created)
    run.done(tally)
    return speakers


def dates(row: dict) -> dict[str, datetime.date]:
    """The row's dates: a coming event's start follows today, its other dates its start."""
    start = row["start_date"]
    if isinstance(start, dict):
        today = timezone.localdate()
        start = next_weekday(today, start["weekday"], weeks_ahead=start["weeks_ahead"])
    resolved = {key: after(start, row[key]) for key in DATE_FIELDS if key in row}
    return {**resolved, "start_date": start}


def after(start: datetime.date, value: int | datetime.date) -> datetime.date:
    """``value`` itself if a date, else the day ``value`` days after ``start``."""
    return start + datetime.timedelta(days=value) if isinstance(value, int) else value


def streams(row: dict, start: datetime.date, speakers: dict[str, Speaker]) -> dict:
    """The body, agenda and materials, as the page's stream fields take them."""
    fields = {}
    if "body" in row:
        fields["body"] = [paragraph(html) for html in row["body"]]
    if "day" in row:
        fields["agenda"] = [("day", agenda_day(day, start, speakers)) for day in row["day"]]
    if "material" in row:
        fields["materials"] = [
            ("material", {**material, "document": None}) for material in row["material"]
        ]
    return fields


def agenda_day(day: dict, start: datetime.date, speakers: dict[str, Speaker]) -> dict:
    sessions = [
        {
            "start_time": session["start"],
            "end_time": session["end"],
            "title": session["title"],
            "description": session.get("description", ""),
            "room": day.get("room", ""),
            "link": "",
            "speakers": [speakers[key] for key in session.get("speakers", [])],
            "materials": [],
        }
        for session in day["session"]
    ]
    return {"date": after(start, day["date"]), "title": day["title"], "sessions": sessions}


def load_extras(run: DemoRun, pages: list[tuple[WorkshopPage, dict]]) -> None:
    """Segments, registration questions and challenge briefs, on the pages as published."""
    tally = run.step("Segments, questions and challenges")
    for page, row in pages:
        for model, natural_key, rows in [
            (WorkshopSegment, "title", row.get("segment", [])),
            (RegistrationQuestion, "label", row.get("question", [])),
            (HackathonChallenge, "title", row.get("challenge", [])),
        ]:
            for sort_order, item in enumerate(rows):
                defaults = {key: value for key, value in item.items() if key != natural_key}
                lookup = {"page": page, natural_key: item[natural_key]}
                tally.add(ensure(model, lookup, **defaults, sort_order=sort_order)[1])
    run.done(tally)
