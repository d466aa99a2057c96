"""What the task forces do when the network (network/signals.py) or the mail provider's
inbound webhook (anymail) tells them something."""

from django.dispatch import receiver

from anymail.signals import inbound

from network.signals import signed_out_everywhere
from taskforces import events


@receiver(signed_out_everywhere, dispatch_uid="taskforces.close_sockets_on_sign_out")
def close_sockets_on_sign_out(sender, user, **kwargs):
    """The person's open sockets close once the sign-out commits."""
    events.send_on_commit(events.user_group(user.pk), events.signed_out_event())


@receiver(inbound, dispatch_uid="taskforces.post_email_replies")
def post_email_reply(sender, event, esp_name, **kwargs):
    """A reply to a notification, from the provider's inbound webhook (views.inbound)."""
    from taskforces.services import email_reply_receive

    message = event.message
    recipients = [message.envelope_recipient] if message.envelope_recipient else []
    email_reply_receive(message=message, recipients=recipients)
