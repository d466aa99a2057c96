"""Background tasks the apps share."""

from django.core.mail import EmailMultiAlternatives

from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> int:
    """Send one plain-text e-mail; attachments are (file name, text content, MIME type)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    return message.send()
