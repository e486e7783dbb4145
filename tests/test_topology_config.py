"""compose.yaml and the nginx configuration agree with each other and with the app's settings.

Checked without Docker or nginx (tests/test_topology.py runs the configuration for real).
"""

import re
from pathlib import Path

import yaml

from tests.test_settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
TEMPLATE = (ROOT / "docker" / "nginx" / "gent.conf.template").read_text()


def test_compose_puts_nginx_in_front_with_the_tested_configuration():
    nginx = COMPOSE["services"]["nginx"]
    mounts = nginx["volumes"]
    assert "./docker/nginx/gent.conf.template:/etc/nginx/templates/gent.conf.template:ro" in mounts
    assert "media:/srv/media:ro" in mounts and "static:/srv/static:ro" in mounts
    used = set(re.findall(r"\$\{(NGINX_\w+)\}", TEMPLATE))
    assert used == set(nginx["environment"]), "every template variable set, and no other"


def test_app_servers_are_reachable_only_through_nginx_and_trust_only_it():
    web = COMPOSE["services"]["web"]
    assert "ports" not in web
    nginx_address = COMPOSE["services"]["nginx"]["networks"]["app"]["ipv4_address"]
    assert web["environment"]["FORWARDED_ALLOW_IPS"] == nginx_address
    assert web["environment"]["DJANGO_PROXY_HOPS"] == "1"
    assert "media:/data/media" in web["volumes"]


def test_nginx_overwrites_the_forwarded_headers_and_hides_metrics():
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in TEMPLATE
    assert "proxy_set_header X-Forwarded-Proto https;" in TEMPLATE
    assert "proxy_set_header X-Request-ID $request_id;" in TEMPLATE
    assert "$proxy_add_x_forwarded_for" not in TEMPLATE  # would keep the client's claims
    assert re.search(r"location = /metrics \{\s*return 404;", TEMPLATE)
    assert "proxy_next_upstream error timeout http_502 http_503;" in TEMPLATE
    # A POST that reached an app server is never replayed (comments aside).
    directives = "\n".join(line.split("#")[0] for line in TEMPLATE.splitlines())
    assert "non_idempotent" not in directives
    assert "proxy_request_buffering on;" in TEMPLATE


def test_object_storage_settings_are_wired_from_the_environment():
    result = load_settings(
        show="s.STORAGES['default']['BACKEND'], s.AWS_STORAGE_BUCKET_NAME, "
        "s.AWS_S3_ENDPOINT_URL, s.AWS_S3_CUSTOM_DOMAIN, s.AWS_LOCATION, s.AWS_QUERYSTRING_AUTH, "
        "s.AWS_S3_FILE_OVERWRITE",
        DJANGO_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        DJANGO_S3_BUCKET="gent-media",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.be",
        DJANGO_S3_CUSTOM_DOMAIN="media.strategie.gent.be",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "gent-media",
        "https://s3.example.be",
        "media.strategie.gent.be",
        "media",
        "False",
        "False",
    ]


def test_object_storage_without_a_bucket_stops_start_up():
    result = load_settings(DJANGO_STORAGE_BACKEND="storages.backends.s3.S3Storage")
    assert result.returncode != 0
    assert "DJANGO_S3_BUCKET" in result.stderr


def test_the_s3_backend_builds_urls_on_the_custom_domain_without_signatures():
    """What the pages link to with object storage (no network: url() makes no request)."""
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.url('renditions/0123456789abcdef/960.webp'))"
    )
    import os
    import subprocess
    import sys

    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "gent.settings",
        "DJANGO_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
        "DJANGO_S3_BUCKET": "gent-media",
        "DJANGO_S3_CUSTOM_DOMAIN": "media.strategie.gent.be",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "https://media.strategie.gent.be/media/renditions/0123456789abcdef/960.webp",
    ]
