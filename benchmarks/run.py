"""One benchmark run: the GraphQL API against plain-Django and nginx baselines, interleaved.

    .venv/bin/python benchmarks/run.py [--duration 10] [--rounds 3] [--connections 32]

Starts gunicorn with the production settings (``benchmarks.settings``) on PostgreSQL and Redis
when they answer (database ``cms_perf``, Redis db 2, key prefix ``perf``; SQLite and local
memory otherwise), nginx with ``deploy/nginx.conf`` when installed, and measures with wrk on
loopback, round after round so that every row sees the same machine load:

  a  hand-written Django JSON view of the article        (benchmarks/baseline.py)
  b  the article query, uncached (persisted GET, response cache off)
  c  the article query, cached (persisted GET)
  cb Django returning cached bytes                       (benchmarks/baseline.py)
  d  the article query through nginx's cache
  e  nginx serving the same JSON as a static file
  f  postComment (a new comment each request)

Prints requests/s, p50 and p99 for each, and the ratios b/a, c/cb, d/e; writes them to
``benchmarks/results/latest.json``. Rows needing nginx or wrk are skipped, with a note, when
those are not installed. First, in-process, it measures cleaning a comment's worst inputs at
the size limits (``benchmarks/text.py``: needs neither wrk nor nginx). Not a test: CI never
runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APP_PORT, UNCACHED_PORT, NGINX_PORT, PURGE_PORT = 8761, 8762, 8763, 8764
SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
PG_URL = "postgres://postgres@127.0.0.1:5432/cms_perf"
REDIS_URL = "redis://127.0.0.1:6379/2"


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def environment() -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "PYTHONPATH": str(ROOT)}
    env.setdefault("SECRET_KEY", "benchmark-" + "k" * 60 + "-0123456789abcdefghij")
    if "DATABASE_URL" not in env:
        if reachable("127.0.0.1", 5432):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "CREATE DATABASE cms_perf"],
                capture_output=True,
                check=False,
            )
            env["DATABASE_URL"] = PG_URL
        else:
            env["DATABASE_URL"] = f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}"
            # Production refuses SQLite unless told; a measurement on one machine, not a site.
            env["SINGLE_PROCESS"] = "true"
    if "REDIS_URL" not in env and reachable("127.0.0.1", 6379):
        env["REDIS_URL"] = REDIS_URL
    env.setdefault("CACHE_KEY_PREFIX", "perf")
    env.setdefault("DATABASE_CONN_MAX_AGE", "600")
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def persisted_ids() -> dict:
    manifest = json.loads((ROOT / "frontend_contract" / "persisted-operations.json").read_text())
    return {entry["operationName"]: digest for digest, entry in manifest.items()}


def stop(processes: list[subprocess.Popen], timeout: float) -> None:
    """SIGTERM each process group (started with ``start_new_session``), SIGKILL it if it
    outlives ``timeout`` seconds."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_for(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def wait_idle(urls: list[str], quick: float = 0.05, timeout: float = 30) -> None:
    """Wait until every app server answers ``/healthz/`` within ``quick`` seconds: when wrk
    stops, the requests its connections left queued (a second's work on the uncached row) are
    still being served, and would otherwise be counted against the next row."""
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(pending[0] + "/healthz/", timeout=5).read()
        if time.monotonic() - started <= quick:
            pending.pop(0)
        else:
            time.sleep(0.2)


