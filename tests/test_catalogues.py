"""The catalogue check (scripts/check_catalogues.py, run by `make lint`) catches every gap.

Each test breaks a copy of the real Dutch catalogue in one way and expects the check to say so.
"""

import importlib.util
import os
import shutil
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"

_spec = importlib.util.spec_from_file_location(
    "check_catalogues", ROOT / "scripts" / "check_catalogues.py"
)
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


@pytest.fixture
def catalogue(tmp_path):
    """A compiled copy of the Dutch catalogue in a project-like tree: locale/nl/LC_MESSAGES."""
    po_path = tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    shutil.copy(PO, po_path)
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return po_path


def edit(po_path, change):
    """Change the catalogue with polib and compile it again, so only ``change`` is wrong."""
    po = polib.pofile(str(po_path))
    change(po)
    po.save()
    po.save_as_mofile(str(po_path.with_suffix(".mo")))


def test_shipped_catalogue_is_complete_and_compiled(catalogue):
    assert check.catalogue_problems(catalogue) == []


def test_fuzzy_entry_fails(catalogue):
    edit(catalogue, lambda po: po.find("Skip to main content").flags.append("fuzzy"))
    assert check.catalogue_problems(catalogue) == [f"{catalogue}: fuzzy: 'Skip to main content'"]


def test_untranslated_entry_fails(catalogue):
    def empty(po):
        po.find("Skip to main content").msgstr = ""

    edit(catalogue, empty)
    assert check.catalogue_problems(catalogue) == [
        f"{catalogue}: untranslated: 'Skip to main content'"
    ]


def test_stale_compiled_catalogue_fails(catalogue):
    mo = catalogue.with_suffix(".mo")
    older = catalogue.stat().st_mtime - 60
    os.utime(mo, (older, older))
    assert check.catalogue_problems(catalogue) == [
        f"{catalogue}: not compiled (run `make messages`)"
    ]


def test_missing_compiled_catalogue_fails(catalogue):
    catalogue.with_suffix(".mo").unlink()
    assert check.catalogue_problems(catalogue) == [
        f"{catalogue}: not compiled (run `make messages`)"
    ]


def test_entry_missing_from_catalogue_fails(catalogue):
    def remove(po):
        po.remove(po.find("Skip to main content"))

    edit(catalogue, remove)
    # The real catalogue stands in for the freshly extracted one: it has what the code has.
    assert check.compare(catalogue, PO) == [
        f"{catalogue}: missing from catalogue: 'Skip to main content'"
    ]


def test_entry_no_longer_in_the_code_fails(catalogue):
    edit(catalogue, lambda po: po.append(polib.POEntry(msgid="Gone", msgstr="Weg")))
    assert check.compare(catalogue, PO) == [f"{catalogue}: no longer in the code: 'Gone'"]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_string_added_to_the_code_but_not_to_the_catalogue_fails(tmp_path):
    """The whole check on a copy of the project whose template has a string nobody extracted."""
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "media", "*.sqlite3"),
    )
    footer = project / "templates" / "includes" / "site_footer.html"
    footer.write_text(footer.read_text() + '{% load i18n %}{% translate "A brand new string" %}\n')

    problems = check.staleness_problems(project)

    catalogue = project / "locale/nl/LC_MESSAGES/django.po"
    assert f"{catalogue}: missing from catalogue: 'A brand new string'" in problems
