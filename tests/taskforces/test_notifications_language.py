"""Notifications are stored as a message and its values, and read in each reader's
language: in the site, by e-mail at once, and in the daily digest."""

import datetime

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, ngettext

import pytest
from bs4 import BeautifulSoup

from network.models import OfficePage
from taskforces import services
from taskforces.models import EmailMode, Notification

pytestmark = pytest.mark.django_db

MENTIONED = "%(author)s mentioned you in “%(thread)s”."


def mentioned_in(language: str, author: str = "Mo Member") -> str:
    with translation.override(language):
        text = gettext(MENTIONED) % {"author": author, "thread": "Classification pilots"}
    assert text != MENTIONED % {"author": author, "thread": "Classification pilots"}
    return text


def mention_the_chair(workspace, capture, body="@ana.alves what now?"):
    with capture(execute=True):
        services.post_create(thread=workspace.thread, author=workspace.member, body=body)
    return Notification.objects.get(user=workspace.chair)


def test_a_notification_is_stored_as_a_message_and_its_values(
    workspace, django_capture_on_commit_callbacks
):
    notification = mention_the_chair(workspace, django_capture_on_commit_callbacks)
    assert notification.text == MENTIONED
    assert notification.params == {"author": "Mo Member", "thread": "Classification pilots"}


@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_mention_is_emailed_in_the_readers_language(
    language, workspace, django_capture_on_commit_callbacks
):
    workspace.chair.language = language
    workspace.chair.save(update_fields=["language"])
    mention_the_chair(workspace, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert mentioned_in(language) in message.subject
    assert mentioned_in(language) in message.body
    with translation.override(language):
        assert gettext("Read it in the workspace:") in message.body


def test_the_same_notification_reads_in_the_language_of_the_page(
    workspace, django_capture_on_commit_callbacks
):
    notification = mention_the_chair(workspace, django_capture_on_commit_callbacks)
    with translation.override("ru"):
        assert notification.display_text == mentioned_in("ru")
    with translation.override("en"):
        assert notification.display_text == "Mo Member mentioned you in “Classification pilots”."


def test_the_notifications_page_shows_them_in_the_readers_language(
    workspace, sign_in_as, django_capture_on_commit_callbacks
):
    mention_the_chair(workspace, django_capture_on_commit_callbacks)
    client = sign_in_as("chair")
    client.cookies["django_language"] = "es"
    response = client.get("/my/notifications/", follow=True)
    links = [
        item.a.text
        for item in BeautifulSoup(response.content, "html.parser").select(".notification--unread")
    ]
    assert links == [mentioned_in("es")]


def test_an_anonymous_author_is_a_member_in_every_language(
    workspace, django_capture_on_commit_callbacks
):
    workspace.thread.not_for_attribution = True
    workspace.thread.save(update_fields=["not_for_attribution"])
    notification = mention_the_chair(workspace, django_capture_on_commit_callbacks)
    with translation.override("fr"):
        assert notification.display_text == mentioned_in("fr", author=gettext("A member"))
    assert "Mo Member" not in str(notification.params)


def test_the_digest_is_written_in_the_readers_language(
    workspace, django_capture_on_commit_callbacks
):
    workspace.chair.language = "es"
    workspace.chair.save(update_fields=["language"])
    services.notification_preference_set(user=workspace.chair, email_mode=EmailMode.DAILY)
    mention_the_chair(workspace, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(today=datetime.date(2026, 11, 22)) == 1
    (digest,) = mail.outbox
    with translation.override("es"):
        subject = ngettext(
            "Your daily digest: %(counter)s new notification",
            "Your daily digest: %(counter)s new notifications",
            1,
        ) % {"counter": 1}
    assert digest.subject == subject != "Your daily digest: 1 new notification"
    # The thread's new posts, introduced in the reader's language (taskforces.digest).
    with translation.override("es"):
        new_posts = ngettext("%(counter)s new post", "%(counter)s new posts", 1) % {"counter": 1}
        first_unread = gettext("Read from the first unread:")
    assert new_posts != "1 new post" and first_unread != "Read from the first unread:"
    assert f"{new_posts} · {first_unread}" in digest.body
    assert "“@ana.alves what now?”" in digest.body


def test_a_proposal_deadline_is_written_in_the_readers_format(
    workspace, django_capture_on_commit_callbacks
):
    deadline = datetime.datetime(2031, 3, 28, 12, 0, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_create(
            taskforce=workspace.taskforce,
            created_by=workspace.chair,
            title="Adopt ST.96",
            text="Shall we?",
            deadline=deadline,
            quorum=2,
        )
    notification = Notification.objects.get(user=workspace.member)
    with translation.override("es"):
        assert "28 de marzo de 2031" in notification.display_text
    with translation.override("zh-hans"):
        assert "2031年3月28日" in notification.display_text


def test_times_are_shown_in_the_readers_office_zone_with_its_name(
    workspace, sign_in_as, django_capture_on_commit_callbacks
):
    OfficePage.objects.filter(pk=workspace.chair.member.office_id).update(time_zone="Asia/Tokyo")
    notification = mention_the_chair(workspace, django_capture_on_commit_callbacks)
    Notification.objects.filter(pk=notification.pk).update(
        created_at=datetime.datetime(2026, 12, 6, 13, 0, tzinfo=datetime.UTC)
    )
    response = sign_in_as("chair").get("/my/notifications/", follow=True)
    time = BeautifulSoup(response.content, "html.parser").select_one(".notification time")
    assert time.text == "6 Dec 2026, 22:00 (Asia/Tokyo)"
    assert time["datetime"] == "2026-12-06T13:00:00+00:00"
