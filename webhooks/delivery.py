"""Sending deliveries, on the task queue (never in the editor's request).

Each delivery is one task run per attempt. An attempt succeeds on a 2xx answer within
``WEBHOOK_TIMEOUT`` seconds (5); anything else (refused target, connection error, timeout,
redirect, other status) fails it. A failed attempt is retried on the delivery's own schedule,
``WEBHOOK_RETRY_DELAY`` × 3^(attempt − 1) seconds later (90 s, 4.5 min, 13.5 min, 40.5 min: five
attempts over about an hour with the defaults), up to ``WEBHOOK_MAX_ATTEMPTS``; the retry is a
new task with ``run_after``. A delivery whose attempts are exhausted counts against its
endpoint; ``WEBHOOK_DISABLE_AFTER`` such deliveries in a row (5) make the endpoint inactive and
its managers are told by email. A success resets the count.

With the immediate task backend (development, tests) a delayed retry is impossible: a failed
attempt is final at once, as cms/tasks.py does for its tasks.

``deliver`` is django-tasks' ``@task``, not ``cms.tasks.retrying_task``: a delivery's failures
are answers to record (status, response, next retry on the delivery's row, shown in the
admin's log), not exceptions, and its schedule is its own (``WEBHOOK_*``), not the task
queue's (``TASK_*``). Only an unexpected error (the database gone) fails the task itself; the
delivery then stays pending or retrying in the log, and can be redelivered.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import json
import logging
import socket
import ssl
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from . import signing, targets
from .models import Delivery, Endpoint, setting
from .subscriptions import forget_subscriptions

logger = logging.getLogger(__name__)

EXCERPT = 1000  # characters of the response body kept in the log
MANAGE_PERMISSION = "webhooks.change_endpoint"


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1 for the first)."""
    return datetime.timedelta(seconds=setting("WEBHOOK_RETRY_DELAY") * 3 ** (attempt - 1))


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _connect(addresses: tuple[str, ...], port: int, timeout: float) -> socket.socket:
    """A connection to the first of the checked addresses that answers (as
    ``socket.create_connection`` does with a host name's addresses)."""
    error = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as failure:
            error = failure
    raise error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked addresses, whatever the host name resolves to now."""

    def __init__(self, target: targets.Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.addresses = target.addresses

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS, the certificate checked against the host name."""

    def __init__(self, target: targets.Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self.addresses = target.addresses

    def connect(self):
        sock = _connect(self.addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class DeadlineExceeded(OSError):
    pass


def post(url: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
    """POST ``body`` to ``url``: its status and the start of its body. Raises on a refused
    target or a network failure. Never follows a redirect.

    ``WEBHOOK_TIMEOUT`` bounds the whole exchange, not only each read: a receiver dripping its
    answer a byte at a time is cut off (its socket shut down) when the time is up."""
    timeout = setting("WEBHOOK_TIMEOUT")
    target = targets.resolve(url)
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, timeout=timeout)
    expired = threading.Event()

    def cut_off():
        expired.set()
        if connection.sock is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)

    deadline = threading.Timer(timeout, cut_off)
    deadline.start()
    try:
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={
                **headers,
                "Content-Type": "application/json",
                "User-Agent": "harm-reduction-cms-webhooks/1",
            },
        )
        response = connection.getresponse()
        excerpt = response.read(4 * EXCERPT).decode("utf-8", "replace")[:EXCERPT]
        if expired.is_set():
            raise DeadlineExceeded(f"no complete answer within {timeout:g} s")
        return response.status, excerpt
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set() and not isinstance(error, DeadlineExceeded):
            raise DeadlineExceeded(f"no complete answer within {timeout:g} s") from error
        raise
    finally:
        deadline.cancel()
        connection.close()


