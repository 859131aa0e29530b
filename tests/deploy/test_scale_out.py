"""Scaling out: two app nodes behind one nginx, sharing PostgreSQL, Redis and the S3 server.

Each node is what deploy/Procfile runs on one machine: gunicorn (deploy/gunicorn.conf.py) with
production settings and its own `manage.py db_worker`. nginx runs deploy/nginx.conf with both
nodes in its upstream. The nodes share nothing but the database (a throwaway one, created and
dropped here), Redis (db 11, flushed before and after) and the media bucket (moto's S3 server
on loopback). The tests run in order against the one cluster; the last one kills node A.

PostgreSQL only (production refuses SQLite for more than one process): runs in the PostgreSQL
round of `.ci/run`, skips otherwise. Needs nginx with its cache-purge module (fails under CI
without it).
"""

import contextlib
import io
import json
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from tests.deploy.test_static import _unavailable, free_port, wait_for
from tests.test_settings import good_key

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = "redis://127.0.0.1:6379/11"
SLUG = "scale-out"
SEND = "community.notifications.send_moderator_email"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="two nodes need a shared PostgreSQL: checked in the PostgreSQL round",
)

ARTICLE_BY_SLUG = json.loads((ROOT / "frontend_contract" / "persisted-operations.json").read_text())
ARTICLE_BY_SLUG = next(
    key for key, value in ARTICLE_BY_SLUG.items() if value["operationName"] == "ArticleBySlug"
)

TITLE = "query ($slug: String!) { article(slug: $slug) { id title } }"
HERO = """query ($slug: String!) {
  article(slug: $slug) { heroImage { rendition(width: 320) { url width } } }
}"""
POST_COMMENT = """mutation ($input: PostCommentInput!) {
  postComment(input: $input) { status comment { id } errors { field code } }
}"""


def url_for(database: str) -> str:
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{database}", query=""))


@dataclass
class Node:
    name: str
    url: str
    env: dict
    web: subprocess.Popen
    worker: subprocess.Popen


@dataclass
class Cluster:
    a: Node
    b: Node
    edge: str
    database: str  # its URL
    directory: Path
    processes: list = field(default_factory=list)

    def shell(self, node: Node, code: str) -> str:
        """`manage.py shell -c` with ``node``'s environment: what an operator runs on it."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            env=node.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def sql(self, query: str, *params):
        import psycopg

        with psycopg.connect(self.database, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def graphql(base: str, query: str, variables: dict, **headers) -> dict:
    request = urllib.request.Request(
        base + "/graphql/",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json", **headers},
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        body = json.loads(response.read())
    assert "errors" not in body, body
    return body["data"]


def persisted_title(base: str) -> tuple[str, dict]:
    """The reader's GET of the article (a persisted read: what nginx caches)."""
    params = urlencode({"id": ARTICLE_BY_SLUG, "variables": json.dumps({"slug": SLUG})})
    status, headers, body = get(f"{base}/graphql/?{params}")
    assert status == 200, body[:1000]
    return json.loads(body)["data"]["article"]["title"], headers


