"""An SMTP server that takes replies to notifications, for a portal that receives its own
mail (``manage.py receive_mail``; a provider's webhook is the other way in).

Each message is posted, or refused with a notice, before the server answers the sending
mail server, so a reply is in its thread within moments of arriving; a failure answers
451 and the sending server tries again later. Only reply addresses are accepted: this is
no relay, and mail for anyone else is refused at RCPT.
"""

import email
import logging
from email import policy

from django.db import close_old_connections

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async

from taskforces import services
from taskforces.reply_addresses import looks_like_reply_address
from taskforces.services.replies import EmailReplyResult

logger = logging.getLogger(__name__)

# Replies are text; 10 MB leaves room for the quoted message and a pasted picture.
MAX_MESSAGE_BYTES = 10 * 1024 * 1024


def receive_message(raw: bytes, recipients: list[str]) -> EmailReplyResult:
    """Parse one message and hand it to the service, on a connection fit to use."""
    message = email.message_from_bytes(raw, policy=policy.default)
    close_old_connections()
    try:
        return services.email_reply_receive(message=message, recipients=recipients)
    finally:
        close_old_connections()


class ReplyHandler:
    """aiosmtpd's handler: refuses other recipients, posts each message it accepts."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not looks_like_reply_address(address):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        try:
            # One worker thread for the database, as Django's own async views use.
            await sync_to_async(receive_message, thread_sensitive=True)(raw, envelope.rcpt_tos)
        except Exception:  # noqa: BLE001 — the sender retries; the error is logged.
            logger.exception("E-mail reply to %s could not be handled", envelope.rcpt_tos)
            return "451 4.3.0 Not taken now, try again later"
        return "250 2.0.0 OK"


def reply_mail_server(*, host: str, port: int) -> Controller:
    """The server, not yet started: ``start()`` listens on its own thread, ``stop()`` ends."""
    return Controller(
        ReplyHandler(),
        hostname=host,
        port=port,
        data_size_limit=MAX_MESSAGE_BYTES,
        enable_SMTPUTF8=True,
        ready_timeout=10,
    )
