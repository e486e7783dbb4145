"""The settings module fails closed: bad or missing values stop start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ENV_FILE": ""}


def load_settings(
    show="s.DEBUG, s.SECURE_SSL_REDIRECT, s.DATABASES['default']['ENGINE']", **overrides
):
    """Import gent.settings in a fresh interpreter with exactly this environment; print `show`."""
    env = {"PATH": os.environ["PATH"], **GOOD, **overrides}
    env = {key: value for key, value in env.items() if value is not None}
    code = f"import gent.settings as s; print({show})"
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
        # Words and numbers django-environ's env.bool would read as true stay refused.
        ({"DJANGO_DEBUG": "y"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_DEBUG": "ok"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_DEBUG": "2"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_HSTS_PRELOAD": "perhaps"}, "DJANGO_HSTS_PRELOAD must be one of"),
        ({"DATABASE_URL": "mysql://root@localhost/gent"}, "DATABASE_URL must point to SQLite"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"DJANGO_CONN_MAX_AGE": "forever"}, "DJANGO_CONN_MAX_AGE must be a whole number"),
        ({"DJANGO_PAGE_CACHE_SECONDS": "1.5"}, "DJANGO_PAGE_CACHE_SECONDS must be a whole number"),
        ({"DJANGO_PROXY_HOPS": "-1"}, "DJANGO_PROXY_HOPS must be at least 0"),
        ({"DJANGO_AXES_FAILURE_LIMIT": "0"}, "DJANGO_AXES_FAILURE_LIMIT must be at least 1"),
        (
            {"DATABASE_URL": "postgres://gent@db/gent", "DJANGO_DB_CONNECT_TIMEOUT": "0"},
            "DJANGO_DB_CONNECT_TIMEOUT must be at least 1",
        ),
        ({"DJANGO_SECRET_KEY_FALLBACKS": "old"}, "Every key in DJANGO_SECRET_KEY_FALLBACKS"),
        ({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS must name at least one host"),
        ({"REDIS_URL": "http://cache:6379"}, "REDIS_URL must start with redis://"),
        ({"DJANGO_LOG_LEVEL": "LOUD"}, "DJANGO_LOG_LEVEL must be"),
        ({"DJANGO_LANGUAGES": "en,nl"}, "DJANGO_LANGUAGES must start with nl"),
        ({"DJANGO_LANGUAGES": "nl,en,en"}, "name each language once"),
        ({"DJANGO_LANGUAGES": "nl,klingon"}, "unknown language code(s) klingon"),
        ({"DJANGO_PO_IMPORT_PENDING_SECONDS": "5"}, "must be at least 60"),
    ],
)
def test_bad_values_stop_start_up_with_a_message(overrides, message):
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_languages_come_from_one_setting_with_dutch_first():
    show = "[code for code, _name in s.LANGUAGES]"
    assert load_settings(show).stdout.strip() == "['nl', 'en']"
    three = load_settings(show, DJANGO_LANGUAGES="nl, en, fr")
    assert three.stdout.strip() == "['nl', 'en', 'fr']", three.stderr


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("on", "True"),
        ("TRUE", "True"),
        (" yes ", "True"),
        ("1", "True"),
        ("off", "False"),
        ("No", "False"),
        ("0", "False"),
        ("", "False"),
    ],
)
def test_booleans_take_only_the_listed_words(value, expected):
    result = load_settings(show="s.HTTPS", DJANGO_HTTPS=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_numbers_lists_and_blank_values():
    result = load_settings(
        show="s.PAGE_CACHE_SECONDS, s.PROXY_HOPS, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS",
        DJANGO_PAGE_CACHE_SECONDS="",  # blank: the default, as if unset
        DJANGO_PROXY_HOPS=" 2 ",
        DJANGO_ALLOWED_HOSTS=" strategie.gent.be , www.gent.be,,",
        DJANGO_CSRF_TRUSTED_ORIGINS="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "300 2 ['strategie.gent.be', 'www.gent.be'] []"


def test_postgres_gets_the_connection_settings():
    result = load_settings(
        show="s.DATABASES['default']",
        DATABASE_URL="postgres://gent:pw@db:5432/gent",
        DJANGO_CONN_MAX_AGE="30",
        DJANGO_DB_CONNECT_TIMEOUT="5",
    )
    assert result.returncode == 0, result.stderr
    database = result.stdout
    assert "'CONN_MAX_AGE': 30" in database
    assert "'CONN_HEALTH_CHECKS': True" in database
    assert "'connect_timeout': 5" in database
    assert "'TEST': {'NAME': 'test_gent'}" in database


def test_a_secret_key_may_start_with_a_dollar_sign():
    """django-environ would read "$abc…" as a reference to a variable named "abc…"."""
    key, old = "$" + "a" * 49, "$" + "b" * 49
    result = load_settings(
        show="s.SECRET_KEY, s.SECRET_KEY_FALLBACKS",
        DJANGO_SECRET_KEY=key,
        DJANGO_SECRET_KEY_FALLBACKS=old,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{key} ['{old}']"


def test_local_env_file_skips_comments_and_blank_lines(tmp_path):
    env_file = tmp_path / ".env.local"
    env_file.write_text("# generated\n\nDJANGO_SECRET_KEY=" + "f" * 50 + "\nDJANGO_HTTPS=off\n")
    result = load_settings(
        show="s.SECRET_KEY, s.HTTPS", DJANGO_SECRET_KEY=None, DJANGO_ENV_FILE=str(env_file)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["f" * 50, "False"]


def test_the_checkout_env_local_is_the_default_and_an_empty_setting_ignores_it():
    if not (ROOT / ".env.local").is_file():
        pytest.skip("no .env.local in the checkout (make test writes one)")
    by_default = load_settings(DJANGO_SECRET_KEY=None, DJANGO_ENV_FILE=None)
    assert by_default.returncode == 0, by_default.stderr
    switched_off = load_settings(DJANGO_SECRET_KEY=None, DJANGO_ENV_FILE="")
    assert "DJANGO_SECRET_KEY is not set" in switched_off.stderr


def test_a_missing_env_file_is_no_error(tmp_path):
    result = load_settings(DJANGO_ENV_FILE=str(tmp_path / "missing"))
    assert result.returncode == 0, result.stderr
