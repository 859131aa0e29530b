"""EXPLAIN the SQL of the article list and the directory (with filters) on the current
database: ``DJANGO_SETTINGS_MODULE=benchmarks.settings python benchmarks/explain.py``.
Prints each query's plan and its time; run it after ``generate_volume_content``."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REQUESTS = {
    "articles(perPage: 20)": (
        "{ articles(perPage: 20) { items { title intro publicationDate author { name } "
        "heroImage { rendition(width: 640) { url } } tags { name } commentCount } "
        "pagination { total } } }"
    ),
    "articles(tag:, perPage: 20)": (
        '{ articles(tag: "topic-3", perPage: 20) { items { title } pagination { total } } }'
    ),
    "organisations(perPage: 50)": (
        "{ organisations(perPage: 50) { items { name services { slug } } pagination { total } } }"
    ),
    "organisations(search:)": (
        '{ organisations(search: "harm", perPage: 20) { items { name } pagination { total } } }'
    ),
    "articles by cursor": (
        '{ articles(perPage: 20, after: "WyJhcnRpY2xlcyIsWyIyMDI0LTAxLTAxIiwxMDAwMF1d") '
        "{ items { title } pageInfo { hasNextPage endCursor } } }"
    ),
    'search("harm reduction")': (
        '{ search(query: "harm reduction") { __typename ... on ArticlePage { title } '
        "... on Organisation { name } } }"
    ),
    "organisations(region:, coverage:, service:)": (
        '{ organisations(region: "PA", coverage: LOCAL, service: "naloxone-distribution", '
        "perPage: 50) { items { name } pagination { total } } }"
    ),
}


def main() -> None:
    settings.RESPONSE_CACHE_ENABLED = False
    client = Client(HTTP_HOST="localhost")
    vendor = connection.vendor
    for label, query in REQUESTS.items():
        body = json.dumps({"query": query})
        client.post("/graphql/", body, content_type="application/json")  # warm
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", body, content_type="application/json")
        elapsed = (time.perf_counter() - started) * 1000
        assert "errors" not in response.json(), response.json()
        print(f"\n=== {label}: {len(queries)} queries, {elapsed:.1f} ms")
        for captured in queries.captured_queries:
            sql = captured["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            prefix = "EXPLAIN ANALYZE " if vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                plan = "\n".join(
                    "    " + " ".join(str(c) for c in row) for row in cursor.fetchall()
                )
            print(f"--- {captured['time']} s: {sql[:160]}...\n{plan}")


if __name__ == "__main__":
    main()
