"""Members: the network profile a person keeps about themself."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from network import permissions
from network.models import Member, User
from portal.models import Language


def profile_update(
    *,
    member: Member,
    changed_by: User,
    first_name: str,
    last_name: str,
    job_title: str,
    bio: str,
    phone: str,
    list_contact_details: bool,
    languages: Iterable[Language],
    expertise: Iterable[str],
    new_photo: UploadedFile | None = None,
    remove_photo: bool = False,
    language: str = "",
) -> Member:
    """Save a profile: the name on the account, the photo, the profile and its expertise
    tags, all or nothing. Only the person themself or the secretariat may."""
    if changed_by.pk != member.user_id and not permissions.is_secretariat(changed_by):
        raise PermissionDenied(_("Only the person or the secretariat edit a profile."))
    user = member.user
    with transaction.atomic():
        user.first_name = first_name
        user.last_name = last_name
        if language:
            user.language = language
        user.save(update_fields=["first_name", "last_name", "language"])
        if new_photo:
            member.photo = get_image_model().objects.create(
                title=str(user), file=new_photo, uploaded_by_user=changed_by
            )
        elif remove_photo:
            member.photo = None
        member.job_title = job_title
        member.bio = bio
        member.phone = phone
        member.list_contact_details = list_contact_details
        member.languages.set(languages)
        member.expertise.set(list(expertise))
        # Saved last, so that what listens to the save (search) sees the new tags.
        member.save()
    return member
