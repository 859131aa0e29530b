"""``manage.py release_contract X.Y.Z``: release the GraphQL contract (``make release-contract``).

Copies ``frontend_contract/schema.graphql`` to ``schema.released.graphql`` (what the
breaking-change gate compares the live schema with from then on) and, in CHANGELOG.md, moves
the entries of ``## [Unreleased]`` under a new ``## [contract X.Y.Z] - <date>`` heading,
leaving an empty Unreleased section.

Refuses when schema.graphql is not the live schema (run ``make schema`` first), when the
version is not above the last released one, or when the release has breaking changes and the
major version (the minor one before 1.0.0) was not bumped, or they are not declared.
"""

import datetime
import re

from django.core.management.base import BaseCommand, CommandError

from api import contract

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def release_changelog(changelog: str, version: str, date: str) -> str:
    """``changelog`` with the Unreleased entries moved under ``[contract version] - date``."""
    match = contract.UNRELEASED_RE.search(changelog)
    if match is None:
        raise CommandError("CHANGELOG.md has no “## [Unreleased]” section.")
    entries = match.group(1).strip()
    if not entries:
        raise CommandError("CHANGELOG.md's Unreleased section is empty: describe the release.")
    released = f"## [Unreleased]\n\n## [contract {version}] - {date}\n\n{entries}\n\n"
    return changelog[: match.start()] + released + changelog[match.end() :]


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("version", help="The new contract version, e.g. 1.1.0.")
        parser.add_argument(
            "--date", default=None, help="Release date (YYYY-MM-DD). Default: today."
        )

    def handle(self, *args, version, date=None, **options):
        new = VERSION_RE.match(version)
        if new is None:
            raise CommandError(f"VERSION must be MAJOR.MINOR.PATCH, not {version!r}.")
        date = date or datetime.date.today().isoformat()
        live = contract.schema_sdl()
        if contract.SCHEMA_PATH.read_text(encoding="utf-8") != live:
            raise CommandError("schema.graphql is not the live schema: run `make schema` first.")
        changelog = contract.CHANGELOG_PATH.read_text(encoding="utf-8")
        new_version = tuple(int(part) for part in new.groups())
        latest = contract.latest_contract_version(changelog)
        if latest is not None and new_version <= latest:
            raise CommandError(
                f"{version} is not above the last released contract, {'.'.join(map(str, latest))}."
            )
        released = contract.RELEASED_SCHEMA_PATH.read_text(encoding="utf-8")
        gate = contract.check_breaking_changes(released, live, changelog)
        if gate.undeclared:
            raise CommandError(
                "Undeclared breaking changes (declare them under ### Breaking in CHANGELOG.md's "
                "Unreleased section):\n" + "\n".join(f"- {c}" for c in gate.undeclared)
            )
        if gate.breaking and latest is not None and not self.bumps_major(latest, new_version):
            raise CommandError(
                f"This release has breaking changes: {version} must bump the major version "
                f"of {'.'.join(map(str, latest))}."
            )
        contract.CHANGELOG_PATH.write_text(
            release_changelog(changelog, version, date), encoding="utf-8"
        )
        contract.RELEASED_SCHEMA_PATH.write_text(live, encoding="utf-8")
        self.stdout.write(
            f"Released contract {version}: wrote frontend_contract/schema.released.graphql "
            "and CHANGELOG.md. Commit both."
        )

    @staticmethod
    def bumps_major(latest: tuple[int, int, int], new: tuple[int, int, int]) -> bool:
        if latest[0] == 0:  # before 1.0.0, semver's minor version plays the major's part
            return new[0] > 0 or new[1] > latest[1]
        return new[0] > latest[0]
