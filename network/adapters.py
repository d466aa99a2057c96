"""How django-allauth treats accounts on this portal."""

from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.mfa.adapter import get_adapter as get_mfa_adapter

from network.client_address import client_ip
from portal.emails import reader_locale, reader_preferences
from portal.tasks import send_email


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: the secretariat invites people to the network.

    Failed sign-ins are limited per client address and per account *from that address*
    (``login_failed``), so an attacker who guesses a person's password is slowed down
    without locking the owner out elsewhere. Guesses at one account from many addresses
    together are limited too (``login_failed_account``); past that limit a correct
    password still signs in only an account with a second factor, which is then asked.
    """

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's own key is the account alone: five guesses by anyone, from anywhere,
        # would refuse the owner's correct password too.
        return f"{self._account_key(request, **credentials)}:{self.get_client_ip(request)}"

    def _account_key(self, request, **credentials):
        return super()._get_login_attempts_cache_key(request, **credentials)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # A completed password reset proves the person holds the account's mailbox.
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            action="login_failed_account",
            key=self._account_key(request, **credentials),
        )

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        self._account_under_attack = not ratelimit.consume(
            request,
            action="login_failed_account",
            key=self._account_key(request, **credentials),
            dry_run=True,
        )

    def authentication_failed(self, request, **credentials):
        ratelimit.consume(
            request,
            action="login_failed_account",
            key=self._account_key(request, **credentials),
        )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if (
            user is not None
            and getattr(self, "_account_under_attack", False)
            and not get_mfa_adapter().is_mfa_enabled(user)
        ):
            raise self.validation_error("too_many_login_attempts")
        return user

    def send_mail(self, template_prefix, email, context):
        """Send through the retried background task, so a mail server that is down
        delays the message instead of failing the page (password reset, for one)."""
        request = self.request
        # Written in the reader's language, like every other e-mail of the portal.
        _address, language, zone = reader_preferences(
            context.get("user") or email, default_language=translation.get_language()
        )
        with reader_locale(language, zone):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html_body=html_body,
            from_email=message.from_email,
        )
