"""Uploaded images served by the app itself, for one machine (`make run`, a single container).

Behind nginx, /media/ is answered by nginx from the shared directory (docker/nginx/gent.conf) and
never reaches this view; with object storage (DJANGO_STORAGE_BACKEND) the pages link to the
bucket and this view answers 404. WhiteNoise is not used for media: it indexes its files when the
process starts, so an image uploaded afterwards would stay invisible until a restart (its
autorefresh mode rescans on each request and is meant for development only).

Only image files the site itself writes are served (JPEG, PNG, WebP, with the content type fixed
here from the extension, never guessed from content), never a directory and never a path outside
DJANGO_MEDIA_ROOT. Every name the site writes carries its content's hash (``images/2026/
belfort-<hash>.jpg``, ``renditions/<hash>/960.webp``), so those are cached for a year as immutable.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from contentchecks.keptuploads import KEPT_DIR

CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                 ".webp": "image/webp"}  # fmt: skip
# Names strategy/images.py gives: they carry the content's hash (16 hex digits).
HASHED_NAME = re.compile(
    r"(^|/)renditions/[0-9a-f]{16}/[^/]+$|-[0-9a-f]{16}(_[A-Za-z0-9]{7})?\.\w+$"
)
# An editor's upload kept while a form with errors is corrected: not published yet, so never
# served, however unguessable its name.
PRIVATE_DIRECTORIES = {KEPT_DIR}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=3600"


def media_file(relative: str) -> Path:
    """The file under MEDIA_ROOT that ``relative`` names, or Http404 for anything else."""
    parts = relative.split("/")
    # No empty, hidden, "." or ".." segments, no backslashes or NULs: nothing to normalise away.
    if any(not part or part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        raise Http404
    if parts[0] in PRIVATE_DIRECTORIES:
        raise Http404
    if Path(relative).suffix.lower() not in CONTENT_TYPES:
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    path = root.joinpath(*parts).resolve()
    # resolve() follows symbolic links: a link pointing out of the media root is refused too.
    if root not in path.parents or not path.is_file():
        raise Http404
    return path


@require_safe
def serve_media(request, path):
    if not isinstance(default_storage, FileSystemStorage):
        raise Http404  # object storage: the pages link to the bucket, not here
    file = media_file(path)
    stat = file.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(stat.st_mtime)):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(file.open("rb"), content_type=CONTENT_TYPES[file.suffix.lower()])
        response["Content-Length"] = str(stat.st_size)
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = IMMUTABLE if HASHED_NAME.search(path) else REVALIDATE
    response["X-Content-Type-Options"] = "nosniff"
    return response
