"""Replies by e-mail: a notification's signed Reply-To address, and replies to it posted in
the thread through the site's own service, or refused with a notice to the account.

The portal's SMTP receiver (taskforces/mail_receiver.py, run by ``manage.py
receive_mail``) listens on a free local port; the tests send it real messages with
smtplib. Transactional, as test_consumers.py: the receiver writes on its own thread and
connection, and every write commits and broadcasts as in production.
"""

import asyncio
import base64
import smtplib
import socket
import time
from email.message import EmailMessage
from email.utils import make_msgid

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from portal.asgi import application
from taskforces import services
from taskforces.models import Post
from taskforces.reply_addresses import read_reply_address, reply_address
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOMAIN = "reply.example.org"
WEBHOOK_SECRET = "postmark:inbound-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def replies_on(settings):
    settings.TASKFORCES_REPLY_DOMAIN = DOMAIN
    settings.ANYMAIL = {"WEBHOOK_SECRET": WEBHOOK_SECRET}


@pytest.fixture
def receiver():
    """The portal's own SMTP receiver on a free port; its port is returned."""
    from taskforces.mail_receiver import reply_mail_server

    server = reply_mail_server(host="127.0.0.1", port=free_port())
    server.start()
    yield server.port
    server.stop()


def reply_message(*, sender, to, text, message_id=None, html=None, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: Classification pilots"
    message["Message-ID"] = message_id or make_msgid(domain="mail.example.org")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def smtp_send(port: int, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(message)


def notify_by_mention(workspace, mentioned_handle: str = "mo.member") -> Post:
    """The chair mentions someone; the notification e-mail goes out (tasks run at once)."""
    return services.post_create(
        thread=workspace.thread,
        author=workspace.chair,
        body=f"What do you think, @{mentioned_handle}?",
    )


def reply_to_of_mail_to(user) -> str:
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    (address,) = message.reply_to
    return address


def new_posts(workspace):
    return Post.objects.filter(thread=workspace.thread).exclude(pk=workspace.post.pk)


def refusals_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email] and "not posted" in m.subject]


# The notification's address ---------------------------------------------------------------


def test_the_mention_e_mail_carries_the_persons_signed_reply_address(workspace):
    mentioning = notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    assert address.endswith(f"@{DOMAIN}") and len(address.split("@")[0]) <= 64
    (sent,) = [m for m in mail.outbox if m.to == [workspace.member.email]]
    assert sent.message()["Reply-To"] == address  # the header as it goes out
    target = read_reply_address(address)
    assert (target.user_id, target.thread_id, target.post_id) == (
        workspace.member.pk,
        workspace.thread.pk,
        mentioning.pk,
    )


def test_an_observer_told_of_a_post_gets_no_reply_address(workspace):
    notify_by_mention(workspace, "bo.berg")
    (message,) = [m for m in mail.outbox if m.to == [workspace.observer.email]]
    assert message.reply_to == []


def test_without_a_reply_domain_notifications_have_no_reply_address(workspace, settings):
    settings.TASKFORCES_REPLY_DOMAIN = ""
    notify_by_mention(workspace)
    (message,) = [m for m in mail.outbox if m.to == [workspace.member.email]]
    assert message.reply_to == []


def test_an_address_changed_in_any_part_is_not_accepted(workspace):
    address = reply_address(user_id=5, thread_id=7, post_id=9)
    assert read_reply_address(address.upper()) is not None  # mail servers may change case
    for forged in [
        address.replace("reply+5-7-", "reply+5-8-"),
        address.replace("reply+5-", "reply+6-"),
        address.replace("-9-", "-a-"),
        address.replace(f"@{DOMAIN}", "@elsewhere.example.org"),
        f"reply+5-7-9-{'a' * 20}@{DOMAIN}",
    ]:
        assert read_reply_address(forged) is None, forged


# Replies over SMTP ----------------------------------------------------------------------------


