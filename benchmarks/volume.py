"""Does the cost grow with the content? Every list and search query of the contract, at demo
size and at volume, interleaved; and the memory of one worker under many requests.

    .venv/bin/python benchmarks/volume.py [--rounds 8] [--memory-requests 20000]

Needs PostgreSQL on 127.0.0.1:5432. Two databases, each made once and kept between runs:
``cms_bench_demo``, a small site (the demo content and ``generate_volume_content`` at 1%: 100
articles, 100 organisations, 1,000 comments, so that every page the queries ask for is full
and both databases return responses of the same size) and ``cms_volume`` (the demo content and
``generate_volume_content``: 10,000 articles, 2,000 organisations, 100,000 comments; under a
minute the first time). One gunicorn worker serves each (production settings, response cache
off), and each query is sent to one then the other, round after round, so both see the same
machine load. Printed: the median time of each query on each database and their ratio (target
≤ 1.5×), ``organisations(perPage: 50)`` against ``perPage: 10`` at volume (target < 2×), and the
400th page of articles (by cursor) against the first (target ≤ 1.5×).

Memory: one worker at volume, response cache on, answers ``--memory-requests`` mixed requests
(articles by slug, pages of lists by number and by cursor, directory filters, searches, many
distinct variables); its resident memory is printed after 1,000 and at the end (target: within
+20%). Results go to ``benchmarks/results/volume.json``. Not a test: CI never runs it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import ROOT, environment, gunicorn, manage, reachable, stop, wait_for

DEMO_DB, VOLUME_DB = "cms_bench_demo", "cms_volume"
DEMO_PORT, VOLUME_PORT, MEMORY_PORT = 8771, 8772, 8773
OPERATIONS = ROOT / "frontend_contract" / "operations"
SLUG = "practical-ways-harm-reduction-techniques-make-a-difference"
DEEP_PAGE, DEEP_PER_PAGE = 400, 20


def operation(name: str) -> str:
    return (OPERATIONS / f"{name}.graphql").read_text()


# (label, operation, variables): every list and search query of the contract.
QUERIES = [
    ("ArticleList perPage 20", "ArticleList", {"perPage": 20}),
    ("ArticleList tag", "ArticleList", {"perPage": 20, "tag": "naloxone"}),
    ("ArticleFeed perPage 20", "ArticleFeed", {"perPage": 20}),
    ("ArticleBySlug", "ArticleBySlug", {"slug": SLUG, "locale": "en"}),
    ("Search harm reduction", "Search", {"query": "harm reduction", "locale": "en"}),
    ("Organisations perPage 10", "OrganisationDirectory", {"perPage": 10}),
    ("Organisations perPage 50", "OrganisationDirectory", {"perPage": 50}),
    ("Organisations search", "OrganisationDirectory", {"search": "harm", "perPage": 20}),
    ("Organisations region PA", "OrganisationDirectory", {"region": "PA", "perPage": 20}),
    (
        "Organisations service",
        "OrganisationDirectory",
        {"service": "naloxone-distribution", "perPage": 20},
    ),
    ("Organisations es", "OrganisationDirectory", {"locale": "es", "perPage": 20}),
    ("Services", "Services", {"locale": "en"}),
    ("Authors", "Authors", {"locale": "en"}),
]


def database_env(name: str) -> dict:
    env = environment()
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    env["RESPONSE_CACHE_ENABLED"] = "0"
    env["CACHE_KEY_PREFIX"] = f"bench-{name}"
    return env


def count_articles(env: dict) -> int:
    out = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from pages.models import ArticlePage; print(ArticlePage.objects.count())",
    )
    return int(out.strip().splitlines()[-1])


SMALL = ("--articles", "100", "--organisations", "100", "--comments", "1000")


def prepare(name: str, volume: bool) -> dict:
    """The database, created, migrated and filled once (at volume, or small)."""
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"],
        capture_output=True,
        check=False,
    )
    env = database_env(name)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    if count_articles(env) < 50:
        print(f"{name}: generating the content (once) ...", flush=True)
        manage(env, "generate_volume_content", "--verbosity", "0", *([] if volume else SMALL))
        # Bulk inserts leave the planner without statistics and the visibility map unset (no
        # index-only scans) until autovacuum comes by: measure what a settled database does.
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-c", "VACUUM ANALYZE"],
            capture_output=True,
            check=True,
        )
    print(f"{name}: {count_articles(env)} articles", flush=True)
    return env


class Server:
    """A keep-alive connection to one gunicorn, posting GraphQL queries."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(self, query: str, variables: dict) -> tuple[float, dict]:
        body = json.dumps({"query": query, "variables": variables})
        started = time.perf_counter()
        self.connection.request(
            "POST", "/graphql/", body, {"Content-Type": "application/json", "Host": "localhost"}
        )
        response = self.connection.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        decoded = json.loads(data)
        if response.status != 200 or decoded.get("errors"):
            raise RuntimeError(f"{self.port}: {response.status} {data[:300]!r}")
        return elapsed, decoded


