"""Periodic jobs and the one process that runs them: ``manage.py run_scheduler``.

A registry of jobs, each with an interval. The scheduler starts every job that is due (never
run, or last started at least its interval ago), then sleeps until the next one is due. A job
is a plain function (run in the scheduler's process) or a django-tasks task (queued for
``db_worker``, which retries it). What each job last did is kept in :class:`cms.models.
ScheduledJob`: a restart does not re-run a daily job, `run_scheduler --once` can be run from
cron or a systemd timer, and a job claimed by one scheduler is not run by a second one.

Jobs registered here: ``publish_scheduled`` (Wagtail's: publishes pages whose go-live time
has passed, unpublishes and marks expired the ones whose expiry time has) every minute, and
``prune_task_results`` (finished task results older than 14 days; failed ones are kept) daily.
Apps register their own in their ``AppConfig.ready()``, e.g. community::

    from cms import scheduler

    scheduler.register("purge_comment_personal_data", every=scheduler.DAY,
                       run=scheduler.command("purge_comment_personal_data"))

This module imports none of the apps.
"""

from __future__ import annotations

import datetime
import io
import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
MAX_SLEEP = 60.0  # seconds: wake at least this often, so a changed clock is noticed


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    run: Callable  # a function, or a django-tasks Task (then enqueued)

    def start(self) -> str:
        if hasattr(self.run, "enqueue"):
            result = self.run.enqueue()
            return f"queued as task {result.id}"
        outcome = self.run()
        return "" if outcome is None else str(outcome)


JOBS: dict[str, Job] = {}


def describe(every: datetime.timedelta) -> str:
    seconds = int(every.total_seconds())
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} s"


def register(name: str, *, every: datetime.timedelta, run: Callable) -> Job:
    """Add (or replace) a periodic job."""
    if every <= datetime.timedelta(0):
        raise ValueError("a job's interval must be positive")
    JOBS[name] = job = Job(name=name, every=every, run=run)
    return job


def command(name: str, *args, **options) -> Callable[[], str]:
    """A job that runs a management command; what it prints goes to the log."""

    def run() -> str:
        out = io.StringIO()
        call_command(name, *args, stdout=out, stderr=out, **options)
        return " ".join(out.getvalue().split())

    run.__name__ = name
    return run


def register_default_jobs() -> None:
    register("publish_scheduled", every=MINUTE, run=command("publish_scheduled"))
    register("prune_task_results", every=DAY, run=prune_task_results)


def prune_task_results() -> str:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return "skipped: tasks are not kept in the database"
    return command("prune_db_task_results", "--queue-name", "*")()


# --- Running ----------------------------------------------------------------------------------


def claim(job: Job, now: datetime.datetime) -> bool:
    """Mark ``job`` started if it is due; False if it is not (or another scheduler has it)."""
    from .models import ScheduledJob

    with transaction.atomic():
        state, _ = ScheduledJob.objects.select_for_update().get_or_create(name=job.name)
        if state.last_started_at is not None and now < state.last_started_at + job.every:
            return False
        state.last_started_at = now
        state.save(update_fields=["last_started_at"])
    return True


def run_job(job: Job) -> bool:
    from .models import ScheduledJob

    logger.info("scheduler: starting %s", job.name)
    try:
        outcome = job.start()
    except Exception as error:
        logger.exception("scheduler: %s failed", job.name)
        ScheduledJob.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_succeeded=False, last_error=repr(error)
        )
        return False
    logger.info("scheduler: %s done%s", job.name, f": {outcome}" if outcome else "")
    ScheduledJob.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_succeeded=True, last_error=""
    )
    return True


def run_due(jobs: list[Job] | None = None, stopping: threading.Event | None = None) -> list[str]:
    """Run every due job once, in registration order; return the names of those run. Stops
    early (before the next job) once ``stopping`` is set."""
    ran = []
    for job in jobs if jobs is not None else list(JOBS.values()):
        if stopping is not None and stopping.is_set():
            break
        close_old_connections()
        if claim(job, timezone.now()):
            run_job(job)
            ran.append(job.name)
    return ran


def seconds_until_next(jobs: list[Job]) -> float:
    from .models import ScheduledJob

    started = dict(
        ScheduledJob.objects.filter(name__in=[job.name for job in jobs]).values_list(
            "name", "last_started_at"
        )
    )
    now = timezone.now()
    waits = [
        (started[job.name] + job.every - now).total_seconds() if started.get(job.name) else 0.0
        for job in jobs
    ]
    return max(0.0, min([*waits, MAX_SLEEP]))


class Scheduler:
    """The loop: run what is due, sleep until the next job is due; SIGTERM or SIGINT stop it
    after the job that is running (if any) has finished."""

    def __init__(self, jobs: list[Job] | None = None):
        self.jobs = jobs
        self.stopping = threading.Event()

    def stop(self, signum=None, frame=None) -> None:
        if signum is not None:
            logger.info("scheduler: %s received, stopping", signal.Signals(signum).name)
        self.stopping.set()

    def run_forever(self) -> None:
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        jobs = self.jobs if self.jobs is not None else list(JOBS.values())
        logger.info(
            "scheduler: running %s", ", ".join(f"{j.name} every {describe(j.every)}" for j in jobs)
        )
        try:
            while not self.stopping.is_set():
                run_due(jobs, self.stopping)
                if self.stopping.is_set():
                    break
                close_old_connections()
                self.stopping.wait(max(1.0, seconds_until_next(jobs)))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            close_old_connections()
        logger.info("scheduler: stopped")
