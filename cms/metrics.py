"""Prometheus metrics at ``/metrics``, for operators.

Not public: ``/metrics`` answers 404 unless ``METRICS_TOKEN`` is set, and then only to a
request carrying ``Authorization: Bearer <METRICS_TOKEN>`` (401 otherwise). Point the scraper
at each app node with that header.

What is measured (every label takes a bounded set of values, so no client can grow them):

- ``cms_graphql_requests_total{operation, outcome}`` and ``cms_graphql_request_seconds``
  (histogram, by ``operation``): ``operation`` is the contract operation's name when the
  document is one of frontend_contract/'s (persisted or sent as text), else ``other``;
  ``outcome`` is ``ok``, ``error`` (GraphQL errors in the answer), ``refused`` (not
  executed: a 4xx, or a GraphQL request error) or ``failed`` (5xx);
- ``cms_response_cache_total{result}``: response-cache ``hit`` / ``miss`` / ``stored``;
- ``cms_edge_purges_total{outcome}``: purge requests ``sent`` to the edge, or ``failed``;
- ``cms_rate_limit_refusals_total{scope}``: refusals by the comment, reaction and quiz limits;
- ``cms_tasks_failed_total{task}`` and ``cms_task_queue_depth`` (tasks waiting, read from the
  task database when scraped).

Several worker processes (gunicorn): set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory
writable by them (deploy/gunicorn.conf.py does), so that each scrape adds up every process's
counts (prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import hmac
import logging
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

GRAPHQL_REQUESTS = Counter(
    "cms_graphql_requests",
    "GraphQL requests by contract operation (or other) and outcome.",
    ["operation", "outcome"],
)
GRAPHQL_SECONDS = Histogram(
    "cms_graphql_request_seconds",
    "Time to answer a GraphQL request, by contract operation (or other).",
    ["operation"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RESPONSE_CACHE = Counter(
    "cms_response_cache", "Response-cache lookups and stores, by result.", ["result"]
)
EDGE_PURGES = Counter("cms_edge_purges", "Purge requests to the edge cache.", ["outcome"])
RATE_LIMIT_REFUSALS = Counter(
    "cms_rate_limit_refusals", "Attempts refused by a rate limit, by limit.", ["scope"]
)
TASKS_FAILED = Counter("cms_tasks_failed", "Background task attempts that failed.", ["task"])


QUEUE_DEPTH = "cms_task_queue_depth"
QUEUE_DEPTH_HELP = "Background tasks waiting to run."


class TaskQueueCollector:
    """``cms_task_queue_depth``: tasks waiting to run, counted when scraped (one query)."""

    def describe(self):
        # What registering it reads, instead of a collect() (a query) at import time.
        return [GaugeMetricFamily(QUEUE_DEPTH, QUEUE_DEPTH_HELP)]

    def collect(self):
        depth = GaugeMetricFamily(QUEUE_DEPTH, QUEUE_DEPTH_HELP)
        try:
            depth.add_metric([], float(queued_tasks()))
        except Exception:
            logger.exception("metrics: could not count the queued tasks")
            return
        yield depth


def queued_tasks() -> int:
    """Tasks in the database queue (django-tasks-db) waiting to run; with the immediate
    backend (development) nothing ever waits there."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


REGISTRY.register(TaskQueueCollector())


def registry() -> CollectorRegistry:
    """What a scrape reads: every process's counts in multiprocess mode, else this one's."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    scrape = CollectorRegistry()
    multiprocess.MultiProcessCollector(scrape)
    scrape.register(TaskQueueCollector())
    return scrape


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = getattr(settings, "METRICS_TOKEN", "")
    if not token:
        raise Http404
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        response = HttpResponse("A bearer token is needed.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
