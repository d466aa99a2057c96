"""The listing, its comparison and its export, routed below the catalogue index page."""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template import Context
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalogue import selectors
from catalogue.exports import entry_rows, entry_summary
from catalogue.facets import Counted, facet_counts
from catalogue.forms import ComparedIdsForm, CompareForm, ListingFilterForm
from portal import fragment_cache
from portal.exports import csv_response
from search.models import QuerySource
from search.query_log import query_log_record

# The search box's own htmx request, sent as one types (catalogue_index_page.html): a
# query still being typed, not logged. The form's requests (submit, change) are.
TYPING_TRIGGER = "catalogue-q"


def _listing_state(request) -> tuple[selectors.ListingState, list[str]]:
    """The listing the URL asks for, or the whole listing and the reasons it cannot be."""
    form = ListingFilterForm(request.GET, facets=selectors.FACETS, sorts=selectors.Sort.ORDERING)
    if not form.is_valid():
        return selectors.ListingState(), _error_list(form)
    data = form.cleaned_data
    return selectors.ListingState(
        query=data["q"],
        sort=data["sort"] or selectors.Sort.NAME,
        selected={facet.key: data[facet.key] for facet in selectors.FACETS if data[facet.key]},
    ), []


def _error_list(form) -> list[str]:
    return [error for errors in form.errors.values() for error in errors]


def _compared_ids(request) -> tuple[list[int], list[str]]:
    """The entries chosen so far for comparison, or none and the reasons why."""
    form = ComparedIdsForm(request.GET)
    if not form.is_valid():
        return [], _error_list(form)
    return form.cleaned_data["compare"][: selectors.MAX_COMPARED], []


@dataclass(frozen=True)
class Card:
    """A listed entry as its card shows it (components/entry_card.html), rendered."""

    pk: int
    title: str
    html: str


def _cards(request, ids: list[int]) -> list[Card]:
    """The cards of these entries, in order. A card is the entry's own content, the same
    for every reader of a language: kept until the content changes (portal.fragment_cache),
    so a page of the listing loads and renders only the entries whose card is not kept.
    Which entries are listed is always read afresh (catalogue.facets)."""
    template = get_template("components/entry_card.html").template

    def render(missing: list[int]) -> dict[int, tuple[str, str]]:
        return {
            entry.pk: (
                entry.title,
                template.render(Context({"entry": entry, "usage": True, "request": request})),
            )
            for entry in selectors.entries_in_order(missing)
        }

    kept = fragment_cache.shared_many(request, "catalogue_card", ids, render)
    return [Card(pk, kept[pk][0], mark_safe(kept[pk][1])) for pk in ids if pk in kept]  # noqa: S308


def _listing_page(request, state: selectors.ListingState, asked) -> tuple[Counted, Page]:
    """The counts and the page asked for, as Paginator.get_page() reads its number (not a
    number: the first; past the end: the last), in one query, with the page's cards."""
    try:
        number = min(max(int(asked), 1), 10**9) if asked else 1
    except (TypeError, ValueError):
        number = 1
    size = selectors.PAGE_SIZE
    counted = facet_counts(state, offset=(number - 1) * size, limit=size)
    paginator = Paginator([], size)
    paginator.count = counted.total
    return counted, Page(_cards(request, counted.page_ids), counted.page_number, paginator)


def listing(request, index):
    state, errors = _listing_state(request)
    compare_ids, compare_errors = _compared_ids(request)
    errors += compare_errors
    counted, entries = _listing_page(request, state, request.GET.get("page"))
    total, facets = counted.total, counted.facets
    if not errors and entries.number == 1 and request.htmx.trigger != TYPING_TRIGGER:
        query_log_record(
            source=QuerySource.CATALOGUE, query=state.query, filters=state.selected, results=total
        )
    context = {
        "page": index,
        "self": index,
        "state": state,
        "entries": entries,
        "facets": facets,
        "sort_choices": selectors.Sort.CHOICES,
        "filters_query": state.query_string(),
        "query_string": state.query_string(),
        "compare_ids": compare_ids,
        "filter_errors": errors,
    }
    if compare_ids:
        context["query_string"] += ("&" if context["query_string"] else "") + urlencode(
            {"compare": ",".join(map(str, compare_ids))}
        )
    # htmx asks for the results region only; everything else gets the whole page.
    # Refused filters answer 400 with the whole page, which says why.
    status = 400 if errors else 200
    if (
        not errors
        and request.htmx
        and not request.htmx.boosted
        and request.htmx.target == "catalogue-results"
    ):
        return TemplateResponse(request, "catalogue/components/listing_results.html", context)
    return TemplateResponse(request, "catalogue/catalogue_index_page.html", context, status=status)


def compare(request, index):
    form = CompareForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", {"message": " ".join(_error_list(form))}, status=400)
    entries = selectors.compared_entries(form.ids())
    rows = compare_rows(entries) if entries else []
    return TemplateResponse(
        request,
        "catalogue/compare.html",
        {
            "page": index,
            "self": index,
            "subpage_title": _("Compare"),
            "entries": entries,
            "rows": rows,
            "ids": ",".join(str(entry.pk) for entry in entries),
            "too_few": len(entries) < 2,
        },
    )


def compare_rows(entries) -> list[dict]:
    """Every field of the compared entries, one row each, marked where they differ."""
    rows = []
    for label, values in entry_summary(entries):
        rows.append({"label": label, "values": values, "differs": len(set(values)) > 1})
    return rows


def export(request, index, format):
    state, errors = _listing_state(request)
    if errors:
        return render(request, "400.html", {"message": " ".join(errors)}, status=400)
    entries = selectors.listing_entries(state).prefetch_related(
        "standards", "languages", "tags", "deployment_models"
    )
    if format == "csv":
        return csv_response(entry_rows(entries, request), "catalogue.csv")
    rows = list(entry_rows(entries, request))
    header, body = rows[0], rows[1:]
    data = {"count": len(body), "results": [dict(zip(header, row, strict=True)) for row in body]}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="catalogue.json"'
    return response
