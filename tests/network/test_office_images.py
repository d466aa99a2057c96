"""An office's representatives upload images (their logo, screenshots of the catalogue
entries they propose) into their office's own collection, and nowhere else."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
from PIL import Image as PillowImage

from network.services import office_collection

pytestmark = pytest.mark.django_db
Image = get_image_model()


def png(name: str = "screenshot.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload(client, collection) -> int:
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Filing portal", "file": png(), "collection": collection.pk},
    )
    return response.status_code


def test_each_office_has_its_own_collection(cast):
    mine, theirs = office_collection(office=cast.office_a), office_collection(office=cast.office_b)
    assert mine.name == "AA · Office A"
    assert theirs.name == "BB · Office B"
    assert mine.get_parent().name == theirs.get_parent().name == "Offices"
    # Asking again finds the same collection.
    assert office_collection(office=cast.office_a) == mine


def test_a_cio_uploads_an_image_into_their_offices_collection(as_role, cast):
    client = as_role("cio_a")
    assert upload(client, office_collection(office=cast.office_a)) == 302
    (image,) = Image.objects.all()
    assert image.collection == office_collection(office=cast.office_a)


def test_a_cio_cannot_upload_into_another_offices_collection(as_role, cast):
    client = as_role("cio_a")
    page = client.get(reverse("wagtailimages:add")).content.decode()
    assert "Office B" not in page
    # Asking for the other office's collection anyway lands the image in their own.
    upload(client, office_collection(office=cast.office_b))
    assert not Image.objects.filter(collection=office_collection(office=cast.office_b)).exists()
    assert Image.objects.get().collection == office_collection(office=cast.office_a)


def test_an_office_expert_without_a_seat_uploads_nothing(as_role, cast):
    client = as_role("member")
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "file": png(), "collection": office_collection(office=cast.office_a).pk},
    )
    assert response.status_code in (302, 403)
    assert not Image.objects.exists()
