"""Offices' submitted self-assessments of their ICT maturity."""

import datetime

from django.utils import timezone

from network import services
from network.maturity import Dimension
from network.models import Assessment, Member, MemberRole
from portal.demo.loading import SECRETARIAT_EMAIL, DemoRun, read_data


def load(run: DemoRun) -> None:
    data = read_data("assessments")
    tally = run.step("Self-assessments")
    year = timezone.localdate().year
    heads = {
        member.office_id: member.user
        for member in Member.objects.filter(role__in=[MemberRole.CIO, MemberRole.CTO])
    }
    for years_ago, table in ((0, data["this_year"]), (1, data["last_year"])):
        for code, scores in table.items():
            office = run.offices[code]
            exists = Assessment.objects.filter(office=office, year=year - years_ago).exists()
            if not exists:
                submitter = heads.get(office.pk) or run.users[SECRETARIAT_EMAIL]
                submit(office, year - years_ago, scores, submitter)
            tally.add(not exists)
    shared = [run.offices[code] for code in data.get("shared_this_year", [])]
    for assessment in Assessment.objects.filter(office__in=shared, year=year):
        services.assessment_sharing_set(assessment=assessment, shared=True)
    run.done(tally)


def submit(office, year: int, scores: list[int], user) -> None:
    """The office's assessment for ``year``, submitted through the service on 15 March."""
    assessment = services.assessment_for(office=office, year=year)
    answers = {
        dimension.value: services.AnswerData(score=score)
        for dimension, score in zip(Dimension, scores, strict=True)
    }
    services.assessment_save(assessment=assessment, answers=answers, submit=True, user=user)
    submitted_on = datetime.datetime(year, 3, 15, 10, tzinfo=datetime.UTC)
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=min(submitted_on, timezone.now())
    )
