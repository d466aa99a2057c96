"""Network pieces that other apps' templates show: a person's avatar, the office figure."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from network.models import OfficeIndexPage, OfficePage
from portal import fragment_cache
from portal.page_languages import in_reader_language, public

register = template.Library()

# As many colours as portal.css has `.avatar--<n>` rules, each dark enough for white
# initials (AA contrast).
AVATAR_COLOURS = 8


def initials(user) -> str:
    """ "LF" for Lena Fischer; the first letter of the e-mail address without a name."""
    parts = [part for part in (user.first_name, user.last_name) if part.strip()]
    letters = "".join(part.strip()[0] for part in parts[:2])
    return (letters or user.email[:1] or "?").upper()


@register.inclusion_tag("network/components/avatar.html")
def avatar(user):
    """The person's profile photo, else their initials on a colour of their own.

    Decorative (empty alt text): the name is always written beside it. Reads
    ``user.member.photo``; callers listing people select_related it.
    """
    try:
        photo = user.member.photo
    except (AttributeError, ObjectDoesNotExist):
        photo = None
    return {
        "photo": photo,
        "initials": initials(user),
        "colour": (user.pk or 0) % AVATAR_COLOURS,
    }


@register.simple_tag(takes_context=True)
def office_figure(context) -> dict:
    """How many offices the network lists, and the address of their list."""
    request = context["request"]

    def figure() -> dict:
        index = in_reader_language(public(OfficeIndexPage.objects.live())).first()
        return {
            "count": in_reader_language(public(OfficePage.objects.live())).count(),
            "url": index.get_url(request) if index else "",
        }

    return fragment_cache.shared(request, "office_figure", figure)
