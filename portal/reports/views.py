"""The network health report as a page (printable) and its figures as CSV, for members."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control

from network.decorators import members_required
from portal.exports import csv_response
from portal.reports import permissions, report
from portal.reports.forms import YearForm


@cache_control(private=True, no_store=True)
@members_required(message=permissions.MEMBERS_ONLY)
def health_report(request):
    form = YearForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "sections": None, "year": None}
        return TemplateResponse(request, "reports/health_report.html", context, status=400)
    year = form.cleaned_data["year"]
    context = {"form": form, "year": year, "sections": report.health_report(year)}
    return TemplateResponse(request, "reports/health_report.html", context)


@cache_control(private=True, no_store=True)
@members_required(message=permissions.MEMBERS_ONLY)
def health_report_csv(request):
    form = YearForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "sections": None, "year": None}
        return TemplateResponse(request, "reports/health_report.html", context, status=400)
    year = form.cleaned_data["year"]
    rows = report.csv_rows(report.health_report(year))
    return csv_response(rows, f"network-health-{year}.csv")
