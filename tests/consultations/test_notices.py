"""Members are told when a consultation opens and two days before it closes: each notice
once per person, in their language, never to someone who chose no e-mail, never to
someone outside the audience, and never carrying a comment."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.consultations import services
from portal.consultations.models import Audience, ConsultationPage, NoticeSent
from taskforces.models import EmailMode, NotificationPreference

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


def test_only_the_audience_and_only_those_who_want_e_mail(
    consulting, cast, django_capture_on_commit_callbacks
):
    page = consulting.consultation
    page.audience = Audience.HEADS
    page.save()
    NotificationPreference.objects.create(user=cast.cio_b, email_mode=EmailMode.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert addresses() == {cast.cio_a.email, consulting.cio_c.email}


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
