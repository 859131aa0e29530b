"""Django serves the reference reader (frontend_contract/reader/) at / in development and tests,
and never in production, where a static host serves it."""

import json
import re
from pathlib import Path

import pytest

from tests.test_settings import SETUP, SINGLE_PROCESS, good_key, run_python

CONTRACT = Path(__file__).resolve().parent.parent / "frontend_contract"
READER = CONTRACT / "reader"

WHAT_SERVES_ROOT = (
    SETUP + "; from django.urls import resolve; from django.conf import settings; "
    "print(settings.SERVE_READER, resolve('/').func.__name__)"
)


def test_the_reader_is_served_at_the_root(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<base href="/reader/">' in html  # its files are under /reader/
    assert '<meta name="graphql-endpoint" content="/graphql/">' in html
    # The admin's Frontend preview frames it, from the same origin.
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db  # Wagtail's redirect middleware looks up the refused path
def test_the_reader_files_and_the_manifest_beside_them(client):
    script = client.get("/reader/app.js")
    assert script.status_code == 200
    assert "javascript" in script["Content-Type"]

    manifest = client.get("/reader/persisted-operations.json")
    assert manifest.status_code == 200
    body = b"".join(manifest.streaming_content)
    assert json.loads(body) == json.loads((CONTRACT / "persisted-operations.json").read_text())

    assert client.get("/reader/missing.js").status_code == 404
    client.raise_request_exception = False
    assert client.get("/reader/../manage.py").status_code == 400  # nothing outside the folder


def test_the_service_worker_may_control_the_reader_at_the_root(client):
    response = client.get("/reader/sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/"
    assert "javascript" in response["Content-Type"]
    assert "Service-Worker-Allowed" not in client.get("/reader/app.js")


def test_the_reader_uses_only_operations_of_the_manifest():
    manifest = json.loads((CONTRACT / "persisted-operations.json").read_text())
    kinds = {entry["operationName"]: entry["type"] for entry in manifest.values()}
    used = {
        (match[1], match[0])
        for path in READER.glob("*.js")
        for match in re.findall(r'\b(query|mutate)\("(\w+)"', path.read_text())
    }

    assert {name for name, _ in used} >= {"ArticleBySlug", "PostComment", "SubmitQuiz"}
    for name, call in used:
        assert name in kinds, f"the reader calls {name}, which is not a persisted operation"
        assert kinds[name] == {"query": "query", "mutate": "mutation"}[call], name


@pytest.mark.django_db
def test_wagtail_still_serves_pages_at_every_other_path(client, demo):
    assert client.get(demo.url).status_code == 200


@pytest.mark.parametrize(
    ("module", "env", "expected"),
    [
        ("cms.settings.dev", {}, "True reader_index"),
        ("cms.settings.dev", {"SERVE_READER": "0"}, "False serve"),
        ("cms.settings.production", {"SECRET_KEY": good_key(), **SINGLE_PROCESS}, "False serve"),
    ],
)
def test_only_development_serves_the_reader_unless_told(module, env, expected):
    result = run_python(WHAT_SERVES_ROOT, module, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
