"""Task-force activity, events and their participants, and consultation participation."""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from portal.consultations.models import Comment, ConsultationPage
from portal.page_languages import public
from portal.reports.report import Period, Row, Section
from portal.reports.selectors.network import events_held, in_period
from portal.reports.selectors.regions import by_key, originals, region_rows
from portal.workshops.models import Registration, RegistrationStatus, WorkshopPage
from taskforces.models import Decision, Meeting, Post, TaskForcePage, Thread


def _count_per_taskforce(queryset, path: str = "taskforce"):
    counted = (
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def taskforce_activity(period: Period) -> Section:
    taskforces = (
        originals(public(TaskForcePage.objects.live()))
        .annotate(
            threads_count=_count_per_taskforce(
                Thread.objects.filter(**in_period("created_at", period))
            ),
            posts_count=_count_per_taskforce(
                Post.objects.filter(hidden_at__isnull=True, **in_period("created_at", period)),
                "thread__taskforce",
            ),
            decisions_count=_count_per_taskforce(
                Decision.objects.filter(
                    decided_on__gte=period.first_day, decided_on__lte=period.last_day
                )
            ),
            meetings_count=_count_per_taskforce(
                Meeting.objects.filter(**in_period("starts_at", period))
            ),
        )
        .order_by("title")
        .values_list("title", "threads_count", "posts_count", "decisions_count", "meetings_count")
    )
    rows = [Row(title, list(counts)) for title, *counts in taskforces]
    names = [_("Threads started"), _("Posts"), _("Decisions"), _("Meetings")]
    return Section(
        key="taskforces",
        title=_("Task-force activity"),
        definition=_(
            "For each task force with a public page: threads started, posts written (not "
            "those a moderator hid), decisions recorded with a date in the year, and "
            "meetings held or planned in the year. Only counts are shown, never what was "
            "written."
        ),
        figures=[
            (name, sum(row.values[index] for row in rows)) for index, name in enumerate(names)
        ],
        row_header=_("Task force"),
        columns=names,
        rows=rows,
        chart_column=1,
        empty_text=_("No task force has a public page."),
    )


def events_by_region(period: Period) -> Section:
    events = originals(WorkshopPage.objects.live()).filter(
        start_date__gte=period.first_day, start_date__lte=period.last_day
    )
    places = Registration.objects.filter(status=RegistrationStatus.CONFIRMED, **events_held(period))
    by_region = list(
        places.order_by()
        .values("office__region")
        .annotate(participants=Count("pk"), events=Count("workshop", distinct=True))
    )
    return Section(
        key="events",
        title=_("Events and participants by region"),
        definition=_(
            "Workshops, trainings and hackathons that start in the year. Participants are "
            "the places taken (registrations confirmed, not cancelled), under the region of "
            "the office each person registered for; an event counts under every region "
            "that had a participant at it."
        ),
        figures=[
            (_("Events held"), events.count()),
            (_("Places taken"), sum(row["participants"] for row in by_region)),
            (_("People who took part"), places.aggregate(n=Count("user", distinct=True))["n"]),
        ],
        row_header=_("Region"),
        columns=[_("Participants"), _("Events with participants from the region")],
        rows=region_rows(
            period,
            [
                by_key(by_region, "office__region", "participants"),
                by_key(by_region, "office__region", "events"),
            ],
        ),
    )


def consultation_participation(period: Period) -> Section:
    """Counts only: no comment, its author or its consultation is ever named."""
    comments = Comment.objects.filter(
        consultation__live=True, **in_period("created_at", period)
    ).annotate(
        office=Coalesce("on_behalf_of", "author__member__office"),
        region=Case(
            When(on_behalf_of__isnull=False, then=F("on_behalf_of__region")),
            default=F("author__member__office__region"),
        ),
    )
    by_region = list(
        comments.order_by()
        .values("region")
        .annotate(
            comments=Count("pk"),
            members=Count("author", distinct=True),
            offices=Count("office", distinct=True),
        )
    )
    totals = comments.order_by().aggregate(
        members=Count("author", distinct=True), offices=Count("office", distinct=True)
    )
    opened = originals(ConsultationPage.objects.live()).filter(**in_period("opens_at", period))
    columns = ["offices", "members", "comments"]
    return Section(
        key="consultations",
        title=_("Consultation participation"),
        definition=_(
            "Consultations that opened in the year, and comments written in the year on any "
            "consultation, whoever may read them, counted by the region of the office "
            "commented for (or the author's office). Only counts are shown, never a comment "
            "or who wrote it."
        ),
        figures=[
            (_("Consultations opened"), opened.count()),
            (_("Comments"), sum(row["comments"] for row in by_region)),
            (_("Members who commented"), totals["members"]),
            (_("Offices that commented"), totals["offices"]),
        ],
        row_header=_("Region"),
        columns=[_("Offices that commented"), _("Members who commented"), _("Comments")],
        rows=region_rows(period, [by_key(by_region, "region", column) for column in columns]),
    )
