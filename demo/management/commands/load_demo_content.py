"""``manage.py load_demo_content``: the demo site, directory and seed article (idempotent)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from demo.content import load_demo_content


class Command(BaseCommand):
    help = (
        "Create or update the demo site: home page, articles section, the seed article "
        "“Practical Ways Harm Reduction Techniques Make a Difference”, its author, and the "
        "organisation directory. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        try:
            load_demo_content(stdout=self.stdout)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
