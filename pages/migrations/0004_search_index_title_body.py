"""A GIN index on ``title || body`` of Wagtail's search index (PostgreSQL only).

Wagtail's database search backend on PostgreSQL matches ``(title || body) @@ query`` (modelsearch's
PostgresSearchQueryCompiler), but Wagtail's migrations index ``title`` and ``body`` apart, never
their concatenation (modelsearch's model says such an index "is created in a SQL migration",
which wagtail.search's migrations do not include), so every search read every index entry of
the model: 0.5 s for the directory's matches at 12,000 entries, 7 ms with this index
(docs/performance.md). SQLite uses its FTS5 table instead: nothing to do there.
"""

from django.db import migrations

INDEX = "wagtailsearch_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING GIN ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_article_publication_order"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
