"""The Reply-To address of a notification e-mail: one per person, thread and post, signed.

``reply+<person>-<thread>-<post>-<signature>@<TASKFORCES_REPLY_DOMAIN>``: the ids in base
36 and the first 20 characters of a salted HMAC-SHA256 (SECRET_KEY) of them in base 32,
all lower case, because mail servers may change the case of a local part. The signature
covers all three ids, so an address cannot be changed to another thread, post or person
and still be accepted; the local part stays under the 64 characters RFC 5321 allows.
"""

import base64
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

# Its own salt: this signature means "may post by e-mail here" and nothing else.
_SALT = "taskforces.reply_addresses.reply-by-email"
_PREFIX = "reply+"
_SIGNATURE_LENGTH = 20  # base 32, 100 bits
_LOCAL_PART = re.compile(
    r"reply\+(?P<user>[0-9a-z]{1,8})-(?P<thread>[0-9a-z]{1,8})-(?P<post>[0-9a-z]{1,8})"
    rf"-(?P<signature>[a-z2-7]{{{_SIGNATURE_LENGTH}}})"
)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class ReplyTarget:
    """Who an address was made for, and which thread and post it answers."""

    user_id: int
    thread_id: int
    post_id: int


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits


def _signature(user: str, thread: str, post: str) -> str:
    mac = salted_hmac(_SALT, f"{user}-{thread}-{post}", algorithm="sha256").digest()
    return base64.b32encode(mac).decode("ascii").lower()[:_SIGNATURE_LENGTH]


def reply_domain() -> str:
    """The domain replies are received at; empty when reply by e-mail is off."""
    return getattr(settings, "TASKFORCES_REPLY_DOMAIN", "").strip().lower()


def reply_address(*, user_id: int, thread_id: int, post_id: int) -> str | None:
    """The address for this person to answer this post at, or None when replies are off."""
    domain = reply_domain()
    if not domain:
        return None
    ids = (_base36(user_id), _base36(thread_id), _base36(post_id))
    return f"{_PREFIX}{'-'.join(ids)}-{_signature(*ids)}@{domain}"


def looks_like_reply_address(address: str) -> bool:
    """Addressed to reply+…@ the reply domain, whether or not its signature holds."""
    local, _at, domain = address.strip().strip("<>").lower().rpartition("@")
    return bool(reply_domain()) and domain == reply_domain() and local.startswith(_PREFIX)


def read_reply_address(address: str) -> ReplyTarget | None:
    """The target of a genuine address; None for any other, forged or changed one."""
    if not looks_like_reply_address(address):
        return None
    local = address.strip().strip("<>").lower().rpartition("@")[0]
    match = _LOCAL_PART.fullmatch(local)
    if match is None:
        return None
    ids = match.group("user", "thread", "post")
    if not hmac.compare_digest(match.group("signature"), _signature(*ids)):
        return None
    user_id, thread_id, post_id = (int(part, 36) for part in ids)
    return ReplyTarget(user_id=user_id, thread_id=thread_id, post_id=post_id)
