import sys

from django.core.management.base import BaseCommand, CommandError

from publishing.registry import target_languages
from translations.exchange import all_content, export_po


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
        "as a PO file for a translation tool. Outdated entries are marked fuzzy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help="the .po file to write; - for stdout"
        )
        parser.add_argument("--language", help="the target language (default: the only one)")
        parser.add_argument("--all", action="store_true", help="also what is up to date")
        # Only PO for now: XLIFF 2.0 needs a maintained writer and validator (docs/translators.md).
        parser.add_argument("--format", choices=["po"], default="po")

    def handle(self, *args, **options):
        language = language_option(options["language"])
        # No user: a command may export everything (and import it back, see import_translations).
        po = export_po(all_content(), language, everything=options["all"])
        if options["output"] == "-":
            sys.stdout.write(str(po))
        else:
            po.save(options["output"])
            self.stdout.write(f"Wrote {len(po)} entries for {language} to {options['output']}.")