def deep_cursor(server: Server) -> str | None:
    """The cursor after the first ``DEEP_PAGE - 1`` pages of articles, walked by cursor."""
    query = operation("ArticleFeed")
    after, walked = None, 0
    while walked < (DEEP_PAGE - 1) * DEEP_PER_PAGE:
        variables = {"perPage": 100, **({"after": after} if after else {})}
        _ms, data = server.post(query, variables)
        info = data["data"]["articles"]["pageInfo"]
        walked += len(data["data"]["articles"]["items"])
        if not info["hasNextPage"]:
            return None
        after = info["endCursor"]
    return after


def median_times(servers: dict[str, Server], queries: list, rounds: int) -> dict:
    times: dict[str, dict[str, list[float]]] = {label: {} for label, *_ in queries}
    for _round in range(rounds + 2):  # two warm-up rounds, not counted
        for label, name, variables in queries:
            for which, server in servers.items():
                elapsed, _data = server.post(operation(name), variables)
                if _round >= 2:
                    times[label].setdefault(which, []).append(elapsed)
    return {
        label: {which: statistics.median(values) for which, values in by_server.items()}
        for label, by_server in times.items()
    }


def growth(args, tmp: Path, processes: list) -> dict:
    demo_env, volume_env = prepare(DEMO_DB, False), prepare(VOLUME_DB, True)
    processes.append(gunicorn(demo_env, DEMO_PORT, 1, tmp / "demo.log"))
    processes.append(gunicorn(volume_env, VOLUME_PORT, 1, tmp / "volume.log"))
    for port in (DEMO_PORT, VOLUME_PORT):
        wait_for(f"http://127.0.0.1:{port}/healthz/")
    servers = {"demo": Server(DEMO_PORT), "volume": Server(VOLUME_PORT)}
    medians = median_times(servers, QUERIES, args.rounds)
    rows = []
    print(f"\n{'query':<28} {'demo ms':>9} {'volume ms':>10} {'ratio':>7}  (target ≤ 1.5×)")
    for label, by_server in medians.items():
        ratio = by_server["volume"] / by_server["demo"]
        rows.append({"query": label, **by_server, "ratio": ratio})
        flag = "" if ratio <= 1.5 else "  MISSED"
        print(
            f"{label:<28} {by_server['demo']:>9.1f} {by_server['volume']:>10.1f} "
            f"{ratio:>6.2f}×{flag}"
        )

    volume = {"volume": servers["volume"]}
    cursor = deep_cursor(servers["volume"])
    last_number = 1000 // DEEP_PER_PAGE  # the last page MAX_PAGE_OFFSET's default lets through
    depth = [
        ("ArticleFeed first page", "ArticleFeed", {"perPage": DEEP_PER_PAGE}),
        ("ArticleList page 1", "ArticleList", {"perPage": DEEP_PER_PAGE}),
        (
            f"ArticleList page {last_number}",
            "ArticleList",
            {"perPage": DEEP_PER_PAGE, "page": last_number},
        ),
    ]
    if cursor:
        depth.append(
            (
                f"ArticleFeed page {DEEP_PAGE}",
                "ArticleFeed",
                {"perPage": DEEP_PER_PAGE, "after": cursor},
            )
        )
    deep = {
        label: times["volume"] for label, times in median_times(volume, depth, args.rounds).items()
    }
    per_page = {label: medians[label]["volume"] for label in medians}
    checks = {
        "organisations perPage 50 / perPage 10 (target < 2×)": per_page["Organisations perPage 50"]
        / per_page["Organisations perPage 10"],
        f"articles page {last_number} / page 1, by number": deep[f"ArticleList page {last_number}"]
        / deep["ArticleList page 1"],
    }
    if cursor:
        checks[f"articles page {DEEP_PAGE} / page 1, by cursor (target ≤ 1.5×)"] = (
            deep[f"ArticleFeed page {DEEP_PAGE}"] / deep["ArticleFeed first page"]
        )
    print()
    for label, value in checks.items():
        print(f"{label}: {value:.2f}×")
    stop(processes, 10)
    processes.clear()
    return {"rows": rows, "checks": checks, "deep": deep}


