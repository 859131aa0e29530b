"""`manage.py run_scheduler`: periodic jobs run by one process, without anyone acting.

`--once` is one tick of the loop (what cron or a systemd timer would run); the loop itself is
the same ticks, stopped by SIGTERM."""

import datetime
import io
import logging
import os
import signal

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from cms import scheduler
from cms.models import ScheduledJob
from pages.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLE = "query A($slug: String!) { article(slug: $slug) { title } }"


def tick(*args) -> str:
    out = io.StringIO()
    call_command("run_scheduler", "--once", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def extra_jobs():
    """Jobs a test registers, removed afterwards."""
    before = dict(scheduler.JOBS)
    yield
    scheduler.JOBS.clear()
    scheduler.JOBS.update(before)


def test_a_page_whose_go_live_time_has_passed_goes_live_within_one_tick(gql):
    start = timezone.now()
    page = factories.article("naloxone-basics", publish=False)
    page.go_live_at = start + datetime.timedelta(minutes=30)
    page.save_revision().publish()  # scheduled by an editor: not live yet
    page.refresh_from_db()
    assert not page.live
    assert gql(ARTICLE, {"slug": "naloxone-basics"})["data"]["article"] is None

    with freeze_time(start + datetime.timedelta(minutes=31)):
        assert "publish_scheduled" in tick()
        page.refresh_from_db()
        assert page.live and not page.expired
        # Read at the same moment: the API compares go_live_at with the clock as well.
        assert gql(ARTICLE, {"slug": "naloxone-basics"})["data"]["article"] == {
            "title": "Naloxone Basics"
        }


def test_an_expired_page_is_unpublished_and_marked_expired_within_one_tick(gql):
    page = factories.article("old-news")
    ArticlePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    tick()

    page.refresh_from_db()
    assert page.expired and not page.live


def test_a_job_runs_again_only_when_its_interval_has_passed():
    start = timezone.now()
    with freeze_time(start):
        first = tick()
    assert "publish_scheduled" in first and "purge_comment_personal_data" in first
    with freeze_time(start + datetime.timedelta(seconds=30)):
        assert tick() == "Ran 0 due job(s): none.\n"
    with freeze_time(start + datetime.timedelta(seconds=61)):
        assert tick() == "Ran 1 due job(s): publish_scheduled.\n"
    with freeze_time(start + datetime.timedelta(days=1, seconds=1)):
        assert "purge_comment_personal_data" in tick()
    assert ScheduledJob.objects.get(name="publish_scheduled").last_succeeded is True


def test_a_failing_job_is_logged_and_does_not_stop_the_others(extra_jobs, caplog):
    ran = []

    def broken():
        raise RuntimeError("the disk is full")

    scheduler.register("broken", every=scheduler.MINUTE, run=broken)
    scheduler.register("after", every=scheduler.MINUTE, run=lambda: ran.append("after"))

    with caplog.at_level(logging.INFO, logger="cms.scheduler"):
        tick("--job", "broken", "--job", "after")

    assert ran == ["after"]
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.getMessage() == "scheduler: broken failed" and failure.exc_info
    state = ScheduledJob.objects.get(name="broken")
    assert state.last_succeeded is False and "the disk is full" in state.last_error


def test_a_job_that_is_a_task_is_queued(extra_jobs, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from community.notifications import send_moderator_email

    scheduler.register("queued", every=scheduler.HOUR, run=send_moderator_email)
    tick("--job", "queued")
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "community.notifications.send_moderator_email"


def test_the_loop_stops_cleanly_on_sigterm(extra_jobs, caplog):
    """SIGTERM while a job runs: the job finishes, no other starts, the command returns."""
    ran = []

    def terminated_meanwhile():
        os.kill(os.getpid(), signal.SIGTERM)  # as systemd or honcho would, mid-job
        ran.append("first")

    scheduler.register("first", every=scheduler.MINUTE, run=terminated_meanwhile)
    scheduler.register("second", every=scheduler.MINUTE, run=lambda: ran.append("second"))
    handler = signal.getsignal(signal.SIGTERM)

    with caplog.at_level(logging.INFO, logger="cms.scheduler"):
        call_command("run_scheduler", "--job", "first", "--job", "second")

    assert ran == ["first"]
    assert "SIGTERM received, stopping" in caplog.text and "scheduler: stopped" in caplog.text
    assert signal.getsignal(signal.SIGTERM) is handler


def test_list_shows_every_registered_job():
    out = io.StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert "publish_scheduled: every 1 minute, last started never" in lines
    assert "purge_comment_personal_data: every 1 day, last started never" in lines
