from django.core.management.base import BaseCommand

from strategy.loader import load_content


class Command(BaseCommand):
    help = (
        "Load the shipped mission, themes and topics (Dutch and English). Safe to run again: "
        "it only creates what is missing and fills empty fields, never overwriting an edit."
    )

    def handle(self, *args, **options):
        report = load_content()
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {report}."))
