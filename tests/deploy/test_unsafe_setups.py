"""Production refuses SQLite unless the operator declares a single-process site: settings cannot
count the processes (gunicorn workers, db_worker, the scheduler) that would share the file."""

import pytest

from tests.test_settings import SETUP, good_key, run_python

PRINT = SETUP + "; from django.conf import settings; print(settings.SINGLE_PROCESS)"


@pytest.mark.parametrize(
    "database", [None, "sqlite:////tmp/cms-production.sqlite3"], ids=["default", "explicit"]
)
def test_production_refuses_sqlite(database):
    # With a shared cache, so that SQLite is what is refused (not the missing REDIS_URL).
    env = {"SECRET_KEY": good_key(), "REDIS_URL": "redis://cache.internal:6379/0"}
    if database:
        env["DATABASE_URL"] = database
    result = run_python(PRINT, "cms.settings.production", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production refuses SQLite" in result.stderr
    # The message says both ways out.
    assert "DATABASE_URL" in result.stderr
    assert "SINGLE_PROCESS=true" in result.stderr


def test_production_runs_sqlite_when_told_it_is_a_single_process_site():
    result = run_python(PRINT, "cms.settings.production", SECRET_KEY=good_key(), SINGLE_PROCESS="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_runs_on_postgresql_without_the_declaration():
    result = run_python(
        PRINT,
        "cms.settings.production",
        SECRET_KEY=good_key(),
        DATABASE_URL="postgres://cms:secret@db.internal:5432/cms",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_unreadable_single_process_value_is_a_clear_error():
    result = run_python(
        PRINT, "cms.settings.production", SECRET_KEY=good_key(), SINGLE_PROCESS="perhaps"
    )
    assert result.returncode != 0
    assert "SINGLE_PROCESS must be a boolean" in result.stderr


def test_development_keeps_its_sqlite_default():
    result = run_python(
        SETUP + "; from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])",
        "cms.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"
