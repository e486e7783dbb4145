"""Header images: what an upload must be, and the responsive renditions made from it.

Uploads are checked with Pillow rather than trusted by their name or Content-Type: only real
JPEG, PNG and WebP files, within a size and pixel budget, that decode completely. On save the
original is re-encoded without any metadata (EXIF with GPS positions and camera serials, XMP,
JPEG comments, PNG text chunks, ICC profiles) and renditions at a few widths are written, WebP plus
a JPEG/PNG fallback, through Django's storage API, so with a shared backend (S3 or a shared volume)
every app server sees them. All renditions are encoded in memory before the first file is written,
and a failed write removes what it wrote, so an upload yields all its files or none.
"""

import hashlib
import io
import warnings
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# WebP cannot be wider or taller than this (JPEG allows 65,535): a larger side cannot be rendered.
MAX_SIDE = 16_383
RENDITION_WIDTHS = (480, 960, 1600)
RENDITION_DIR = "renditions"


def validate_image_upload(file):
    """Model field validator: refuse anything that is not a sound JPEG, PNG or WebP image."""
    if isinstance(file, FieldFile) and file._committed:
        # The stored file, unchanged: it was checked and re-encoded when it was uploaded. Opening
        # it again at every save would decode the whole image, and fail when storage lost it.
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This image is too large (%(size)s MB). The maximum is %(max)s MB."),
            code="image_too_large",
            params={"size": round(size / 1024 / 1024, 1), "max": MAX_UPLOAD_BYTES // 1024 // 1024},
        )
    try:
        with _opened(file) as image:
            kind = image.format
            width, height = image.size
            if kind not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG or WebP image; this file is not one."),
                    code="image_type",
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "This image has too many pixels (%(width)s × %(height)s). "
                        "The maximum is %(max)s megapixels."
                    ),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "max": MAX_PIXELS // 1_000_000},
                )
            if max(width, height) > MAX_SIDE:
                raise ValidationError(
                    _(
                        "This image is too wide or too tall (%(width)s × %(height)s pixels). "
                        "Each side may be at most %(max)s pixels: crop or shrink it."
                    ),
                    code="image_too_long",
                    params={"width": width, "height": height, "max": MAX_SIDE},
                )
            image.verify()
        # verify() checks the structure but not the pixel data: decode everything once, so a
        # truncated file is refused now rather than failing when renditions are made.
        with _opened(file) as image:
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This image expands to too many pixels and was refused."), code="image_bomb"
        ) from None
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError …)
        raise ValidationError(
            _(
                "This file is not a valid image, or it is damaged. "
                "Upload a JPEG, PNG or WebP image."
            ),
            code="image_invalid",
        ) from None


@contextmanager
def _opened(file):
    """Open an uploaded file with Pillow, with decompression bomb warnings raised as errors."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                yield image
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


def _encode(image, kind, width=None):
    """The image (resized to ``width``) encoded as ``kind``, with no metadata at all."""
    if width and image.width > width:
        # At least one pixel high: a long, thin strip would otherwise round to nothing.
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif kind in ("WEBP", "PNG") and image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        # CMYK, 16-bit and other modes: to 8-bit RGB(A), which every browser shows the same.
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    # Pillow writes some of ``info`` back by itself (a JPEG comment, a PNG's ICC profile): keep only
    # the transparency, which is part of the picture.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 82, "optimize": True, "progressive": True},
               "PNG": {"optimize": True},
               "WEBP": {"quality": 80, "method": 4}}[kind]  # fmt: skip
    # No exif=, xmp=, comment=, icc_profile= or pnginfo= arguments: none of the source's metadata.
    image.save(buffer, kind, **options)
    return buffer.getvalue(), image.size


def prepare_header_image(obj):
    """Re-encode a new upload on ``obj.image`` without metadata and write its renditions.

    Call before saving ``obj``: it replaces the uploaded file with the clean one and fills
    ``obj.image_renditions`` (stored on the object, so pages need no storage look-ups).
    """
    upload = obj.image
    if not upload:
        obj.image_renditions = {}
        return
    upload.open("rb")
    upload.seek(0)
    with Image.open(upload) as source:
        kind = source.format
        # Apply the camera's rotation before the EXIF that carries it is dropped.
        image = ImageOps.exif_transpose(source)
        image.load()
    fallback = "PNG" if kind == "PNG" else "JPEG"
    clean, size = _encode(image, kind)
    digest = hashlib.sha256(clean).hexdigest()[:16]
    stem = PurePosixPath(upload.name).stem[:40] or "image"
    obj.image = ContentFile(clean, name=f"{stem}-{digest}.{_extension(kind)}")

    sources, files = [], {}
    widths = [w for w in RENDITION_WIDTHS if w < size[0]] + [size[0]]
    for width in sorted(set(widths)):
        entry = {"width": width}
        for label, fmt in (("webp", "WEBP"), ("fallback", fallback)):
            data, (_width, h) = _encode(image, fmt, width)
            name = f"{RENDITION_DIR}/{digest}/{width}.{_extension(fmt)}"
            files[name] = data
            entry[label] = name
            entry["height"] = h
        sources.append(entry)
    _write_all(files)
    obj.image_renditions = {
        "width": size[0],
        "height": size[1],
        "fallback_type": ALLOWED_FORMATS[fallback],
        "sources": sources,
    }


def _write_all(files):
    """Write {name: bytes} to storage; when one write fails, remove the ones this call wrote."""
    written = []
    try:
        for name, data in files.items():
            if not default_storage.exists(name):  # the same image uploaded before
                written.append(default_storage.save(name, ContentFile(data)))
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise


def _extension(kind):
    return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]


def picture(obj):
    """What ``components/image.html`` needs to render ``obj``'s image as a <picture>."""
    renditions = getattr(obj, "image_renditions", None) or {}
    sources = renditions.get("sources") or []
    if not obj.image or not sources:
        return None
    url = default_storage.url
    largest = sources[-1]
    return {
        "webp_srcset": ", ".join(f"{url(s['webp'])} {s['width']}w" for s in sources),
        "fallback_srcset": ", ".join(f"{url(s['fallback'])} {s['width']}w" for s in sources),
        "fallback_type": renditions["fallback_type"],
        "src": url(largest["fallback"]),
        "width": renditions["width"],
        "height": renditions["height"],
    }
