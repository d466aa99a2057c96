"""The year chooser: a plain GET form, so that a report's address names its year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The network began after the first High-Level Dialogue on ICT, in April 2025.
FIRST_YEAR = 2025


def report_years() -> list[int]:
    """Every year from the network's first to this one, the latest first."""
    return list(range(max(timezone.now().year, FIRST_YEAR), FIRST_YEAR - 1, -1))


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, data=None, **kwargs):
        years = report_years()
        if data is not None and "year" not in data:
            data = {"year": str(years[0])}
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
