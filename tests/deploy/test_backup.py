"""deploy/backup.sh and deploy/restore.sh: a backup restored into a fresh database serves the same
article, directory and approved comments, and brings the media back (docs/backups.md).

PostgreSQL only (the scripts dump and restore with pg_dump and pg_restore): the test runs in the
PostgreSQL round of `.ci/run` and skips on SQLite. It creates two throwaway databases on the
server of DATABASE_URL, never touching the test database, and drops them afterwards. The app
runs against each in a subprocess (tests/deploy/backup_site.py), as a restored site would start.
"""

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DAY = 24 * 60 * 60

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="backups are pg_dump and pg_restore: checked in the PostgreSQL round",
)


def url_for(database: str) -> str:
    """DATABASE_URL's server and user, another database."""
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{database}", query=""))


@pytest.fixture(scope="module")
def server():
    """A connection to the PostgreSQL server of DATABASE_URL, to create and drop databases."""
    psycopg = pytest.importorskip("psycopg")
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} is missing (apt-get install postgresql-client)")
            pytest.skip(f"{tool} is missing")
    with psycopg.connect(url_for("postgres"), autocommit=True) as connection:
        yield connection


@contextlib.contextmanager
def throwaway_database(server, role: str):
    """An empty database, dropped afterwards (with any connection left to it)."""
    name = f"cms_backup_{role}_{secrets.token_hex(4)}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_for(name)
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(server):
    with throwaway_database(server, "restored") as url:
        yield url


@dataclass
class Backup:
    source: str  # the backed-up database's URL
    media: Path  # its MEDIA_ROOT
    path: Path  # the directory backup.sh wrote


@pytest.fixture(scope="module")
def backup(server, tmp_path_factory):
    """The demo site with an approved and a pending comment, and a file in its media, backed up
    by deploy/backup.sh."""
    with throwaway_database(server, "source") as source:
        site("seed", source)
        media = tmp_path_factory.mktemp("media")
        upload = media / "original_images" / "naloxone-kit.jpg"
        upload.parent.mkdir()
        upload.write_bytes(secrets.token_bytes(4096))
        # Earlier backups, one older than BACKUP_KEEP_DAYS, and a directory not made by backup.sh.
        backups = tmp_path_factory.mktemp("backups")
        for name in ("cms-20200101T031500Z", "cms-20261201T031500Z", "kept-by-the-operator"):
            (backups / name).mkdir()
        for name in ("cms-20200101T031500Z", "kept-by-the-operator"):
            os.utime(backups / name, (time.time() - 40 * DAY, time.time() - 40 * DAY))
        output = run(
            ["deploy/backup.sh"],
            DATABASE_URL=source,
            MEDIA_ROOT=str(media),
            BACKUP_DIR=str(backups),
            BACKUP_KEEP_DAYS="30",
        )
        yield Backup(source=source, media=media, path=Path(output.splitlines()[-1]))


def run(args: list[str], **env: str) -> str:
    """Run ``args`` from the project root with ``env`` added; return its stdout."""
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    # Each process keeps its own local-memory cache, and the response cache is off: every answer
    # below is read from the database it names, never from a cache another process filled.
    environment.pop("REDIS_URL", None)
    environment["RESPONSE_CACHE_ENABLED"] = "0"
    result = subprocess.run(
        args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def site(command: str, database_url: str) -> str:
    return run([sys.executable, "tests/deploy/backup_site.py", command], DATABASE_URL=database_url)


def restore(backup_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["deploy/restore.sh", str(backup_path)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_restored_into_a_fresh_database_serves_the_same_site(
    backup, fresh_database, tmp_path
):
    assert sorted(os.listdir(backup.path)) == [
        "SHA256SUMS",
        "backup.info",
        "database.dump",
        "media.tar.gz",
    ]
    restored_media = tmp_path / "media"
    run(
        ["deploy/restore.sh", str(backup.path)],
        DATABASE_URL=fresh_database,
        MEDIA_ROOT=str(restored_media),
    )

    original = json.loads(site("read", backup.source))
    copy = json.loads(site("read", fresh_database))
    # Not an empty answer compared with another: the seeded site is there.
    article = original["article"]["article"]
    assert article["title"] == "Practical Ways Harm Reduction Techniques Make a Difference"
    comments = [(c["authorName"], c["body"]) for c in article["comments"]["items"]]
    assert comments == [("Sam", "Naloxone saved my brother's life. Thank you for this.")]
    assert len(original["directory"]["organisations"]["items"]) == 7
    # The same article (ids, dates, body, translations), directory and approved comments.
    assert copy == original

    upload = Path("original_images") / "naloxone-kit.jpg"
    assert (restored_media / upload).read_bytes() == (backup.media / upload).read_bytes()

    # The restored database takes new rows: its sequences came back with its tables.
    written = json.loads(site("write", fresh_database))
    assert written["status"] == "PENDING"
    assert int(written["comment"]["id"]) > max(int(c["id"]) for c in article["comments"]["items"])


def test_a_backup_deletes_its_predecessors_older_than_BACKUP_KEEP_DAYS(backup):
    assert sorted(os.listdir(backup.path.parent)) == sorted(
        ["cms-20261201T031500Z", backup.path.name, "kept-by-the-operator"]
    )


def test_restore_refuses_a_database_that_is_not_empty(backup, tmp_path):
    result = restore(backup.path, DATABASE_URL=backup.source, MEDIA_ROOT=str(tmp_path))

    assert result.returncode == 1
    assert "is not empty" in result.stderr
    assert not any(tmp_path.iterdir())  # nothing restored


def test_restore_refuses_a_damaged_backup(backup, fresh_database, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(backup.path, damaged)
    with (damaged / "database.dump").open("r+b") as dump:
        dump.seek(-100, os.SEEK_END)
        dump.write(b"\0" * 50)

    result = restore(damaged, DATABASE_URL=fresh_database, RESTORE_MEDIA="0")

    assert result.returncode == 1
    assert "fails its checksums" in result.stderr
