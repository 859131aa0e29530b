"""``manage.py check_directory``: run the automated directory checks now, in this process
(the scheduler queues the same work daily as the ``run_directory_checks`` task)."""

from django.core.management.base import BaseCommand

from snippets.checks import batch_size, check_organisation, due_organisations
from snippets.models import Organisation


class Command(BaseCommand):
    help = (
        "Check live organisations' websites and email domains (the longest unchecked first) "
        "and record the results shown in the Directory verification report."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many (default: the batch size)."
        )
        parser.add_argument("--all", action="store_true", help="Every live organisation.")
        parser.add_argument(
            "--organisation", type=int, action="append", help="Only this organisation (id)."
        )

    def handle(self, *args, limit=None, all=False, organisation=None, **options):
        if organisation:
            organisations = list(Organisation.objects.filter(pk__in=organisation))
        else:
            organisations = due_organisations(None if all else (limit or batch_size()))
        for org in organisations:
            for check in check_organisation(org):
                mark = "ok" if check.ok else "FAILED"
                self.stdout.write(f"{org} [{check.kind}] {mark}: {check.summary}")
        self.stdout.write(f"Checked {len(organisations)} organisation(s).")
