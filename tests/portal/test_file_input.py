"""The file input speaks the page's language: its button and status are rendered in the
reader's language beside the browser's own input, which keeps the field's label."""

import json

from django.utils import translation

from bs4 import BeautifulSoup

from taskforces.forms import DocumentForm, PostForm


def rendered(form, name: str, language: str) -> BeautifulSoup:
    with translation.override(language):
        return BeautifulSoup(str(form[name]), "html.parser")


def test_attachments_offer_an_arabic_button_and_status_beside_the_browsers_input():
    html = rendered(PostForm(), "attachments", "ar")
    native = html.select_one("input[type=file]")
    assert native["name"] == "attachments" and native.has_attr("multiple")
    assert "file-input__native" in native["class"]
    button = html.select_one("label.file-input__button")
    assert button.get_text(strip=True) == "اختيار الملفات"
    # Shown and tied to the input by file-input.js only, and left out of what a screen
    # reader hears: the input is named by the field's own label alone.
    assert button.has_attr("hidden") and button["aria-hidden"] == "true"
    assert not button.has_attr("for")
    status = html.select_one(".file-input__status")
    assert status["id"] == f"{native['id']}_status"
    assert status.get_text(strip=True) == "لم يُختر أي ملف"


def test_counts_of_files_are_spelt_out_in_the_pages_plural_forms():
    box = rendered(PostForm(), "attachments", "ar").select_one("[data-file-input]")
    assert box["data-none"] == "لم يُختر أي ملف"
    counts = json.loads(box["data-counts"])
    assert counts["2"] == "ملفان مختاران"
    assert counts["3"] == "3 ملفات مختارة"
    assert set(counts) == {"2", "3", "4", "5"}  # a post takes at most five
    assert box["data-more"] == "تم اختيار أكثر من 5 ملفات"
    english = rendered(PostForm(), "attachments", "en").select_one("[data-file-input]")
    assert json.loads(english["data-counts"])["4"] == "4 files chosen"


def test_a_single_file_input_asks_for_one_file():
    html = rendered(DocumentForm(), "file", "ar")
    native = html.select_one("input[type=file]")
    assert not native.has_attr("multiple")
    assert html.select_one("label.file-input__button").get_text(strip=True) == "اختيار ملف"
    assert not html.select_one("[data-file-input]").has_attr("data-counts")
    english = rendered(DocumentForm(), "file", "en")
    assert english.select_one("label.file-input__button").get_text(strip=True) == "Choose a file"
    assert english.select_one(".file-input__status").get_text(strip=True) == "No file chosen"


def test_the_help_text_still_describes_the_input():
    native = rendered(DocumentForm(), "file", "en").select_one("input[type=file]")
    assert native["aria-describedby"] == "id_file_helptext"
