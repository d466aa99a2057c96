"""Compose e-mails from templates and send them in the background after the commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from portal.tasks import send_email


def send_templated_email(
    template: str,
    context: dict,
    *,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and queue the e-mail.

    Queued only once the current transaction commits, so nobody is told about something
    that was then rolled back. E-mails are written in English, the network's working
    language, whatever the sender's interface language. ``attachments`` are
    (file name, text, MIME type).
    """
    context = {"base_url": settings.PORTAL_BASE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=subject, body=body, to=to, reply_to=reply_to, attachments=attachments
        )
    )
