"""The layer contract of docs/architecture.md, as `make lint` checks it with import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "gent",
    "findability",
    "opendata",
    "participation",
    "redirects",
    "strategy",
    "pages",
    "translations",
    "contentchecks",
]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages, to break on purpose."""
    for name in [*APPS, "publishing"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_layer_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_cycle_between_apps_fails_the_contract(tree):
    # strategy imports publishing; publishing importing strategy back closes a cycle.
    freshness = tree / "publishing" / "freshness.py"
    freshness.write_text(freshness.read_text() + "\nimport strategy.models  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "publishing is not allowed to import strategy" in result.stdout


def test_two_content_apps_importing_each_other_fail_the_contract(tree):
    views = tree / "pages" / "views.py"
    views.write_text(views.read_text() + "\nimport strategy.models  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "pages is not allowed to import strategy" in result.stdout
