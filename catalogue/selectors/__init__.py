"""Reads of the catalogue: what may be listed, the facets and their counts, one entry's
neighbours. Every list the site, the export and the API show starts from listed_entries().

Facet semantics: values chosen within one facet are alternatives (OR); facets combine
with each other and with the text box (AND). A value's count is the number of results
the listing would show with that facet set to this value alone and everything else kept,
so its link never leads to an empty page.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    COUNTED_ADOPTION_STATUSES,
    Adoption,
    CatalogueEntryPage,
    Category,
    DeploymentModel,
    EntryKind,
    FreshnessState,
    Licence,
    Lifecycle,
)
from catalogue.selectors.questions import (  # noqa: F401 - read from catalogue.selectors
    entry_questions_for_asker,
    entry_shared_answers,
)
from network.models import Assessment, OfficePage
from network.selectors import PartnerOffice, partner_offices
from portal.models import Language, Region
from portal.page_languages import in_reader_language_condition, public

PAGE_SIZE = 24
MAX_COMPARED = 4


def visible_entries() -> QuerySet:
    """Published, public entries, archived ones included (they stay reachable by link)."""
    return public(CatalogueEntryPage.objects.live())


def listed_entries() -> QuerySet:
    """Visible, not archived, once each (in the reader's language where translated)."""
    return in_reader_language_condition(
        visible_entries().exclude(freshness__state=FreshnessState.ARCHIVED)
    )


@dataclass(frozen=True)
class FacetSpec:
    key: str
    label: str
    path: str  # the lookup from an entry to the value in the URL
    label_path: str | None = None  # the lookup to its label, or None for choices
    choices: tuple = ()
    many: bool = False  # a relation that can hold several values per entry
    taxonomy: type | None = None  # a translatable taxonomy, its label in the reader's language


FACETS = [
    FacetSpec("category", _("Category"), "category__slug", "category__name", taxonomy=Category),
    FacetSpec("kind", _("Kind"), "kind", choices=tuple(EntryKind.choices)),
    FacetSpec(
        "office",
        _("Provider office"),
        "provider_offices__code",
        "provider_offices__title",
        many=True,
    ),
    FacetSpec(
        "region",
        _("Region"),
        "provider_offices__region__slug",
        "provider_offices__region__name",
        many=True,
        taxonomy=Region,
    ),
    FacetSpec("licence", _("Licence"), "licence", choices=tuple(Licence.choices)),
    FacetSpec(
        "deployment",
        _("Deployment"),
        "deployment_models__slug",
        "deployment_models__name",
        many=True,
        taxonomy=DeploymentModel,
    ),
    FacetSpec("lifecycle", _("Lifecycle stage"), "lifecycle", choices=tuple(Lifecycle.choices)),
    FacetSpec("standard", _("WIPO standard"), "standards__code", "standards__code", many=True),
    FacetSpec(
        "language",
        _("Interface language"),
        "languages__code",
        "languages__name",
        many=True,
        taxonomy=Language,
    ),
    FacetSpec("tag", _("Technology"), "tags__slug", "tags__name", many=True),
]
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


class Sort:
    NAME = "name"
    NEWEST = "newest"
    ADOPTED = "adopted"
    CHOICES = [(NAME, _("Name")), (NEWEST, _("Newest")), (ADOPTED, _("Most adopted"))]
    ORDERING = {
        NAME: ["title", "pk"],
        NEWEST: ["-first_published_at", "-pk"],
        ADOPTED: ["-adoption_count", "title", "pk"],
    }


@dataclass
class ListingState:
    """Everything a listing shows, as its URL holds it."""

    query: str = ""
    sort: str = Sort.NAME
    selected: dict[str, list[str]] = field(default_factory=dict)

    def params(self, **changes) -> list[tuple[str, str]]:
        """The URL's query as pairs; ``changes`` replaces whole keys (a list or None)."""
        pairs = []
        if self.query:
            pairs.append(("q", self.query))
        for facet in FACETS:
            values = changes.get(facet.key, self.selected.get(facet.key, []))
            pairs += [(facet.key, value) for value in values or []]
        sort = changes.get("sort", self.sort)
        if sort and sort != Sort.NAME:
            pairs.append(("sort", sort))
        return pairs

    def query_string(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def toggled(self, key: str, value: str) -> str:
        values = list(self.selected.get(key, []))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.query_string(**{key: values})

    def without_facet(self, key: str) -> "ListingState":
        return ListingState(
            query=self.query,
            sort=self.sort,
            selected={k: v for k, v in self.selected.items() if k != key},
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.selected)


def facet_condition(facet: FacetSpec, values: list[str]) -> Q:
    """An entry has one of ``values`` in ``facet``."""
    lookup = {f"{facet.path}__in": values}
    if facet.many:
        # A subquery rather than a join, so an entry is never counted or listed twice.
        return Q(pk__in=CatalogueEntryPage.objects.filter(**lookup).values("pk"))
    return Q(**lookup)


def _filter_text(entries: QuerySet, query: str) -> QuerySet:
    for word in query.split()[:8]:
        tagged = CatalogueEntryPage.objects.filter(tags__name__icontains=word).values("pk")
        named = Category.objects.filter(name__icontains=word)
        entries = entries.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            # The category's name in any language it is translated into.
            | Q(category__translation_key__in=named.values("translation_key"))
            | Q(pk__in=tagged)
        )
    return entries


def filtered_entries(state: ListingState, *, base: QuerySet | None = None) -> QuerySet:
    entries = listed_entries() if base is None else base
    if state.query:
        entries = _filter_text(entries, state.query)
    for key, values in state.selected.items():
        entries = entries.filter(facet_condition(FACETS_BY_KEY[key], values))
    return entries


def with_adoption_count(entries: QuerySet) -> QuerySet:
    counted = (
        Adoption.objects.filter(entry=OuterRef("pk"), status__in=COUNTED_ADOPTION_STATUSES)
        .order_by()
        .values("entry")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return entries.annotate(
        adoption_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


def listing_entries(state: ListingState) -> QuerySet:
    """The listing's results in order, with what a card shows, in a fixed number of queries."""
    return (
        with_adoption_count(filtered_entries(state))
        .select_related("category", "freshness")
        .prefetch_related(
            Prefetch("provider_offices", queryset=OfficePage.objects.select_related("region"))
        )
        .order_by(*Sort.ORDERING[state.sort])
    )


def entries_in_order(ids: list[int]) -> list[CatalogueEntryPage]:
    """The entries of a listing's page (found with its counts, catalogue.facets), in the
    order given, with what a card shows."""
    entries = (
        with_adoption_count(CatalogueEntryPage.objects.filter(pk__in=ids))
        .select_related("category", "freshness")
        .prefetch_related(
            Prefetch("provider_offices", queryset=OfficePage.objects.select_related("region"))
        )
        .in_bulk()
    )
    return [entries[pk] for pk in ids if pk in entries]


def compared_entries(ids: list[int]) -> list[CatalogueEntryPage]:
    """Up to four listed entries in the order asked; anything else is ignored."""
    wanted = list(dict.fromkeys(ids))[:MAX_COMPARED]
    entries = (
        with_adoption_count(listed_entries().filter(pk__in=wanted))
        .select_related("category", "freshness")
        .prefetch_related(
            "provider_offices", "standards", "languages", "tags", "deployment_models", "releases"
        )
        .in_bulk()
    )
    return [entries[pk] for pk in wanted if pk in entries]


def related_entries(entry: CatalogueEntryPage, limit: int = 4) -> list[CatalogueEntryPage]:
    """Listed entries in the same category or sharing a technology tag, closest first."""
    # A draft is an unsaved copy of the entry whose tags live in memory: only iterating
    # them works on both it and the live entry.
    tag_ids = [tag.pk for tag in entry.tags.all() if tag.pk is not None]
    shared = Count("tags", filter=Q(tags__in=tag_ids), distinct=True)
    return list(
        listed_entries()
        .exclude(pk=entry.pk)
        .filter(
            Q(category_id=entry.category_id)
            | Q(pk__in=CatalogueEntryPage.objects.filter(tags__in=tag_ids).values("pk"))
        )
        .annotate(shared_tags=shared)
        .select_related("category")
        .order_by("-shared_tags", "title")[:limit]
    )


def entry_adoptions(entry: CatalogueEntryPage) -> list[Adoption]:
    return list(
        Adoption.objects.filter(entry=entry, office__live=True)
        .select_related("office")
        .order_by("status", "office__title")
    )


def entries_answered_by(user) -> QuerySet | None:
    """The entries whose questions this person answers, or None if they answer for none."""
    from catalogue.permissions import is_secretariat
    from network.permissions import represented_office_ids

    if is_secretariat(user):
        return CatalogueEntryPage.objects.all()
    offices = represented_office_ids(user)
    entries = CatalogueEntryPage.objects.filter(
        Q(contact_member__user=user)
        | Q(pk__in=CatalogueEntryPage.objects.filter(provider_offices__in=offices).values("pk"))
    )
    return entries


# What the network's pages show of the catalogue ---------------------------------------------


def office_adoptions(office: OfficePage) -> QuerySet[Adoption]:
    """The listed entries an office uses or is evaluating, for its page: published, public
    and not archived."""
    adoptions = Adoption.objects.filter(
        office=office, entry__live=True, status__in=COUNTED_ADOPTION_STATUSES
    )
    return (
        public(adoptions, path="entry__path")
        .exclude(entry__freshness__state=FreshnessState.ARCHIVED)
        .select_related("entry", "entry__category")
        .order_by("entry__title")
    )


def office_provided_entries(office: OfficePage) -> QuerySet[CatalogueEntryPage]:
    return (
        public(office.provided_entries.live())
        .exclude(freshness__state=FreshnessState.ARCHIVED)
        .select_related("category")
        .order_by("title")
    )


@dataclass
class PartnerSuggestion:
    """A partner office (network.selectors.partner_offices) and what it provides that
    serves the dimensions it is strong in."""

    partner: PartnerOffice
    entries: list[CatalogueEntryPage] = field(default_factory=list)

    @property
    def office(self) -> OfficePage:
        return self.partner.office

    @property
    def strengths(self) -> list[tuple]:
        return self.partner.strengths

    @property
    def shares_scores(self) -> bool:
        return self.partner.shares_scores

    @property
    def strength_labels(self) -> str:
        """The dimensions where the partner is in the top band, named, never scored."""
        return ", ".join(str(dimension.label) for dimension, _t, _o in self.strengths)


def partner_suggestions(office: OfficePage) -> tuple[Assessment | None, list[PartnerSuggestion]]:
    """Partner offices for ``office``, each with the listed entries it provides in the
    categories mapped to the dimensions where it is strong and ``office`` is weak."""
    assessment, partners = partner_offices(office)
    suggestions = {partner.office.pk: PartnerSuggestion(partner) for partner in partners}
    if not suggestions:
        return assessment, list(suggestions.values())
    dimensions = set().union(*(partner.strong_dimensions() for partner in partners))
    categories = [
        category
        for category in Category.objects.originals()
        if set(category.maturity_dimensions) & dimensions
    ]
    entries = (
        listed_entries()
        .filter(category__in=categories, provider_offices__in=list(suggestions))
        .select_related("category")
        .prefetch_related(Prefetch("provider_offices", queryset=OfficePage.objects.only("id")))
        .distinct()
        .order_by("title")
    )
    for entry in entries:
        serves = set(entry.category.maturity_dimensions)
        for provider in entry.provider_offices.all():
            suggestion = suggestions.get(provider.pk)
            if suggestion and suggestion.partner.strong_dimensions() & serves:
                suggestion.entries.append(entry)
    return assessment, list(suggestions.values())
