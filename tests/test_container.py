"""The container image, checked without Docker: its key lines, and that CI runs what it runs."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()
CI = (ROOT / ".ci" / "run").read_text()


def instructions(name):
    """Every instruction ``name`` in the Dockerfile, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_two_stages_on_slim_python_with_the_locked_dependencies():
    assert instructions("FROM") == ["python:3.11-slim AS builder", "python:3.11-slim"]
    assert any("pip install --no-cache-dir -r /tmp/prod.lock" in run for run in instructions("RUN"))
    assert "COPY requirements/prod.lock /tmp/prod.lock" in DOCKERFILE
    assert "COPY --from=builder /opt/venv /opt/venv" in DOCKERFILE


def test_runs_as_a_non_root_user_with_a_healthcheck_and_gunicorn():
    assert instructions("USER") == ["10001:10001"]
    assert "useradd --system --uid 10001" in DOCKERFILE
    (healthcheck,) = instructions("HEALTHCHECK")
    assert 'CMD ["python", "docker/healthcheck.py"]' in healthcheck
    assert instructions("ENTRYPOINT") == ['["docker/entrypoint.sh"]']
    assert instructions("CMD") == ['["web"]']
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert "web) exec gunicorn -c gent/gunicorn.conf.py gent.wsgi ;;" in entrypoint
    assert "migrate) exec python manage.py migrate --noinput ;;" in entrypoint
    assert os.access(ROOT / "docker" / "entrypoint.sh", os.X_OK)


def test_catalogues_and_static_files_are_built_into_the_image_with_a_dummy_key():
    (build,) = [run for run in instructions("RUN") if "manage.py" in run]
    commands = [command.strip() for command in build.split("&&")]
    assert [command.split("manage.py")[1].split()[0] for command in commands] == [
        "compilecatalogues",
        "collectstatic",
    ]
    assert all(command.startswith("DJANGO_SECRET_KEY=build-time-only") for command in commands)


def test_ci_runs_the_commands_the_dockerfile_runs():
    (build,) = [run for run in instructions("RUN") if "manage.py" in run]
    for command in build.split("&&"):
        assert command.strip() in CI, f"{command.strip()!r} is not run by .ci/run"
    assert re.search(r"venv/bin/pip\"? install .*--no-cache-dir -r requirements/prod.lock", CI)
    assert "docker/entrypoint.sh migrate" in CI
    assert "docker/entrypoint.sh web" in CI
    assert "python docker/healthcheck.py" in CI
    assert ".venv/bin/hadolint Dockerfile" in CI


def test_the_image_leaves_out_local_state_and_secrets():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    for entry in (".git", ".venv", ".env*", "db.sqlite3*", "staticfiles", "media", "tests"):
        assert entry in ignored


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "hadolint").exists(), reason="needs hadolint")
def test_hadolint_finds_nothing():
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "hadolint"), "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_two_web_replicas_on_postgres_and_redis():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"nginx", "static", "web", "scheduler", "postgres", "redis"}
    web = services["web"]
    assert web["deploy"]["replicas"] == 2
    assert web["environment"]["DATABASE_URL"].startswith("postgres://gent:")
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert web["environment"]["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert {name: dep["condition"] for name, dep in web["depends_on"].items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
    }


def test_healthcheck_script_fails_when_nothing_answers():
    env = {"PATH": os.environ["PATH"], "PORT": "8599"}
    result = subprocess.run(
        [sys.executable, "docker/healthcheck.py"], cwd=ROOT, env=env, capture_output=True
    )
    assert result.returncode == 1
    assert b"unhealthy" in result.stderr


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_entrypoint_passes_manage_commands_through():
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "e" * 50,
    }
    result = subprocess.run(
        ["docker/entrypoint.sh", "manage", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_compose_runs_one_scheduler_with_the_apps_settings():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    scheduler = services["scheduler"]
    assert scheduler["command"] == ["scheduler"]
    assert scheduler["deploy"]["replicas"] == 1  # a scheduled change is published once
    assert scheduler["environment"] == services["web"]["environment"]


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_one_scheduler_round_runs_both_commands_without_failing(tmp_path):
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "e" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SCHEDULER_ONCE": "1",
    }

    def run(*args):
        return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)

    assert run("docker/entrypoint.sh", "migrate").returncode == 0
    result = run("docker/entrypoint.sh", "scheduler")
    assert result.returncode == 0, result.stderr
    # Both commands ran: the purge reports what it deleted (nothing, in a new database).
    assert "scheduler:" not in result.stderr
    assert "feedback" in (result.stdout + result.stderr).lower()
