"""Deliveries as a receiver sees them: Standard Webhooks signatures verified by PyPI's
``standardwebhooks`` on a real HTTP server on loopback, payloads valid against the contract's
JSON Schema, sent after the editor's transaction commits, retried on their own schedule."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pages.cache_tags import changed_by
from tests import factories
from tests.deploy.test_task_queue import make_due, run_worker
from webhooks.models import Delivery, Endpoint

from .conftest import valid

pytestmark = pytest.mark.django_db

DELIVER = "webhooks.delivery.deliver"


def publish(slug="naloxone-basics", capture=None):
    with capture(execute=True):
        return factories.article(slug)


def test_a_published_article_reaches_the_receiver_signed_once_the_transaction_commits(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = factories.article("naloxone-basics")
        # Recorded in the editor's transaction, not sent: nothing reached the receiver yet.
        assert receiver.received == []
        (delivery,) = Delivery.objects.filter(event="article.published")
        assert delivery.status == Delivery.Status.PENDING
    for callback in callbacks:
        callback()

    (received,) = [r for r in receiver.received if r.payload["type"] == "article.published"]
    assert received.error == "" and received.path == "/hooks/"
    assert received.headers["webhook-id"] == delivery.message_id
    assert received.headers["webhook-signature"].startswith("v1,")
    assert received.headers["content-type"] == "application/json"
    payload = valid(received.payload)
    assert payload["data"] == {
        "objectType": "ArticlePage",
        "id": str(page.pk),
        "locale": "en",
        "paths": ["/articles/naloxone-basics/"],
        "tags": sorted(changed_by(page)),
    }
    assert f"page:{page.pk}" in payload["data"]["tags"]
    assert "list:page:en" in payload["data"]["tags"]

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt == 1
    assert delivery.response_code == 200 and '"ok": true' in delivery.response_excerpt
    assert delivery.duration_ms is not None and delivery.next_retry_at is None


def test_a_tampered_body_or_another_secret_does_not_verify(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    """The receiver's check is a real one: the signature covers id, timestamp and body."""
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    publish(capture=django_capture_on_commit_callbacks)
    received = receiver.received[-1]
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(
            received.body.replace(b"ArticlePage", b"HomePage"), received.headers
        )
    other = Endpoint(name="x", url=receiver.url).secret
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(received.body, received.headers)


def test_a_failed_delivery_is_retried_on_its_own_backoff_until_it_succeeds(
    queue, endpoint, receiver, django_capture_on_commit_callbacks, caplog
):
    endpoint.events = ["article.published"]
    endpoint.save()
    receiver.answers = [503, 500]

    publish(capture=django_capture_on_commit_callbacks)
    # Committed: queued for the worker, nothing sent by the editor's request.
    assert receiver.received == []
    (queued,) = DBTaskResult.objects.filter(task_path=DELIVER)
    assert queued.status == "READY" and queued.args_kwargs["args"] == [Delivery.objects.get().pk]
    with caplog.at_level(logging.WARNING, logger="webhooks.delivery"):
        run_worker()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING and delivery.attempt == 1
    assert delivery.response_code == 503 and delivery.error == "HTTP 503"
    expected = timezone.now() + datetime.timedelta(seconds=90)
    assert abs(delivery.next_retry_at - expected) < datetime.timedelta(seconds=5)
    (retry,) = DBTaskResult.objects.filter(task_path=DELIVER, status="READY")
    assert retry.run_after == delivery.next_retry_at
    assert "retrying at" in caplog.text

    run_worker()  # not due yet
    assert len(receiver.received) == 1

    make_due()
    run_worker()
    delivery.refresh_from_db()
    assert delivery.attempt == 2 and delivery.status == Delivery.Status.RETRYING
    # The backoff triples: 90 s, then 270 s.
    expected = timezone.now() + datetime.timedelta(seconds=270)
    assert abs(delivery.next_retry_at - expected) < datetime.timedelta(seconds=5)

    make_due()
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt == 3
    assert delivery.next_retry_at is None and delivery.error == ""
    # The same message each time: one webhook-id, each attempt signed afresh.
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert all(r.error == "" for r in receiver.received)
    assert DBTaskResult.objects.filter(task_path=DELIVER, status="READY").count() == 0


