"""Regions, languages, catalogue categories and WIPO standards, and their translations
into the other five languages of the United Nations."""

from django.utils.text import slugify

from wagtail.models import Locale

from catalogue.models import Category, DeploymentModel, WipoStandard
from portal.demo.loading import DemoRun, by_key, ensure, read_data
from portal.models import Language, Region


def load(run: DemoRun) -> None:
    data = read_data("taxonomies")
    original = {"locale": Locale.get_default()}
    regions = run.step("Regions")
    for row in data["regions"]:
        regions.add(ensure(Region, {"slug": row["slug"], **original}, name=row["name"])[1])
    run.done(regions)
    languages = run.step("Languages")
    for row in data["languages"]:
        names = {"name": row["name"], "native_name": row["native_name"]}
        languages.add(ensure(Language, {"code": row["code"], **original}, **names)[1])
    run.done(languages)
    categories = run.step("Catalogue categories")
    for row in data["category"]:
        _, created = ensure(
            Category,
            {"slug": slugify(row["name"]), **original},
            name=row["name"],
            description=row["description"],
            maturity_dimensions=row["maturity_dimensions"],
            ai_related=row["ai_related"],
        )
        categories.add(created)
    run.done(categories)
    standards = run.step("WIPO standards")
    for row in data["standards"]:
        lookup = {"code": row["code"], **original}
        standards.add(ensure(WipoStandard, lookup, title=row["title"])[1])
    run.done(standards)
    load_translations(run)


# Each table of taxonomy_translations.toml: the model and the field its rows are keyed by.
TRANSLATED = {
    "regions": (Region, "slug"),
    "languages": (Language, "code"),
    "categories": (Category, "slug"),
    "deployment_models": (DeploymentModel, "slug"),
}


def load_translations(run: DemoRun) -> None:
    """Translations made the way wagtail-localize makes them: a copy of the original in
    the target locale, sharing its translation key; created only where missing."""
    data = read_data("taxonomy_translations")
    translations = run.step("Taxonomy translations")
    locales: dict[str, Locale] = {}
    for table, (model, key) in TRANSLATED.items():
        originals = by_key(model, key)
        existing = set(
            model.objects.exclude(locale=Locale.get_default()).values_list(
                "translation_key", "locale__language_code"
            )
        )
        for value, names in data[table].items():
            source = originals.get(value)
            for language, name in names.items() if source else ():
                if (source.translation_key, language) in existing:
                    translations.add(False)
                    continue
                if language not in locales:
                    locales[language] = Locale.objects.get_or_create(language_code=language)[0]
                translation = source.copy_for_translation(locales[language])
                translation.name = name
                translation.save()
                translations.add(True)
    run.done(translations)
