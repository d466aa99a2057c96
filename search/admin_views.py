"""The secretariat's report of what members look for, in the Wagtail admin."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.exports import csv_response
from search.query_log import month_report

# Granted to the secretariat's group (network/groups.py) and to no one else: what people
# search for is the network's own business, even without their names.
VIEW_QUERY_LOG = "search.view_loggedquery"


def can_view_query_log(user) -> bool:
    return user.is_active and user.has_perm(VIEW_QUERY_LOG)


class MonthForm(forms.Form):
    month = forms.DateField(
        label=gettext_lazy("Month"),
        input_formats=["%Y-%m"],
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    export = forms.BooleanField(required=False)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and not datetime.date(2000, 1, 1) <= month <= datetime.date(2200, 12, 1):
            raise forms.ValidationError(_("Choose a month between 2000 and 2200."))
        return month


@require_GET
def query_report(request):
    if not can_view_query_log(request.user):
        raise PermissionDenied
    form = MonthForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    month = (valid and form.is_bound and form.cleaned_data["month"]) or timezone.localdate()
    if not form.is_bound:
        form = MonthForm(initial={"month": month})
    if valid and form.is_bound and form.cleaned_data["export"]:
        return _export(month_report(month, limit=None))
    report = month_report(month) if valid else None
    context = {
        "form": form,
        "report": report,
        "header_title": _("What members look for"),
        "page_title": _("What members look for"),
        "header_icon": "search",
    }
    return TemplateResponse(
        request, "search/admin/query_report.html", context, status=200 if valid else 400
    )


def _export(report):
    rows = [[_("Query"), _("Language"), _("Where"), _("Searches"), _("Found nothing")]]
    rows += [
        [row.query, row.language, str(row.source_label), row.searches] + [row.zero_result_searches]
        for row in report.frequent
    ]
    return csv_response(rows, f"queries-{report.month:%Y-%m}.csv")
