from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.models import Feedback


class Command(BaseCommand):
    help = (
        "Delete feedback older than the retention period the privacy statement promises "
        "(FEEDBACK_RETENTION_DAYS, two years). Run it daily (cron, a scheduled job)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
        deleted, _by_model = Feedback.objects.filter(created_at__lt=cutoff).delete()
        message = f"Deleted {deleted} feedback answers older than {cutoff:%Y-%m-%d}."
        self.stdout.write(self.style.SUCCESS(message))
