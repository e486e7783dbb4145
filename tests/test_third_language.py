"""A third language by configuration (docs/operations.md, "A third language"): DJANGO_LANGUAGES
and the migration ``makemigrations`` generates for it, then the whole site in three languages.

The site runs in a subprocess (the languages are read once, at start-up), on a SQLite database
of its own, with the project's migrations copied to a temporary directory so the generated
migration never lands in the checkout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS_WITH_MIGRATIONS = ["pages", "participation", "publishing", "strategy", "translations"]


@pytest.fixture
def three_languages(tmp_path):
    copy = tmp_path / "migrations"
    copy.mkdir()
    for app in APPS_WITH_MIGRATIONS:
        shutil.copytree(
            ROOT / app / "migrations",
            copy / f"{app}_migrations",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    env = {
        key: value
        for key, value in os.environ.items()
        # Its own database and cache: never the ones of the run that started it.
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_TEST_DB_NAME", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DJANGO_LANGUAGES="nl,en,fr",
        DJANGO_SETTINGS_MODULE="tests.settings_three_languages",
        GENT_MIGRATIONS_COPY=str(copy),
        PYTHONPATH=os.pathsep.join([str(copy), str(ROOT)]),
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )

    def run(*args):
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )

    return run, copy


def test_the_site_runs_in_three_languages_after_the_documented_migration(three_languages):
    run, copy = three_languages
    before = set(ROOT.rglob("migrations/*.py"))
    copied = set(copy.rglob("*.py"))

    made = run("manage.py", "makemigrations")

    assert made.returncode == 0, made.stderr
    assert "Add field title_fr to theme" in made.stdout
    assert "Add field title_fr to page" in made.stdout
    assert "Create constraint theme_unique_slug_fr" in made.stdout
    generated = {path.parent.name for path in set(copy.rglob("*.py")) - copied}
    assert generated == {
        "pages_migrations",
        "participation_migrations",
        "publishing_migrations",  # change notes
        "strategy_migrations",
    }
    assert set(ROOT.rglob("migrations/*.py")) == before, "nothing in the checkout"

    site = run(
        "-m", "pytest", "tests/three_languages_site.py", "-q", "-p", "no:cacheprovider",
        "-m", "not browser",
    )  # fmt: skip

    assert site.returncode == 0, site.stdout[-6000:] + site.stderr[-3000:]
    assert "8 passed" in site.stdout, site.stdout[-3000:]
