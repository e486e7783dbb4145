"""The backup and restore drill (docs/operations.md, "Back up and restore"), run for real.

A scratch database gets the shipped content, an uploaded image and edits with their history
(django-reversion); scripts/backup.sh dumps it and the media; the database is dropped and made
again empty, the media deleted; scripts/restore.sh brings both back. Afterwards every content
table (the history included) exports to the same JSON, every image file has the same checksum,
and the site serves the same pages.

PostgreSQL only (pg_dump/pg_restore); skipped without a postgres DATABASE_URL.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import urllib.parse
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="runs on PostgreSQL only (DATABASE_URL, as in .ci/run)",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump and pg_restore"),
]

# What the site is: its content, the history of every edit, the feedback, the editors.
TABLES = [
    "strategy",
    "pages",
    "participation",
    "reversion.revision",
    "reversion.version",
    "auth.user",
    "auth.group",
]

# Run by `manage.py shell` on the scratch database: an upload and two edits, each with its
# version in the history, through the one write path the admin uses.
MAKE_STATE = """
import io
from django.core.files.base import ContentFile
from PIL import Image
from publishing.writes import save_content
from strategy.images import prepare_header_image
from strategy.models import Theme, Topic
theme = Theme.objects.get(slug_nl="stad-van-de-toekomst")
buffer = io.BytesIO()
Image.new("RGB", (1000, 500), (0, 91, 169)).save(buffer, "PNG")
theme.image = ContentFile(buffer.getvalue(), name="belfort.png")
theme.image_alt_nl, theme.image_alt_en = "Het Belfort", "The Belfry"
prepare_header_image(theme)
save_content(theme, comment="image")
topic = Topic.objects.order_by("pk").first()
topic.title_nl = "Een nieuwe titel, na de back-up teruggezet"
save_content(topic, comment="first edit")
topic.title_nl = "Een tweede titel"
save_content(topic, comment="second edit")
"""


def admin_connection():
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


def recreate(name):
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def scratch(tmp_path):
    name = "test_gent_restore_drill"
    if os.environ.get("DJANGO_TEST_DB_NAME"):
        name = os.environ["DJANGO_TEST_DB_NAME"] + "_restore_drill"
    try:
        recreate(name)
    except Exception as error:  # no server here: say so instead of failing
        pytest.skip(f"PostgreSQL not reachable: {error}")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_SECRET_KEY": "restore-drill-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "DATABASE_URL": urllib.parse.urlunsplit(
            urllib.parse.urlsplit(DATABASE_URL)._replace(path=f"/{name}")
        ),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    yield name, env
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def snapshot(env):
    """The content tables as JSON (sorted by model and key), and a checksum per media file."""
    export = manage(env, "dumpdata", *TABLES, "--indent", "1", "--natural-foreign")
    media = Path(env["DJANGO_MEDIA_ROOT"])
    files = {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    return export, files


def test_dump_wipe_restore_gives_back_the_same_site_history_and_images(scratch, tmp_path):
    name, env = scratch
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_content")
    manage(env, "shell", "-c", MAKE_STATE)
    before_json, before_files = snapshot(env)
    # The state is worth restoring: the edits and their history, the image and its renditions.
    assert "Een tweede titel" in before_json and "first edit" in before_json
    assert any(path.startswith("renditions/") for path in before_files)
    assert any(path.startswith("images/") for path in before_files)

    backup = tmp_path / "backup"
    subprocess.run(
        [ROOT / "scripts" / "backup.sh", backup], env=env, check=True, capture_output=True
    )

    # Wipe: an empty database of the same name, no media at all.
    recreate(name)
    shutil.rmtree(env["DJANGO_MEDIA_ROOT"])
    assert manage(env, "showmigrations", "strategy").count("[X]") == 0

    result = subprocess.run(
        [ROOT / "scripts" / "restore.sh", backup], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    manage(env, "migrate", "--noinput", "--verbosity", "0")  # as the procedure says

    after_json, after_files = snapshot(env)
    assert after_files == before_files
    assert after_json == before_json


def test_a_damaged_backup_is_refused_before_anything_is_touched(scratch, tmp_path):
    _, env = scratch
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_content")
    backup = tmp_path / "backup"
    subprocess.run(
        [ROOT / "scripts" / "backup.sh", backup], env=env, check=True, capture_output=True
    )
    before = snapshot(env)
    with (backup / "gent.dump").open("r+b") as dump:
        dump.seek(200)
        dump.write(b"damage")
    result = subprocess.run(
        [ROOT / "scripts" / "restore.sh", backup], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr
    assert snapshot(env) == before
