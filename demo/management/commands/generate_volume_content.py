"""``manage.py generate_volume_content``: thousands of articles, organisations and comments for
load tests and query plans (see demo/volume.py). Runs once per database."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.volume import VolumeExists, generate


class Command(BaseCommand):
    help = (
        "Create many live articles (in the default locale's article index), organisations and "
        "comments in bulk, with a progress bar. Needs the demo site (load_demo_content). "
        "Refuses to run twice on the same database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--organisations", type=int, default=2_000)
        parser.add_argument("--comments", type=int, default=100_000)
        parser.add_argument("--batch-size", type=int, default=1_000)

    def handle(self, *args, **options):
        if min(options["articles"], options["organisations"]) < 1 or options["comments"] < 0:
            raise CommandError("Give at least one article and one organisation.")
        bars = []

        def progress(label: str, total: int):
            bar = tqdm(
                total=total,
                desc=label,
                unit=" rows",
                file=self.stderr._out,
                disable=options["verbosity"] == 0,
            )
            bars.append(bar)
            return bar.update

        try:
            created = generate(
                articles=options["articles"],
                organisations=options["organisations"],
                comments=options["comments"],
                batch_size=options["batch_size"],
                progress=progress,
            )
        except (VolumeExists, LookupError) as error:
            raise CommandError(str(error)) from error
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                "Created {articles} articles, {organisations} organisations and "
                "{comments} comments.".format(**created)
            )
        )