def thread_socket(user, thread) -> WebsocketCommunicator:
    client = Client()
    client.force_login(user)
    headers = [
        (b"host", b"testserver"),
        (b"origin", b"http://testserver"),
        (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
    ]
    return WebsocketCommunicator(
        application, f"/ws/task-forces/threads/{thread.pk}/", headers=headers
    )


def test_a_reply_to_a_mention_is_posted_as_its_person_and_reaches_others_at_once(
    workspace, receiver
):
    mentioning = notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    message = reply_message(
        sender=f"Mo Member <{workspace.member.email}>", to=address, text="Yes, **agreed**."
    )
    socket_ = thread_socket(workspace.chair, workspace.thread)

    async def scenario():
        connected, _ = await socket_.connect()
        assert connected
        started = time.monotonic()
        await asyncio.to_thread(smtp_send, receiver, message)
        event = await socket_.receive_json_from(timeout=1)
        elapsed = time.monotonic() - started
        await socket_.disconnect()
        return event, elapsed

    event, elapsed = async_to_sync(scenario)()
    (post,) = new_posts(workspace).exclude(pk=mentioning.pk)
    assert (post.author, post.body, post.reply_to) == (
        workspace.member,
        "Yes, **agreed**.",
        mentioning,
    )
    assert "<strong>agreed</strong>" in post.body_html
    assert event["type"] == "post.created" and event["post"] == post.pk
    assert event["author"] == workspace.member.pk
    assert elapsed < 1
    # The chair hears of the reply as of any reply on the site.
    assert workspace.chair.notifications.filter(post=post, kind="reply").exists()


def test_quoted_text_and_signature_are_left_out(workspace, receiver):
    notify_by_mention(workspace)
    text = (
        "Agreed, let us pilot it.\n\nSecond paragraph.\n\n-- \nMo Member\nOffice A\n\n"
        "On Mon, 7 Dec 2026 at 22:00, Ana Alves <ana@example.org> wrote:\n"
        "> What do you think, @mo.member?\n"
    )
    html = (
        "<div>Agreed, let us pilot it.</div><div><br></div><div>Second paragraph.</div>"
        '<div class="gmail_quote">On Mon … wrote:<blockquote>What do you think?</blockquote></div>'
    )
    smtp_send(
        receiver,
        reply_message(
            sender=workspace.member.email,
            to=reply_to_of_mail_to(workspace.member),
            text=text,
            html=html,
        ),
    )
    post = new_posts(workspace).get(author=workspace.member)
    assert post.body == "Agreed, let us pilot it.\n\nSecond paragraph."


def test_an_html_only_reply_is_posted_as_its_text_without_the_quote(workspace, receiver):
    notify_by_mention(workspace)
    message = reply_message(
        sender=workspace.member.email, to=reply_to_of_mail_to(workspace.member), text="x"
    )
    message.set_content(
        "<p>D’accord.</p><p>Envoyé de mon iPhone</p>"
        "<blockquote>Le lun. 7 déc. 2026, Ana a écrit :</blockquote>",
        subtype="html",
    )
    smtp_send(receiver, message)
    assert new_posts(workspace).get(author=workspace.member).body == "D’accord."


def test_a_reply_about_a_post_hidden_since_is_posted_in_the_thread_as_a_plain_post(
    workspace, receiver
):
    mentioning = notify_by_mention(workspace)
    services.post_hide(post=mentioning, moderator=workspace.secretariat, reason="Off topic")
    smtp_send(
        receiver,
        reply_message(
            sender=workspace.member.email,
            to=reply_to_of_mail_to(workspace.member),
            text="Still, my answer.",
        ),
    )
    post = Post.objects.get(thread=workspace.thread, body="Still, my answer.")
    assert (post.author, post.reply_to) == (workspace.member, None)


def test_a_reply_in_the_forum_is_posted_for_a_member_who_never_joined(forum_workspace, receiver):
    mentioning = notify_by_mention(forum_workspace)
    smtp_send(
        receiver,
        reply_message(
            sender=forum_workspace.member.email,
            to=reply_to_of_mail_to(forum_workspace.member),
            text="Thanks for asking.",
        ),
    )
    post = Post.objects.get(thread=forum_workspace.thread, body="Thanks for asking.")
    assert (post.author, post.reply_to) == (forum_workspace.member, mentioning)


def test_a_reply_from_someone_removed_from_the_task_force_is_refused_with_a_notice(
    workspace, receiver
):
    notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    workspace.member.language = "fr"
    workspace.member.save(update_fields=["language"])
    membership = workspace.taskforce.memberships.get(user=workspace.member)
    services.membership_end(membership=membership, ended_by=workspace.chair)
    before = new_posts(workspace).count()
    smtp_send(receiver, reply_message(sender=workspace.member.email, to=address, text="Hello"))
    assert new_posts(workspace).count() == before
    (notice,) = [
        m
        for m in mail.outbox
        if m.to == [workspace.member.email] and "pas été publiée" in m.subject
    ]
    assert "Vous n'êtes plus membre de cette équipe d'experts." in notice.body
    assert "Hello" in notice.body  # their text, to post otherwise


def test_a_reply_to_a_locked_thread_is_refused_with_a_notice(workspace, receiver):
    notify_by_mention(workspace)
    services.thread_set_locked(thread=workspace.thread, moderator=workspace.chair, locked=True)
    address = reply_to_of_mail_to(workspace.member)
    before = new_posts(workspace).count()
    smtp_send(receiver, reply_message(sender=workspace.member.email, to=address, text="Late"))
    assert new_posts(workspace).count() == before
    (notice,) = refusals_to(workspace.member)
    assert "This thread is locked: it takes no new posts." in notice.body


def test_a_reply_from_an_inactive_account_is_refused(workspace, receiver):
    notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    workspace.member.is_active = False
    workspace.member.save(update_fields=["is_active"])
    smtp_send(receiver, reply_message(sender=workspace.member.email, to=address, text="Hi"))
    assert not new_posts(workspace).filter(author=workspace.member).exists()
    (notice,) = refusals_to(workspace.member)
    assert "Your account is no longer active." in notice.body


def test_a_reply_from_another_sender_is_refused_and_the_notice_goes_to_the_account(
    workspace, receiver
):
    notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    smtp_send(receiver, reply_message(sender="someone@else.example", to=address, text="Hi"))
    assert not new_posts(workspace).filter(author=workspace.member).exists()
    (notice,) = refusals_to(workspace.member)
    assert "someone@else.example" in notice.body
    assert not [m for m in mail.outbox if "someone@else.example" in m.to]


def test_a_forged_or_other_thread_address_posts_nothing_and_sends_nothing(workspace, receiver):
    mentioning = notify_by_mention(workspace)
    genuine = reply_to_of_mail_to(workspace.member)
    other_thread = factories.ThreadFactory(taskforce=workspace.taskforce, author=workspace.chair)
    signature = genuine.split("@")[0].rsplit("-", 1)[1]

    def with_genuine_signature(**ids) -> str:
        """The address for other ids, with the signature of the one the member was sent."""
        genuine_ids = {
            "user_id": workspace.member.pk,
            "thread_id": workspace.thread.pk,
            "post_id": mentioning.pk,
        }
        other = reply_address(**{**genuine_ids, **ids})
        local, domain = other.split("@")
        return f"{local.rsplit('-', 1)[0]}-{signature}@{domain}"

    forged = [
        with_genuine_signature(thread_id=other_thread.pk),
        with_genuine_signature(user_id=workspace.chair.pk),
        f"reply+1-1-1-{'a' * 20}@{DOMAIN}",
    ]
    mail.outbox.clear()
    for address in forged:
        sender = workspace.chair.email if "a" * 20 in address else workspace.member.email
        smtp_send(receiver, reply_message(sender=sender, to=address, text="Forged"))
    assert not Post.objects.filter(body="Forged").exists()
    assert mail.outbox == []  # no notice to whatever address a forger names


def test_mail_for_other_addresses_is_refused_at_the_door(receiver):
    with (
        smtplib.SMTP("127.0.0.1", receiver, timeout=10) as smtp,
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        smtp.sendmail("a@example.org", ["postmaster@example.org"], b"Subject: x\r\n\r\nx")


def test_the_same_message_delivered_twice_is_posted_once(workspace, receiver):
    notify_by_mention(workspace)
    message = reply_message(
        sender=workspace.member.email,
        to=reply_to_of_mail_to(workspace.member),
        text="Only once",
        message_id="<duplicate-1@mail.example.org>",
    )
    smtp_send(receiver, message)
    smtp_send(receiver, message)
    assert Post.objects.filter(body="Only once").count() == 1


def test_an_out_of_office_answer_is_not_posted(workspace, receiver):
    notify_by_mention(workspace)
    smtp_send(
        receiver,
        reply_message(
            sender=workspace.member.email,
            to=reply_to_of_mail_to(workspace.member),
            text="I am away until Monday.",
            Auto_Submitted="auto-replied",
        ),
    )
    assert not Post.objects.filter(body__startswith="I am away").exists()


def test_the_smtp_command_does_not_start_without_a_reply_domain(settings):
    settings.TASKFORCES_REPLY_DOMAIN = ""
    with pytest.raises(CommandError, match="REPLY_DOMAIN"):
        call_command("receive_mail", port=free_port())


# The provider's inbound webhook (Postmark, through django-anymail) ---------------------------


def postmark_payload(message: EmailMessage, recipient: str) -> dict:
    """Postmark's inbound JSON with "Include raw email content" on, as its docs show."""
    return {
        "FromFull": {"Email": message["From"], "Name": ""},
        "ToFull": [{"Email": recipient, "Name": ""}],
        "OriginalRecipient": recipient,
        "Subject": message["Subject"],
        "MessageID": "a8c1040e-db1c-4e18-ac79-bc5f64c7ce2c",
        "Headers": [{"Name": "Return-Path", "Value": f"<{message['From']}>"}],
        "TextBody": message.get_body(("plain",)).get_content(),
        "RawEmail": message.as_string(),
    }


def basic_auth(secret: str) -> str:
    return "Basic " + base64.b64encode(secret.encode()).decode()


def test_a_reply_through_the_postmark_webhook_is_posted(workspace, client):
    mentioning = notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    message = reply_message(sender=workspace.member.email, to=address, text="Via Postmark")
    response = client.post(
        "/mail/inbound/postmark/",
        postmark_payload(message, address),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic_auth(WEBHOOK_SECRET),
    )
    assert response.status_code == 200
    post = Post.objects.get(body="Via Postmark")
    assert (post.author, post.reply_to) == (workspace.member, mentioning)


def test_the_webhook_refuses_a_request_without_its_secret(workspace, client):
    notify_by_mention(workspace)
    address = reply_to_of_mail_to(workspace.member)
    message = reply_message(sender=workspace.member.email, to=address, text="Unsigned")
    response = client.post(
        "/mail/inbound/postmark/",
        postmark_payload(message, address),
        content_type="application/json",
        HTTP_AUTHORIZATION=basic_auth("postmark:wrong"),
    )
    assert response.status_code == 400
    assert not Post.objects.filter(body="Unsigned").exists()


def test_the_webhook_is_not_there_until_it_has_a_secret(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    response = client.post("/mail/inbound/postmark/", {}, content_type="application/json")
    assert response.status_code == 404
