from django import forms
from django.utils.translation import gettext_lazy as _

from search.models import Kind

SORT_CHOICES = [("relevance", _("Best match")), ("date", _("Newest first"))]
# Ids are database integers: a larger number names nothing and must not reach the query.
MAX_ID = 2**31 - 1


class SearchForm(forms.Form):
    """The search page's parameters; every one is optional, bad ones are explained."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Kind of content"), choices=Kind.choices, required=False)
    office = forms.IntegerField(label=_("Office"), min_value=1, max_value=MAX_ID, required=False)
    category = forms.IntegerField(
        label=_("Category"), min_value=1, max_value=MAX_ID, required=False
    )
    language = forms.SlugField(label=_("Language"), max_length=10, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)

    FILTERS = ["kind", "office", "category", "language", "year"]

    def filters(self) -> dict[str, str]:
        return {
            name: str(self.cleaned_data[name])
            for name in self.FILTERS
            if self.cleaned_data.get(name) not in (None, "")
        }


class SuggestionForm(forms.Form):
    """What is typed in the header's box; text the database cannot take (NUL) is refused."""

    q = forms.CharField(required=False, strip=True)
