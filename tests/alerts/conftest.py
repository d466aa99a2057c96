"""Fixtures for alerts: published entries, the search index, saved searches, and a real
SMTP server (aiosmtpd) that receives what the portal sends."""

import datetime
import email
import socket
from email.message import Message

from django.test import override_settings
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller

from portal.alerts.models import Frequency, SavedSearch, Source
from search.engine import database_engine
from search.services import entries_rebuild
from tests import factories

AN_HOUR_AGO = datetime.timedelta(hours=1)


class MailBox:
    def __init__(self):
        self.received: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 2.0.0 OK"

    def to(self, address: str) -> list[Message]:
        return [message for recipients, message in self.received if address in recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    """A local SMTP server the portal sends to for the test; its messages, parsed."""
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    ):
        yield box
    controller.stop()


@pytest.fixture
def reindex(db):
    """Build the search index from what the test created."""
    return lambda: entries_rebuild(progress=lambda done, total: None, engine=database_engine())


@pytest.fixture
def publish_entry(site_tree):
    def publish(title: str, summary: str = "Translates applications between languages."):
        entry = factories.CatalogueEntryPageFactory(
            parent=site_tree.catalogue, title=title, summary=summary, live=False
        )
        entry.save_revision().publish()
        entry.refresh_from_db()
        return entry

    return publish


def save_alert(user, *, source=Source.SEARCH, query="machine translation", params=None, **extra):
    """A saved search made an hour ago, as "Alert me" saves it."""
    params = params if params is not None else f"q={query.replace(' ', '+')}"
    return SavedSearch.objects.create(
        user=user,
        name=extra.pop("name", query or "Everything new"),
        source=source,
        query=query,
        params=params,
        frequency=extra.pop("frequency", Frequency.DAILY),
        language=extra.pop("language", "en"),
        created_at=timezone.now() - AN_HOUR_AGO,
        **extra,
    )
