"""The network's own signals, and its handlers: signing out ends every session, and role
groups always exist.

Apps above the network (catalogue, task forces) add to what the network does by
receiving its signals, so the network never imports them:

- ``office_group_synced(sender=OfficePage, office, group)``: an office's Wagtail group
  was brought in line with its seats (the catalogue grants it its rights there);
- ``signed_out_everywhere(sender=User, user)``: every session of the account ended (the
  task forces close the person's open sockets).
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_migrate
from django.dispatch import Signal, receiver

office_group_synced = Signal()
signed_out_everywhere = Signal()


@receiver(user_logged_out, dispatch_uid="network.end_sessions_on_logout")
def end_sessions_on_logout(sender, request, user, **kwargs):
    if user is not None:
        from network.services import sessions_end_everywhere

        sessions_end_everywhere(user=user)


@receiver(user_logged_in, dispatch_uid="network.remember_language_on_login")
def remember_language_on_login(sender, request, user, **kwargs):
    """Until the person picks a language for e-mails, take the one they sign in with."""
    chosen = getattr(request, "LANGUAGE_CODE", None)
    codes = {code for code, _name in settings.LANGUAGES}
    if user is not None and not user.language and chosen in codes:
        user.language = chosen
        user.save(update_fields=["language"])


def ensure_role_groups(sender, **kwargs):
    """The Secretariat and Members groups, with what each may do in the admin."""
    if sender.name != "network":
        return
    from network.groups import ensure_role_groups as ensure

    ensure()


post_migrate.connect(ensure_role_groups, dispatch_uid="network.ensure_role_groups")
