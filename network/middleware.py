"""Nobody reaches the Wagtail admin without two-factor authentication; times are shown in
the reader's time zone."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.mfa.adapter import get_adapter

from portal.dates import as_zone


class AdminRequiresTwoFactorMiddleware:
    """Staff, the secretariat and office representatives editing their office page all
    publish to the public site from the admin, so each must first set up TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PORTAL_ADMIN_REQUIRES_MFA
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and not get_adapter().is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _("Set up two-factor authentication before you use the admin."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class ReaderTimeZoneMiddleware:
    """Show a signed-in reader times in their office's time zone; templates name the zone
    (``portal.dates``). Anonymous readers get the site's zone (UTC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = user.preferred_time_zone if user is not None and user.is_authenticated else None
        if not zone:
            return self.get_response(request)
        with timezone.override(as_zone(zone)):
            return self.get_response(request)
