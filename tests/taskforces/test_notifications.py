"""Notifications in the site (read and unread, header count) and the daily e-mail digest."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from taskforces import services
from taskforces.models import EmailMode, Notification, NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db


def notify(workspace, user, text="Ana mentioned you in “Classification pilots”."):
    return services.notification_create(
        user=user,
        kind=NotificationKind.MENTION,
        taskforce=workspace.taskforce,
        text=text,
        url=workspace.thread_url,
        email=False,
    )


def test_the_list_shows_unread_first_marks_and_the_header_counts_them(workspace, sign_in_as):
    first = notify(workspace, workspace.member, "First")
    notify(workspace, workspace.member, "Second")
    client = sign_in_as("member")
    page = BeautifulSoup(client.get("/my/notifications/").content, "html.parser")
    assert page.select_one('[data-count="notifications"]').text == "2"
    assert [item.a.text for item in page.select(".notification--unread")] == ["Second", "First"]

    client.post("/my/notifications/read/", {"notification": first.pk})
    page = BeautifulSoup(client.get("/my/notifications/").content, "html.parser")
    assert page.select_one('[data-count="notifications"]').text == "1"
    assert [item.a.text for item in page.select(".notification--unread")] == ["Second"]

    client.post("/my/notifications/read/")
    assert not Notification.objects.filter(user=workspace.member, read_at=None).exists()


def test_nobody_marks_someone_elses_notifications_read(workspace, sign_in_as):
    notification = notify(workspace, workspace.member)
    sign_in_as("chair").post("/my/notifications/read/", {"notification": notification.pk})
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_a_member_chooses_the_daily_digest(workspace, sign_in_as):
    sign_in_as("member").post("/my/notifications/settings/", {"email_mode": "daily"})
    assert NotificationPreference.objects.get(user=workspace.member).email_mode == EmailMode.DAILY


def test_an_unknown_email_choice_changes_nothing(workspace, sign_in_as):
    sign_in_as("member").post("/my/notifications/settings/", {"email_mode": "hourly"})
    assert not NotificationPreference.objects.filter(user=workspace.member).exists()


def test_the_digest_goes_once_a_day_with_everything_new(
    workspace, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    notify(workspace, workspace.member, "First")
    notify(workspace, workspace.member, "Second")
    day = datetime.date(2026, 11, 22)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(today=day) == 1
    (digest,) = mail.outbox
    assert digest.to == [workspace.member.email]
    assert "2 new notifications" in digest.subject
    assert "Task force on AI tools" in digest.body
    assert "First" in digest.body and "Second" in digest.body

    notify(workspace, workspace.member, "Third")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(today=day) == 0
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send(today=day + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "Third" in mail.outbox[1].body
    assert "First" not in mail.outbox[1].body


def test_the_digest_leaves_out_task_forces_the_person_left(
    workspace, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    notify(workspace, workspace.member, "About a private thread")
    workspace.taskforce.memberships.filter(user=workspace.member).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send() == 0
    assert mail.outbox == []


def test_the_digest_command_reports_and_never_sends_twice(
    workspace, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    notify(workspace, workspace.member)
    outputs = []
    for _ in range(2):
        output = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_notification_digest", stdout=output)
        outputs.append(output.getvalue().strip())
    assert outputs == ["Digests sent: 1.", "Digests sent: 0."]
    assert len(mail.outbox) == 1


def test_immediate_emails_are_not_repeated_in_the_digest(
    workspace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            thread=workspace.thread, author=workspace.chair, body="@mo.member see this"
        )
    assert len(mail.outbox) == 1
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send() == 0
    assert len(mail.outbox) == 1


def digest_of(workspace, capture) -> str:
    mail.outbox.clear()
    with capture(execute=True):
        assert services.digest_send() == 1
    (digest,) = mail.outbox
    return digest.body


def test_the_digest_shows_each_new_post_by_thread_with_its_first_lines(
    workspace, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.post_create(
            thread=workspace.thread,
            author=workspace.chair,
            body="@mo.member our **IPC routing** results are in: 94% at subclass level.",
        )
        services.post_create(
            thread=workspace.thread, author=workspace.chair, body="@mo.member and the errors."
        )
    body = digest_of(workspace, django_capture_on_commit_callbacks)
    assert "Classification pilots" in body
    assert "2 new posts" in body
    # Sanitised plain text: no Markdown, no HTML.
    assert "Ana Alves: “@mo.member our IPC routing results are in: 94% at subclass level.”" in body
    assert "**" not in body and "<" not in body
    # The first post of the thread the member has not read (their own count as read).
    first_unread = f"http://testserver{workspace.thread_url}#post-{first.pk}"
    assert f"Read from the first unread: {first_unread}" in body


def test_the_digest_names_no_author_in_a_chatham_house_thread(
    workspace, django_capture_on_commit_callbacks
):
    workspace.thread.not_for_attribution = True
    workspace.thread.save()
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            thread=workspace.thread, author=workspace.chair, body="@mo.member candidly, it failed."
        )
    body = digest_of(workspace, django_capture_on_commit_callbacks)
    assert "“@mo.member candidly, it failed.”" in body
    assert "Ana" not in body and "Alves" not in body
    assert "not for attribution" in body


def test_the_digest_shows_no_excerpt_of_a_hidden_post(
    workspace, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=workspace.member, email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(
            thread=workspace.thread, author=workspace.chair, body="@mo.member something rude"
        )
    post.hidden_at = post.created_at
    post.save(update_fields=["hidden_at"])
    body = digest_of(workspace, django_capture_on_commit_callbacks)
    assert "something rude" not in body
