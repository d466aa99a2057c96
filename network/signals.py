"""Signal handlers: signing out ends every session, and role groups always exist."""

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(user_logged_out, dispatch_uid="network.end_sessions_on_logout")
def end_sessions_on_logout(sender, request, user, **kwargs):
    if user is not None:
        from network.services import sessions_end_everywhere

        sessions_end_everywhere(user)


def ensure_role_groups(sender, **kwargs):
    """The Secretariat and Members groups, with what each may do in the admin."""
    if sender.name != "network":
        return
    from network.groups import ensure_role_groups as ensure

    ensure()


post_migrate.connect(ensure_role_groups, dispatch_uid="network.ensure_role_groups")
