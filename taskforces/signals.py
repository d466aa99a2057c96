"""What the task forces do when the network tells them something (network/signals.py)."""

from django.dispatch import receiver

from network.signals import signed_out_everywhere
from taskforces import events


@receiver(signed_out_everywhere, dispatch_uid="taskforces.close_sockets_on_sign_out")
def close_sockets_on_sign_out(sender, user, **kwargs):
    """The person's open sockets close once the sign-out commits."""
    events.send_on_commit(events.user_group(user.pk), events.signed_out_event())
