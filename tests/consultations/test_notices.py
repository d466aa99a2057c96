"""Members are told when a consultation opens and two days before it closes: each notice
once per person, in their language, on the site for everyone in the audience and by
e-mail for those who did not choose "no e-mail", never to someone outside the audience,
and never carrying a comment."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.consultations import services
from portal.consultations.models import Audience, ConsultationPage, NoticeSent
from taskforces import selectors
from taskforces import services as taskforce_services
from taskforces.models import (
    EmailMode,
    Membership,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from tests.factories.taskforces import TaskForcePageFactory

pytestmark = pytest.mark.django_db


def send(now=None):
    mail.outbox.clear()
    return services.notices_send(now=now)


def addresses() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_the_audience_is_told_once_that_it_opened(
    consulting, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send()
    assert sent == {"opened": 5, "closing": 0}
    assert addresses() == {
        cast.member.email,
        cast.cio_a.email,
        cast.cio_b.email,
        consulting.cio_c.email,
        cast.secretariat.email,
    }
    message = mail.outbox[0]
    assert "For your comments: Next steps after the High-Level Dialogue" in message.subject
    assert consulting.consultation.url in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert send() == {"opened": 0, "closing": 0}
    assert mail.outbox == []


def test_two_days_before_closing(consulting, cast, django_capture_on_commit_callbacks):
    page = consulting.consultation
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=1, hours=12)
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = send()
    assert sent["closing"] == 5
    assert any("Closing in two days" in message.subject for message in mail.outbox)
    assert NoticeSent.objects.filter(kind="closing").count() == 5
    assert send()["closing"] == 0


def test_nobody_is_told_before_it_opens(consulting):
    later = timezone.now() + datetime.timedelta(days=3)
    ConsultationPage.objects.filter(pk=consulting.consultation.pk).update(opens_at=later)
    assert send() == {"opened": 0, "closing": 0}


def test_only_the_audience_and_e_mail_only_to_those_who_want_it(
    consulting, cast, client, django_capture_on_commit_callbacks
):
    page = consulting.consultation
    page.audience = Audience.HEADS
    page.save()
    NotificationPreference.objects.create(user=cast.cio_b, email_mode=EmailMode.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send()
    assert sent["opened"] == 3
    assert addresses() == {cast.cio_a.email, consulting.cio_c.email}
    # The head who chose no e-mail reads it among their notifications on the site.
    client.force_login(cast.cio_b)
    listing = client.get(reverse("taskforces:notifications")).content.decode()
    assert "Open for your comments until" in listing
    assert page.title in listing
    client.force_login(cast.member)
    assert page.title not in client.get(reverse("taskforces:notifications")).content.decode()


def test_notices_are_notifications_on_the_site(
    consulting, cast, client, django_capture_on_commit_callbacks
):
    page = consulting.consultation
    with django_capture_on_commit_callbacks(execute=True):
        send()
    notification = Notification.objects.get(user=cast.member)
    assert notification.kind == NotificationKind.CONSULTATION
    assert notification.taskforce is None
    assert notification.url == page.url
    # E-mailed in the consultation's own words: no digest repeats it.
    assert notification.emailed_at is not None
    client.force_login(cast.member)
    listing = client.get(reverse("taskforces:notifications")).content.decode()
    assert f'href="{page.url}"' in listing
    assert "Open for your comments until" in listing
    assert selectors.unread_notification_count(cast.member) == 1


def test_a_task_force_consultation_is_forgotten_with_the_task_force(
    consulting, cast, site_tree, django_capture_on_commit_callbacks
):
    taskforce = TaskForcePageFactory(parent=site_tree.taskforces)
    membership = Membership.objects.create(taskforce=taskforce, user=cast.member)
    page = ConsultationPage.objects.get(pk=consulting.consultation.pk)
    page.audience, page.taskforce = Audience.TASKFORCE, taskforce
    page.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send()["opened"] == 1
    assert selectors.notifications(cast.member).get().taskforce == taskforce
    membership.delete()
    someone_who_left = type(cast.member).objects.get(pk=cast.member.pk)
    assert not selectors.notifications(someone_who_left).exists()


def test_a_daily_digest_does_not_repeat_a_notice(
    consulting, cast, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=cast.member, email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert cast.member.email in addresses()
    mail.outbox.clear()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    taskforce_services.digest_send(today=tomorrow)
    assert not any(cast.member.email in message.to for message in mail.outbox)


def test_notices_carry_no_comment(consulting, cast, django_capture_on_commit_callbacks):
    services.comment_create(
        consultation=consulting.consultation,
        author=cast.cio_a,
        body="Confidentially our budget is frozen",
        visibility="secretariat",
    )
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert mail.outbox
    assert not any("Confidentially" in message.body for message in mail.outbox)


def test_the_command_reports_what_it_sent(consulting):
    output = io.StringIO()
    call_command("send_consultation_notices", stdout=output)
    assert "opened: 5" in output.getvalue()


def test_each_reader_is_told_in_their_language(
    consulting, cast, django_capture_on_commit_callbacks
):
    cast.cio_a.language = "fr"
    cast.cio_a.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        send()
    (french,) = [message for message in mail.outbox if cast.cio_a.email in message.to]
    assert french.subject.startswith("Pour commentaires")
    assert "Le Secrétariat sollicite vos commentaires" in french.body


def test_a_closed_consultation_tells_nobody(consulting):
    ConsultationPage.objects.filter(pk=consulting.consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert send() == {"opened": 0, "closing": 0}
