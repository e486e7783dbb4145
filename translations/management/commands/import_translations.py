from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.exchange import import_file

from .export_translations import language_option


def report_lines(report, dry_run):
    verb = "would change" if dry_run else "changed"
    yield (
        f"{report.language}: {verb} {len(report.changed)}, "
        f"confirmed {len(report.confirmed)} unchanged, skipped {len(report.skipped)}."
    )
    for change in report.changed:
        yield f"  {change.label} [{change.context}]: {change.old!r} -> {change.new!r}"
    for skipped in report.skipped:
        yield f"  skipped {skipped}"
    for warning in report.warnings:
        yield f"  warning {warning}"


class Command(BaseCommand):
    help = (
        "Read a translated PO or XLIFF (1.2 or 2.0) file back into the content, through the same "
        "write path as the admin: validated, versioned and recorded in each item's history. "
        "All or nothing: any error (unknown item, Dutch changed since the export, markup not "
        "allowed, broken placeholders, a bad, duplicate or reserved slug) and nothing is "
        "applied. Empty and fuzzy entries are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the translated .po or .xlf file")
        parser.add_argument("--language", help="the target language (default: the file's)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change")

    def handle(self, *args, **options):
        language = options["language"] and language_option(options["language"])
        try:
            content = Path(options["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        # No user: a command may change every item, but the import is still validated,
        # versioned and recorded in the history (without a user name).
        report = import_file(content, language=language, dry_run=options["dry_run"], user=None)
        if not report.ok:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {error}" for error in report.errors)
            )
        for line in report_lines(report, options["dry_run"]):
            self.stdout.write(line)
