"""Regions, languages, catalogue categories and WIPO standards."""

from django.utils.text import slugify

from catalogue.models import Category, WipoStandard
from portal.demo.loading import DemoRun, ensure, read_data
from portal.models import Language, Region


def load(run: DemoRun) -> None:
    data = read_data("taxonomies")
    regions = run.step("Regions")
    for row in data["regions"]:
        regions.add(ensure(Region, {"slug": row["slug"]}, name=row["name"])[1])
    run.done(regions)
    languages = run.step("Languages")
    for row in data["languages"]:
        names = {"name": row["name"], "native_name": row["native_name"]}
        languages.add(ensure(Language, {"code": row["code"]}, **names)[1])
    run.done(languages)
    categories = run.step("Catalogue categories")
    for row in data["category"]:
        _, created = ensure(
            Category,
            {"slug": slugify(row["name"])},
            name=row["name"],
            description=row["description"],
            maturity_dimensions=row["maturity_dimensions"],
            ai_related=row["ai_related"],
        )
        categories.add(created)
    run.done(categories)
    standards = run.step("WIPO standards")
    for row in data["standards"]:
        standards.add(ensure(WipoStandard, {"code": row["code"]}, title=row["title"])[1])
    run.done(standards)
