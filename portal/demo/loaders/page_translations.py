"""The home page, the sections, the About page, the first news article and the
High-Level Dialogue in the other five languages, translated through wagtail-localize.

Each page gets a wagtail-localize translation per language, filled from
``data/translations/<language>.po`` (one catalogue per language, keyed by the English
text) and published: the secretariat finds them in the admin's translation editor as if a
translator had typed them, and they stay in step with later edits of the English page.
"""

from django.conf import settings
from django.utils.translation import to_locale

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import polib

from portal.demo.loading import DATA_DIR, DemoRun

CATALOGUES = DATA_DIR / "translations"
# Pages below the sections, by slug; the home page and the sections come first.
TRANSLATED_ITEMS = ["network-launched", "high-level-dialogue-on-ict-2025"]


class MissingDemoTranslation(Exception):
    pass


def load(run: DemoRun) -> None:
    tally = run.step("Page translations")
    sections = run.sections
    # Read afresh: the loaders' own copies of these pages may be stale.
    home = Page.objects.get(pk=sections.home.pk)
    pages = [home, *home.get_children().live().in_menu().order_by("path")]
    pages += [Page.objects.get(slug=slug, locale=home.locale) for slug in TRANSLATED_ITEMS]
    for language_code, catalogue in catalogues().items():
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        for page in pages:
            tally.add(translate(page.specific, locale, catalogue))
    run.done(tally)


def catalogues() -> dict[str, dict[str, str]]:
    """Each other language's catalogue: English text → translation."""
    found = {}
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        path = CATALOGUES / f"{to_locale(code)}.po"
        found[code] = {entry.msgid: entry.msgstr for entry in polib.pofile(str(path))}
    return found


def translate(page: Page, locale: Locale, catalogue: dict[str, str]) -> bool:
    """Publish the page's translation into ``locale`` unless it exists; True if created."""
    if page.get_translations().filter(locale=locale).exists():
        return False
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if not catalogue.get(entry.msgid):
            name = f"{to_locale(locale.language_code)}.po"
            raise MissingDemoTranslation(f"{name} has no translation of {entry.msgid!r}.")
        entry.msgstr = catalogue[entry.msgid]
    translation.import_po(po, tool_name="demo")
    # wagtail-localize publishes when the transaction commits, saving the page as it was
    # then: a translated parent would lose the count of the children translated after it.
    # A draft, published now, keeps the tree whole.
    translation.save_target(publish=False)
    page.get_translation(locale).get_latest_revision().publish()
    return True
