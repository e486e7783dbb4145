from django.core.management.base import BaseCommand

from publishing.workingcopies import publish_due


class Command(BaseCommand):
    help = (
        "Publish the unpublished changes whose scheduled moment has come. Run it every minute "
        "(cron or a systemd timer, see docs/operations.md); running it more often or twice at "
        "once is safe."
    )

    def handle(self, *args, **options):
        published, refused = publish_due()
        for copy in published:
            self.stdout.write(f"Published the changes to {copy}.")
        for copy, error in refused:
            self.stderr.write(f"Not published: {copy}: {' '.join(error.messages)}")
