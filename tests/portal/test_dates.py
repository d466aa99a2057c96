"""Dates and times: one helper, the active language's format, the reader's time zone named,
ISO for machines, and no template writing its own date format."""

import datetime
import pathlib
import re

from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

import pytest

from portal.dates import STYLES, format_iso, format_range, format_when

DAY = datetime.date(2026, 12, 6)
MOMENT = datetime.datetime(2026, 12, 6, 13, 0, tzinfo=datetime.UTC)

DAY_IN = {
    "en": "6 December 2026",
    "fr": "6 décembre 2026",
    "es": "6 de diciembre de 2026",
    "ru": "6 декабря 2026 г.",
    "zh-hans": "2026年12月6日",
    "ar": "6 ديسمبر 2026",
}


def test_every_language_of_the_site_has_its_date_format():
    assert set(DAY_IN) == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize(("language", "expected"), DAY_IN.items())
def test_the_same_date_reads_in_each_languages_format(language, expected):
    with translation.override(language):
        assert format_when(DAY) == expected
        assert Template("{% load dates_tags %}{{ day|when }}").render(Context({"day": DAY})) == (
            expected
        )


@pytest.mark.parametrize("language", DAY_IN)
def test_every_style_is_defined_in_every_language(language):
    with translation.override(language):
        for style in STYLES:
            assert format_when(MOMENT, style)


def test_a_time_is_shown_in_the_readers_zone_with_the_zone_named():
    assert format_when(MOMENT, "time", zone="Europe/Zurich") == "14:00 (Europe/Zurich)"
    assert format_when(MOMENT, "datetime", zone="Asia/Tokyo") == (
        "6 December 2026, 22:00 (Asia/Tokyo)"
    )
    with timezone.override("America/Sao_Paulo"):
        assert format_when(MOMENT, "datetime-short") == "6 Dec 2026, 10:00 (America/Sao_Paulo)"
    # A date has no time of day, so no zone either.
    assert format_when(MOMENT, "date", zone="Asia/Tokyo") == "6 December 2026"


def test_a_span_names_its_zone_once():
    end = MOMENT + datetime.timedelta(hours=3)
    assert format_range(MOMENT, end, zone="Europe/Zurich") == (
        "6 December 2026, 14:00 – 17:00 (Europe/Zurich)"
    )
    with translation.override("zh-hans"):
        assert format_range(MOMENT, end + datetime.timedelta(days=1), zone="Asia/Shanghai") == (
            "2026年12月6日 21:00 – 2026年12月8日 00:00 (Asia/Shanghai)"
        )


def test_machines_get_iso_8601():
    assert format_iso(DAY) == "2026-12-06"
    assert format_iso(MOMENT) == "2026-12-06T13:00:00+00:00"
    rendered = Template("{% load dates_tags %}{{ moment|iso }}").render(Context({"moment": MOMENT}))
    assert rendered == "2026-12-06T13:00:00+00:00"


class ReaderZone:
    is_authenticated = True
    preferred_time_zone = "Asia/Tokyo"


def test_the_tag_uses_the_signed_in_readers_zone():
    request = RequestFactory().get("/")
    request.user = ReaderZone()
    template = Template('{% load dates_tags %}{% when moment "time" %}')
    assert template.render(Context({"moment": MOMENT, "request": request})) == "22:00 (Asia/Tokyo)"
    # A page that knows better (a workshop's own zone) says so.
    template = Template('{% load dates_tags %}{% when moment "time" zone="Europe/Zurich" %}')
    assert template.render(Context({"moment": MOMENT, "request": request})) == (
        "14:00 (Europe/Zurich)"
    )


TEMPLATE_ROOTS = [
    path
    for path in pathlib.Path(settings.BASE_DIR).rglob("templates")
    if ".venv" not in path.parts and "node_modules" not in path.parts
]
RAW_FORMAT = re.compile(r"\|\s*(date|time)\s*:|\bstrftime\b|\|\s*date\s*(}}|\|)")


def test_no_template_writes_its_own_date_format():
    offenders = [
        f"{path}:{number}"
        for root in TEMPLATE_ROOTS
        for path in root.rglob("*")
        if path.suffix in {".html", ".txt", ".xml"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_FORMAT.search(line)
    ]
    assert TEMPLATE_ROOTS
    assert offenders == [], "use the dates_tags filters (|when, |iso) instead"
