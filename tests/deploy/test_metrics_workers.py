"""/metrics adds up every gunicorn worker (prometheus-client's multiprocess mode, set up by
deploy/gunicorn.conf.py with PROMETHEUS_MULTIPROC_DIR): a real gunicorn with two workers on
loopback, the development settings on a throwaway SQLite file. It starts a server, so it runs
once, in the SQLite round of CI."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.test_static import free_port, wait_for
from tests.test_settings import PROJECT_ROOT

TOKEN = "metrics-token-for-the-workers-test"
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs once, in the SQLite round"
)


def test_metrics_add_up_every_worker(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=PROJECT_ROOT, env=env, check=True)
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "-c", "deploy/gunicorn.conf.py"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz/")
        for _ in range(40):  # spread over both workers by the kernel
            body = json.dumps({"query": "{ locales { code } }"}).encode()
            request = urllib.request.Request(
                f"{base}/graphql/", body, {"Content-Type": "application/json"}
            )
            urllib.request.urlopen(request, timeout=10).read()
        workers = {p.name for p in (tmp_path / "metrics").glob("counter_*.db")}
        request = urllib.request.Request(
            f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        text = urllib.request.urlopen(request, timeout=10).read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    counted = sum(
        float(line.split()[-1])
        for line in text.splitlines()
        if line.startswith('cms_graphql_requests_total{operation="other",outcome="ok"}')
    )
    assert counted == 40, (tmp_path / "gunicorn.log").read_text()[-2000:]
    assert workers  # the counts came from the workers' files, not one process's memory
