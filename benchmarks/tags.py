"""Cache tags at the edge: while one article is edited again and again, do readers of the other
articles keep getting Varnish's cached copies, and does nobody read the edited one stale?

    .venv/bin/python benchmarks/tags.py [--articles 1000] [--duration 30] [--readers 8]

Needs PostgreSQL, Redis and Varnish with the xkey module (apt-get install varnish
varnish-modules). Fills ``cms_bench_tags`` once (the demo content plus ``--articles`` generated
articles), starts gunicorn (production settings, 2 workers) behind ``deploy/varnish.vcl``, warms
Varnish with every article's persisted GET, then, for ``--duration`` seconds:

* reader threads GET random articles (not the edited one) through Varnish and count
  ``X-Edge-Cache: HIT``;
* this process, as the editor, publishes a new title of one article every second (the app's
  signals purge its tags from Varnish when the publish commits) and, as soon as the publish
  returns, reads that article through Varnish: an old title there is a stale read.

Prints the hit ratio of the other articles' reads (target: at least 99 %), the stale reads of
the edited one (target: 0), and how long the publishes took. Not a test: CI never runs it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import ROOT, environment, gunicorn, manage, persisted_ids, stop, wait_for

DATABASE = "cms_bench_tags"
APP_PORT, VARNISH_PORT = 8771, 8772


def prepare(articles: int) -> dict:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {DATABASE}"],
        capture_output=True,
        check=False,
    )
    env = environment()
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        CACHE_KEY_PREFIX="bench-tags",
        EDGE_CACHE="varnish",
        EDGE_PURGE_LOCATION=f"http://127.0.0.1:{VARNISH_PORT}",
        # Long enough that nothing expires during the run: every miss is a purge.
        PERSISTED_QUERY_MAX_AGE="3600",
        RESPONSE_CACHE_TIMEOUT="3600",
        TRUSTED_PROXY_COUNT="1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    count = "from pages.models import ArticlePage; print(ArticlePage.objects.count())"
    if int(manage(env, "shell", "--no-imports", "-c", count).split()[-1]) < articles:
        print(f"{DATABASE}: generating {articles} articles (once) ...", flush=True)
        manage(
            env,
            "generate_volume_content",
            "--verbosity",
            "0",
            "--articles",
            str(articles),
            "--organisations",
            "100",
            "--comments",
            "1000",
        )
    return env


def varnish(tmp: Path) -> subprocess.Popen:
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    vcl = tmp / "cms.vcl"
    vcl.write_text(
        (ROOT / "deploy" / "varnish.vcl")
        .read_text()
        .replace('.port = "8000"', f'.port = "{APP_PORT}"')
    )
    return subprocess.Popen(
        [
            *(varnishd, "-F", "-j", "none", "-n", str(tmp / "varnish")),
            *("-a", f"127.0.0.1:{VARNISH_PORT}", "-f", str(vcl), "-s", "malloc,256m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


class Reader:
    def __init__(self, digest: str):
        self.digest = digest
        self.connection = http.client.HTTPConnection("127.0.0.1", VARNISH_PORT, timeout=10)

    def get(self, slug: str) -> tuple[str, dict]:
        variables = json.dumps({"slug": slug, "locale": "en"})
        query = urllib.parse.urlencode({"id": self.digest, "variables": variables})
        self.connection.request("GET", f"/graphql/?{query}")
        response = self.connection.getresponse()
        body = response.read()
        return response.getheader("X-Edge-Cache", ""), json.loads(body)["data"]["article"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--readers", type=int, default=8)
    args = parser.parse_args()

    env = prepare(args.articles)
    os.environ.update(env)
    import django

    django.setup()
    from pages.models import ArticlePage

    slugs = list(
        ArticlePage.objects.live().filter(locale__language_code="en").values_list("slug", flat=True)
    )
    edited = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    others = [slug for slug in slugs if slug != edited.slug]
    digest = persisted_ids()["ArticleBySlug"]
    print(f"{len(slugs)} English articles; editing {edited.slug!r}", flush=True)

    processes = []
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        try:
            processes.append(gunicorn(env, APP_PORT, 2, tmp / "app.log"))
            wait_for(f"http://127.0.0.1:{APP_PORT}/healthz/")
            processes.append(varnish(tmp))
            wait_for(f"http://127.0.0.1:{VARNISH_PORT}/healthz/")
            warm = Reader(digest)
            for slug in slugs:
                warm.get(slug)
            print(f"warmed the edge with {len(slugs)} articles", flush=True)

            counts = {"hit": 0, "miss": 0}
            lock = threading.Lock()
            running = threading.Event()
            running.set()

            def read_others():
                reader, rng = Reader(digest), random.Random()
                while running.is_set():
                    state, _article = reader.get(rng.choice(others))
                    with lock:
                        counts["hit" if state == "HIT" else "miss"] += 1

            threads = [threading.Thread(target=read_others) for _ in range(args.readers)]
            for thread in threads:
                thread.start()
            editor, stale, publishes = Reader(digest), 0, []
            deadline = time.monotonic() + args.duration
            number = 0
            while time.monotonic() < deadline:
                number += 1
                page = ArticlePage.objects.get(pk=edited.pk)
                page.title = f"Edited {number} at {time.time():.3f}"
                started = time.perf_counter()
                page.save_revision().publish()
                publishes.append(time.perf_counter() - started)
                _state, article = editor.get(edited.slug)
                if article["title"] != page.title:
                    stale += 1
                time.sleep(max(0.0, 1 - (time.perf_counter() - started)))
            running.clear()
            for thread in threads:
                thread.join()
        finally:
            stop(processes, timeout=10)

    total = counts["hit"] + counts["miss"]
    ratio = counts["hit"] / total if total else 0.0
    publishes.sort()
    result = {
        "articles": len(slugs),
        "edits": len(publishes),
        "other_reads": total,
        "other_hit_ratio": round(ratio, 5),
        "stale_reads_of_edited": stale,
        "publish_ms_p50": round(publishes[len(publishes) // 2] * 1000, 1),
        "publish_ms_max": round(publishes[-1] * 1000, 1),
    }
    print(json.dumps(result, indent=2))
    ok = ratio >= 0.99 and stale == 0
    print("targets met" if ok else "TARGETS NOT MET (hit ratio >= 0.99, no stale read)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
