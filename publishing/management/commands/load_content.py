from django.core.management.base import BaseCommand

from publishing.registry import loaders


class Command(BaseCommand):
    help = (
        "Load the shipped content of every app (mission, themes, topics, service pages; Dutch "
        "and English). Safe to run again: it only creates what is missing and fills empty "
        "fields, never overwriting an edit."
    )

    def handle(self, *args, **options):
        for load in loaders():
            report = load()
            self.stdout.write(self.style.SUCCESS(f"{report}."))
