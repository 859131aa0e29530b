"""Searches use an index (pages/migrations/0004): the condition Wagtail's backend writes on
PostgreSQL, ``(title || body) @@ ...``, is one an index answers."""

import pytest
from django.db import connection

from api.search import matching
from snippets.models import Organisation

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite searches its FTS5 table"),
    pytest.mark.django_db,
]

CONDITION = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


def test_the_search_condition_is_the_indexed_expression():
    sql = str(matching("harm", Organisation.objects.filter(live=True)).values("pk").query)
    assert CONDITION in sql
    with connection.cursor() as cursor:
        # With a few rows the planner would rather read them all: forbid that, to see that the
        # index answers the condition (at volume the planner chooses it: docs/performance.md).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('harm')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "wagtailsearch_indexentry_title_body_gin" in plan, plan
