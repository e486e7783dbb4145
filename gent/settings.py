"""The one settings module of Gent Strategie.

Everything that differs between a laptop, CI and production comes from the environment, and every
default is the safe one: DEBUG off, HTTPS on, no secret key. A bad value stops start-up with an
``ImproperlyConfigured`` that names the variable to fix. Values are read with django-environ
(``environ.Env``); the few helpers below are stricter where its readers are lenient.

``make run`` and ``make test`` write a git-ignored ``.env.local`` (a generated secret key and
``DJANGO_HTTPS=off`` for plain HTTP on loopback); it is read here so that ``.venv/bin/python
manage.py …`` works afterwards with the same configuration (``Env.read_env``). Real environment
variables win.
"""

import hashlib
import ipaddress
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import environ
from csp.constants import NONE, SELF
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    # Strict: env.bool reads any word it does not know ("maybe") as False; a typo must stop start.
    if name in env and env.str(name).strip().lower() not in _TRUE | _FALSE:
        raise ImproperlyConfigured(
            f"{name} must be one of on/off, true/false, 1/0 (got {env.str(name)!r})."
        )
    return env.bool(name, default=default)


def env_int(name: str, default: int, minimum: int = 0) -> int:
    # env.int raises a ValueError that names no variable, fails on a blank value and has no floor.
    if name not in env or not env.str(name).strip():
        return default
    try:
        number = env.int(name)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number (got {env.str(name)!r})."
        ) from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (got {number}).")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    # env.list keeps the spaces around items and empty items ("a, b," gives ["a", " b"]).
    return [item for item in env.list(name, cast=str.strip, default=default) if item]


def hash_of(path: Path) -> str:
    """A short, stable name for a checkout, so two checkouts on one machine never share a cache."""
    return hashlib.blake2b(str(path).encode(), digest_size=4).hexdigest()


# The local file never overrides the real environment; DJANGO_ENV_FILE="" switches it off (the
# settings tests use that).
_env_file = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env.local"))
if _env_file:
    environ.Env.read_env(_env_file, overwrite=False)

# --- Core -----------------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)

# Both keys from os.environ, not env: django-environ reads a leading "$" as the name of another
# variable, and keys made by Django's get_random_secret_key() may start with one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set (or shorter than 32 characters). Set it in the environment; "
        "`make run` and `make test` generate a local one in .env.local."
    )

# Rotating the key: put the old one here (comma-separated) while sessions and signed values made
# with it still need to validate, then remove it (docs/operations.md).
SECRET_KEY_FALLBACKS = [
    key.strip()
    for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",")
    if key.strip()
]
if any(len(key) < 32 for key in SECRET_KEY_FALLBACKS):
    raise ImproperlyConfigured(
        "Every key in DJANGO_SECRET_KEY_FALLBACKS needs 32 characters or more."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name at least one host.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Request, latency and database-time metrics for operators (gent/metrics.py).
    "django_prometheus",
    # The editors' admin (issue 3): history and restore, drag-and-drop order, the rich text
    # editor, and login throttling.
    "reversion",
    "adminsortable2",
    "django_prose_editor",
    "axes",
    # Feature apps, then the publishing core they register with (see docs/architecture.md).
    "strategy",
    "translations",
    "findability",
    "opendata",
    "participation",
    "pages",
    # Old addresses: 301 to the new one, 410 for a page taken offline (listens to content saves).
    "redirects",
    # Readability, structure, alt-text and link checks beside the content change forms.
    "contentchecks",
    "publishing",
]

