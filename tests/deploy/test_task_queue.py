"""Background work on the database queue: moderator emails and edge purges are queued by the
request and run by `manage.py db_worker`; a failure is retried with backoff and nothing is lost.

The mail server is a real SMTP server (aiosmtpd) on loopback, started and stopped by the test;
the edge is an HTTP server that records PURGE requests."""

import datetime
import io
import logging
import signal
import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY

from api.core import edge as edge_module
from community.models import Comment, CommentStatus
from tests import factories
from tests.community.helpers import post
from tests.edge_server import purge_listener

pytestmark = pytest.mark.django_db

SEND = "community.notifications.send_moderator_email"
PURGE = "api.core.edge.purge_edge"


@pytest.fixture
def queue(settings):
    """Tasks go to the database, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_MAX_ATTEMPTS = 5
    settings.TASK_RETRY_DELAY = 30


def metric(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def run_worker() -> None:
    """One bounded run of the worker, as `manage.py db_worker --batch` does in production:
    every task that is due, then exit. Leaves signal handlers and log levels as it found them."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {sig: signal.getsignal(sig) for sig in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", stdout=io.StringIO()
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def make_due() -> None:
    """Move the retries' backoff into the past (instead of waiting for it)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def results(path: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=path).order_by("enqueued_at"))


# --- Moderator emails ---------------------------------------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server(settings):
    """An SMTP server on a loopback port, down until the test calls ``start()``."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    inbox.start = controller.start
    yield inbox
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


@pytest.fixture
def smtp_connections(monkeypatch):
    """Every connection attempt to an SMTP server, from anywhere in this process."""
    attempts = []
    connect = smtplib.SMTP.connect

    def counting(self, *args, **kwargs):
        attempts.append(args)
        return connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", counting)
    return attempts


def test_a_moderator_email_waits_for_the_mail_server_and_is_delivered_once(
    client,
    queue,
    mail_server,
    smtp_connections,
    moderator,
    caplog,
    django_capture_on_commit_callbacks,
):
    article = factories.article("naloxone-basics")

    # The mail server is down: the reader's comment is stored and answered at once.
    with django_capture_on_commit_callbacks(execute=True):
        payload = post(client, article)
    assert payload["errors"] == [] and payload["status"] == "PENDING"
    comment = Comment.objects.get(pk=payload["comment"]["id"])
    assert comment.status == CommentStatus.PENDING
    assert smtp_connections == []  # the request did not try to send anything
    (queued,) = results(SEND)
    assert queued.status == "READY" and queued.args_kwargs["args"] == [comment.pk]

    # The worker tries, fails, and schedules a retry after the backoff.
    with caplog.at_level(logging.WARNING, logger="cms.tasks"):
        run_worker()
    assert len(smtp_connections) == 1
    first, retry = results(SEND)
    assert first.status == "FAILED" and "ConnectionRefusedError" in first.traceback
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert retry.run_after >= timezone.now() + datetime.timedelta(seconds=25)
    assert "failed (attempt 1 of 5)" in caplog.text and "retrying in 30 s" in caplog.text

    # Not before the backoff: the retry waits, even with the server back.
    mail_server.start()
    run_worker()
    assert len(smtp_connections) == 1 and mail_server.messages == []

    # After the backoff the email is delivered, once.
    make_due()
    run_worker()
    run_worker()
    (message,) = mail_server.messages
    assert message.rcpt_tos == ["mod@example.org"]
    content = message.content.decode()
    assert "Naloxone Basics" in content and "Naloxone saved my brother" in content
    assert f"<comment-{comment.pk}-moderation@" in content  # the same Message-ID every attempt
    assert "sam@example.org" not in content
    assert [result.status for result in results(SEND)] == ["FAILED", "SUCCESSFUL"]


