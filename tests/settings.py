"""Test overrides, in one place (named in pyproject.toml). Everything else is the real settings.

HTTPS stays on, as in production, so the tests exercise the redirect, HSTS and secure cookies;
the `client` fixture in conftest.py speaks HTTPS through the proxy header.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret-" + "x" * 32)
os.environ.setdefault("DJANGO_HTTPS", "on")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from gent.settings import *  # noqa: F403

# The manifest storage needs `collectstatic`; its build is tested once in CI (make setup).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files straight from static/ (no collectstatic in tests; browser tests need them).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# One process: a memory cache is shared by everything in it, and it starts empty (no disk state
# from `make run` or an earlier test run). With REDIS_URL (CI), the tests use Redis.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No warm after every save of every test (each would render the whole site); the warming tests
# switch it on.
PAGE_CACHE_WARMING = "off"
