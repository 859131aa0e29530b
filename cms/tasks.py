"""Background tasks that retry: :func:`retrying_task` is django-tasks' ``@task`` plus retries
with exponential backoff, which django-tasks does not have.

A task that raises is recorded as failed (django-tasks keeps its traceback in the task
results) and, unless it was the last attempt, queued again as a new task with ``run_after`` =
now + ``TASK_RETRY_DELAY`` × 2^(attempt − 1) (capped at ``MAX_RETRY_DELAY``) and the attempt
number in its ``_attempt`` keyword. Each failure is logged at WARNING; the last one
(``TASK_MAX_ATTEMPTS``, default 10: about three hours of retries) at ERROR. So nothing is lost
while the database keeps the queue: every attempt, failed or not, is a row of
``django_tasks_db``'s results.

A task can raise :class:`RetryWith` to retry with other arguments (e.g. only the part that
failed), so a retry does not repeat what already succeeded.

With the immediate backend (development, tests) a task runs in the caller's process, where a
delayed retry is impossible: a failure is logged and not retried, and never reaches the
caller (django-tasks records it in the result).
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .metrics import TASKS_FAILED

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = 3600  # seconds: backoff stops doubling at an hour
ATTEMPT = "_attempt"


class RetryWith(Exception):
    """Raised by a task that failed in part: retry it with these arguments."""

    def __init__(self, message: str, *args, **kwargs):
        super().__init__(message)
        self.args_for_retry = args
        self.kwargs_for_retry = kwargs


def max_attempts() -> int:
    return max(1, getattr(settings, "TASK_MAX_ATTEMPTS", 10))


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1 for the first)."""
    base = getattr(settings, "TASK_RETRY_DELAY", 30)
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), MAX_RETRY_DELAY))


def retrying_task(**task_options) -> Callable:
    """``@retrying_task()`` instead of django-tasks' ``@task()``: same options, plus retries."""

    def decorate(func: Callable):
        @functools.wraps(func)
        def run(*args, _attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                if isinstance(error, RetryWith):
                    args, kwargs = error.args_for_retry, error.kwargs_for_retry
                schedule_retry(queued, args, kwargs, _attempt, error)
                raise

        queued = task(**task_options)(run)
        return queued

    return decorate


def schedule_retry(queued, args, kwargs, attempt: int, error: Exception) -> None:
    name = queued.module_path
    TASKS_FAILED.labels(name).inc()
    if attempt >= max_attempts():
        logger.error(
            "task %s failed for good after %s attempt(s): %s (kept in the task results)",
            name,
            attempt,
            error,
        )
        return
    if not queued.get_backend().supports_defer:
        logger.error(
            "task %s failed: %s (not retried: the %s backend runs tasks at once)",
            name,
            error,
            type(queued.get_backend()).__name__,
        )
        return
    delay = retry_delay(attempt)
    queued.using(run_after=timezone.now() + delay).enqueue(
        *args, **{**kwargs, ATTEMPT: attempt + 1}
    )
    logger.warning(
        "task %s failed (attempt %s of %s): %s; retrying in %s s",
        name,
        attempt,
        max_attempts(),
        error,
        int(delay.total_seconds()),
    )
