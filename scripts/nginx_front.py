"""nginx with the production template (docker/nginx/gent.conf.template) in front of one app server
on loopback, for `make bench`: the same rendering as tests/test_topology.py (Debian's nginx, a
self-signed certificate made by openssl, a temporary prefix), without PostgreSQL or Redis.

    with nginx_front(app_port=8630, https_port=8632, http_port=8633) as base: ...
"""

import contextlib
import os
import re
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "docker" / "nginx" / "gent.conf.template"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def render(values: dict[str, str]) -> str:
    """envsubst as the nginx image runs it: only the named ${NGINX_*} variables."""
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = re.findall(r"\$\{NGINX_\w+\}", text)
    if left:
        raise RuntimeError(f"not substituted: {left}")
    return text


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, made now with openssl: (certificate, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def write_config(
    tmp: Path,
    *,
    upstream_servers: str,
    http_port: int,
    https_port: int,
    certificate: tuple[Path, Path],
    media_root: Path,
    access_log: str = "off",
    worker_processes: int = 1,
) -> Path:
    """The production template rendered into ``tmp``, with the rest of what Debian's
    /etc/nginx/nginx.conf would give, in that temporary prefix; returns nginx.conf's path."""
    cert, key = certificate
    conf = render(
        {
            "NGINX_UPSTREAM_SERVERS": upstream_servers,
            "NGINX_SERVER_NAME": "localhost",
            "NGINX_HTTP_PORT": f"127.0.0.1:{http_port}",
            "NGINX_HTTPS_PORT": f"127.0.0.1:{https_port}",
            "NGINX_HTTPS_ORIGIN": f"https://localhost:{https_port}",
            "NGINX_CERTIFICATE": str(cert),
            "NGINX_CERTIFICATE_KEY": str(key),
            "NGINX_STATIC_ROOT": str(ROOT / "staticfiles"),
            "NGINX_MEDIA_ROOT": str(media_root),
        }
    ).replace("access_log /dev/stdout gent_json;", f"access_log {access_log};")
    (tmp / "gent.conf").write_text(conf)
    main = tmp / "nginx.conf"
    main.write_text(
        # Started by root, nginx's workers would switch to "nobody", who cannot read this
        # private temporary directory; otherwise they run as the user who started it.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
worker_processes {worker_processes};
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/gent.conf;
}}
"""
    )
    return main


@contextlib.contextmanager
def nginx_front(app_port: int, https_port: int, http_port: int):
    """Yield ``https://localhost:<https_port>``, nginx proxying to 127.0.0.1:``app_port``."""
    nginx = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="gent-nginx-") as name:
        tmp = Path(name)
        cert, key = make_certificate(tmp)
        write_config(
            tmp,
            upstream_servers=f"server 127.0.0.1:{app_port};",
            http_port=http_port,
            https_port=https_port,
            certificate=(cert, key),
            media_root=tmp / "media",
        )
        process = subprocess.Popen(
            [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(tmp / "nginx-stderr.log").open("w"),
            start_new_session=True,
        )
        base = f"https://localhost:{https_port}"
        context = ssl.create_default_context(cafile=str(cert))
        try:
            deadline = time.monotonic() + 20
            while True:
                if process.poll() is not None:
                    raise RuntimeError((tmp / "nginx-stderr.log").read_text())
                try:
                    urllib.request.urlopen(base + "/healthz", context=context, timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield base, context
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
