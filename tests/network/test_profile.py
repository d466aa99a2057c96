"""A member's own profile: the page validates, profile_update writes the name, the photo,
the profile and its expertise together, or nothing."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from network import services
from network.models import Member
from tests.network.test_office_images import png

pytestmark = pytest.mark.django_db


def profile_values(**changes) -> dict:
    return {
        "first_name": "Maud",
        "last_name": "Member",
        "job_title": "Head of IT architecture",
        "bio": "Twenty years of patent systems.",
        "phone": "",
        "list_contact_details": False,
        "languages": [],
        "expertise": ["AI", "cloud"],
        **changes,
    }


def test_a_member_saves_their_profile_with_a_photo(as_role, cast):
    client = as_role("member")
    response = client.post(
        reverse("network:my_profile"),
        {
            "first_name": "Maud",
            "last_name": "Member",
            "job_title": "Head of IT architecture",
            "bio": "",
            "expertise": "AI, cloud",
            "phone": "",
            "new_photo": png("me.png"),
        },
    )
    assert response.status_code == 302
    member = Member.objects.select_related("user", "photo").get(user=cast.member)
    assert (member.user.first_name, member.job_title) == ("Maud", "Head of IT architecture")
    assert sorted(tag.name for tag in member.expertise.all()) == ["AI", "cloud"]
    assert member.photo.uploaded_by_user == cast.member


def test_a_form_error_saves_nothing(as_role, cast):
    client = as_role("member")
    response = client.post(
        reverse("network:my_profile"),
        {"first_name": "", "last_name": "Renamed", "job_title": "Chief", "expertise": "AI"},
    )
    assert response.status_code == 400
    cast.member.refresh_from_db()
    assert cast.member.last_name == "Member"
    assert cast.member.member.job_title != "Chief"
    assert not cast.member.member.expertise.exists()


def test_a_profile_is_saved_whole_or_not_at_all(cast, monkeypatch):
    member = cast.member.member

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Member, "save", fail)
    with pytest.raises(RuntimeError):
        services.profile_update(member=member, changed_by=cast.member, **profile_values())
    cast.member.refresh_from_db()
    assert cast.member.first_name == "Mo"
    assert not member.expertise.exists()


def test_only_the_person_or_the_secretariat_edits_a_profile(cast):
    member = cast.member.member
    with pytest.raises(PermissionDenied):
        services.profile_update(member=member, changed_by=cast.cio_a, **profile_values())
    services.profile_update(member=member, changed_by=cast.secretariat, **profile_values())
    member.user.refresh_from_db()
    assert member.user.first_name == "Maud"
