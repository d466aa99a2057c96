"""Catalogue entries, each published with its first release."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from catalogue.models import (
    AiRunsWhere,
    CatalogueEntryPage,
    Category,
    DeploymentModel,
    EntryKind,
    EntryRelease,
    Freshness,
    FreshnessState,
    Licence,
    SharingTerms,
    WipoStandard,
)
from catalogue.services import catalogue_access_sync
from network.models import Member
from portal.demo.loading import DemoRun, by_key, ensure_page, paragraph, read_data
from portal.models import Language


def load(run: DemoRun) -> None:
    # The review workflow and office representatives' access, on an older database too.
    catalogue_access_sync()
    data = read_data("catalogue")
    categories = {row["name"]: row for row in read_data("taxonomies")["category"]}
    taxonomy = {
        "category": by_key(Category, "name"),
        "standard": by_key(WipoStandard, "code"),
        "language": by_key(Language, "code"),
        "deployment": by_key(DeploymentModel, "slug"),
    }
    tally = run.step("Catalogue entries")
    for number, row in enumerate(data["entry"]):
        entry = {**data["defaults"], **row}
        page, created = ensure_page(
            run.sections.catalogue,
            CatalogueEntryPage,
            slug=slugify(entry["title"]),
            category=taxonomy["category"][entry["category"]],
            **entry_fields(run, entry, categories[entry["category"]], data),
            relations=entry_relations(run, entry, taxonomy),
        )
        if created:
            add_history(page, entry, number)
        tally.add(created)
    run.done(tally)


def entry_fields(run: DemoRun, entry: dict, category: dict, data: dict) -> dict:
    """The page's own fields, with what the entry leaves out derived from its category."""
    return {
        "title": entry["title"],
        "kind": entry["kind"],
        "summary": entry["summary"],
        "description": [paragraph(f"<p>{entry['summary']}</p>")],
        "lifecycle": entry["lifecycle"],
        "licence": entry["licence"],
        "spdx_identifier": entry.get("spdx", ""),
        "business_processes": category["business_processes"],
        "ip_rights": entry["rights"],
        "sharing_terms": sharing_terms(entry),
        "contact_member": contact(run, entry),
        **reuse_kit(entry, data["reuse_kit"]),
        **ai_profile(entry, category, data["ai_profile"]),
    }


def entry_relations(run: DemoRun, entry: dict, taxonomy: dict[str, dict]) -> dict[str, list]:
    """The many-to-many fields, from the rows of the taxonomies by their natural keys."""
    return {
        "provider_offices": [run.offices[code] for code in entry["providers"]],
        "standards": [taxonomy["standard"][code] for code in entry.get("standards", [])],
        "languages": [taxonomy["language"][code] for code in entry["languages"]],
        "deployment_models": [taxonomy["deployment"][slug] for slug in entry["deployment"]],
        "tags": entry.get("tags", []),
    }


def sharing_terms(entry: dict) -> str:
    if "WO" in entry["providers"]:
        return SharingTerms.WIPO
    if entry["licence"] == Licence.OPEN_SOURCE:
        return SharingTerms.OPEN_SOURCE
    return SharingTerms.MOU if entry["kind"] == EntryKind.SERVICE else SharingTerms.BILATERAL


def reuse_kit(entry: dict, kits: dict) -> dict:
    kit = kits["saas" if entry["deployment"] == ["saas"] else "installed"]
    return {
        **kit,
        "integration_effort": entry["effort"],
        "works_with": entry.get("works_with") or ("IPAS" if "IPAS" not in entry["title"] else ""),
    }


def ai_profile(entry: dict, category: dict, defaults: dict) -> dict:
    """The AI profile an entry in an AI-related category must carry; none for the others."""
    if not category["ai_related"]:
        return {}
    service = entry["kind"] == EntryKind.SERVICE
    saas = "saas" in entry["deployment"]
    return {
        "ai_task": category["ai_task"],
        "ai_accuracy": defaults["ai_accuracy"],
        "ai_runs_where": AiRunsWhere.CLOUD if saas else AiRunsWhere.ON_PREMISES,
        "ai_data_location": defaults["ai_data_location"]["service" if service else "solution"],
        **entry.get("ai", {}),
    }


def contact(run: DemoRun, entry: dict) -> Member | None:
    """The head of ICT of the first provider, who answers questions on the entry."""
    office = run.offices.get(entry["providers"][0])
    if office is None:
        return None
    return Member.objects.filter(office=office, role__in=["cio", "cto"]).order_by("pk").first()


def add_history(page: CatalogueEntryPage, entry: dict, number: int) -> None:
    """A first release, and for some entries an owner's confirmation months ago."""
    months = entry.get("not_confirmed_for_months")
    if months:
        Freshness.objects.filter(entry=page).update(
            last_confirmed_at=timezone.now() - datetime.timedelta(days=months * 30),
            state=FreshnessState.OUTDATED if months >= 13 else FreshnessState.CURRENT,
        )
    # Releases are child rows; added after the first revision, then published.
    EntryRelease.objects.create(
        page=page,
        version=f"{1 + number % 4}.0",
        released_on=datetime.date(2020 + number % 5, 1 + number % 12, 1),
        notes="First release shared with the network.",
        sort_order=0,
    )
