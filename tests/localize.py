"""Translating a page in tests the way a translator does in wagtail-localize."""

from django.utils import translation

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


def translate_page(page: Page, locale: Locale, strings: dict[str, str], on_commit) -> Page:
    """Export the page's PO file, fill in every message from ``strings`` (English text →
    translation), import it and publish the translation. wagtail-localize publishes once
    the transaction commits: ``on_commit`` (pytest-django's
    ``django_capture_on_commit_callbacks``) runs it."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        assert entry.msgid in strings, f"No translation for {entry.msgctxt}: {entry.msgid!r}"
        entry.msgstr = strings[entry.msgid]
    translation.import_po(po)
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale)


def own_url(page: Page) -> str:
    """The page's own address, in its language (``page.url`` is the reader's address)."""
    with translation.override(page.locale.language_code):
        return page.url
