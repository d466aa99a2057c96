"""Attaching files to a post on an Arabic page: the button and the status read in Arabic,
not in the browser's language; choosing files shows their name or count; the keyboard's
focus on the input shows on the button; and without JavaScript the browser's own input
is there to use."""

import re

from django.conf import settings
from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from taskforces.models import MembershipRole
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_every_page import WCAG_TAGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def arabic_thread(site_tree):
    """A thread of a task force the reader belongs to, its address in Arabic."""
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    user = factories.UserFactory(email="wren@example.org", first_name="Wren", last_name="Writer")
    factories.MemberFactory(user=user)
    factories.MembershipFactory(taskforce=taskforce, user=user, role=MembershipRole.MEMBER)
    thread = factories.ThreadFactory(taskforce=taskforce, author=user, title="Pilots")
    factories.PostFactory(thread=thread, author=user, body="Who runs a pilot already?")
    return "/ar" + taskforce.workspace_url("thread", thread.pk)


def field_label() -> re.Pattern:
    """The attachments field's own label in Arabic (with or without its colon)."""
    with translation.override("ar"):
        return re.compile(rf"^{translation.gettext('Attachments')}\W?$")


def sign_in_in_arabic(context, live_server_url):
    page = context.new_page()
    sign_in(page, live_server_url, "wren@example.org")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server_url}]
    )
    return page


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}


def test_the_file_button_and_status_read_in_arabic(arabic_thread, browser, live_server_url):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = sign_in_in_arabic(context, live_server_url)
    page.goto(live_server_url + arabic_thread)
    assert page.locator("html").get_attribute("lang") == "ar"
    field = page.locator("#reply .file-input")
    button = field.locator(".file-input__button")
    status = field.locator(".file-input__status")
    native = field.locator("input[type=file]")
    expect(button).to_be_visible()
    expect(button).to_have_text("اختيار الملفات")
    expect(status).to_have_text("لم يُختر أي ملف")
    # The browser's input is hidden from sight, not from screen readers, which hear the
    # field's own label.
    expect(native).to_have_accessible_name(field_label())
    assert native.bounding_box()["width"] <= 1

    native.set_input_files([pdf("تقرير الاختبار.pdf")])
    expect(status).to_have_text("تقرير الاختبار.pdf")
    native.set_input_files([pdf("a.pdf"), pdf("b.pdf")])
    expect(status).to_have_text("ملفان مختاران")
    native.set_input_files([])
    expect(status).to_have_text("لم يُختر أي ملف")

    # Tab from the post's text reaches the input; the button shows the focus ring.
    page.locator("#reply textarea").focus()
    page.keyboard.press("Tab")
    expect(native).to_be_focused()
    ring = button.evaluate(
        "label => [getComputedStyle(label).outlineStyle, getComputedStyle(label).boxShadow]"
    )
    assert ring[0] == "solid" and ring[1] != "none", ring

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    context.close()


def test_without_javascript_the_browsers_own_input_is_used(arabic_thread, browser, live_server_url):
    context = browser.new_context(java_script_enabled=False)
    page = sign_in_in_arabic(context, live_server_url)
    page.goto(live_server_url + arabic_thread)
    field = page.locator("#reply .file-input")
    native = field.locator("input[type=file]")
    expect(native).to_be_visible()
    expect(field.locator(".file-input__button")).to_be_hidden()
    expect(field.locator(".file-input__status")).to_be_hidden()
    expect(native).to_have_accessible_name(field_label())
    native.set_input_files([pdf("a.pdf")])
    context.close()
