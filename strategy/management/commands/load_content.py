from django.core.management.base import BaseCommand

from pages.loader import load_pages
from strategy.loader import load_content


class Command(BaseCommand):
    help = (
        "Load the shipped mission, themes and topics (Dutch and English). Safe to run again: "
        "it only creates what is missing and fills empty fields, never overwriting an edit."
    )

    def handle(self, *args, **options):
        report = load_content()
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {report}."))
        # The service pages (accessibility, privacy, contact) follow the same rules.
        created = load_pages()
        self.stdout.write(self.style.SUCCESS(f"Service pages: {created} created."))