MIDDLEWARE = [
    # Outermost: counts and times every request, probes and redirects included (django-prometheus).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # First: every log line and every response (redirects and probes too) carries the request id.
    "gent.middleware.RequestIdMiddleware",
    # /healthz and /readyz, answered before host checks, the HTTPS redirect and the locale prefix
    # can refuse a load balancer that probes a container by IP over plain HTTP.
    "gent.middleware.HealthCheckMiddleware",
    # /metrics for allowed scrapers, for the same reason; counts the page cache's answers.
    "gent.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware: static files skip everything below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page-cache hits are answered here, before the CSP, session, locale, CSRF and auth work they
    # don't need (the CSP and Permissions-Policy headers are copied onto hits: pagecache.py).
    "publishing.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # What is personal is private, no-store; what says nothing is private (no CDN keeps it).
    "publishing.pagecache.PersonalResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Error pages for empty 405/413/429 answers, in the URL's language; a method a view does not
    # take is a 405 before the CSRF check below can call it a CSRF failure (gent/middleware.py).
    "gent.middleware.ErrorPageMiddleware",
    # A 404 with a recorded old address becomes its 301 or 410 (a lookup on 404s only).
    "redirects.middleware.RedirectMiddleware",
    "gent.middleware.AllowedMethodsMiddleware",
    # A NUL byte in a query parameter is a 400 here, not a PostgreSQL error (500) in a view.
    "gent.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
    # Innermost: django-prometheus's view-level counts and latencies by view name.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# The django-axes backend first: it refuses a locked-out username/address before the password is
# even checked. (publishing.roles.LoginThrottleBackend lets Client.login in tests through.)
AUTHENTICATION_BACKENDS = [
    "publishing.roles.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "gent.urls"
WSGI_APPLICATION = "gent.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------------

DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    # Persistent connections with health checks suit gunicorn's threaded workers: one connection
    # per thread, re-used across requests, replaced when the database restarts.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL this site supports ({error}); "
        "use sqlite:///path or postgres://user@host:port/name."
    ) from None
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file. WAL: readers never block a writer, nor it them
    # (with the default journal, a steady stream of readers starves a commit). A writer that
    # finds another one waits (timeout, seconds) instead of failing at once, and takes the write
    # lock when its transaction begins, so two transactions never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 3, minimum=1
    )
    DATABASES["default"]["TEST"] = {"NAME": env.str("DJANGO_TEST_DB_NAME", default="test_gent")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
    CACHES = {
        "default": {
            # Django's RedisCache that serves uncached (and logs) instead of failing when Redis is
            # away: the cache is never the source of truth (gent/cache.py).
            "BACKEND": "gent.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("DJANGO_CACHE_KEY_PREFIX", default="gent"),
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_SECONDS": env_int("DJANGO_CACHE_RETRY_SECONDS", 5),
            },
        }
    }
else:
    # One machine without Redis: a cache on local disk, shared by all gunicorn workers. A memory
    # cache would be one per worker, and an edit would bump the content version in only one of
    # them, leaving the others serving their old pages. (Tests use memory: one process.)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str(
                "DJANGO_CACHE_DIR",
                default=str(
                    Path(tempfile.gettempdir()) / f"gent-cache-{os.getuid()}-{hash_of(BASE_DIR)}"
                ),
            ),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Whole public pages for anonymous visitors, keyed by the content version (publishing/pagecache.py).
# 0 switches the page cache off (conditional requests and ETags stay on); `make bench` compares.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 300)
# Rendered parts of public pages ({% fragment %}, publishing/templatetags/fragments.py), keyed by
# the content version like the pages; 0 renders them every time.
FRAGMENT_CACHE_SECONDS = env_int("DJANGO_FRAGMENT_CACHE_SECONDS", 3600)
# How long a CDN or proxy cache in front may keep a public page (s-maxage) and serve it stale while
# it asks again (stale-while-revalidate); 0 = it must ask every time, as browsers do.
SHARED_CACHE_SECONDS = env_int("DJANGO_SHARED_CACHE_SECONDS", 0)
SHARED_CACHE_STALE_SECONDS = env_int("DJANGO_SHARED_CACHE_STALE_SECONDS", 30)
# After an edit, render every public page into the page cache (publishing/warming.py):
# "background" (a thread, the editor does not wait), "inline" (right after the commit), "off".
PAGE_CACHE_WARMING = env.str("DJANGO_PAGE_CACHE_WARMING", default="background")
if PAGE_CACHE_WARMING not in ("background", "inline", "off"):
    raise ImproperlyConfigured(
        f"DJANGO_PAGE_CACHE_WARMING must be background, inline or off (got {PAGE_CACHE_WARMING!r})."
    )

