"""deploy/varnish.vcl in front of the app: persisted reads are cached by Varnish, and a publish
purges by cache tag exactly the responses built from what changed (api/core/edge.py's
VarnishPurgeBackend, the xkey module), before the publish returns.

Runs Debian's varnishd (apt-get install varnish varnish-modules) on loopback in front of a live
server; skips without it, except under CI, where .ci/run installs it."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from api import contract
from tests import factories

# Serialized rollback, like tests/community/test_concurrency.py: the live server needs committed
# rows, and the migrations' data (languages) must be back for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    if not os.path.exists(VARNISHD):
        if os.environ.get("CI"):
            pytest.fail("varnishd is not installed (apt-get install varnish varnish-modules)")
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "cms.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"'))
    port = free_port()
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "api.core.edge.VarnishPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def read(edge: str, slug: str) -> tuple[str, dict]:
    """The reader's persisted GET of an article, through Varnish: (X-Edge-Cache, article)."""
    manifest = json.loads(contract.MANIFEST_PATH.read_text())
    digest = next(d for d, entry in manifest.items() if entry["operationName"] == "ArticleBySlug")
    query = urllib.parse.urlencode(
        {"id": digest, "variables": json.dumps({"slug": slug, "locale": "en"})}
    )
    with urllib.request.urlopen(f"{edge}/graphql/?{query}", timeout=10) as response:
        return response.headers["X-Edge-Cache"], json.loads(response.read())["data"]["article"]


def test_varnish_caches_reads_and_a_publish_purges_only_what_it_changed(varnish):
    edited = factories.article("naloxone-basics")
    factories.article("test-strips")
    for slug in ("naloxone-basics", "test-strips"):
        assert read(varnish, slug)[0] == "MISS"
        assert read(varnish, slug)[0] == "HIT"

    edited.title = "Naloxone basics, revised"
    edited.save_revision().publish()

    # No stale read after the publish returns: the edited article was purged by its tag...
    state, article = read(varnish, "naloxone-basics")
    assert state == "MISS" and article["title"] == "Naloxone basics, revised"
    # ...and nothing else was.
    assert read(varnish, "test-strips")[0] == "HIT"


def test_only_the_app_may_purge_and_private_reads_are_not_cached(varnish):
    factories.article("naloxone-basics")
    read(varnish, "naloxone-basics")
    # A plain POST query goes through, uncached.
    body = json.dumps({"query": "{ articles { items { title } } }"}).encode()
    request = urllib.request.Request(
        f"{varnish}/graphql/", body, {"Content-Type": "application/json"}
    )
    for _ in range(2):
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["X-Edge-Cache"] == "MISS"
    # A PURGE by tag from loopback (the app) is accepted.
    purge = urllib.request.Request(f"{varnish}/", method="PURGE", headers={"xkey-purge": "all"})
    with urllib.request.urlopen(purge, timeout=10) as response:
        assert response.status == 200
    assert read(varnish, "naloxone-basics")[0] == "MISS"
