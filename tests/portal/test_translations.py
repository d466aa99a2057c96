"""The interface in the six languages: every string of the code is in each catalogue,
translated and not fuzzy, with the placeholders of the original, and the compiled
catalogues that the repository carries say the same as their sources."""

import re
import shutil
import subprocess
import sys
import textwrap

from django.conf import settings

import polib
import pytest

from tests.servers import ROOT

LOCALE = ROOT / "portal" / "locale"
LANGUAGES = ["fr", "es", "ru", "zh_Hans", "ar"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|</?[a-z][a-z0-9]*")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_language_of_the_switcher_has_a_catalogue():
    offered = {code for code, _name in settings.LANGUAGES} - {"en"}
    assert {code.lower().replace("_", "-") for code in LANGUAGES} == offered


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not all(translations(entry))]
    fuzzy = [entry.msgid for entry in po if entry.fuzzy and not entry.obsolete]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"
    assert po.percent_translated() == 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup(language):
    wrong = []
    for entry in catalogue(language):
        for original, translated in zip(
            [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else []),
            translations(entry),
            strict=False,
        ):
            expected = sorted(set(PLACEHOLDER.findall(original)))
            if sorted(set(PLACEHOLDER.findall(translated))) != expected:
                wrong.append(entry.msgid)
    assert not wrong, f"{len(wrong)} in {language} lose or add a placeholder: {wrong[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_its_source_says(language):
    # The compiled catalogues are committed, so that a fresh clone needs no gettext tools.
    def pairs(entries):
        return {(e.msgctxt, e.msgid): tuple(translations(e)) for e in entries if e.msgid}

    source = pairs(e for e in catalogue(language) if not e.obsolete)
    compiled = pairs(polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo")))
    assert compiled == source, "run `make messages` to compile the catalogues again"


def test_the_catalogues_hold_every_string_of_the_code(tmp_path):
    """A string marked for translation in the code or a template and missing from the
    catalogues fails here: `make messages` adds it, then it is translated."""
    # makemessages writes into any locale folder it finds beside the sources, so it runs
    # over a copy of the code that has none, and writes into the copy's own folder.
    source = tmp_path / "source"
    for app in ["portal", "network", "catalogue", "taskforces", "search"]:
        shutil.copytree(
            ROOT / app,
            source / app,
            ignore=shutil.ignore_patterns("locale", "static", "__pycache__"),
        )
    extract = textwrap.dedent(
        f"""
        import django
        from django.conf import settings
        django.setup()
        settings.LOCALE_PATHS = [{str(source / "locale")!r}]
        from django.core.management import call_command
        call_command("makemessages", locale=["fr"], no_location=True, verbosity=0,
                     ignore_patterns=["portal/demo/*"])
        """
    )
    (source / "locale").mkdir()
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", extract],
        cwd=source,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
        },
        timeout=300,
    )
    extracted = polib.pofile(str(source / "locale/fr/LC_MESSAGES/django.po"))
    in_code = {(e.msgctxt, e.msgid) for e in extracted if e.msgid}
    assert len(in_code) > 1000  # the extraction found the code
    for language in LANGUAGES:
        in_catalogue = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
        missing = sorted(msgid for _context, msgid in in_code - in_catalogue)
        assert not missing, f"{len(missing)} missing from {language}: {missing[:5]}"