@pytest.fixture(scope="module")
def cluster():
    from deploy.serve import nginx_binary, nginx_config

    psycopg = pytest.importorskip("psycopg")
    redis = pytest.importorskip("redis")
    nginx = nginx_binary()
    if nginx is None:
        _unavailable(
            "nginx with its cache-purge module is not installed (apt-get install "
            "nginx libnginx-mod-http-cache-purge)"
        )
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3.start()
    host, port = s3.get_host_and_port()
    s3_url = f"http://{host}:{port}"
    import boto3

    keys = {"MEDIA_S3_ACCESS_KEY_ID": "test-key", "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret"}
    boto3.client(
        "s3",
        endpoint_url=s3_url,
        region_name="us-east-1",
        aws_access_key_id=keys["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=keys["MEDIA_S3_SECRET_ACCESS_KEY"],
    ).create_bucket(Bucket="scale-media")

    cache = redis.Redis.from_url(REDIS_URL)
    cache.flushdb()
    name = f"cms_scale_{secrets.token_hex(4)}"
    server = psycopg.connect(url_for("postgres"), autocommit=True)
    server.execute(f'CREATE DATABASE "{name}"')
    directory = Path(tempfile.mkdtemp(prefix="cms-scale-"))
    directory.chmod(0o755)
    processes = []
    try:
        edge_port, purge_port = free_port(), free_port()
        common = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
            "SECRET_KEY": good_key(),
            "DATABASE_URL": url_for(name),
            "REDIS_URL": REDIS_URL,
            "MEDIA_S3_BUCKET": "scale-media",
            "MEDIA_S3_ENDPOINT_URL": s3_url,
            "MEDIA_S3_REGION": "us-east-1",
            **keys,
            "STATIC_ROOT": str(directory / "static"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EDGE_PURGE_LOCATION": f"http://127.0.0.1:{purge_port}",
            # Two proxies: a load balancer (played by the test's X-Forwarded-For) and nginx.
            "TRUSTED_PROXY_COUNT": "2",
            "WEB_CONCURRENCY": "2",
            "LOG_FORMAT": "plain",
        }
        for variable in ("SINGLE_PROCESS", "DEBUG", "TASKS_BACKEND", "PROMETHEUS_MULTIPROC_DIR"):
            common.pop(variable, None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
            env=common,
            cwd=ROOT,
            check=True,
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        nodes = {}
        for label in ("a", "b"):
            app_port = free_port()
            env = {**common, "GUNICORN_BIND": f"127.0.0.1:{app_port}"}
            web = start(
                [gunicorn, "-c", "deploy/gunicorn.conf.py", "cms.wsgi:application"],
                env,
                directory / f"web-{label}.log",
            )
            processes.append(web)
            worker = start(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--worker-id",
                    label,
                ],
                env,
                directory / f"worker-{label}.log",
            )
            processes.append(worker)
            nodes[label] = Node(label, f"http://127.0.0.1:{app_port}", env, web, worker)
        config = nginx_config(
            directory=directory / "nginx",
            listen=f"127.0.0.1:{edge_port}",
            app_port=int(nodes["a"].url.rsplit(":", 1)[1]),
            purge_port=purge_port,
            static_root=directory / "static",
            media_root=directory / "media",
        )
        # Both nodes in the upstream, as an operator lists their app servers.
        text = config.read_text()
        one = f"server {nodes['a'].url.removeprefix('http://')};"
        assert one in text
        config.write_text(
            text.replace(one, f"{one}\n        server {nodes['b'].url.removeprefix('http://')};")
        )
        processes.append(
            start([nginx, "-c", str(config), "-g", "daemon off;"], common, directory / "nginx.out")
        )
        edge = f"http://127.0.0.1:{edge_port}"
        for node in nodes.values():
            wait_for(node.url + "/healthz/")
        wait_for(edge + "/healthz/")
        yield Cluster(nodes["a"], nodes["b"], edge, url_for(name), directory, processes)
    finally:
        for process in processes:
            stop(process)
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()
        cache.flushdb()
        s3.stop()
        shutil.rmtree(directory, ignore_errors=True)


PUBLISH = """
from tests import factories
from pages.models import ArticlePage
page = ArticlePage.objects.filter(slug={slug!r}).first()
if page is None:
    page = factories.article({slug!r}, title={title!r})
else:
    page.title = {title!r}
    page.save_revision().publish()
print(page.pk)
"""


def test_an_article_published_on_a_is_served_fresh_by_b_and_by_the_edge(cluster):
    cluster.shell(cluster.a, PUBLISH.format(slug=SLUG, title="First words"))
    # Read through B and through nginx: both now hold it in their caches (Redis, nginx's).
    assert graphql(cluster.b.url, TITLE, {"slug": SLUG})["article"]["title"] == "First words"
    assert persisted_title(cluster.b.url)[0] == "First words"
    assert persisted_title(cluster.edge)[0] == "First words"
    assert persisted_title(cluster.edge)[1]["X-Edge-Cache"] == "HIT"

    cluster.shell(cluster.a, PUBLISH.format(slug=SLUG, title="Second words"))

    # Node B at once: the response cache's versions live in the shared Redis.
    assert graphql(cluster.b.url, TITLE, {"slug": SLUG})["article"]["title"] == "Second words"
    assert persisted_title(cluster.b.url)[0] == "Second words"
    # The edge: the purge is a queued task (api/core/edge.py) that a worker picks up within
    # about a second (db_worker polls each second), so nginx may serve the old copy briefly.
    deadline = time.monotonic() + 5
    while (title := persisted_title(cluster.edge)[0]) != "Second words":
        assert time.monotonic() < deadline, f"nginx still serves {title!r}"
        time.sleep(0.2)


UPLOAD = """
import io
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from pages.models import ArticlePage
from tests import factories
buffer = io.BytesIO()
PILImage.new("RGB", (640, 480), (40, 120, 90)).save(buffer, format="PNG")
image = get_image_model()(title="Harbour", file=ImageFile(buffer, name="harbour.png"))
image.save()
page = ArticlePage.objects.filter(slug={slug!r}).first() or factories.article({slug!r})
page.hero_image = image
page.save_revision().publish()
print(image.file.name)
"""


def test_an_image_uploaded_on_a_is_served_through_b(cluster):
    from PIL import Image as PILImage

    stored = cluster.shell(cluster.a, UPLOAD.format(slug=SLUG))
    assert stored.startswith("original_images/")

    hero = graphql(cluster.b.url, HERO, {"slug": SLUG})["article"]["heroImage"]
    rendition = hero["rendition"]
    assert rendition["width"] == 320
    # B made the rendition from the original A put in the bucket; the URL points at the bucket.
    assert rendition["url"].startswith(cluster.a.env["MEDIA_S3_ENDPOINT_URL"])
    status, _headers, body = get(rendition["url"])
    assert status == 200
    image = PILImage.open(io.BytesIO(body))
    assert image.size == (320, 240)


FORM_TOKENS = """
import time
from community.services import make_form_token
from pages.models import ArticlePage
from tests import factories
page = ArticlePage.objects.filter(slug={slug!r}).first() or factories.article({slug!r})
print(page.pk, *[make_form_token(page.pk, issued_at=time.time() - 60) for _ in range({n})])
"""


def form_tokens(cluster, count: int) -> tuple[str, list[str]]:
    """Comment form tokens as readers get them (CommentForm), a minute old (FORM_MIN_AGE)."""
    article, *tokens = cluster.shell(cluster.a, FORM_TOKENS.format(slug=SLUG, n=count)).split()
    return article, tokens


def comment(base: str, article: str, token: str, number: int) -> dict:
    variables = {
        "input": {
            "articleId": article,
            "authorName": f"Reader {number}",
            "authorEmail": f"reader{number}@example.org",
            "body": f"Comment number {number}: thank you for this article.",
            "formToken": token,
        }
    }
    # Rate limits count per reader address: each comment from its own, as a load balancer in
    # front of nginx would say (nginx appends the address it saw: TRUSTED_PROXY_COUNT=2).
    forwarded = f"203.0.113.{number}"
    return graphql(base, POST_COMMENT, variables, **{"X-Forwarded-For": forwarded})["postComment"]


def test_a_task_queued_by_a_is_run_by_bs_worker_when_as_is_stopped(cluster):
    stop(cluster.a.worker)
    article, (token,) = form_tokens(cluster, 1)

    posted = comment(cluster.a.url, article, token, 1)
    assert posted["errors"] == [] and posted["status"] == "PENDING", posted

    deadline = time.monotonic() + 15
    while True:
        rows = cluster.sql(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = %s AND args_kwargs->'args' = %s::jsonb",
            SEND,
            json.dumps([int(posted["comment"]["id"])]),
        )
        if rows and rows[0][0] == "SUCCESSFUL":
            break
        assert time.monotonic() < deadline, rows
        time.sleep(0.3)
    assert rows[0][1] == ["b"]


def test_with_a_killed_under_load_nginx_answers_everything_and_no_comment_is_lost(cluster):
    article, tokens = form_tokens(cluster, 10)
    # Plain GraphQL GETs are never cached at the edge (no-store): each one reaches a node.
    plain = (
        cluster.edge
        + "/graphql/?"
        + urlencode({"query": TITLE, "variables": json.dumps({"slug": SLUG})})
    )

    # Comments: two before the failure, six while A hangs, two after it died.
    write_at = [0.3, 0.6, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1, 3.5, 4.5]
    began = time.monotonic()

    def at(offset: float) -> None:
        time.sleep(max(0.0, began + offset - time.monotonic()))

    def read(number: int):
        at(number * 0.025)  # 200 reads over 5 seconds
        status, _headers, body = get(plain if number % 2 else cluster.edge + "/healthz/")
        return status, body[:300]

    def write(number: int):
        at(write_at[number])
        try:
            return 200, comment(cluster.edge, article, tokens[number], 100 + number)
        except urllib.error.HTTPError as error:
            return error.code, error.read()[:300]

    with ThreadPoolExecutor(max_workers=32) as readers, ThreadPoolExecutor(10) as writers:
        reads = [readers.submit(read, number) for number in range(200)]
        writes = [writers.submit(write, number) for number in range(10)]
        # A hangs first (SIGSTOP): the requests nginx sends it meanwhile are in flight, the
        # mutations among them too. Then A dies (SIGKILL to gunicorn's master and workers at
        # once, no graceful shutdown): nginx must send those requests again, to B.
        at(1.5)
        os.killpg(cluster.a.web.pid, signal.SIGSTOP)
        at(2.7)
        os.killpg(cluster.a.web.pid, signal.SIGKILL)
        cluster.a.web.wait(timeout=10)
        read_results = [future.result() for future in reads]
        write_results = [future.result() for future in writes]

    assert [result for result in read_results if result[0] != 200] == []
    assert [result for result in write_results if result[0] != 200] == []
    stored = {
        row[0]
        for row in cluster.sql(
            "SELECT id FROM community_comment WHERE article_id = %s", int(article)
        )
    }
    answered = [payload for _status, payload in write_results]
    for payload in answered:
        # Every comment the reader was told about is stored; a retried post (A died after
        # storing it) is refused as FORM_ALREADY_USED, its comment stored once.
        if payload["comment"]:
            assert int(payload["comment"]["id"]) in stored, payload
        else:
            assert [error["code"] for error in payload["errors"]] == ["FORM_ALREADY_USED"]
    assert len(stored) >= 10  # these (and the earlier test's, when it ran)
