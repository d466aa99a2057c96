"""Pages are gzipped where no reflected input can sit beside a secret (BREACH); static
files are stored compressed with brotli and gzip."""

import pytest
from whitenoise.compress import Compressor

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_without_query_string_is_gzipped(as_role, home):
    for role in ("visitor", "member"):
        response = as_role(role).get(home.url, headers=GZIP)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip", role
        assert "Accept-Encoding" in response["Vary"]


def test_a_page_that_echoes_the_query_string_is_not_compressed(as_role, home):
    response = as_role("member").get("/search/?q=secret-guess", headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "secret-guess" in response.content.decode()


def test_form_answers_and_errors_are_not_compressed(as_role, home):
    client = as_role("visitor")
    posted = client.post("/accounts/login/", {"login": "guess@example.org"}, headers=GZIP)
    assert not posted.has_header("Content-Encoding")
    missing = client.get("/no-such-page/", headers=GZIP)
    assert missing.status_code == 404
    assert not missing.has_header("Content-Encoding")


def test_static_files_are_compressed_with_brotli_and_gzip(settings):
    assert Compressor(quiet=True).use_brotli
    from portal.settings import base

    backend = base.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