def fetch(url: str, data: bytes | None = None) -> bytes:
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"} if data else {}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def gunicorn(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--keep-alive=5",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def nginx_config(tmp: Path, static_dir: Path) -> Path:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "pid /run/nginx-cms.pid;": f"pid {tmp}/nginx.pid;",
        "/var/log/nginx/cms-error.log": f"{tmp}/error.log",
        # The static row is measured without logging too: both rows pay the same.
        "access_log /var/log/nginx/cms-access.log combined buffer=256k flush=5s;": (
            "access_log off;"
        ),
        "/var/cache/nginx/cms": f"{tmp}/cache",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{APP_PORT};",
        "listen 80 reuseport;": f"listen 127.0.0.1:{NGINX_PORT} reuseport;",
        "listen 127.0.0.1:8080;": f"listen 127.0.0.1:{PURGE_PORT};",
        "        location / {": (
            f"        location = /static/article.json {{\n"
            f"            alias {static_dir}/article.json;\n"
            f"            default_type application/json;\n"
            f"        }}\n\n        location / {{"
        ),
    }
    for old, new in replacements.items():
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf no longer contains {old!r}")
        text = text.replace(old, new, 1)
    path = tmp / "nginx.conf"
    path.write_text(text)
    return path


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, duration: int, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {p: to_ms(v, u) for p, v, u in LATENCY.findall(output)}
    errors = NON_2XX.search(output)
    return {
        "rps": float(RATE.search(output).group(1)),
        "p50": latencies.get("50"),
        "p99": latencies.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


POST_COMMENT_LUA = """
-- A new comment each request (the body must differ: the same text twice is DUPLICATE).
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"query":"mutation($input: PostCommentInput!) { postComment(input: $input) '
    .. '{ status errors { code } } }","variables":{"input":{"articleId":"%s",'
    .. '"authorName":"Bench","authorEmail":"bench@example.org",'
    .. '"body":"Benchmark comment %%d-%%d-%%d","formToken":"%s"}}}',
    counter, math.random(1, 1000000000), os.time())
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
"""


def text_cleaning() -> list[dict]:
    """The rows of ``benchmarks/text.py``, printed as they come and returned for the report."""
    result = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "text.py"), "--json"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(result.stdout.splitlines()[-1])
    print("cleaning a comment's text, worst cases at the size limits (best of 20):")
    for row in rows:
        print(
            f"  {row['row']:<12} {row['what']:<30} {row['chars']:>9,} chars"
            f" {row['ms']:>8.2f} ms  {row['outcome']}"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    args = parser.parse_args()

    cleaning = text_cleaning()
    env = environment()
    have_wrk, have_nginx = shutil.which("wrk"), shutil.which("nginx")
    print(f"database {env['DATABASE_URL']}, cache {env.get('REDIS_URL', 'local memory')}")
    if not have_wrk:
        print("wrk is not installed (apt-get install wrk): nothing can be measured.")
        return 1
    print("migrate and demo content ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    article_id = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        f"from pages.models import ArticlePage; "
        f"print(ArticlePage.objects.get(slug={SLUG!r}, locale__language_code='en').pk)",
    ).strip()
    token = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        f"import time; from community.services import make_form_token; "
        f"print(make_form_token({article_id}, time.time() - 60))",
    ).strip()

    tmp = Path(tempfile.mkdtemp(prefix="cms-bench-"))
    tmp.chmod(0o755)  # nginx's workers (nobody) read the static file and write the cache
    processes: list[subprocess.Popen] = []
    try:
        nginx_env = dict(env)
        if have_nginx:
            nginx_env["EDGE_PURGE_LOCATION"] = f"http://127.0.0.1:{PURGE_PORT}"
        workers = args.workers
        processes.append(gunicorn(nginx_env, APP_PORT, workers, tmp / "app.log"))
        uncached_env = {**env, "RESPONSE_CACHE_ENABLED": "0"}
        processes.append(gunicorn(uncached_env, UNCACHED_PORT, workers, tmp / "uncached.log"))
        app, uncached = f"http://127.0.0.1:{APP_PORT}", f"http://127.0.0.1:{UNCACHED_PORT}"
        wait_for(app + "/healthz/")
        wait_for(uncached + "/healthz/")

        ids = persisted_ids()
        variables = urllib.parse.quote(json.dumps({"slug": SLUG, "locale": "en"}))
        persisted = f"/graphql/?id={ids['ArticleBySlug']}&variables={variables}"
        graphql_bytes = fetch(app + persisted)
        handwritten = json.loads(fetch(f"{app}/bench/article/{SLUG}/"))
        same = handwritten == json.loads(graphql_bytes)
        print(
            f"article JSON: {len(graphql_bytes)} bytes; hand-written view returns "
            f"{'the same JSON' if same else 'DIFFERENT JSON (see benchmarks/results/diff.json)'}"
        )
        results_dir = ROOT / "benchmarks" / "results"
        results_dir.mkdir(exist_ok=True)
        if not same:
            (results_dir / "diff.json").write_text(
                json.dumps({"graphql": json.loads(graphql_bytes), "handwritten": handwritten})
            )
        manage(
            env,
            "shell",
            "--no-imports",
            "--no-imports",
            "-c",
            "from django.core.cache import cache; from benchmarks.baseline import "
            f"CACHED_BYTES_KEY; cache.set(CACHED_BYTES_KEY, {graphql_bytes!r}, None)",
        )

        targets = {
            "a": ("hand-written Django JSON view", f"{app}/bench/article/{SLUG}/", None),
            "b": ("article query, uncached", uncached + persisted, None),
            "c": ("article query, cached persisted GET", app + persisted, None),
            "cb": ("Django returning cached bytes", f"{app}/bench/cached-bytes/", None),
        }
        if have_nginx:
            static_dir = tmp / "static"
            static_dir.mkdir()
            (static_dir / "article.json").write_bytes(graphql_bytes)
            (tmp / "cache").mkdir(mode=0o777)
            (tmp / "cache").chmod(0o777)
            config = nginx_config(tmp, static_dir)
            processes.append(
                subprocess.Popen(
                    ["nginx", "-c", str(config), "-g", "daemon off;"],
                    stdout=(tmp / "nginx.out").open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            edge = f"http://127.0.0.1:{NGINX_PORT}"
            wait_for(edge + "/static/article.json")
            targets["d"] = ("article query through nginx", edge + persisted, None)
            targets["e"] = (
                "nginx serving the JSON as a static file",
                edge + "/static/article.json",
                None,
            )
        else:
            print("nginx is not installed (apt-get install nginx libnginx-mod-http-cache-purge):")
            print("  rows d and e are skipped.")
        lua = tmp / "post_comment.lua"
        lua.write_text(POST_COMMENT_LUA % (article_id, token))
        targets["f"] = ("postComment", app + "/graphql/", lua)

        for _name, url, script in targets.values():  # warm every worker and cache
            wrk(url, 2, args.connections, script)
        runs: dict[str, list[dict]] = {key: [] for key in targets}
        for round_number in range(1, args.rounds + 1):
            for key, (name, url, script) in targets.items():
                wait_idle([app, uncached])
                result = wrk(url, args.duration, args.connections, script)
                runs[key].append(result)
                print(
                    f"round {round_number} {key:>2} {name:<42} {result['rps']:>10.0f} req/s"
                    f"  p50 {result['p50']:.2f} ms  p99 {result['p99']:.2f} ms"
                    + (f"  non-2xx {result['non_2xx']}" if result["non_2xx"] else ""),
                    flush=True,
                )
        # Each row's median over the rounds, and each ratio's median over the rounds (both
        # sides of a ratio measured within a minute of each other, under the same load).
        summary = {}
        for key, results in runs.items():
            middle = sorted(results, key=lambda r: r["rps"])[len(results) // 2]
            summary[key] = {"name": targets[key][0], **middle, "rounds": results}
        ratios = {}
        for label, top, bottom, target in (
            ("b/a", "b", "a", 0.9),
            ("c/cb", "c", "cb", 0.95),
            ("d/e", "d", "e", 0.5),
        ):
            if top in runs and bottom in runs:
                per_round = sorted(
                    t["rps"] / b["rps"] for t, b in zip(runs[top], runs[bottom], strict=True)
                )
                value = per_round[len(per_round) // 2]
                ratios[label] = {
                    "value": round(value, 3),
                    "rounds": [round(r, 3) for r in per_round],
                    "target": target,
                    "met": value >= target,
                }
        print()
        print(f"{'':>3} {'':<42} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
        for key, row in summary.items():
            print(
                f"{key:>3} {row['name']:<42} {row['rps']:>10.0f}"
                f" {row['p50']:>8.2f} {row['p99']:>8.2f}"
            )
        print()
        for label, ratio in ratios.items():
            verdict = "meets" if ratio["met"] else "MISSES"
            print(
                f"{label:>5} = {ratio['value']:.2f}  ({verdict} the target {ratio['target']}; "
                f"rounds: {', '.join(f'{r:.2f}' for r in ratio['rounds'])})"
            )
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        report = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_average": os.getloadavg(),
            "commit": commit,
            "machine": f"{platform.node()}: {os.cpu_count()} CPUs, {platform.platform()}",
            "database": env["DATABASE_URL"].split("@")[-1],
            "cache": env.get("REDIS_URL", "local memory"),
            "workers": workers,
            "duration": args.duration,
            "connections": args.connections,
            "article_bytes": len(graphql_bytes),
            "handwritten_json_identical": same,
            "rows": summary,
            "ratios": ratios,
            "text_cleaning": cleaning,
        }
        (results_dir / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwritten to {results_dir / 'latest.json'}")
        return 0
    finally:
        stop(processes, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
