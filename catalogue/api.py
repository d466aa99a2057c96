"""The read-only JSON API of the catalogue, described by an OpenAPI document.

Lists and details show what the listing shows: published, public, not archived entries.
Filters are the listing's facets with the same names and semantics (repeat a parameter
for several values: OR within a facet, AND across facets). Every error is a JSON body with
a "detail" and a status the OpenAPI document lists for the operation.
"""

from typing import Annotated, Any, Literal

from django.core.paginator import Paginator
from django.http import HttpRequest

from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from pydantic import StringConstraints

from catalogue import selectors
from catalogue.forms import MAX_FACET_VALUE_LENGTH, MAX_FACET_VALUES, MAX_QUERY_LENGTH
from portal.fields import PLAIN_ID

api = NinjaAPI(
    title="IP Offices ICT Network: catalogue API",
    version="1.0",
    description="Read-only access to the published entries of the catalogue.",
    urls_namespace="catalogue_api",
    docs_url="/docs",
)

MAX_PAGE_SIZE = 100
MAX_SLUG_LENGTH = 255

FacetValue = Annotated[str, StringConstraints(max_length=MAX_FACET_VALUE_LENGTH)]


def _facet(description: str = "") -> Any:
    return Field(default_factory=list, max_length=MAX_FACET_VALUES, description=description or None)


class Error(Schema):
    detail: str


class InvalidInput(Schema):
    detail: list[dict[str, Any]] = Field(description="One item per refused parameter.")


# Statuses every operation may answer besides its own: 400 for a NUL character anywhere
# in the request (refused before the API runs), 404 for nothing found.
ERRORS = {400: Error, 404: Error}


class OfficeOut(Schema):
    code: str
    title: str


class EntryOut(Schema):
    id: int
    slug: str
    title: str
    url: str
    kind: str
    category: str
    summary: str
    provider_offices: list[OfficeOut]
    lifecycle: str
    licence: str
    spdx_identifier: str
    source_code_url: str
    deployment_models: list[str]
    standards: list[str]
    languages: list[str]
    tags: list[str]
    business_processes: list[str]
    ip_rights: list[str]
    sharing_terms: str
    adoption_count: int


class EntryDetailOut(EntryOut):
    cost_model: str
    reuse_hosting: str
    reuse_database_and_licences: str
    reuse_skills: str
    integration_effort: str
    works_with: str
    documentation_url: str
    ai_task: str
    ai_language_pairs: str
    ai_accuracy: str
    ai_evaluation_data: str
    ai_runs_where: str
    ai_data_location: str
    last_confirmed_at: str | None


class EntryPage(Schema):
    count: int
    page: int
    pages: int
    results: list[EntryOut]


class Filters(Schema):
    q: Annotated[str, StringConstraints(max_length=MAX_QUERY_LENGTH)] = ""
    sort: Literal["name", "newest", "adopted"] = "name"
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    category: list[FacetValue] = _facet("category slug")
    kind: list[FacetValue] = _facet()
    office: list[FacetValue] = _facet("provider office ST.3 code")
    region: list[FacetValue] = _facet("region slug")
    licence: list[FacetValue] = _facet()
    deployment: list[FacetValue] = _facet()
    lifecycle: list[FacetValue] = _facet()
    standard: list[FacetValue] = _facet("e.g. ST.96")
    language: list[FacetValue] = _facet("ISO 639-1 code")
    tag: list[FacetValue] = _facet("tag slug")


def _entry(entry, *, detail: bool = False) -> dict:
    data = {
        "id": entry.pk,
        "slug": entry.slug,
        "title": entry.title,
        "url": entry.url or "",
        "kind": entry.kind,
        "category": entry.category.slug,
        "summary": entry.summary,
        "provider_offices": [
            {"code": office.code, "title": office.title} for office in entry.provider_offices.all()
        ],
        "lifecycle": entry.lifecycle,
        "licence": entry.licence,
        "spdx_identifier": entry.spdx_identifier,
        "source_code_url": entry.source_code_url,
        "deployment_models": [d.slug for d in entry.deployment_models.all()],
        "standards": [s.code for s in entry.standards.all()],
        "languages": [lang.code for lang in entry.languages.all()],
        "tags": [tag.name for tag in entry.tags.all()],
        "business_processes": list(entry.business_processes or []),
        "ip_rights": list(entry.ip_rights or []),
        "sharing_terms": entry.sharing_terms,
        "adoption_count": getattr(entry, "adoption_count", 0),
    }
    if detail:
        freshness = getattr(entry, "freshness", None)
        for name in EntryDetailOut.model_fields:
            if name not in data and name != "last_confirmed_at":
                data[name] = getattr(entry, name)
        data["last_confirmed_at"] = freshness.last_confirmed_at.isoformat() if freshness else None
    return data


def _state(filters: Filters) -> selectors.ListingState:
    selected = {}
    for facet in selectors.FACETS:
        values = list(dict.fromkeys(v.strip() for v in getattr(filters, facet.key) if v.strip()))
        if values:
            selected[facet.key] = values
    return selectors.ListingState(query=filters.q.strip(), sort=filters.sort, selected=selected)


def _with_relations(entries):
    return entries.prefetch_related("standards", "languages", "tags", "deployment_models")


@api.get(
    "/entries",
    response={200: EntryPage, **ERRORS, 422: InvalidInput},
    summary="List published entries",
)
def list_entries(request: HttpRequest, filters: Query[Filters]):
    entries = _with_relations(selectors.listing_entries(_state(filters)))
    paginator = Paginator(entries, filters.page_size)
    if filters.page > max(paginator.num_pages, 1):
        raise HttpError(404, "No such page.")
    page = paginator.page(filters.page) if paginator.count else []
    return {
        "count": paginator.count,
        "page": filters.page,
        "pages": paginator.num_pages if paginator.count else 0,
        "results": [_entry(entry) for entry in page],
    }


@api.get(
    "/entries/{key}",
    response={200: EntryDetailOut, **ERRORS},
    summary="One entry by id or slug",
)
def entry_detail(request: HttpRequest, key: str):
    entries = _with_relations(
        selectors.with_adoption_count(selectors.listed_entries()).select_related(
            "category", "freshness"
        )
    ).prefetch_related("provider_offices")
    # str.isdigit() accepts "³", which int() refuses: only plain ASCII digits are an id.
    if PLAIN_ID.fullmatch(key):
        entry = entries.filter(pk=int(key)).first()
    else:
        entry = entries.filter(slug=key).first() if len(key) <= MAX_SLUG_LENGTH else None
    if entry is None:
        raise HttpError(404, "No published entry with this id or slug.")
    return _entry(entry, detail=True)
