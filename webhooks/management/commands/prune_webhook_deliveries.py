"""``manage.py prune_webhook_deliveries``: delete logged webhook deliveries older than
``WEBHOOK_LOG_DAYS`` (default 30) whose sending is over (delivered or failed; pending and
retrying ones are kept). The scheduler runs it daily (webhooks/apps.py)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from webhooks.models import Delivery, setting


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=setting("WEBHOOK_LOG_DAYS"))
        deleted, _ = Delivery.objects.filter(
            created_at__lt=cutoff,
            status__in=[Delivery.Status.SUCCEEDED, Delivery.Status.FAILED],
        ).delete()
        self.stdout.write(f"Deleted {deleted} webhook deliveries older than {cutoff:%Y-%m-%d}.")
