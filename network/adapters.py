"""How django-allauth treats accounts on this portal."""

from django.contrib.sites.shortcuts import get_current_site

from allauth.account.adapter import DefaultAccountAdapter

from portal.tasks import send_email


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: the secretariat invites people to the network."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """Send through the retried background task, so a mail server that is down
        delays the message instead of failing the page (password reset, for one)."""
        request = self.request
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
