"""What the scheduler (cms/scheduler.py) remembers of each periodic job, so a job runs at its
interval across restarts and `run_scheduler --once` from cron, and two schedulers started by
mistake do not both run it."""

from django.db import models


class ScheduledJob(models.Model):
    name = models.CharField(max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.BooleanField(null=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "scheduled job"

    def __str__(self):
        return self.name
