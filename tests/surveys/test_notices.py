"""The offices asked are told when a survey opens, and those that have not submitted two
days before it closes: a notification for each of their seat holders, an e-mail in their
language unless they chose none, each once, never to anyone else, never carrying an
office's answers."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.surveys.models import SurveyAudience, SurveyNotice, SurveyPage
from portal.surveys.notices import notices_send
from taskforces import selectors
from taskforces.models import EmailMode, Notification, NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db


def send(on_commit):
    mail.outbox.clear()
    with on_commit(execute=True):
        return notices_send()


def addresses() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def closing_soon(survey: SurveyPage) -> None:
    SurveyPage.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=1, hours=12)
    )


def test_every_office_asked_is_told_once_that_it_opened(
    surveying, cast, django_capture_on_commit_callbacks
):
    sent = send(django_capture_on_commit_callbacks)
    assert sent == {"opened": 6, "closing": 0}
    assert addresses() == {head.email for head in surveying.heads}
    assert cast.member.email not in addresses()
    message = next(m for m in mail.outbox if surveying.heads[2].email in m.to)
    assert message.subject.endswith("Survey of offices: ICT survey 2025")
    assert surveying.survey.url in message.body
    notification = Notification.objects.get(user=surveying.heads[2])
    assert notification.kind == NotificationKind.SURVEY
    assert notification.emailed_at is not None
    assert send(django_capture_on_commit_callbacks) == {"opened": 0, "closing": 0}
    assert mail.outbox == []


def test_only_the_offices_chosen(surveying, django_capture_on_commit_callbacks):
    survey = SurveyPage.objects.get(pk=surveying.survey.pk)
    survey.audience = SurveyAudience.SOME
    survey.offices.set(surveying.offices[4:])
    survey.save()
    send(django_capture_on_commit_callbacks)
    assert addresses() == {surveying.heads[4].email, surveying.heads[5].email}


def test_before_closing_only_offices_that_have_not_submitted(
    surveying, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    surveying.answer(0)
    surveying.answer(1, difficulties="Confidential: our budget is frozen.")
    closing_soon(surveying.survey)
    sent = send(django_capture_on_commit_callbacks)
    assert sent == {"opened": 0, "closing": 4}
    assert addresses() == {head.email for head in surveying.heads[2:]}
    assert all("has not submitted" in message.body for message in mail.outbox)
    assert not any("budget" in message.body for message in mail.outbox)
    assert SurveyNotice.objects.filter(kind="closing").count() == 4
    assert send(django_capture_on_commit_callbacks)["closing"] == 0


def test_no_e_mail_means_the_notification_only(
    surveying, client, django_capture_on_commit_callbacks
):
    head = surveying.heads[3]
    NotificationPreference.objects.create(user=head, email_mode=EmailMode.NONE)
    send(django_capture_on_commit_callbacks)
    assert head.email not in addresses()
    assert selectors.unread_notification_count(head) == 1
    client.force_login(head)
    listing = client.get(reverse("taskforces:notifications")).content.decode()
    assert "Your office is asked to answer by" in listing
    assert f'href="{surveying.survey.url}"' in listing


def test_each_head_is_told_in_their_language(surveying, django_capture_on_commit_callbacks):
    head = surveying.heads[2]
    head.language = "fr"
    head.save(update_fields=["language"])
    send(django_capture_on_commit_callbacks)
    (french,) = [message for message in mail.outbox if head.email in message.to]
    assert french.subject.endswith("Enquête auprès des offices : ICT survey 2025")
    assert "Le Secrétariat demande à votre office" in french.body


def test_a_survey_not_open_tells_nobody(surveying, django_capture_on_commit_callbacks):
    SurveyPage.objects.filter(pk=surveying.survey.pk).update(
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    assert send(django_capture_on_commit_callbacks) == {"opened": 0, "closing": 0}
    SurveyPage.objects.filter(pk=surveying.survey.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert send(django_capture_on_commit_callbacks) == {"opened": 0, "closing": 0}


def test_the_command_reports_what_it_sent(surveying):
    output = io.StringIO()
    call_command("send_survey_notices", stdout=output)
    assert "opened: 6" in output.getvalue()
