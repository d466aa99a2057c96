"""Survey participation: how many offices answered the network's surveys, by region."""

from django.db.models import Count
from django.utils.translation import gettext as _

from portal.reports.report import Period, Section
from portal.reports.selectors.network import in_period
from portal.reports.selectors.regions import by_key, originals, region_rows
from portal.surveys.models import ResponseStatus, SurveyPage, SurveyResponse


def survey_participation(period: Period) -> Section:
    """Counts only: no answer, and no office's name, is ever shown."""
    submitted = SurveyResponse.objects.filter(
        survey__live=True,
        status=ResponseStatus.SUBMITTED,
        **in_period("submitted_at", period),
    )
    by_region = list(
        submitted.order_by()
        .values("office__region")
        .annotate(responses=Count("pk"), offices=Count("office", distinct=True))
    )
    # An office is in one region: its region's distinct offices add up to the whole.
    offices = sum(row["offices"] for row in by_region)
    opened = originals(SurveyPage.objects.live()).filter(**in_period("opens_at", period))
    return Section(
        key="surveys",
        title=_("Survey participation"),
        definition=_(
            "Surveys of offices that opened in the year, and responses submitted in the year "
            "(one per office and survey; drafts are not counted), by the region of the "
            "office that answered. Only counts are shown, never an answer or which office "
            "gave it."
        ),
        figures=[
            (_("Surveys opened"), opened.count()),
            (_("Responses submitted"), sum(row["responses"] for row in by_region)),
            (_("Offices that answered"), offices),
        ],
        row_header=_("Region"),
        columns=[_("Offices that answered"), _("Responses submitted")],
        rows=region_rows(
            period,
            [
                by_key(by_region, "office__region", "offices"),
                by_key(by_region, "office__region", "responses"),
            ],
        ),
    )
