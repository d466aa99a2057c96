"""Every real-time event the portal sends: its group name and its payload.

Payloads are built here and nowhere else, so their shape is checked in one test file.
Events are sent only after the transaction that wrote the data commits, so a client
never hears of a row it cannot then read. Thread events carry the thread's increasing
event id; a client that reconnects asks for the events after the last id it saw.
"""

import json
import logging
from typing import Any

from django.db import transaction

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


class CloseCode:
    """Websocket close codes in the private range (4000-4999), one per refusal."""

    BAD_REQUEST = 4400
    UNAUTHENTICATED = 4401
    FORBIDDEN = 4403
    NOT_FOUND = 4404
    # This person already holds WEBSOCKET_MAX_SOCKETS_PER_USER sockets.
    TOO_MANY_SOCKETS = 4409
    # A message longer than WEBSOCKET_MAX_MESSAGE_CHARS.
    TOO_LARGE = 4413
    # Messages kept coming after WEBSOCKET_REFUSALS_BEFORE_CLOSE "rate_limited" errors.
    RATE_LIMITED = 4429
    # The channel layer (Redis) failed; the page reconnects and catches up.
    UNAVAILABLE = 4503


class CloseReason:
    """The reason sent with a close code that several sockets use.

    A protocol string in English, for the page's script and logs, not shown to readers.
    """

    SIGN_IN = "Sign in first."
    SIGNED_OUT = "Signed out."
    NO_SUCH_THREAD = "No such thread."
    TOO_MANY_SOCKETS = "Too many open pages."
    UNAVAILABLE = "Live updates are unavailable; reconnect later."


class ErrorCode:
    """The ``code`` of an error frame: a message was refused and the socket stays open."""

    BAD_REQUEST = "bad_request"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"


# Groups -------------------------------------------------------------------------------------


def user_group(user_id: int) -> str:
    """The group every socket of one signed-in person joins."""
    return f"user.{user_id}"


def thread_group(thread_id: int) -> str:
    """Sockets open on one thread's page."""
    return f"thread.{thread_id}"


def taskforce_group(taskforce_id: int) -> str:
    """Notification sockets of everyone who reads the task force: activity in its workspace."""
    return f"taskforce.{taskforce_id}"


# Events and their payloads ------------------------------------------------------------------


def notification_event(
    *, notification_id: int, text: str, url: str, unread: int | None = None
) -> dict[str, Any]:
    payload = {"type": "notification", "id": notification_id, "text": text, "url": url}
    if unread is not None:
        payload["unread"] = unread
    return {"type": "notification.new", "payload": payload}


def signed_out_event() -> dict[str, Any]:
    """The person signed out: every socket of theirs closes."""
    return {"type": "account.signed_out"}


def access_changed_event(*, taskforce_id: int) -> dict[str, Any]:
    """This person's membership of a task force ended or changed: sockets check again."""
    return {"type": "access.changed", "taskforce": taskforce_id}


def counts_changed_event() -> dict[str, Any]:
    """Something this person reads changed (a read position): header counts are stale."""
    return {"type": "counts.changed"}


def thread_event(
    *,
    event_id: int,
    kind: str,
    thread_id: int,
    post_id: int | None = None,
    author_id: int | None = None,
    html: str = "",
    thread: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One numbered change to a thread, as every socket on the thread receives it.

    ``html`` is the post as any member sees it, without the controls that depend on who
    is looking; ``thread`` carries the thread's state after a change of pin, lock or place.
    """
    payload: dict[str, Any] = {"type": kind, "id": event_id, "thread": thread_id}
    if post_id is not None:
        payload.update({"post": post_id, "author": author_id, "html": html})
    if thread is not None:
        payload["state"] = thread
    # Encoded once here, not once per socket: a post to a thread of a thousand readers is
    # one json.dumps, and every socket sends the same text.
    return {"type": "thread.event", "payload": payload, "text": json.dumps(payload)}


def thread_state(thread) -> dict[str, Any]:
    """A thread's title, label, flags and place (its task force must be loaded).

    ``url`` changes when it moves to another task force.
    """
    return {
        "title": thread.title,
        "label": thread.label,
        "pinned": thread.pinned,
        "locked": thread.locked,
        "taskforce": thread.taskforce_id,
        "url": thread.taskforce.workspace_url("thread", thread.pk),
    }


def activity_event(
    *, taskforce_id: int, thread_id: int, post_id: int, author_id: int
) -> dict[str, Any]:
    """A new post somewhere in a workspace, for the header and the workspace page."""
    return {
        "type": "workspace.activity",
        "taskforce": taskforce_id,
        "thread": thread_id,
        "post": post_id,
        "author": author_id,
    }


def counts_payload(
    *, unread_posts: int, unread_notifications: int, thread_id: int | None = None, thread_unread=0
) -> dict[str, Any]:
    """What a notification socket sends its page: the header's counts, and a thread's."""
    payload = {
        "type": "counts",
        "unread_posts": unread_posts,
        "unread_notifications": unread_notifications,
    }
    if thread_id is not None:
        payload.update({"thread": thread_id, "thread_unread": thread_unread})
    return payload


def posted_payload(*, post_id: int, ref: Any, key: str | None) -> dict[str, Any]:
    """A post sent over the socket is stored (now, or earlier under the same key)."""
    return {"type": "posted", "post": post_id, "ref": ref, "key": key}


def error_payload(*, code: str, message: str, ref: Any = None, key: Any = None) -> dict[str, Any]:
    """A message refused; ``ref`` and ``key`` are the client's own, sent back as they came."""
    return {"type": "error", "code": code, "message": message, "ref": ref, "key": key}


# Sending ------------------------------------------------------------------------------------


def send_to_group(group: str, event: dict[str, Any]) -> None:
    """Broadcast an event through the channel layer, from synchronous code.

    Best effort: what it announces is already stored, and sockets that miss it catch
    up by event id when they reconnect, so a failing layer (Redis down) is logged only.
    """
    try:
        async_to_sync(get_channel_layer().group_send)(group, event)
    except Exception as error:  # noqa: BLE001 - any layer failure; the data is safe
        logger.warning("Could not broadcast %s to %s: %r", event.get("type"), group, error)


def send_on_commit(group: str, event: dict[str, Any]) -> None:
    """Broadcast once the current transaction commits; at once outside a transaction."""
    transaction.on_commit(lambda: send_to_group(group, event))
