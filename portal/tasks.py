"""Background tasks the apps share."""

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

from portal.background import retrying_task


def _describe_email(*, subject: str, to: list[str], **_kwargs) -> str:
    return _("E-mail “%(subject)s” to %(recipients)s") % {
        "subject": subject,
        "recipients": ", ".join(to),
    }


@retrying_task(describe=_describe_email)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
    html_body: str | None = None,
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one e-mail; attachments are (file name, text content, MIME type).

    An SMTP refusal raises, so the message counts as not sent and is retried.
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    return message.send()
