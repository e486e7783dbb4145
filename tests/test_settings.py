"""The settings module fails closed: bad or missing values stop start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ENV_FILE": ""}


def load_settings(**overrides):
    """Import gent.settings in a fresh interpreter with exactly this environment."""
    env = {"PATH": os.environ["PATH"], **GOOD, **overrides}
    env = {key: value for key, value in env.items() if value is not None}
    code = (
        "import gent.settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_defaults_are_safe():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "django.db.backends.sqlite3"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_HTTPS": "sometimes"}, "DJANGO_HTTPS must be one of"),
        ({"DATABASE_URL": "mysql://root@localhost/gent"}, "DATABASE_URL must point to SQLite"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"DJANGO_CONN_MAX_AGE": "forever"}, "DJANGO_CONN_MAX_AGE must be a whole number"),
        ({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS must name at least one host"),
        ({"REDIS_URL": "http://cache:6379"}, "REDIS_URL must start with redis://"),
        ({"DJANGO_LOG_LEVEL": "LOUD"}, "DJANGO_LOG_LEVEL must be"),
    ],
)
def test_bad_values_stop_start_up_with_a_message(overrides, message):
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_debug_is_only_on_when_asked():
    result = load_settings(DJANGO_DEBUG="on")
    assert result.stdout.split()[:2] == ["True", "False"]


def test_local_env_file_is_read_but_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env.local"
    env_file.write_text("DJANGO_SECRET_KEY=" + "f" * 50 + "\nDJANGO_DEBUG=on\n")
    result = load_settings(
        DJANGO_SECRET_KEY=None, DJANGO_ENV_FILE=str(env_file), DJANGO_DEBUG="off"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_local_env_file_is_not_in_git():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env.local" in ignored
