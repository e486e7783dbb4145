import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publishing.registry import target_languages
from translations.exchange import PO, XLIFF_12, XLIFF_20, all_content, export_file


def language_option(language):
    """The target language: the one asked for, or the only one there is."""
    targets = target_languages()
    if language is None:
        if len(targets) != 1:
            raise CommandError(f"Say which language with --language ({', '.join(targets)}).")
        return targets[0]
    if language not in targets:
        raise CommandError(
            f"{language!r} is not a language this site translates into ({', '.join(targets)})."
        )
    return language


class Command(BaseCommand):
    help = (
        "Write the content that needs translating (missing or outdated; --all for everything) "
        "as a PO or XLIFF (1.2 or 2.0) file for a translation tool. Outdated entries are marked "
        "fuzzy (PO) or as needing review (XLIFF); a rich text is one entry per paragraph."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the file to write; - for stdout")
        parser.add_argument("--language", help="the target language (default: the only one)")
        parser.add_argument("--all", action="store_true", help="also what is up to date")
        parser.add_argument("--format", choices=[PO, XLIFF_12, XLIFF_20], default=PO)

    def handle(self, *args, **options):
        language = language_option(options["language"])
        # No user: a command may export everything (and import it back, see import_translations).
        content = export_file(
            all_content(), language, everything=options["all"], kind=options["format"]
        )
        if options["output"] == "-":
            sys.stdout.write(content)
            return
        try:
            Path(options["output"]).write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error}") from None
        self.stdout.write(
            f"Wrote the {options['format']} file for {language} to {options['output']}."
        )
