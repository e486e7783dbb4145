# syntax=docker/dockerfile:1
# Gent Strategie: one image for every app server (docs/operations.md).
#   docker build -t gent-strategie .
#   docker run --rm --env-file prod.env gent-strategie migrate   # once per release
#   docker run -d --env-file prod.env -p 8000:8000 gent-strategie  # web (the default command)
# .ci/run runs the same install and build commands on every change (tests/test_container.py
# checks that they match), because no Docker engine runs in CI.

# --- builder: the locked dependencies in a virtual environment ---------------------------------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements/prod.lock /tmp/prod.lock
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir -r /tmp/prod.lock

# --- runtime: the venv, the code, compiled catalogues and collected static files -----------------
FROM python:3.11-slim
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=gent.settings \
    DJANGO_ENV_FILE="" \
    DJANGO_MEDIA_ROOT=/data/media \
    PORT=8000
RUN groupadd --system --gid 10001 gent \
 && useradd --system --uid 10001 --gid gent --home-dir /app --no-create-home gent \
 && mkdir -p /data/media \
 && chown gent:gent /data/media
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY . .
# Built once into the image, identical on every server. The key only lets the settings load
# (they refuse to start without one); nothing made here is signed with it.
RUN DJANGO_SECRET_KEY=build-time-only-not-a-secret-0123456789 python manage.py compilecatalogues \
 && DJANGO_SECRET_KEY=build-time-only-not-a-secret-0123456789 python manage.py collectstatic --noinput --verbosity 0
# Numeric, so Kubernetes runAsNonRoot can verify it: the user "gent" made above.
USER 10001:10001
EXPOSE 8000
# python rather than curl: the slim image has no curl, and this needs nothing installed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "docker/healthcheck.py"]
ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["web"]
