"""manage.py purge_comment_personal_data: personal data kept only as long as needed."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.models import Comment, CommentStatus
from tests import factories

pytestmark = pytest.mark.django_db


def comment(article, body, status, days_ago):
    return Comment.objects.create(
        article=article,
        author_name="Reader",
        author_email=f"{body}@example.org",
        client_hash="a" * 64,
        commenter_key_hash="b" * 64,
        body=body,
        status=status,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def comments(db):
    article = factories.article("old-article")
    return {
        "old_approved": comment(article, "oldapproved", CommentStatus.APPROVED, 200),
        "recent_approved": comment(article, "recentapproved", CommentStatus.APPROVED, 10),
        "old_pending": comment(article, "oldpending", CommentStatus.PENDING, 190),
        "old_spam": comment(article, "oldspam", CommentStatus.SPAM, 31),
        "old_rejected": comment(article, "oldrejected", CommentStatus.REJECTED, 45),
        "recent_spam": comment(article, "recentspam", CommentStatus.SPAM, 5),
    }


def run(*args) -> str:
    out = StringIO()
    call_command("purge_comment_personal_data", *args, stdout=out)
    return out.getvalue()


def test_purge_clears_old_personal_data_and_deletes_old_spam(comments):
    output = run()

    assert "Deleted 2 rejected or spam comment(s)" in output
    assert "Cleared email, client hash and commenter key of 2 comment(s)" in output
    remaining = {c.body: c for c in Comment.objects.all()}
    assert set(remaining) == {"oldapproved", "recentapproved", "oldpending", "recentspam"}
    old = remaining["oldapproved"]
    assert (old.author_email, old.client_hash, old.commenter_key_hash) == ("", "", "")
    assert old.body == "oldapproved" and old.author_name == "Reader"
    assert old.personal_data_purged_at is not None
    assert remaining["recentapproved"].author_email == "recentapproved@example.org"
    assert remaining["recentspam"].client_hash == "a" * 64
    assert remaining["recentapproved"].commenter_key_hash == "b" * 64

    assert "Deleted 0" in run() and "of 0 comment(s)" in run()


def test_dry_run_changes_nothing(comments):
    output = run("--dry-run")
    assert "Would delete 2" in output
    assert "Would clear email, client hash and commenter key of 2" in output
    assert Comment.objects.count() == 6
    assert not Comment.objects.filter(author_email="").exists()


def test_retention_is_configurable(comments, settings):
    settings.COMMUNITY = {**settings.COMMUNITY, "PERSONAL_DATA_RETENTION_DAYS": 7}
    assert "of 3 comment(s) older than 7 days" in run()
