from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from publishing.registry import target_languages
from translations.memory import build_from_history


class Command(BaseCommand):
    help = (
        "Fill the translation memory from every version in the history and today's content "
        "(saves fill it as they happen; run once after a deploy that adds the memory)."
    )

    def handle(self, *args, **options):
        count = build_from_history(target_languages())
        self.stdout.write(_("%(count)d segment pairs remembered.") % {"count": count})
