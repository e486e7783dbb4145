"""Fail when a translation catalogue is incomplete or out of date with the code.

- every entry of every locale/*/LC_MESSAGES/django.po is translated and not fuzzy;
- the catalogue holds exactly the msgids the code has now (needs GNU gettext's xgettext, as
  `make messages` does; skipped with a note when it is missing);
- every .po has its compiled .mo next to it, not older than the .po.

Run by `make lint` and CI. Exit status 1 with one line per problem.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogue_problems(po_path: Path) -> list[str]:
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


def staleness_problems() -> list[str]:
    if not shutil.which("xgettext"):
        print("note: xgettext not found; skipped the up-to-date check (apt-get install gettext)")
        return []
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "node_modules", "*.mo"),
        )
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "--all", "--no-location",
             "--no-obsolete", "--ignore=.venv", "--ignore=staticfiles", "--ignore=tests"],
            cwd=copy, check=True, capture_output=True,
        )  # fmt: skip
        for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
            fresh = copy / po_path.relative_to(ROOT)
            missing = msgids(fresh) - msgids(po_path)
            extra = msgids(po_path) - msgids(fresh)
            problems += [f"{po_path}: missing from catalogue: {m[1]!r}" for m in sorted(missing)]
            problems += [f"{po_path}: no longer in the code: {m[1]!r}" for m in sorted(extra)]
    return problems


def main() -> int:
    problems = []
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        problems += catalogue_problems(po_path)
    problems += staleness_problems()
    for problem in problems:
        print(problem)
    if not problems:
        print("Catalogues complete and up to date.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
