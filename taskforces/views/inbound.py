"""The provider's inbound webhook: e-mail replies to notifications, posted like SMTP ones.

Postmark's inbound webhook through django-anymail, which checks the HTTP basic auth
(ANYMAIL["WEBHOOK_SECRET"]) and sends ``anymail.signals.inbound``; the receiver in
taskforces.signals hands each message to ``services.email_reply_receive``.
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt

from anymail.webhooks.postmark import PostmarkInboundWebhookView

from taskforces.reply_addresses import reply_domain

_postmark_inbound = PostmarkInboundWebhookView.as_view()


@csrf_exempt
def postmark_inbound(request):
    """404 until replies are on and the webhook has a secret: never an open door."""
    if not (reply_domain() and getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET")):
        raise Http404
    return _postmark_inbound(request)
