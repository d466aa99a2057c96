"""The offices of the network and their ICT profiles."""

from network.models import OfficeKind, OfficePage, OfficeSystem
from portal.demo.loading import DemoRun, by_key, ensure_page, read_data
from portal.models import Language, Region


def load(run: DemoRun) -> None:
    data = read_data("offices")
    tally = run.step("Offices")
    regions = by_key(Region, "slug")
    languages = by_key(Language, "code")
    for kind, row in all_offices(data):
        page, created = ensure_page(
            run.sections.network,
            OfficePage,
            slug=row["code"].lower(),
            title=row["name"],
            code=row["code"],
            acronym=row["acronym"],
            kind=kind,
            country=row["code"] if kind == OfficeKind.NATIONAL else "",
            member_states=row.get("member_states", []),
            region=regions[row["region"]],
            time_zone=row["time_zone"],
            website=row.get("website", ""),
            summary=data["summary"][kind.value].format(
                name=row["name"], member_state_count=len(row.get("member_states", []))
            ),
            relations={"official_languages": [languages[code] for code in row["languages"]]},
        )
        run.offices[row["code"]] = page
        if created:
            fill_profile(page, row, data)
        tally.add(created)
    run.done(tally)


def all_offices(data: dict) -> list[tuple[str, dict]]:
    """Every office's row with its kind: national, then regional, then the Bureau."""
    return [
        *((OfficeKind.NATIONAL, row) for row in data["national"]),
        *((OfficeKind.REGIONAL, row) for row in data["regional"]),
        (OfficeKind.INTERNATIONAL, data["international"]),
    ]


def fill_profile(page: OfficePage, row: dict, data: dict) -> None:
    """The rights, hosting, team size, working languages and systems, in a second revision."""
    code = row["code"]
    page.ip_rights = data["ip_rights"].get(code, data["ip_rights"]["default"])
    profile = data["profile"].get(code, {})
    page.hosting_model = profile.get("hosting_model", "")
    page.ict_team_size = profile.get("ict_team_size", "")
    page.working_languages.set(
        Language.objects.originals().filter(code__in=["en", *row["languages"][:1]])
    )
    for system in profile.get("systems", []):
        page.systems.add(OfficeSystem(name=system["name"], supplier=system["supplier"]))
    page.save_revision().publish()
