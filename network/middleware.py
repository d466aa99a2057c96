"""Nobody reaches the Wagtail admin without two-factor authentication."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.adapter import get_adapter


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