def test_a_task_that_keeps_failing_stops_after_its_attempts_logs_an_error_and_is_kept(
    client, queue, settings, mail_server, moderator, caplog, django_capture_on_commit_callbacks
):
    settings.TASK_MAX_ATTEMPTS = 3
    article = factories.article("naloxone-basics")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)

    with caplog.at_level(logging.WARNING, logger="cms.tasks"):
        for _ in range(5):
            run_worker()
            make_due()

    assert [result.status for result in results(SEND)] == ["FAILED"] * 3
    assert [result.args_kwargs["kwargs"] for result in results(SEND)] == [
        {},
        {"_attempt": 2},
        {"_attempt": 3},
    ]
    messages = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "cms.tasks"]
    assert [level for level, _ in messages] == [logging.WARNING, logging.WARNING, logging.ERROR]
    assert "retrying in 30 s" in messages[0][1]
    assert "retrying in 60 s" in messages[1][1]  # the backoff doubles
    assert "failed for good after 3 attempt(s)" in messages[2][1]


def test_with_the_immediate_backend_a_failed_email_does_not_fail_the_post(
    client, settings, mail_server, moderator, caplog, django_capture_on_commit_callbacks
):
    """Development and tests run tasks at once: a mail outage is logged, the post stands."""
    article = factories.article("naloxone-basics")
    with (
        caplog.at_level(logging.ERROR, logger="cms.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        payload = post(client, article)
    assert payload["status"] == "PENDING" and Comment.objects.count() == 1
    assert "not retried: the ImmediateBackend backend runs tasks at once" in caplog.text


# --- Edge purges --------------------------------------------------------------------------------


@pytest.fixture
def edge(settings):
    with purge_listener(settings) as recorder:
        # URLs an earlier test registered in this process are not this test's to purge.
        edge_module.registry().clear()
        yield recorder


def read_persisted(client, slug: str) -> str:
    """Read an article through a persisted GET (what the edge caches); return its path."""
    import json

    from api import contract

    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    digest = next(d for d, entry in manifest.items() if entry["operationName"] == "ArticleBySlug")
    response = client.get(
        "/graphql/", {"id": digest, "variables": json.dumps({"slug": slug, "locale": "en"})}
    )
    assert response.status_code == 200 and response.json()["data"]["article"], response.content
    return response.wsgi_request.get_full_path()


def test_an_edge_purge_is_sent_when_the_publish_commits(
    client, queue, edge, django_capture_on_commit_callbacks
):
    article = factories.article("naloxone-basics")
    url = read_persisted(client, "naloxone-basics")

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        assert edge.paths() == []  # nothing before the change is committed
    # Purged once the publish commits, before it returns: no reader gets the old response
    # from the edge afterwards. Nothing failed, so nothing is queued.
    assert edge.paths() == ["/purge" + url]
    assert results(PURGE) == []


def test_a_purge_the_edge_refuses_is_retried_by_the_worker(
    client, queue, edge, django_capture_on_commit_callbacks
):
    article = factories.article("naloxone-basics")
    url = read_persisted(client, "naloxone-basics")
    failed_before = metric("cms_edge_purges_total", outcome="failed")
    edge.failing = True
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    # The first attempt failed in the editor's request, which did not wait for more: the
    # purge is queued with what failed.
    assert metric("cms_edge_purges_total", outcome="failed") == failed_before + 1
    (queued,) = results(PURGE)
    assert queued.status == "READY"
    # nginx purges by URL: the URL is retried (a tag purge is for Varnish, tests/deploy).
    assert queued.args_kwargs["args"] == [[f"http://testserver{url}"], []]

    tasks_failed_before = metric("cms_tasks_failed_total", task=PURGE)
    run_worker()
    # Operators see it in /metrics (cms/metrics.py).
    assert metric("cms_edge_purges_total", outcome="failed") == failed_before + 2
    assert metric("cms_tasks_failed_total", task=PURGE) == tasks_failed_before + 1
    first, retry = results(PURGE)
    assert first.status == "FAILED" and retry.status == "READY"
    assert retry.args_kwargs == {
        "args": [[f"http://testserver{url}"], []],
        "kwargs": {"_attempt": 2},
    }

    edge.failing = False
    make_due()
    run_worker()
    assert edge.paths() == ["/purge" + url]
    assert results(PURGE)[-1].status == "SUCCESSFUL"
    assert metric("cms_edge_purges_total", outcome="sent") >= 1
