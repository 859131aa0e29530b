"""``manage.py export_schema``: write the GraphQL schema as SDL (``make schema``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from api.contract import schema_sdl

DEFAULT_PATH = Path(settings.BASE_DIR) / "frontend_contract" / "schema.graphql"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(DEFAULT_PATH), help="Where to write the SDL.")

    def handle(self, *args, out, **options):
        Path(out).write_text(schema_sdl())
        self.stdout.write(f"Wrote {out}")
