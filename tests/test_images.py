"""Header images: validated uploads, metadata stripped, alt text rules, responsive renditions."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

import strategy.images
from tests.admin_helpers import errors_of, form_data
from tests.factories import MissionFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg_with_gps(size=(2000, 1000)):
    image = Image.new("RGB", size, (0, 91, 169))
    exif = Image.Exif()
    exif[0x010F] = "Spy Camera Inc."  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0)}  # GPSInfo: a position in Ghent
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def image_bytes(kind, size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, kind)
    return buffer.getvalue()


def upload(client, obj, content, name="foto.jpg", **changes):
    url = reverse(f"admin:strategy_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update({"image_alt_nl": "Het Belfort", "image_alt_en": "The Belfry", **changes})
    data["image"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


def test_an_upload_is_stripped_of_metadata_and_gets_responsive_renditions(client, editor, soup):
    theme = ThemeFactory()
    response = upload(client, theme, jpeg_with_gps(), image_credit_nl="Foto: Stad Gent")
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    with default_storage.open(theme.image.name) as stored, Image.open(stored) as image:
        assert not image.getexif(), "EXIF (camera, GPS position) must be gone"
        assert image.size == (2000, 1000)
    renditions = theme.image_renditions
    assert [s["width"] for s in renditions["sources"]] == [480, 960, 1600, 2000]
    for source in renditions["sources"]:
        assert default_storage.exists(source["webp"]) and source["webp"].endswith(".webp")
        assert default_storage.exists(source["fallback"]) and source["fallback"].endswith(".jpg")

    client.logout()
    with translation.override("en"):
        page = soup(client.get(theme.get_absolute_url()))
    picture = page.select_one(".header-image picture")
    webp = picture.select_one("source[type='image/webp']")
    assert "480w" in webp["srcset"] and "1600w" in webp["srcset"] and webp["sizes"]
    img = picture.select_one("img")
    assert (img["width"], img["height"]) == ("2000", "1000")
    assert img["alt"] == "The Belfry" and img["srcset"] and img["sizes"]
    assert page.select_one(".header-image figcaption").text == "Foto: Stad Gent"


def test_png_keeps_a_png_fallback(client, editor):
    topic = TopicFactory()
    response = upload(client, topic, image_bytes("PNG", (600, 300), "RGBA"), name="kaart.png")
    assert response.status_code == 302, errors_of(response)
    topic.refresh_from_db()
    assert topic.image_renditions["fallback_type"] == "image/png"
    assert topic.image_renditions["sources"][0]["fallback"].endswith(".png")


def test_mission_header_image_with_webp(client, editor):
    mission = MissionFactory()
    response = upload(client, mission, image_bytes("WEBP", (800, 400)), name="zicht.webp")
    assert response.status_code == 302, errors_of(response)
    mission.refresh_from_db()
    assert mission.image_renditions["sources"]


@pytest.mark.parametrize("missing", ["image_alt_nl", "image_alt_en"])
def test_alt_text_is_required_in_each_language(client, editor, missing):
    theme = ThemeFactory()
    response = upload(client, theme, image_bytes("JPEG"), **{missing: ""})
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    language = {"image_alt_nl": ("Nederlands", "Dutch"), "image_alt_en": ("Engels", "English")}
    assert any(name in errors for name in language[missing])
    assert "decorati" in errors  # the way out is named
    theme.refresh_from_db()
    assert not theme.image


def test_a_decorative_image_needs_no_alt_text(client, editor, soup):
    theme = ThemeFactory()
    response = upload(
        client, theme, image_bytes("JPEG"), image_alt_nl="", image_alt_en="", image_decorative="on"
    )
    assert response.status_code == 302, errors_of(response)
    client.logout()
    theme.refresh_from_db()
    img = soup(client.get(theme.get_absolute_url())).select_one(".header-image img")
    assert img["alt"] == ""


def html_disguised_as_jpeg():
    return b"<html><body><script>alert(1)</script></body></html>"


def truncated_jpeg():
    return jpeg_with_gps((400, 300))[:600]


def gif():
    return image_bytes("GIF")


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (html_disguised_as_jpeg, "foto.jpg", ("image", "afbeelding")),
        (truncated_jpeg, "half.jpg", ("damaged", "beschadigd")),
        (gif, "anim.gif", ("JPEG, PNG", "JPEG-, PNG-")),
        (lambda: b"", "leeg.jpg", ("empty", "leeg")),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(client, editor, content, name, expected):
    theme = ThemeFactory()
    response = upload(client, theme, content(), name=name)
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    assert any(word in errors for word in expected), errors
    theme.refresh_from_db()
    assert not theme.image


def test_an_oversized_file_is_refused(client, editor, monkeypatch):
    monkeypatch.setattr(strategy.images, "MAX_UPLOAD_BYTES", 2048)
    theme = ThemeFactory()
    response = upload(client, theme, jpeg_with_gps((800, 800)))
    assert response.status_code == 200
    assert any("MB" in e for e in errors_of(response))


def test_too_many_pixels_are_refused(client, editor, monkeypatch):
    monkeypatch.setattr(strategy.images, "MAX_PIXELS", 100 * 100)
    theme = ThemeFactory()
    response = upload(client, theme, image_bytes("PNG", (200, 100), "1"), name="groot.png")
    assert response.status_code == 200
    assert any("200 × 100" in e for e in errors_of(response))


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused(client, editor, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    theme = ThemeFactory()
    response = upload(client, theme, image_bytes("PNG", (40, 40), "1"), name="bom.png")
    assert response.status_code == 200
    assert any("te veel pixels" in e or "too many pixels" in e for e in errors_of(response))
    theme.refresh_from_db()
    assert not theme.image


@pytest.mark.parametrize(
    ("kind", "mode", "name"),
    [("JPEG", "CMYK", "drukwerk.jpg"), ("PNG", "P", "palet.png"), ("PNG", "I;16", "diep.png"),
     ("PNG", "LA", "grijs.png"), ("WEBP", "RGBA", "doorzichtig.webp")],
)  # fmt: skip
def test_unusual_colour_modes_still_get_renditions(client, editor, kind, mode, name):
    topic = TopicFactory()
    response = upload(client, topic, image_bytes(kind, (700, 350), mode), name=name)
    assert response.status_code == 302, errors_of(response)
    topic.refresh_from_db()
    for source in topic.image_renditions["sources"]:
        with default_storage.open(source["webp"]) as f, Image.open(f) as image:
            assert image.format == "WEBP"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("size", "name"),
    [((20_000, 100), "panorama.png"), ((100, 20_000), "toren.png"), ((16_384, 1), "streep.png")],
)
def test_a_picture_too_wide_or_too_tall_for_renditions_is_refused_leaving_no_file(
    client, editor, media, size, name
):
    """WebP renditions cannot have a side over 16,383 pixels: a clear error, nothing stored."""
    theme = ThemeFactory()
    with translation.override("nl"):
        response = upload(client, theme, image_bytes("PNG", size, "1"), name=name)
    assert response.status_code == 200
    errors = " ".join(errors_of(response))
    assert f"{size[0]} × {size[1]}" in errors and "16383" in errors, errors
    assert "te breed of te hoog" in errors, "the message is translated"
    theme.refresh_from_db()
    assert not theme.image
    assert stored_files(media) == []


def test_a_long_thin_strip_within_the_limits_gets_every_rendition(client, editor, media):
    """A strip one pixel high still gets renditions one pixel high, not a failed resize."""
    topic = TopicFactory()
    response = upload(client, topic, image_bytes("PNG", (16_000, 2), "1"), name="lint.png")
    assert response.status_code == 302, errors_of(response)
    topic.refresh_from_db()
    sources = topic.image_renditions["sources"]
    assert [s["width"] for s in sources] == [480, 960, 1600, 16_000]
    assert sources[0]["height"] == 1
    for source in sources:
        assert default_storage.exists(source["webp"]) and default_storage.exists(source["fallback"])


def test_a_failed_rendition_write_leaves_no_file_behind(client, editor, media, monkeypatch):
    """Storage refusing a file half-way: the renditions written before it are removed again."""
    real_save = default_storage.save
    calls = []

    def failing_save(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    theme = ThemeFactory()
    theme.image = SimpleUploadedFile("foto.jpg", jpeg_with_gps((1000, 500)))
    with pytest.raises(OSError, match="disk full"):
        strategy.images.prepare_header_image(theme)
    assert len(calls) == 3
    assert stored_files(media) == []


SECRET = b"Jan Peeters, Veldstraat 1"


def jpeg_with_text_metadata():
    buffer = io.BytesIO()
    Image.new("RGB", (700, 350), (0, 91, 169)).save(
        buffer, "JPEG", comment=SECRET, xmp=b"<x:xmpmeta><dc:creator>" + SECRET + b"</dc:creator>"
    )
    return buffer.getvalue()


def png_with_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    info.add_text("Comment", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{SECRET.decode()}</x:xmpmeta>")
    buffer = io.BytesIO()
    Image.new("RGBA", (700, 350)).save(buffer, "PNG", pnginfo=info, icc_profile=SECRET)
    return buffer.getvalue()


def webp_with_xmp():
    buffer = io.BytesIO()
    Image.new("RGB", (700, 350)).save(buffer, "WEBP", xmp=b"<x:xmpmeta>" + SECRET + b"</x>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name"),
    [(jpeg_with_text_metadata, "foto.jpg"), (png_with_text_chunks, "kaart.png"),
     (webp_with_xmp, "zicht.webp")],
)  # fmt: skip
def test_comments_xmp_and_text_chunks_do_not_survive(client, editor, content, name):
    original = content()
    assert SECRET in original
    topic = TopicFactory()
    response = upload(client, topic, original, name=name)
    assert response.status_code == 302, errors_of(response)
    topic.refresh_from_db()
    sources = topic.image_renditions["sources"]
    names = [topic.image.name] + [s[label] for s in sources for label in ("webp", "fallback")]
    for stored in names:
        with default_storage.open(stored) as f:
            data = f.read()
        assert SECRET not in data, stored
        with Image.open(io.BytesIO(data)) as image:
            assert not set(image.info) & {"comment", "xmp", "Author", "Comment", "icc_profile"}


def test_a_stored_image_missing_from_storage_does_not_break_saving(client, editor, media):
    """The stored file, unchanged, is not opened again: its loss does not stop an edit."""
    theme = ThemeFactory(image="images/2026/weg.jpg", image_alt_nl="Brug", image_alt_en="Bridge")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data["title_nl"] = "Nieuwe titel"
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert (theme.title_nl, theme.image.name) == ("Nieuwe titel", "images/2026/weg.jpg")