def test_attempts_stop_after_the_limit_and_the_failure_is_counted(
    queue, settings, endpoint, receiver, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    endpoint.events = ["article.published"]
    endpoint.save()
    receiver.answers = [500] * 10

    publish(capture=django_capture_on_commit_callbacks)
    for _ in range(5):
        run_worker()
        make_due()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempt == 3
    assert delivery.next_retry_at is None and len(receiver.received) == 3
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1 and endpoint.active


def test_an_endpoint_failing_too_often_is_disabled_and_its_managers_told(
    settings, endpoint, receiver, django_user_model, django_capture_on_commit_callbacks
):
    """With the immediate backend a failed attempt is final; WEBHOOK_DISABLE_AFTER exhausted
    deliveries in a row disable the endpoint, and a success in between resets the count."""
    from django.contrib.auth.models import Permission

    settings.WEBHOOK_DISABLE_AFTER = 2
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    manager = django_user_model.objects.create_user("ops", "ops@example.org", "pw")
    manager.user_permissions.add(Permission.objects.get(codename="change_endpoint"))
    django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    endpoint.events = ["article.published"]
    endpoint.save()

    receiver.answers = [500, 200, 500]
    for slug in ("one", "two", "three"):
        publish(slug, capture=django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 1  # the success reset it
    assert mail.outbox == []

    receiver.answers = [502]
    publish("four", capture=django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.consecutive_failures == 2
    assert "after 2 deliveries failed in a row" in endpoint.disabled_reason
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([admin.email, manager.email])
    assert "Website" in message.subject and endpoint.url in message.body

    # Disabled: nothing more is sent.
    publish("five", capture=django_capture_on_commit_callbacks)
    assert len(receiver.received) == 4


def test_a_redirect_is_not_followed(endpoint, receiver, django_capture_on_commit_callbacks):
    endpoint.events = ["article.published"]
    endpoint.save()
    receiver.answers = [307]
    publish(capture=django_capture_on_commit_callbacks)
    assert [r.path for r in receiver.received] == ["/hooks/"]  # not /hooks/elsewhere
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.response_code == 307
    assert "redirects are not followed" in delivery.error


def test_a_receiver_that_is_down_fails_the_attempt(
    settings, db, loopback, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    Endpoint.objects.create(
        name="Down", url=f"http://127.0.0.1:{port}/", events=["article.published"]
    )
    publish(capture=django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.error.startswith("ConnectionRefusedError") and delivery.response_code is None


def test_the_log_is_pruned_daily_keeping_recent_and_unfinished_deliveries(
    endpoint, settings, monkeypatch
):
    from django.core.management import call_command

    from cms import scheduler

    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)  # see tests/deploy

    settings.WEBHOOK_LOG_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    recent = timezone.now() - datetime.timedelta(days=29)
    rows = {
        (status, when): Delivery.objects.create(
            endpoint=endpoint,
            message_id=f"msg_{status}_{when:%d}",
            event="author.saved",
            payload={},
            status=status,
            created_at=when,
        )
        for status in Delivery.Status.values
        for when in (old, recent)
    }
    out = io.StringIO()
    call_command("run_scheduler", "--job", "prune_webhook_deliveries", "--once", stdout=out)
    assert "prune_webhook_deliveries" in out.getvalue()
    kept = {(d.status, d.created_at) for d in Delivery.objects.all()}
    assert kept == set(rows) - {
        (Delivery.Status.SUCCEEDED, old),
        (Delivery.Status.FAILED, old),
    }


def test_a_host_name_is_resolved_once_and_sent_as_the_host_header(
    endpoint, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    """The request connects to an address that was checked (trying each, as a client does
    with a name's addresses), and names the host in ``Host`` (and TLS's SNI)."""
    import socket

    port = int(receiver.url.split(":")[2].split("/")[0])
    endpoint.url = f"http://receiver.test:{port}/hooks/"
    endpoint.events = ["article.published"]
    endpoint.save()
    lookups = []
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host in ("::1", "127.0.0.1"):  # an address literal: no lookup
            return real_getaddrinfo(host, *args, **kwargs)
        lookups.append(host)
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    publish(capture=django_capture_on_commit_callbacks)
    (received,) = receiver.received
    assert received.error == "" and received.headers["host"] == f"receiver.test:{port}"
    assert lookups == ["receiver.test"]  # one lookup: the one that was checked
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED


def test_a_receiver_dripping_its_answer_is_cut_off_at_the_timeout(
    settings, db, loopback, django_capture_on_commit_callbacks
):
    """The timeout bounds the whole exchange: a byte every 0.2 s never trips a per-read timeout
    of 1 s, but the delivery gives up after 1 s all the same."""
    import socket
    import threading
    import time

    settings.WEBHOOK_TIMEOUT = 1
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip():
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    Endpoint.objects.create(
        name="Slow", url=f"http://127.0.0.1:{port}/", events=["article.published"]
    )
    try:
        publish(capture=django_capture_on_commit_callbacks)
    finally:
        stop.set()
        listener.close()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.error == "DeadlineExceeded: no complete answer within 1 s"
    assert 900 <= delivery.duration_ms < 2500
