"""The "Alert me" form and the forms of "My alerts"; a saved search's parameters are read
back through the form of the page they came from, so an alert re-runs the same search."""

from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue import selectors as catalogue_selectors
from catalogue.forms import ListingFilterForm
from portal.alerts.models import Frequency, SavedSearch, Source
from search.forms import SearchForm

MAX_PARAMS_LENGTH = 2000


def search_request(params: str) -> tuple[str, dict[str, str]] | None:
    """The words and filters of a saved site search, or None if the page would refuse them."""
    form = SearchForm(QueryDict(params))
    if not form.is_valid():
        return None
    return form.cleaned_data["q"], form.filters()


def catalogue_state(params: str) -> catalogue_selectors.ListingState | None:
    """The catalogue listing a saved search names, or None if the listing would refuse it."""
    form = ListingFilterForm(
        QueryDict(params),
        facets=catalogue_selectors.FACETS,
        sorts=catalogue_selectors.Sort.ORDERING,
    )
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return catalogue_selectors.ListingState(
        query=data["q"],
        selected={
            facet.key: data[facet.key] for facet in catalogue_selectors.FACETS if data[facet.key]
        },
    )


def normalised(source: str, params: str) -> tuple[str, str] | None:
    """(the words, the query string as the page writes it), or None if it is refused."""
    if source == Source.SEARCH:
        read = search_request(params)
        if read is None:
            return None
        query, filters = read
        return query, urlencode({"q": query, **filters})
    state = catalogue_state(params)
    if state is None:
        return None
    return state.query, state.query_string(sort=None)


class AlertForm(forms.Form):
    """What "Alert me" posts: the search as the page holds it, a name and how often."""

    name = forms.CharField(label=_("Name of the alert"), max_length=120, strip=True)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.DAILY
    )
    source = forms.ChoiceField(choices=Source.choices, widget=forms.HiddenInput)
    params = forms.CharField(required=False, max_length=MAX_PARAMS_LENGTH, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if "source" not in data or "params" not in data:
            return data
        read = normalised(data["source"], data["params"])
        if read is None:
            raise forms.ValidationError(
                _("This search cannot be saved: its filters are not ones the page accepts."),
                code="bad_params",
            )
        data["query"], data["params"] = read
        if data["source"] == Source.SEARCH and not data["query"]:
            raise forms.ValidationError(
                _("Search for some words first, then ask to be alerted."), code="no_query"
            )
        return data


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)


def alert_choice(user, raw) -> SavedSearch | None:
    """The person's own saved search with this id, or None (someone else's or none)."""
    field = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    try:
        alert_id = field.clean(raw)
    except forms.ValidationError:
        return None
    return SavedSearch.objects.filter(user=user, pk=alert_id).first()
