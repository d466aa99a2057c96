"""Replies by e-mail: an answer to a notification posted as its person, or refused.

The Reply-To address of a notification names the person, the thread and the post, signed
(taskforces.reply_addresses). A reply is posted through ``post_create``, as a reply to
that post, exactly as the site's reply form posts: the same permissions, sanitising,
mentions, broadcast and notifications. When the person may no longer post there, a
notice saying why goes to the address of their account, never to the sender of the
message; a message whose address is forged or changed is dropped and logged, so that
nobody can make the portal send mail to an address of their choosing (backscatter).
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses, parseaddr

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from network.models import User
from portal.emails import reader_preferences, send_templated_email
from taskforces import permissions, refusals
from taskforces.mail_text import reply_text
from taskforces.models import Post, Thread
from taskforces.reply_addresses import ReplyTarget, looks_like_reply_address, read_reply_address
from taskforces.services.threads import post_create

logger = logging.getLogger(__name__)

POSTED, REFUSED, DROPPED = "posted", "refused", "dropped"


@dataclass
class EmailReplyResult:
    """What became of a message: posted (``post``), refused (a notice sent) or dropped."""

    outcome: str
    post: Post | None = None
    reason: str = ""


def _addressed_to(message: Message, recipients: Iterable[str]) -> list[str]:
    """The envelope recipients first, then the headers' (a forward may only keep those)."""
    headers = [message.get_all(name, []) for name in ("Delivered-To", "To", "Cc")]
    found = [address for _name, address in getaddresses([v for vs in headers for v in vs])]
    return [address for address in [*recipients, *found] if looks_like_reply_address(address)]


def _is_automatic(message: Message) -> bool:
    """An out-of-office answer or a bounce (RFC 3834), which must never become a post."""
    auto = (message.get("Auto-Submitted") or "no").strip().lower()
    precedence = (message.get("Precedence") or "").strip().lower()
    return auto != "no" or precedence in {"bulk", "junk", "list", "auto_reply"}


def _client_key(message: Message) -> str | None:
    """The post's key from the Message-ID: the same e-mail delivered twice posts once."""
    message_id = (message.get("Message-ID") or "").strip()
    if not message_id:
        return None
    return "mail-" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()[:48]


def _refusal(user: User, thread: Thread, sender: str):
    """Why this person may not post in this thread by e-mail now, or None."""
    if not user.is_active:
        return refusals.REPLY_ACCOUNT_INACTIVE
    if sender.lower() != (user.email or "").lower():
        # Translated later, in the person's language.
        return ValidationError(
            refusals.REPLY_FROM_ANOTHER_ADDRESS, params={"sender": sender or "?"}
        )
    if not thread.taskforce.live:
        return refusals.REPLY_WORKSPACE_CLOSED
    if not permissions.can_read_taskforce(user, thread.taskforce):
        return refusals.REPLY_NOT_A_MEMBER
    if not permissions.can_post(user, thread.taskforce):
        return refusals.OBSERVERS_READ_ONLY
    if not permissions.can_post_in_thread(user, thread):
        return refusals.MODERATORS_POST_HERE
    if thread.locked:
        return refusals.THREAD_LOCKED
    return None


def _reason_text(user: User, error: Exception | str) -> str:
    """The reason in the person's language (a lazy message is translated here)."""
    with translation.override(reader_preferences(user)[1]):
        if isinstance(error, ValidationError):
            return " ".join(str(message) for message in error.messages)
        return str(error)


def _refuse(user: User, thread: Thread, reason, body: str) -> EmailReplyResult:
    text = _reason_text(user, reason)
    send_templated_email(
        "taskforces/emails/reply_refused",
        {
            "user": user,
            "thread": thread,
            "thread_url": thread.taskforce.workspace_url("thread", thread.pk),
            "reason": text,
            "body": body,
        },
        to=[user],
    )
    logger.info("E-mail reply by user %s to thread %s refused: %s", user.pk, thread.pk, text)
    return EmailReplyResult(REFUSED, reason=text)


def _drop(why: str, *args) -> EmailReplyResult:
    logger.warning("E-mail reply dropped: " + why, *args)
    return EmailReplyResult(DROPPED, reason=why % args)


def email_reply_receive(*, message: Message, recipients: Iterable[str] = ()) -> EmailReplyResult:
    """Post ``message`` (a reply to a notification) as the person its address names.

    ``recipients`` are the envelope's (SMTP RCPT TO, a webhook's original recipient).
    """
    addresses = _addressed_to(message, recipients)
    if not addresses:
        return _drop("not addressed to a reply address")
    target = next(filter(None, map(read_reply_address, addresses)), None)
    if target is None:
        return _drop("forged or changed reply address %s", addresses[0])
    if _is_automatic(message):
        return _drop("automatic message to %s", addresses[0])
    return _receive_for(target, message)


def _receive_for(target: ReplyTarget, message: Message) -> EmailReplyResult:
    user = User.objects.filter(pk=target.user_id).first()
    if user is None:
        return _drop("account %s no longer exists", target.user_id)
    body = reply_text(message)
    thread = (
        Thread.objects.select_related("taskforce", "category").filter(pk=target.thread_id).first()
    )
    if thread is None:
        return _drop("thread %s no longer exists", target.thread_id)
    sender = parseaddr(message.get("From") or "")[1]
    reason = _refusal(user, thread, sender)
    if reason is not None:
        return _refuse(user, thread, reason, body)
    # As a reply to the post the notification was about, while it is still shown.
    reply_to = thread.posts.filter(pk=target.post_id, hidden_at__isnull=True).first()
    try:
        post = post_create(
            thread=thread,
            author=user,
            body=body,
            reply_to=reply_to,
            client_key=_client_key(message),
        )
    except (PermissionDenied, ValidationError) as error:
        return _refuse(user, thread, error, body)
    return EmailReplyResult(POSTED, post=post)
