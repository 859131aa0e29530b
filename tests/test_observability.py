"""What an operator watches: /metrics for the bearer of METRICS_TOKEN only, JSON log lines
carrying the request id, and the request id answered on every response."""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from cms.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-metrics-token-for-tests"
REACT = """mutation ($id: ID!) { react(articleId: $id, kind: HELPFUL) { errors { code } } }"""


def test_metrics_are_not_served_without_a_token_setting(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_need_the_bearer_token(client, settings, header):
    settings.METRICS_TOKEN = TOKEN
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"cms_" not in response.content


def test_metrics_count_rate_limit_refusals_and_the_task_queue(client, settings):
    from tests import factories

    settings.METRICS_TOKEN = TOKEN
    settings.COMMUNITY = {**settings.COMMUNITY, "REACTIONS_PER_HOUR": 1}
    article = factories.article("metrics-article")

    def refusals() -> float:
        text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
        for line in text.splitlines():
            if line.startswith('cms_rate_limit_refusals_total{scope="reaction-hour"}'):
                return float(line.split()[-1])
        return 0.0

    before = refusals()
    for _ in range(3):
        client.post(
            "/graphql/",
            json.dumps({"query": REACT, "variables": {"id": str(article.pk)}}),
            content_type="application/json",
        )
    assert refusals() == before + 2
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert "cms_task_queue_depth" in response.content.decode()


def test_every_response_carries_a_request_id_and_its_log_lines_too(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page-here/", HTTP_X_REQUEST_ID="trace-1234abcd")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "trace-1234abcd"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines and all(line["request_id"] == "trace-1234abcd" for line in lines)
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    # A header that is not a short token is replaced: it cannot inject text into the logs.
    forged = client.get("/healthz/", HTTP_X_REQUEST_ID='x" injected\nline')
    assert forged["X-Request-ID"] != 'x" injected\nline' and len(forged["X-Request-ID"]) == 32


def test_production_logs_json_lines_by_default():
    root = Path(__file__).resolve().parents[1]
    code = (
        "import logging, django; django.setup(); "
        "logging.getLogger('cms.check').warning('hello %s', 'operator')"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 20 + "production-secret-key-for-the-log-test-0123456789",
        "SINGLE_PROCESS": "true",
        "ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello operator" and line["level"] == "WARNING"
    assert line["request_id"] is None


def test_graphql_requests_are_counted_by_contract_operation_and_outcome(client, demo):
    from prometheus_client import REGISTRY

    from api import contract

    def sample(name, **labels):
        return REGISTRY.get_sample_value(name, labels) or 0.0

    locales = next(op for op in contract.load_operations() if op.name == "Locales")
    url = f"/graphql/?id={locales.sha256}"
    before = {
        "ok": sample("cms_graphql_requests_total", operation="Locales", outcome="ok"),
        "hit": sample("cms_response_cache_total", result="hit"),
        "other": sample("cms_graphql_requests_total", operation="other", outcome="refused"),
        "timed": sample("cms_graphql_request_seconds_count", operation="Locales"),
    }
    assert client.get(url).status_code == 200  # a miss, stored
    assert client.get(url).status_code == 200  # a hit on the thin path
    # The same document as text counts as the operation; any other document, and any
    # operation name a client makes up, as "other" (labels cannot grow with what clients send).
    client.post(
        "/graphql/",
        json.dumps({"query": locales.text}),
        content_type="application/json",
    )
    client.get("/graphql/", {"query": "{ nosuchfield }", "operationName": "Made-Up-Name"})
    assert sample("cms_graphql_requests_total", operation="Locales", outcome="ok") == (
        before["ok"] + 3
    )
    assert sample("cms_response_cache_total", result="hit") == before["hit"] + 1
    assert sample("cms_graphql_request_seconds_count", operation="Locales") == before["timed"] + 3
    refused = sample("cms_graphql_requests_total", operation="other", outcome="refused")
    assert refused == before["other"] + 1
    assert (
        REGISTRY.get_sample_value(
            "cms_graphql_requests_total", {"operation": "Made-Up-Name", "outcome": "refused"}
        )
        is None
    )
