"""``manage.py run_scheduler``: the one process that runs periodic jobs (cms/scheduler.py).

Runs until SIGTERM or SIGINT (it finishes the job in progress, then exits with status 0).
``--once`` runs every due job once and exits, for tests and for cron or systemd timers;
``--list`` shows the jobs and when each last ran.
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from cms import scheduler
from cms.models import ScheduledJob


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every due job once, exit.")
        parser.add_argument("--list", action="store_true", help="List the jobs, run nothing.")
        parser.add_argument(
            "--job", action="append", default=[], help="Only this job (repeat for several)."
        )

    def handle(self, *args, once=False, list=False, job=(), verbosity=1, **options):
        jobs = [*scheduler.JOBS.values()]
        if job:
            unknown = sorted(set(job) - set(scheduler.JOBS))
            if unknown:
                raise CommandError(f"Unknown job(s): {', '.join(unknown)}")
            jobs = [scheduler.JOBS[name] for name in job]
        if verbosity > 1:
            logging.getLogger(scheduler.__name__).setLevel(logging.DEBUG)
        if list:
            states = {state.name: state for state in ScheduledJob.objects.all()}
            for item in jobs:
                state = states.get(item.name)
                last = (
                    state.last_started_at.isoformat()
                    if state and state.last_started_at
                    else "never"
                )
                outcome = (
                    ""
                    if not state or state.last_succeeded is None
                    else (" ok" if state.last_succeeded else f" FAILED {state.last_error}")
                )
                self.stdout.write(
                    f"{item.name}: every {scheduler.describe(item.every)}, "
                    f"last started {last}{outcome}"
                )
            return
        if once:
            ran = scheduler.run_due(jobs)
            self.stdout.write(f"Ran {len(ran)} due job(s): {', '.join(ran) or 'none'}.")
            return
        scheduler.Scheduler(jobs).run_forever()
