"""Uploads reach readers only as the rules allow: photos as renditions, documents through
Wagtail's serve view (which checks collection restrictions), task-force files never by URL."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PillowImage

pytestmark = pytest.mark.django_db
Document = get_document_model()
Image = get_image_model()


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Uploads in a folder, as in development and production (the test settings keep
    them in memory, where Wagtail's serve view cannot send them)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def serving(settings):
    """The portal serves /media/ itself, as in development."""
    settings.PORTAL_SERVE_MEDIA = True


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (200, 200), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("jane-doe.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def photo(cast):
    member = cast.member.member
    member.photo = Image.objects.create(title=str(cast.member), file=png())
    member.save()
    return member.photo


def body(response) -> bytes:
    return b"".join(response.streaming_content)


class PhotoTests:
    def test_a_photo_is_shown_as_a_rendition_and_answers_200(self, as_role, photo, serving):
        page = as_role("member").get("/accounts/profile/")
        assert "original_images" not in page.content.decode()
        src = BeautifulSoup(page.content, "html.parser").select_one("img.profile__photo")["src"]
        assert src.startswith("/media/images/")
        response = as_role("visitor").get(src)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert PillowImage.open(io.BytesIO(body(response))).size == (120, 120)

    @pytest.mark.parametrize(
        "address",
        [
            "/media/{name}",
            "/media/{upper}",
            "/media/images/../{name}",
            "/media//{name}",
        ],
    )
    def test_the_original_answers_404(self, client, photo, serving, address):
        name = photo.file.name
        assert name.startswith("original_images/")
        assert storages["default"].exists(name)
        url = address.format(name=name, upper=name.replace("original_images", "ORIGINAL_IMAGES"))
        assert client.get(url).status_code == 404

    def test_without_development_serving_media_is_the_web_servers_business(self, as_role, photo):
        page = as_role("member").get("/accounts/profile/")
        src = BeautifulSoup(page.content, "html.parser").select_one("img.profile__photo")["src"]
        assert as_role("visitor").get(src).status_code == 404


def upload(collection=None, name="budget.pdf", content=b"%PDF-1.4 budget") -> Document:
    document = Document(title="Budget", collection=collection or Collection.get_first_root_node())
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def restricted(db):
    collection = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


class DocumentTests:
    def test_a_restricted_document_is_not_readable_by_a_visitor(self, client, restricted, serving):
        document = upload(restricted)
        assert document.file.name.startswith("documents/")
        assert client.get(f"/media/{document.file.name}").status_code == 404
        response = client.get(document.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_a_member_reads_it_through_the_serve_view_only(self, as_role, restricted, serving):
        document = upload(restricted)
        client = as_role("member")
        response = client.get(document.url)
        assert response.status_code == 200
        assert body(response) == b"%PDF-1.4 budget"
        assert client.get(f"/media/{document.file.name}").status_code == 404

    def test_a_public_document_is_streamed_by_the_serve_view_not_redirected_to_media(self, client):
        document = upload()
        assert document.url == f"/documents/{document.pk}/budget.pdf"
        response = client.get(document.url)
        assert response.status_code == 200
        assert body(response) == b"%PDF-1.4 budget"


def test_task_force_files_have_no_address(client, serving):
    name = storages["private"].save("taskforces/1/minutes.txt", ContentFile(b"minutes"))
    assert client.get(f"/media/{name}").status_code == 404
