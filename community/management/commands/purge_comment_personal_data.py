"""``manage.py purge_comment_personal_data``: keep readers' personal data only as long as needed.

Run it daily (cron, a systemd timer or the platform's scheduler). It:
- clears the email address, client hash and commenter-key hash of comments older than
  COMMUNITY["PERSONAL_DATA_RETENTION_DAYS"] (default 180; env COMMENT_RETENTION_DAYS), keeping
  the published text and author name (a commenter whose approved comments are all purged is
  no longer trusted: their next comment waits for moderation);
- deletes rejected and spam comments older than COMMUNITY["SPAM_RETENTION_DAYS"] (default 30);
- deletes readers' directory problem reports resolved (fixed or dismissed) longer ago than
  PERSONAL_DATA_RETENTION_DAYS: they hold nothing about the reader, but their free-text note
  might (a fixed report's verification is kept). Open reports wait for an editor.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from community.conf import community_setting
from community.models import Comment, CommentStatus
from snippets.models import DirectoryProblemReport, ProblemReportStatus


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        personal_cutoff = now - datetime.timedelta(
            days=community_setting("PERSONAL_DATA_RETENTION_DAYS")
        )
        spam_cutoff = now - datetime.timedelta(days=community_setting("SPAM_RETENTION_DAYS"))

        with transaction.atomic():
            to_delete = Comment.objects.filter(
                status__in=[CommentStatus.REJECTED, CommentStatus.SPAM], created_at__lt=spam_cutoff
            )
            to_clear = Comment.objects.filter(created_at__lt=personal_cutoff).exclude(
                author_email="", client_hash="", commenter_key_hash=""
            )
            reports = DirectoryProblemReport.objects.exclude(
                status=ProblemReportStatus.OPEN
            ).filter(resolved_at__lt=personal_cutoff)
            if dry_run:
                deleted, cleared = to_delete.count(), to_clear.exclude(pk__in=to_delete).count()
                reports_deleted = reports.count()
            else:
                reports_deleted = reports.delete()[0]
                deleted = to_delete.delete()[1].get(Comment._meta.label, 0)
                cleared = to_clear.update(
                    author_email="",
                    client_hash="",
                    commenter_key_hash="",
                    personal_data_purged_at=now,
                )

        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {deleted} rejected or spam comment(s) older than "
            f"{community_setting('SPAM_RETENTION_DAYS')} days."
        )
        verb = "Would clear" if dry_run else "Cleared"
        self.stdout.write(
            f"{verb} email, client hash and commenter key of {cleared} comment(s) older than "
            f"{community_setting('PERSONAL_DATA_RETENTION_DAYS')} days."
        )
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {reports_deleted} directory problem report(s) resolved more than "
            f"{community_setting('PERSONAL_DATA_RETENTION_DAYS')} days ago."
        )
