"""Keep a valid uploaded file across a form shown again with errors.

A browser never refills a file input, so a form with an error elsewhere would lose the image the
editor chose. The valid upload is stored under a random name in a temporary folder of the default
storage; the form carries a signed token (bound to the user, with a maximum age) in a hidden
field beside the file input, and a later submit without a new file uses the kept file as if it
had been uploaded again (so the normal validation, renditions and working-copy paths apply).
A token is the only thing trusted from the client: never a path.
"""

import contextlib
import mimetypes
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

KEPT_DIR = "kept-uploads"
MAX_AGE = timedelta(hours=6)
SALT = "contentchecks.kept-upload"
HIDDEN_SUFFIX = "__kept"


def token_field(name):
    """The hidden input beside the file input ``name``."""
    return f"{name}{HIDDEN_SUFFIX}"


def keep(upload, user, field_name, stored_name=None):
    """Store ``upload`` (unless already kept as ``stored_name``) and return its signed token."""
    if stored_name is None:
        sweep()
        extension = PurePosixPath(upload.name).suffix.lower()[:10]
        upload.seek(0)
        stored_name = default_storage.save(
            f"{KEPT_DIR}/{secrets.token_urlsafe(24)}{extension}", ContentFile(upload.read())
        )
        upload.seek(0)
    payload = {
        "s": stored_name,
        "n": PurePosixPath(upload.name).name,
        "u": user.pk,
        "f": field_name,
    }
    return signing.dumps(payload, salt=SALT)


def unpack(token, user, field_name):
    """``(stored_name, original_name)`` of a valid token; None when forged, expired, another
    user's or another field's, or when its file is gone."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if (
        not isinstance(payload, dict)
        or payload.get("u") != user.pk
        or payload.get("f") != field_name
    ):
        return None
    stored, name = payload.get("s"), payload.get("n")
    if not isinstance(stored, str) or not isinstance(name, str):
        return None
    if PurePosixPath(stored).parent != PurePosixPath(KEPT_DIR) or not default_storage.exists(
        stored
    ):
        return None
    return stored, name


def reopen(stored_name, original_name):
    """The kept file as an upload under its original name, for the form to validate again."""
    with default_storage.open(stored_name, "rb") as kept:
        content = kept.read()
    content_type = mimetypes.guess_type(original_name)[0] or "application/octet-stream"
    return SimpleUploadedFile(original_name, content, content_type=content_type)


def discard(stored_name):
    with contextlib.suppress(OSError):  # already swept
        default_storage.delete(stored_name)


def sweep():
    """Delete kept files older than ``MAX_AGE``: their tokens no longer open them."""
    try:
        _dirs, files = default_storage.listdir(KEPT_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    oldest = timezone.now() - MAX_AGE
    for name in files:
        path = f"{KEPT_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)
        except (OSError, NotImplementedError):
            continue


def is_upload(value):
    return isinstance(value, UploadedFile)


class KeptFileWidget(AdminFileWidget):
    """The admin's file input, with the kept file's name and its token beside it."""

    def __init__(self, *args, token, kept_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.token, self.kept_name = token, kept_name

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<input type="hidden" name="{}" value="{}"><p class="help kept-file">{}</p>',
            html,
            token_field(name),
            self.token,
            _("Kept: %(name)s. Choose another file to replace it.") % {"name": self.kept_name},
        )
