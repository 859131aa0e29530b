"""The contract's Next.js receiver (frontend_contract/examples/nextjs-revalidate/route.ts) on
real deliveries: it accepts what the CMS signs, revalidates the payload's tags and paths, and
refuses a tampered body, another secret and an old timestamp."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import factories
from tests.contract.node import CONTRACT, require

pytestmark = pytest.mark.django_db

RUNNER = Path(__file__).with_name("run_route.cjs")


def run_route(secret: str, requests: list[dict]) -> list[dict]:
    result = subprocess.run(
        [shutil.which("node"), str(RUNNER), str(CONTRACT)],
        input=json.dumps({"secret": secret, "requests": requests}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_nextjs_example_verifies_deliveries_and_revalidates_their_tags_and_paths(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    require("typescript", purpose="run the Next.js webhook example")
    with django_capture_on_commit_callbacks(execute=True):
        factories.article("naloxone-basics")
    received = next(r for r in receiver.received if r.payload["type"] == "article.published")
    body, headers = received.body.decode(), received.headers
    data = received.payload["data"]

    other_secret = "whsec_" + "A" * 43 + "="
    old = {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 600)}
    tampered = body.replace("naloxone-basics", "naloxone-basicz")
    genuine, *refused = run_route(
        endpoint.secret,
        [
            {"headers": headers, "body": body},
            {"headers": headers, "body": tampered},
            {"headers": old, "body": body},
            {"headers": {**headers, "webhook-signature": "v1,"}, "body": body},
        ],
    )
    assert genuine["status"] == 200
    assert genuine["calls"] == [["tag", tag] for tag in data["tags"]] + [
        ["path", path] for path in data["paths"]
    ]
    assert genuine["body"]["revalidated"] == {"tags": data["tags"], "paths": data["paths"]}
    assert [(r["status"], r["calls"]) for r in refused] == [(401, [])] * 3

    (wrong_secret,) = run_route(other_secret, [{"headers": headers, "body": body}])
    assert wrong_secret["status"] == 401 and wrong_secret["calls"] == []
