from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search.forms import SearchForm, SuggestionForm
from search.models import QuerySource
from search.query import search_site, suggest_site
from search.query_log import query_log_record


# What a reader finds depends on who they are: no shared cache may keep it.
@cache_control(private=True, no_cache=True)
@require_GET
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "results": None}
        return TemplateResponse(request, "search/search.html", context, status=400)
    results = search_site(
        form.cleaned_data["q"],
        user=request.user,
        filters=form.filters(),
        sort=form.cleaned_data["sort"] or "relevance",
        page_number=form.cleaned_data["page"] or 1,
    )
    if (form.cleaned_data["page"] or 1) == 1:
        # One row per search: its further pages are not searches of their own.
        query_log_record(
            source=QuerySource.SITE,
            query=results.query,
            filters=results.filters,
            results=results.total,
        )
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "results": results, "query_string": params.urlencode()}
    return TemplateResponse(request, "search/search.html", context)


@cache_control(private=True, no_cache=True)
@require_GET
def suggestions(request):
    """Titles completing what is typed in the header's search box (fetched by htmx)."""
    form = SuggestionForm(request.GET)
    if not form.is_valid():
        # The list stays closed; htmx leaves the page as it is on a 400.
        context = {"suggestions": [], "text": ""}
        return TemplateResponse(request, "search/suggestions.html", context, status=400)
    text = form.cleaned_data["q"]
    context = {"suggestions": suggest_site(text, user=request.user), "text": text}
    return TemplateResponse(request, "search/suggestions.html", context)
