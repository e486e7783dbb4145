"""Uploaded images served on one machine (gent/media.py): `make run` and a single container."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.admin_helpers import errors_of, form_data
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def png(size=(1200, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 91, 169)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def uploaded(client, editor):
    """A theme whose editor uploaded a header image through the admin."""
    theme = ThemeFactory()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update({"image_alt_nl": "Het Belfort", "image_alt_en": "The Belfry"})
    data["image"] = SimpleUploadedFile("belfort.png", png())
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    client.logout()
    return theme


def test_an_uploaded_images_renditions_are_served_with_their_type_and_a_year_of_caching(
    client, uploaded
):
    sources = uploaded.image_renditions["sources"]
    for source in sources:
        for key, content_type in (("webp", "image/webp"), ("fallback", "image/png")):
            response = client.get(f"/media/{source[key]}")
            assert response.status_code == 200, source[key]
            assert response["Content-Type"] == content_type
            assert response["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response["X-Content-Type-Options"] == "nosniff"
            body = b"".join(response.streaming_content)
            assert int(response["Content-Length"]) == len(body)
            with Image.open(io.BytesIO(body)) as image:
                assert image.width == source["width"]
    # The re-encoded original, named by its content's hash, too.
    response = client.get(uploaded.image.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_page_links_to_addresses_that_answer(client, uploaded, soup):
    page = soup(client.get(uploaded.get_absolute_url()))
    image = page.select_one("picture img")
    assert image is not None
    response = client.get(image["src"])
    assert response.status_code == 200


def test_an_unchanged_file_answers_304(client, uploaded):
    url = f"/media/{uploaded.image_renditions['sources'][0]['webp']}"
    first = client.get(url)
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/../gent/settings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/renditions/../../secret.png",
        "/media/renditions/%2e%2e/%2e%2e/secret.png",
        "/media/..%2fsecret.png",
        "/media/renditions//secret.png",
        "/media/.hidden.png",
        "/media/renditions",  # a directory: no listing
        "/media/renditions/",
        "/media/notes.txt",  # not an image type the site writes
        "/media/missing.png",
    ],
)
def test_traversal_listing_and_other_files_answer_404(client, uploaded, media, path):
    # Files that exist just outside the media root and inside it, to prove they stay unserved.
    (media.parent / "secret.png").write_bytes(png((4, 4)))
    (media / ".hidden.png").write_bytes(png((4, 4)))
    (media / "notes.txt").write_text("not served")
    # follow: LocaleMiddleware may first try the address under /nl/ (it does so for any 404 that
    # would match there); wherever it ends, nothing is served.
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert b"not served" not in response.content


def test_a_symbolic_link_out_of_the_media_root_is_not_followed(client, media):
    (media.parent / "outside.png").write_bytes(png((4, 4)))
    os.symlink(media.parent / "outside.png", media / "link.png")
    assert client.get("/media/link.png").status_code == 404


def test_not_served_with_object_storage(client, uploaded, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.test_media.ElsewhereStorage"},
    }
    url = f"/media/{uploaded.image_renditions['sources'][0]['webp']}"
    assert client.get(url).status_code == 404


def test_only_get_and_head(client, uploaded):
    url = f"/media/{uploaded.image_renditions['sources'][0]['webp']}"
    assert client.post(url).status_code == 405


class ElsewhereStorage:
    """Stands for a storage that is not the local disk (S3): nothing to serve from here."""

    def url(self, name):
        return f"https://bucket.example/{name}"


def test_an_upload_kept_for_a_form_with_errors_is_never_served(client, media):
    kept = media / "kept-uploads"
    kept.mkdir()
    (kept / "a-long-random-name.png").write_bytes(png((4, 4)))
    assert client.get("/media/kept-uploads/a-long-random-name.png").status_code == 404


def test_nginx_never_serves_kept_uploads_either():
    from pathlib import Path

    template = (
        Path(__file__).resolve().parent.parent / "docker/nginx/gent.conf.template"
    ).read_text()
    block = template.split("location ^~ /media/kept-uploads/ {", 1)[1].split("}", 1)[0]
    assert "return 404;" in block
