"""The network health report as a page (printable) and its figures as CSV, for members."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control

from network.decorators import members_required
from portal.exports import csv_response
from portal.reports import permissions, report
from portal.reports.forms import YearForm

TEMPLATE = "reports/health_report.html"


def _refusal(request, form: YearForm):
    """The page with the form's error and no figure, when the year is not one it covers."""
    if form.is_valid():
        return None
    return TemplateResponse(request, TEMPLATE, {"form": form}, status=400)


@cache_control(private=True, no_store=True)
@members_required(message=permissions.MEMBERS_ONLY)
def health_report(request):
    form = YearForm(request.GET)
    if refusal := _refusal(request, form):
        return refusal
    year = form.cleaned_data["year"]
    context = {"form": form, "year": year, "sections": report.health_report(year)}
    return TemplateResponse(request, TEMPLATE, context)


@cache_control(private=True, no_store=True)
@members_required(message=permissions.MEMBERS_ONLY)
def health_report_csv(request):
    form = YearForm(request.GET)
    if refusal := _refusal(request, form):
        return refusal
    year = form.cleaned_data["year"]
    rows = report.csv_rows(report.health_report(year))
    return csv_response(rows, f"network-health-{year}.csv")
