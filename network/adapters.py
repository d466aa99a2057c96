"""How django-allauth treats accounts on this portal."""

from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: the secretariat invites people to the network."""

    def is_open_for_signup(self, request):
        return False