def worker_rss(master_pid: int) -> int:
    """Resident memory (kB) of the master's one worker."""
    children = subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    for line in Path(f"/proc/{children[0]}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def mixed_requests(n: int):
    """``n`` requests of many shapes and variables (``i`` makes each pattern vary)."""
    queries = [
        ("ArticleList", lambda i: {"perPage": 10 + i % 15, "page": 1 + i % 40}),
        ("ArticleFeed", lambda i: {"perPage": 5 + i % 50}),
        ("OrganisationDirectory", lambda i: {"perPage": 10 + i % 40, "page": 1 + i % 20}),
        ("OrganisationDirectory", lambda i: {"search": ["harm", "health", "naloxone"][i % 3]}),
        ("OrganisationDirectory", lambda i: {"region": ["PA", "NY", "IL", "WA"][i % 4]}),
        ("Search", lambda i: {"query": ["harm", "naloxone", "support", "test"][i % 4]}),
        ("ArticleBySlug", lambda i: {"slug": SLUG, "locale": "en", "commentsPage": 1 + i % 5}),
        ("Services", lambda i: {"locale": ["en", "es"][i % 2]}),
    ]
    for i in range(n):
        name, variables = queries[i % len(queries)]
        yield name, variables(i // len(queries))


def memory(args, tmp: Path, processes: list) -> dict:
    env = {**database_env(VOLUME_DB), "RESPONSE_CACHE_ENABLED": "1"}
    master = gunicorn(env, MEMORY_PORT, 1, tmp / "memory.log")
    processes.append(master)
    wait_for(f"http://127.0.0.1:{MEMORY_PORT}/healthz/")
    server = Server(MEMORY_PORT)
    readings = {}
    started = time.perf_counter()
    for done, (name, variables) in enumerate(mixed_requests(args.memory_requests), start=1):
        server.post(operation(name), variables)
        if done in (1000, args.memory_requests) or done % 5000 == 0:
            readings[done] = worker_rss(master.pid)
            print(f"  after {done:>6} requests: worker RSS {readings[done] / 1024:.1f} MB")
    elapsed = time.perf_counter() - started
    growth_ratio = readings[args.memory_requests] / readings[1000]
    print(
        f"memory: {growth_ratio:.3f}× from 1,000 to {args.memory_requests:,} requests "
        f"(target ≤ 1.20×), {args.memory_requests / elapsed:.0f} requests/s"
    )
    return {"rss_kb": readings, "growth": growth_ratio}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--memory-requests", type=int, default=20_000)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if not reachable("127.0.0.1", 5432):
        print("PostgreSQL does not answer on 127.0.0.1:5432: the volume benchmark needs it.")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="cms-volume-"))
    processes: list = []
    try:
        result = growth(args, tmp, processes)
        if not args.skip_memory:
            print(f"\nmemory of one worker, {args.memory_requests:,} mixed requests:")
            result["memory"] = memory(args, tmp, processes)
    finally:
        stop(processes, 10)
    out = ROOT / "benchmarks" / "results" / "volume.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
