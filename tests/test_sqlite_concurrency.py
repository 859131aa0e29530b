"""The embedded SQLite default holds up under concurrent requests to the threaded dev server.

Starts `manage.py runserver` (development settings, a fresh SQLite file) and sends concurrent
admin logins (each writes a session and the user's last_login) mixed with GraphQL reads.
"""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_TITLE = (
    '{ article(slug: "practical-ways-harm-reduction-techniques-make-a-difference") { title } }'
)
THREADS = 8
ROUNDS = 6

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
    reason="checks the SQLite default; the PostgreSQL run has nothing to add",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dev_server(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="1",
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"], ["ensure_dev_admin"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)

    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/healthz/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"dev server did not start:\n{log.read_text()}")
            yield base, log
        finally:
            server.terminate()
            server.wait(timeout=10)


def login_and_read(base: str) -> list[int]:
    """One reader-editor: log in to the admin, then read the article through GraphQL."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    statuses = []
    for _ in range(ROUNDS):
        page = opener.open(f"{base}/admin/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"username": "admin", "password": "admin", "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{base}/admin/login/", data=form, headers={"Referer": f"{base}/admin/login/"}
        )
        response = opener.open(request, timeout=30)
        statuses.append(response.status)
        query = json.dumps({"query": ARTICLE_TITLE}).encode()
        graphql = urllib.request.Request(
            f"{base}/graphql/", data=query, headers={"Content-Type": "application/json"}
        )
        body = json.loads(opener.open(graphql, timeout=30).read())
        assert body["data"]["article"]["title"].startswith("Practical Ways"), body
        statuses.append(200)
        opener.open(
            f"{base}/admin/logout/",
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": _csrf(jar)}).encode(),
            timeout=30,
        )
    return statuses


def _csrf(jar: http.cookiejar.CookieJar) -> str:
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def test_concurrent_writes_and_reads_never_lock_the_database(dev_server):
    base, log = dev_server
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda _: login_and_read(base), range(THREADS)))

    assert all(status == 200 for statuses in results for status in statuses)
    assert sum(len(statuses) for statuses in results) == THREADS * ROUNDS * 2
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert " 500 " not in server_log
