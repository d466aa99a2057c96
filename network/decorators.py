"""View decorators for the network's audiences."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from network.permissions import is_member


def members_refusal(request, message: str = "") -> HttpResponse | None:
    """Send a visitor to sign in and refuse a signed-in account outside the network.

    None when the reader is a member. ``message`` explains the refusal on the 403 page.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member(request.user):
        raise PermissionDenied(message)
    return None


def members_required(view=None, *, message: str = ""):
    """For views only members of the network may use: ``@members_required`` or
    ``@members_required(message=_("…"))``."""

    def decorate(view_func):
        @wraps(view_func)
        def members_only_view(request, *args, **kwargs):
            return members_refusal(request, message) or view_func(request, *args, **kwargs)

        return members_only_view

    return decorate(view) if view is not None else decorate
