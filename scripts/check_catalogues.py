"""Fail when a translation catalogue is incomplete or out of date with the code.

- every entry of every locale/*/LC_MESSAGES/django.po is translated and not fuzzy;
- the catalogue holds exactly the msgids the code has now (needs GNU gettext's xgettext, as
  `make messages` does; skipped with a note when it is missing);
- every .po has its compiled .mo next to it, not older than the .po.

Run by `make lint` and CI. Exit status 1 with one line per problem. The functions take the
project root as an argument so that tests can run them on a copy (tests/test_catalogues.py).
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# The same options as `make messages`: a catalogue is "up to date" when that target would not
# change its msgids.
MAKEMESSAGES = [
    "makemessages", "--all", "--no-location", "--no-obsolete",
    "--ignore=.venv", "--ignore=staticfiles", "--ignore=tests",
]  # fmt: skip


def catalogues(root: Path) -> list[Path]:
    return sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))


def catalogue_problems(po_path: Path) -> list[str]:
    """Untranslated or fuzzy entries, and a missing or stale compiled .mo."""
    catalogue = polib.pofile(str(po_path))
    problems = [f"{po_path}: fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
    problems += [
        f"{po_path}: untranslated: {e.msgid!r}"
        for e in catalogue.untranslated_entries()
        if not e.obsolete
    ]
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        problems.append(f"{po_path}: not compiled (run `make messages`)")
    return problems


def msgids(po_path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


def compare(po_path: Path, fresh_path: Path) -> list[str]:
    """What differs between the committed catalogue and the one extracted from the code now."""
    missing = msgids(fresh_path) - msgids(po_path)
    extra = msgids(po_path) - msgids(fresh_path)
    problems = [f"{po_path}: missing from catalogue: {m[1]!r}" for m in sorted(missing)]
    problems += [f"{po_path}: no longer in the code: {m[1]!r}" for m in sorted(extra)]
    return problems


def staleness_problems(root: Path = ROOT) -> list[str]:
    """Extract the strings into a throw-away copy of the project and compare the catalogues."""
    if not shutil.which("xgettext"):
        print("note: xgettext not found; skipped the up-to-date check (apt-get install gettext)")
        return []
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(
            root,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv", ".git", "staticfiles", "node_modules", "media", "*.mo", "*.sqlite3"
            ),
        )
        # Our own interpreter and fixed arguments: nothing from outside reaches the command line.
        subprocess.run(
            [sys.executable, "manage.py", *MAKEMESSAGES], cwd=copy, check=True, capture_output=True
        )
        for po_path in catalogues(root):
            problems += compare(po_path, copy / po_path.relative_to(root))
    return problems


def all_problems(root: Path = ROOT) -> list[str]:
    problems = []
    for po_path in catalogues(root):
        problems += catalogue_problems(po_path)
    return problems + staleness_problems(root)


def main() -> int:
    problems = all_problems()
    for problem in problems:
        print(problem)
    if not problems:
        print("Catalogues complete and up to date.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
