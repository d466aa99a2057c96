"""Reads of pilots, a fixed number of queries however many they list."""

from django.db.models import Prefetch, Q, QuerySet

from catalogue.models import CatalogueEntryPage, CatalogueIndexPage, Pilot
from network.models import OfficePage
from portal import localised_names
from portal.page_languages import public


def shown_entries() -> QuerySet[CatalogueEntryPage]:
    """The entries a pilot may name and shows: published, public originals."""
    return public(CatalogueEntryPage.objects.live()).filter(
        locale__language_code=localised_names.default_language()
    )


def offices() -> QuerySet[OfficePage]:
    return OfficePage.objects.originals().live().order_by("title")


def pilots() -> QuerySet[Pilot]:
    """Every pilot with its offices, its shown entries and its milestones."""
    return Pilot.objects.select_related("lead_office").prefetch_related(
        Prefetch("offices", queryset=OfficePage.objects.order_by("title")),
        Prefetch("entries", queryset=shown_entries().order_by("title")),
        "milestones",
    )


def office_pilots(office: OfficePage) -> list[Pilot]:
    """The pilots an office leads or takes part in, for its page: one query."""
    taking_part = Q(lead_office=office) | Q(offices=office)
    return list(Pilot.objects.filter(taking_part).select_related("lead_office").distinct())


def entry_pilots(entry: CatalogueEntryPage) -> list[Pilot]:
    """The pilots that use an entry, in whichever of its languages they named it, for its
    page: one query."""
    used = Pilot.objects.filter(entries__translation_key=entry.translation_key)
    return list(used.select_related("lead_office").distinct())


def pilots_url() -> str:
    """The address of the pilots' list, below the catalogue index."""
    index = (
        CatalogueIndexPage.objects.live()
        .filter(locale__language_code=localised_names.default_language())
        .first()
    )
    return f"{index.url}pilots/" if index is not None else ""