# --- Editorial workflow and e-mail (publishing/workingcopies.py, docs/editors.md) -----------------
# Four eyes: on, a Redacteur's change to a live page waits for an Eindredacteur to publish it. Off
# by default: a site with one editor could otherwise never publish; switch it on once the site has
# an Eindredacteur.
REVIEW_REQUIRED = env_bool("DJANGO_REVIEW_REQUIRED", False)
# The workflow's messages (submitted, sent back, published). The console by default, so nothing
# leaves a development machine; SMTP with e.g. smtp+tls://user:password@smtp.example.be:587.
vars().update(env.email_url("DJANGO_EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "nl"


def env_languages(name: str, default: list[str]) -> list[tuple]:
    """The site's languages from a list of codes (``nl,en,fr``): Dutch first, as the source and
    the fallback of every other. A code Django does not know stops start-up. Adding a language
    also needs its database columns: see "A third language" in docs/operations.md."""
    known = dict(global_settings.LANGUAGES)
    codes = env_list(name, default)
    if not codes or codes[0] != "nl" or len(set(codes)) != len(codes):
        raise ImproperlyConfigured(
            f"{name} must start with nl (the source language) and name each language once "
            f"(got {','.join(codes)!r})."
        )
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ImproperlyConfigured(f"{name}: unknown language code(s) {', '.join(unknown)}.")
    return [(code, _(known[code])) for code in codes]


LANGUAGES = env_languages("DJANGO_LANGUAGES", ["nl", "en"])
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Dutch is the source language: required in the admin, and the fallback for every other one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_REQUIRED_LANGUAGES = ("nl",)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl",)}
# The admin's language tabs need jQuery UI tabs; modeltranslation loads it from a CDN by default.
# A vendored copy (static/vendor/jquery-ui/) keeps the admin working offline and under a strict
# CSP. (modeltranslation reads this unprefixed setting name.)
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui-tabs.js"

# --- Static and media files -----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# --- Media, object storage and metrics (docs/operations.md, "Topology") --------------------------
# Uploaded images and their renditions go through Django's storage API. One machine, or several
# sharing a volume: the local disk (DJANGO_MEDIA_ROOT), served by gent/media.py or by nginx.
# Several machines without a shared volume: object storage over the S3 API (django-storages),
# DJANGO_STORAGE_BACKEND=storages.backends.s3.S3Storage and the AWS_* settings below; the pages
# then link to the bucket (or AWS_S3_CUSTOM_DOMAIN) and nothing under /media/ is served here.
STORAGE_BACKEND = env.str(
    "DJANGO_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if STORAGE_BACKEND == "storages.backends.s3.S3Storage":
    AWS_STORAGE_BUCKET_NAME = env.str("DJANGO_S3_BUCKET", default="")
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("DJANGO_S3_BUCKET must name the bucket for S3Storage.")
    # Credentials: boto3's own AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (or an
    # instance role), never in this file.
    AWS_S3_ENDPOINT_URL = env.str("DJANGO_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("DJANGO_S3_REGION", default="") or None
    AWS_S3_CUSTOM_DOMAIN = env.str("DJANGO_S3_CUSTOM_DOMAIN", default="") or None
    AWS_LOCATION = env.str("DJANGO_S3_PREFIX", default="media")
    # Public images under names that change with their content: plain URLs, no signatures, no
    # overwriting, and a year of caching in browsers and CDNs.
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # the bucket's policy decides (public read for the media prefix)
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}

# /metrics (gent/metrics.py): who may scrape it without a token, and the token (empty: none).
try:
    METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(network)
        for network in env_list("DJANGO_METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_METRICS_ALLOWED_NETWORKS: {error}") from None
METRICS_TOKEN = os.environ.get("DJANGO_METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("DJANGO_METRICS_TOKEN needs 32 characters or more.")
# Migrations are not exported: that would query the database as each process starts.
PROMETHEUS_EXPORT_MIGRATIONS = False

# Hashed file names never change content, so browsers and CDNs may keep them for a year.
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60 if not DEBUG else 0

# --- Security -------------------------------------------------------------------------------------

# Plain HTTP is only for `make run` on loopback (DJANGO_HTTPS=off); behind the load balancer the
# proxy terminates TLS and says so in X-Forwarded-Proto, which we trust for is_secure().
HTTPS = env_bool("DJANGO_HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS and not DEBUG
SESSION_COOKIE_SECURE = HTTPS and not DEBUG
CSRF_COOKIE_SECURE = HTTPS and not DEBUG
LANGUAGE_COOKIE_SECURE = HTTPS and not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only takes effect once the domain is submitted to the preload list.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline scripts or styles anywhere, the admin included (Django's admin has none since 4.x;
# it passes data to its scripts in data attributes and JSON blocks, which CSP does not block).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses, switched off (django-permissions-policy; it refuses a
# feature name it does not know).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login throttling (django-axes): after 5 failed attempts for one username from one address
# that pair is locked out for an hour; a success resets the count. Attempts are kept in the
# database, so every app server sees them. The address is the client's, behind a proxy too
# (AXES_CLIENT_IP_CALLABLE below).
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# axes announces itself at every start-up; that line would land in every command's output.
AXES_VERBOSE = False

# --- Logging --------------------------------------------------------------------------------------

LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured("DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL.")
# One JSON object per line on stdout, with the request id (gent/logs.py); gunicorn's access and
# error logs use the same format (gent/gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gent.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "gent.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # django-axes logs every successful login's clean-up at INFO; lockouts are WARNING and stay.
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- The site -------------------------------------------------------------------------------------

SITE_NAME = "Gent Strategie"

# The largest PO file the translation import in the admin accepts (bytes): checking a file takes
# time in proportion to its size, and must end well within the worker timeout.
PO_IMPORT_MAX_BYTES = env_int("DJANGO_PO_IMPORT_MAX_BYTES", 512 * 1024, minimum=1024)
# How long the file of a dry run stays in the session to be applied without uploading it again
# (seconds); applying checks it again against the content as it is then.
PO_IMPORT_PENDING_SECONDS = env_int("DJANGO_PO_IMPORT_PENDING_SECONDS", 30 * 60, minimum=60)

# The feedback form (participation): at most this many posts per client per window (seconds).
# The client is told apart by a salted hash of its address, kept in the shared cache only.
FEEDBACK_RATE_LIMIT = (env_int("DJANGO_FEEDBACK_RATE_LIMIT", 5, minimum=1), 600)
# The privacy statement promises two years; `manage.py purge_feedback` deletes what is older.
FEEDBACK_RETENTION_DAYS = 730
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the app: the
# client's address is taken that many entries from the right. 0: use the connection's address.
PROXY_HOPS = env_int("DJANGO_PROXY_HOPS", 0)

# --- Public origin and error pages (issue 11) ----------------------------------------------------

# The one origin (scheme://host[:port]) that absolute URLs name: canonical, hreflang, sitemap,
# robots.txt, structured data, the open-data API. Never the request's Host header: any port on an
# allowed host reaches the app, and a page (cached for everyone) must not name it. Default: the
# first allowed host over HTTPS; with DJANGO_HTTPS=off (`make run`, loopback only) the address
# `make run` serves, http://127.0.0.1:$PORT.
_default_origin = (
    f"https://{ALLOWED_HOSTS[0].lstrip('.').replace('*', 'localhost')}"
    if HTTPS
    else f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
)
PUBLIC_ORIGIN = env.str("DJANGO_PUBLIC_ORIGIN", default=_default_origin).strip().rstrip("/")
_origin = urlsplit(PUBLIC_ORIGIN)
try:
    _origin.port  # noqa: B018 (a bad port raises here)
except ValueError:
    _origin = None
if (
    _origin is None
    or _origin.scheme not in {"http", "https"}
    or not _origin.hostname
    or _origin.path
    or _origin.query
    or _origin.fragment
    or _origin.username
):
    raise ImproperlyConfigured(
        f"DJANGO_PUBLIC_ORIGIN must be an origin such as https://strategie.stad.gent, without a "
        f"path (got {PUBLIC_ORIGIN!r})."
    )
# A CSRF failure (a form left open too long, cookies blocked) gets the site's own 403 page.
CSRF_FAILURE_VIEW = "gent.errors.csrf_failure"
# A locked-out login gets a real page (429) that says how long the lock lasts.
AXES_LOCKOUT_CALLABLE = "gent.errors.lockout"
# Hardening (issue 11). The feedback endpoint reads a body only when it is a plain form post of at
# most this many bytes (the longest suggestion, fully percent-encoded, fits); anything else is
# refused from its headers (participation/protection.py). Every other form keeps Django's own
# DATA_UPLOAD_MAX_MEMORY_SIZE above (long rich text in the admin).
FEEDBACK_MAX_BODY_BYTES = 32 * 1024
# django-axes counts failed logins per client address taken as the feedback rate limit takes it
# (DJANGO_PROXY_HOPS), not the proxy's: behind a load balancer one offender locks only itself.
AXES_CLIENT_IP_CALLABLE = "participation.protection.client_address"
