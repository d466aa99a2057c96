"""The sign-in backends: Django's and allauth's, loading the signed-in reader with what every
page asks of them (AccountManager.with_reader_facts) in the query that loads the account."""

from django.contrib.auth.backends import ModelBackend

from allauth.account.auth_backends import AuthenticationBackend

from .models import User


class LoadsReaderFacts:
    def get_user(self, user_id):
        user = User.objects.with_reader_facts().filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user._keep_reader_facts(user)
        return user


class AccountBackend(LoadsReaderFacts, ModelBackend):
    """Django's backend: e-mail address and password (the admin's sign-in, tests)."""


class AllauthAccountBackend(LoadsReaderFacts, AuthenticationBackend):
    """allauth's backend: the portal's own sign-in, with its rate limits."""