@task()
def deliver(delivery_id: int) -> str:
    """One attempt of a delivery (see the module's docstring)."""
    delivery = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in (
        Delivery.Status.PENDING,
        Delivery.Status.RETRYING,
    ):
        return "skipped"
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status, delivery.next_retry_at = Delivery.Status.FAILED, None
        delivery.error = "The endpoint is inactive."
        delivery.save(update_fields=["status", "next_retry_at", "error"])
        return delivery.status

    body = body_of(delivery.payload)
    delivery.attempt += 1
    delivery.last_attempt_at = timezone.now()
    delivery.response_code, delivery.response_excerpt, delivery.error = None, "", ""
    started = time.monotonic()
    try:
        status, excerpt = post(
            endpoint.url,
            signing.headers(endpoint.secret, delivery.message_id, int(time.time()), body),
            body,
        )
    except targets.RefusedTarget as error:
        delivery.error = str(error)[:255]
    except (OSError, http.client.HTTPException) as error:
        delivery.error = f"{type(error).__name__}: {error}"[:255]
    else:
        delivery.response_code, delivery.response_excerpt = status, excerpt
        if not 200 <= status < 300:
            delivery.error = f"HTTP {status}" + (
                " (redirects are not followed)" if 300 <= status < 400 else ""
            )
    delivery.duration_ms = round((time.monotonic() - started) * 1000)

    if not delivery.error:
        delivery.status, delivery.next_retry_at = Delivery.Status.SUCCEEDED, None
        delivery.save()
        Endpoint.objects.filter(pk=endpoint.pk).exclude(consecutive_failures=0).update(
            consecutive_failures=0
        )
        return delivery.status

    backend = deliver.get_backend()
    if delivery.attempt < setting("WEBHOOK_MAX_ATTEMPTS") and backend.supports_defer:
        delivery.status = Delivery.Status.RETRYING
        delivery.next_retry_at = timezone.now() + retry_delay(delivery.attempt)
        delivery.save()
        deliver.using(run_after=delivery.next_retry_at).enqueue(delivery.pk)
        logger.warning(
            "webhook delivery %s to %s failed (attempt %s): %s; retrying at %s",
            delivery.pk,
            endpoint.url,
            delivery.attempt,
            delivery.error,
            delivery.next_retry_at.isoformat(),
        )
        return delivery.status

    delivery.status, delivery.next_retry_at = Delivery.Status.FAILED, None
    delivery.save()
    logger.error(
        "webhook delivery %s to %s failed for good after %s attempt(s): %s",
        delivery.pk,
        endpoint.url,
        delivery.attempt,
        delivery.error,
    )
    endpoint_failed(endpoint)
    return delivery.status


def endpoint_failed(endpoint: Endpoint) -> None:
    """Count a delivery whose attempts are exhausted; disable the endpoint after too many."""
    Endpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    limit = setting("WEBHOOK_DISABLE_AFTER")
    disabled = Endpoint.objects.filter(
        pk=endpoint.pk, active=True, consecutive_failures__gte=limit
    ).update(
        active=False,
        disabled_reason=f"Disabled on {timezone.now():%Y-%m-%d %H:%M} UTC after {limit} "
        "deliveries failed in a row.",
    )
    if disabled:
        forget_subscriptions()
        endpoint.refresh_from_db()
        logger.error("webhook endpoint %s (%s) disabled", endpoint.pk, endpoint.url)
        notify_managers(endpoint)


def managers():
    return (
        get_user_model()
        .objects.with_perm(
            MANAGE_PERMISSION,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def notify_managers(endpoint: Endpoint) -> None:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    edit_url = base + reverse("webhooks_endpoint:edit", args=(endpoint.pk,))
    log_url = base + reverse("webhooks_delivery:index") + f"?endpoint={endpoint.pk}"
    send_mail(
        subject=f"Webhook endpoint “{endpoint.name}” was disabled",
        message=(
            f"{endpoint.disabled_reason}\n\n"
            f"Endpoint: {endpoint.name} ({endpoint.url})\n"
            f"Delivery log: {log_url}\n"
            f"Once the receiver works again, re-activate it: {edit_url}\n"
        ),
        from_email=None,
        recipient_list=[user.email for user in managers()],
    )


def enqueue(delivery_ids: list[int]) -> None:
    """Send these deliveries once the current transaction commits."""

    def send():
        for pk in delivery_ids:
            deliver.enqueue(pk)

    transaction.on_commit(send)
