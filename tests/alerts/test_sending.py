"""send_alerts e-mails each due alert's new matches, as its owner may read them at the
time of sending, once; the e-mail carries a one-click unsubscribe (RFC 8058)."""

import datetime
from email.header import decode_header, make_header

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from network.models import MemberRole
from portal.alerts.models import Frequency, SavedSearch, Source
from portal.alerts.services import alerts_send_due
from tests import factories
from tests.alerts.conftest import save_alert
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

A_DAY = datetime.timedelta(days=1)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the daily command (at ``now``, if given) and deliver what it queued."""

    def run(now=None) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            if now is None:
                call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
                return -1
            return alerts_send_due(now=now)

    return run


def text_of(message) -> str:
    return message.get_payload(decode=True).decode()


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_a_new_matching_entry_is_emailed_the_day_it_is_published(
    cast, publish_entry, reindex, mailbox, send
):
    alert = save_alert(cast.member)
    entry = publish_entry("Machine translation of patent abstracts")
    publish_entry("Optical character recognition", summary="Reads scanned forms.")
    reindex()

    send()

    [message] = mailbox.to(cast.member.email)
    body = text_of(message)
    assert "Machine translation of patent abstracts" in body
    assert f"http://testserver{entry.url}" in body
    assert "Optical character recognition" not in body
    assert subject_of(message) == "1 new match for “machine translation”"
    alert.refresh_from_db()
    assert alert.last_sent_at is not None
    assert alert.last_sent_at.date() == timezone.now().date()
    # RFC 8058: the one-click unsubscribe address, which the body carries too.
    # (A long header is folded over lines; unfolded, it is the one address.)
    unsubscribe = "".join(message["List-Unsubscribe"].split()).strip("<>")
    assert unsubscribe.startswith("http://testserver/alerts/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.removeprefix("http://testserver") in body


def test_a_catalogue_alert_emails_new_entries_of_its_listing(cast, publish_entry, mailbox, send):
    save_alert(cast.member, source=Source.CATALOGUE, query="translation", params="q=translation")
    publish_entry("Machine translation service")
    publish_entry("Trademark image search", summary="Finds similar marks.")

    send()

    [message] = mailbox.to(cast.member.email)
    assert "Machine translation service" in text_of(message)
    assert "Trademark image search" not in text_of(message)


def test_nothing_is_sent_twice(cast, publish_entry, reindex, mailbox, send):
    alert = save_alert(cast.member)
    publish_entry("Machine translation of patent abstracts")
    reindex()
    now = timezone.now()

    assert send(now) == 1
    assert send(now + datetime.timedelta(minutes=5)) == 0  # the same day: not due again
    assert send(now + A_DAY) == 0  # the next day: nothing new since the last e-mail
    publish_entry("Machine translation for trademarks")
    reindex()
    assert send(timezone.now() + A_DAY) == 1

    messages = mailbox.to(cast.member.email)
    assert len(messages) == 2
    assert "patent abstracts" not in text_of(messages[1])
    assert "for trademarks" in text_of(messages[1])
    alert.refresh_from_db()
    assert alert.last_sent_at > now


def test_nothing_new_sends_nothing_and_records_nothing(cast, publish_entry, reindex, mailbox, send):
    alert = save_alert(cast.member)
    publish_entry("Optical character recognition", summary="Reads scanned forms.")
    reindex()

    assert send(timezone.now()) == 0

    assert mailbox.received == []
    alert.refresh_from_db()
    assert alert.last_sent_at is None


def test_an_entry_published_before_the_alert_was_saved_is_not_new(
    cast, publish_entry, reindex, mailbox, send
):
    publish_entry("Machine translation of patent abstracts")
    reindex()
    save_alert(cast.member).__class__.objects.update(created_at=timezone.now())

    assert send(timezone.now() + datetime.timedelta(seconds=1)) == 0


def test_a_weekly_alert_waits_a_week(cast, publish_entry, reindex, send):
    save_alert(cast.member, frequency=Frequency.WEEKLY)
    publish_entry("Machine translation of patent abstracts")
    reindex()
    now = timezone.now()
    assert send(now) == 1

    publish_entry("Machine translation for trademarks")
    reindex()
    assert send(now + 3 * A_DAY) == 0
    assert send(now + 7 * A_DAY) == 1


def test_a_private_entry_is_never_emailed(cast, site_tree, publish_entry, reindex, mailbox, send):
    save_alert(cast.member)
    save_alert(cast.member, source=Source.CATALOGUE, params="q=machine+translation")
    private = publish_entry("Machine translation, members' pilot")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    reindex()

    assert send(timezone.now()) == 0
    assert mailbox.received == []


def test_an_entry_made_private_after_it_was_published_is_not_emailed(
    cast, publish_entry, reindex, mailbox, send
):
    save_alert(cast.member)
    save_alert(cast.member, source=Source.CATALOGUE, params="q=machine+translation")
    entry = publish_entry("Machine translation of patent abstracts")
    reindex()
    PageViewRestriction.objects.create(page=entry, restriction_type=PageViewRestriction.LOGIN)
    reindex()

    assert send(timezone.now()) == 0
    assert mailbox.received == []


def test_an_unpublished_entry_is_not_emailed(cast, publish_entry, reindex, mailbox, send):
    save_alert(cast.member, source=Source.CATALOGUE, params="q=machine+translation")
    entry = publish_entry("Machine translation of patent abstracts")
    entry.unpublish()
    reindex()

    assert send(timezone.now()) == 0


def test_a_task_force_discussion_reaches_its_members_only(cast, site_tree, reindex, mailbox, send):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    insider = make_member(cast.office_a, MemberRole.EXPERT, first_name="Ines")
    factories.MembershipFactory(taskforce=taskforce, user=insider)
    save_alert(insider)
    save_alert(cast.member)  # a network member, not in the task force
    factories.ThreadFactory(
        taskforce=taskforce, title="Machine translation pilot results", author=insider
    )
    reindex()

    assert send(timezone.now()) == 1

    assert "Machine translation pilot results" in text_of(mailbox.to(insider.email)[0])
    assert mailbox.to(cast.member.email) == []


def test_someone_who_left_the_task_force_is_no_longer_told(cast, site_tree, reindex, send):
    taskforce = factories.TaskForcePageFactory(parent=site_tree.taskforces, title="AI tools")
    leaver = make_member(cast.office_a, MemberRole.EXPERT, first_name="Lea")
    membership = factories.MembershipFactory(taskforce=taskforce, user=leaver)
    save_alert(leaver)
    factories.ThreadFactory(taskforce=taskforce, title="Machine translation pilot", author=leaver)
    reindex()
    membership.delete()

    assert send(timezone.now()) == 0


def test_an_inactive_account_is_not_emailed(cast, publish_entry, reindex, send):
    save_alert(cast.member)
    publish_entry("Machine translation of patent abstracts")
    reindex()
    type(cast.member).objects.filter(pk=cast.member.pk).update(is_active=False)

    assert send(timezone.now()) == 0


def test_the_email_is_in_the_readers_language(cast, publish_entry, reindex, mailbox, send):
    type(cast.member).objects.filter(pk=cast.member.pk).update(language="fr")
    save_alert(cast.member)
    publish_entry("Machine translation of patent abstracts")
    reindex()

    send(timezone.now())

    [message] = mailbox.to(cast.member.email)
    assert "nouveau" in subject_of(message).lower()
    assert "/fr/alerts/unsubscribe/" in text_of(message)


def test_a_stopped_alert_is_not_sent(cast, publish_entry, reindex, send):
    alert = save_alert(cast.member)
    SavedSearch.objects.filter(pk=alert.pk).update(active=False)
    publish_entry("Machine translation of patent abstracts")
    reindex()

    assert send(timezone.now()) == 0


def test_a_members_only_result_reaches_members_only(cast, reindex, mailbox, send):
    """A person's profile is found by network members; an account outside it is not told."""
    outsider = factories.UserFactory(is_active=True)
    save_alert(outsider, query="Translatorova")
    save_alert(cast.member, query="Translatorova")
    make_member(cast.office_b, MemberRole.EXPERT, first_name="Tania", last_name="Translatorova")
    reindex()

    assert send(timezone.now()) == 1

    assert "Translatorova" in text_of(mailbox.to(cast.member.email)[0])
    assert mailbox.to(outsider.email) == []
