"""Production serves static files (the admin's CSS and JavaScript): collectstatic's hashed,
compressed copies, from the app (WhiteNoise) and from nginx (deploy/nginx.conf), cached for good.

The first test runs everywhere; the second (marker ``browser``) starts gunicorn with
``deploy/gunicorn.conf.py`` and nginx with ``deploy/nginx.conf`` on loopback and loads
``/admin/login/`` in Chromium, as an operator would.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from benchmarks.run import stop, wait_for
from tests.test_settings import PROJECT_ROOT, SETUP, good_key, run_python

HASHED = re.compile(r"^/static/wagtailadmin/css/core\.[0-9a-f]{12}\.css$")
ONE_YEAR = 365 * 24 * 3600


def production_env(directory: Path) -> dict[str, str]:
    return {
        "SECRET_KEY": good_key(),
        "SINGLE_PROCESS": "true",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    }


def collectstatic(env: dict[str, str]) -> None:
    result = run_python(
        SETUP + "; from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)",
        "cms.settings.production",
        **env,
    )
    assert result.returncode == 0, result.stderr


FETCH_HASHED = (
    SETUP
    + """
import json
from django.templatetags.static import static
from django.test import Client
url = static("wagtailadmin/css/core.css")
client = Client(raise_request_exception=False)
plain = client.get(url, secure=True)
gzipped = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({
    "url": url,
    "status": plain.status_code,
    "headers": dict(plain.headers),
    "gzip": gzipped.headers.get("Content-Encoding"),
}))
"""
)


def test_production_serves_hashed_static_files_with_far_future_caching(tmp_path):
    env = production_env(tmp_path)
    collectstatic(env)

    result = run_python(FETCH_HASHED, "cms.settings.production", **env)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert HASHED.match(found["url"]), found["url"]  # the name changes when the file does
    assert found["status"] == 200
    cache_control = found["headers"]["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= ONE_YEAR
    assert "immutable" in cache_control
    assert found["headers"]["Content-Type"].startswith("text/css")
    assert found["gzip"] == "gzip"  # the compressed copy collectstatic wrote


# --- Through gunicorn and nginx, in Chromium ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


@pytest.fixture
def stack():
    """gunicorn (deploy/gunicorn.conf.py) behind nginx (deploy/nginx.conf), production settings,
    after collectstatic and migrate into a temporary folder; yields nginx's base URL."""
    from deploy.serve import nginx_binary, nginx_config

    nginx = nginx_binary()
    if nginx is None:
        _unavailable(
            "nginx with its cache-purge module is not installed (apt-get install "
            "nginx libnginx-mod-http-cache-purge)"
        )
    directory = Path(tempfile.mkdtemp(prefix="cms-static-"))
    directory.chmod(0o755)  # nginx's workers (nobody, when started as root) read the files
    processes = []
    try:
        env = production_env(directory)
        collectstatic(env)
        app_port, edge_port, purge_port = free_port(), free_port(), free_port()
        server_env = {
            **os.environ,
            **env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECURE_SSL_REDIRECT": "0",
            "GUNICORN_BIND": f"127.0.0.1:{app_port}",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
        for name in ("REDIS_URL", "DEBUG"):
            server_env.pop(name, None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
            env=server_env,
            cwd=PROJECT_ROOT,
            check=True,
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        processes.append(
            subprocess.Popen(
                [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "cms.wsgi:application"],
                env=server_env,
                cwd=PROJECT_ROOT,
                stdout=(directory / "gunicorn.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        config = nginx_config(
            directory=directory / "nginx",
            listen=f"127.0.0.1:{edge_port}",
            app_port=app_port,
            purge_port=purge_port,
            static_root=directory / "static",
            media_root=directory / "media",
        )
        processes.append(
            subprocess.Popen(
                [nginx, "-c", str(config), "-g", "daemon off;"],
                stdout=(directory / "nginx.out").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        edge = f"http://127.0.0.1:{edge_port}"
        wait_for(f"http://127.0.0.1:{app_port}/healthz/")
        wait_for(edge + "/healthz/")
        yield edge
    finally:
        stop(processes, timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.browser
def test_chromium_loads_the_admin_login_with_its_styles_through_nginx(stack):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)")
    from playwright.sync_api import sync_playwright

    failed, static = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("requestfailed", lambda request: failed.append(request.url))

            def seen(response):
                if response.status >= 400:
                    failed.append(f"{response.status} {response.url}")
                if "/static/" in response.url:
                    static.append((response.url, response.headers))

            page.on("response", seen)
            page.goto(stack + "/admin/login/", wait_until="networkidle")
            form = page.locator("form").first
            form.wait_for()
            # Wagtail's stylesheet (core.css: body{margin:0}, body{font-size:85%}); unstyled,
            # the body keeps the browser's default margin of 8px and font size of 16px.
            body_margin = page.evaluate("getComputedStyle(document.body).margin")
            body_font_size = page.evaluate("getComputedStyle(document.body).fontSize")
        finally:
            browser.close()

    assert failed == []
    stylesheets = [url for url, _ in static if url.endswith(".css")]
    assert stylesheets, static
    assert all(re.search(r"\.[0-9a-f]{12}\.\w+$", url) for url, _ in static), static
    # Served by nginx from STATIC_ROOT, cached for good.
    for _url, headers in static:
        assert "max-age=315360000" in headers["cache-control"], headers
    assert body_margin == "0px"
    assert body_font_size != "16px"
