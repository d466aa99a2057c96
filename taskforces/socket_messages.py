"""What a thread's page sends over its socket, read and checked before the consumer acts.

A message of the wrong shape closes the socket (BadMessage, close code 4400), except a
post: a refused post is answered with an error frame and the socket stays open, so the
page can tell its author why (the same words as the post form).
"""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from django.core.exceptions import ValidationError

from taskforces import refusals


class BadMessage(Exception):
    """A message the socket closes on; its text is the close frame's reason."""


@dataclass(frozen=True)
class Resume:
    """Send the thread's events after this id (a reconnected page catching up)."""

    after: int


@dataclass(frozen=True)
class Read:
    """The page's reader has read the thread up to this post."""

    post_id: int


@dataclass(frozen=True)
class NewPost:
    body: str
    reply_to_id: int | None
    key: str | None
    ref: Any


def decode(text_data: str) -> Any:
    """The JSON a text frame holds; None when it is not JSON or nests too deep to parse."""
    try:
        return json.loads(text_data)
    except (ValueError, RecursionError):
        return None


def is_post(content: Any) -> bool:
    return isinstance(content, dict) and content.get("type") == "post"


def echo(content: Any) -> tuple[Any, str | None]:
    """The client's own reference and key, if they are plain values, to send back."""
    if not isinstance(content, dict):
        return None, None
    ref, key = content.get("ref"), content.get("key")
    plain = (str, int, float, type(None))
    return (ref if isinstance(ref, plain) else None, key if isinstance(key, str) else None)


def after_from_query(query_string: bytes) -> int | None:
    """The ``after`` event id of the socket's address, None without one."""
    values = parse_qs(query_string.decode("latin1")).get("after")
    if not values:
        return None
    if not (values[0].isascii() and values[0].isdigit()):
        raise BadMessage("Bad 'after' event id.")
    return int(values[0])


def read_message(content: Any) -> Resume | Read | NewPost:
    """The message a decoded frame holds.

    Raises BadMessage for anything but a resume, read or post of the right shape, and
    ValidationError (refusals.POST_BAD_SHAPE) for a post whose fields have wrong types.
    """
    kind = content.get("type") if isinstance(content, dict) else None
    if kind == "resume":
        after = content.get("after")
        if type(after) is not int or after < 0:
            raise BadMessage("'after' must be the last event id you saw.")
        return Resume(after=after)
    if kind == "read":
        post_id = content.get("post")
        if type(post_id) is not int:
            raise BadMessage("'post' must be a post id.")
        return Read(post_id=post_id)
    if kind == "post":
        return _new_post(content)
    raise BadMessage("Unknown message type.")


def _new_post(content: dict) -> NewPost:
    ref, key = echo(content)
    body, reply_to_id = content.get("body"), content.get("reply_to")
    if (
        not isinstance(body, str)
        or (reply_to_id is not None and type(reply_to_id) is not int)
        or ("key" in content and key is None)
    ):
        raise ValidationError(refusals.POST_BAD_SHAPE)
    return NewPost(body=body, reply_to_id=reply_to_id, key=key, ref=ref)
