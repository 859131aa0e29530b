"""Settings as each environment loads them, in fresh interpreters like a server or manage.py."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, settings_module: str, **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
        "SINGLE_PROCESS",
    ):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django; django.setup()"


def good_key() -> str:
    return secrets.token_urlsafe(48)[:64]


# Production on the default SQLite file must be declared a single-process site
# (tests/deploy/test_unsafe_setups.py); tests of other production settings declare it.
SINGLE_PROCESS = {"SINGLE_PROCESS": "true"}


# --- Production refuses unsafe configuration --------------------------------------------------


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(SETUP, "cms.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["short", "x" * 64, "dev-only-insecure-key-never-use-in-production-padding-padding"],
    ids=["short", "repetitive", "insecure"],
)
def test_production_refuses_weak_secret_keys(key):
    result = run_python(SETUP, "cms.settings.production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run_python(SETUP, "cms.settings.production", SECRET_KEY=good_key(), DEBUG="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG must be off" in result.stderr


def test_production_starts_with_a_real_key_and_debug_off():
    result = run_python(
        SETUP + "; from django.conf import settings; print(settings.DEBUG)",
        "cms.settings.production",
        SECRET_KEY=good_key(),
        **SINGLE_PROCESS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.production"])
def test_an_unreadable_debug_value_is_a_clear_error(module):
    result = run_python(SETUP, module, SECRET_KEY=good_key(), DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
    assert "'maybe'" in result.stderr


@pytest.mark.parametrize(("value", "expected"), [("0", "False"), ("true", "True"), ("", "True")])
def test_dev_reads_debug_from_the_environment(value, expected):
    result = run_python(
        SETUP + "; from django.conf import settings; print(settings.DEBUG)",
        "cms.settings.dev",
        DEBUG=value,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


# --- Database and cache from the environment --------------------------------------------------

PRINT_BACKENDS = (
    SETUP + "; import json; from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default']['BACKEND'], "
    "settings.CACHES['default'].get('LOCATION'), "
    "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']]))"
)


def test_redis_url_and_database_url_select_redis_and_postgres():
    result = run_python(
        PRINT_BACKENDS,
        "cms.settings.dev",
        REDIS_URL="redis://cache.internal:6379/1",
        DATABASE_URL="postgres://cms:secret@db.internal:5432/cms",
    )
    assert result.returncode == 0, result.stderr
    cache_backend, location, engine, name = json.loads(result.stdout)
    assert cache_backend == "cms.cache.ResilientRedisCache"  # a Redis cache, misses on outage
    assert location == "redis://cache.internal:6379/1"
    assert engine == "django.db.backends.postgresql"
    assert name == "cms"


def test_without_urls_the_defaults_are_local_memory_and_sqlite():
    result = run_python(PRINT_BACKENDS, "cms.settings.dev")
    assert result.returncode == 0, result.stderr
    cache_backend, _location, engine, name = json.loads(result.stdout)
    assert cache_backend == "django.core.cache.backends.locmem.LocMemCache"
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == PROJECT_ROOT / "db.sqlite3"


def test_sqlite_uses_wal_and_immediate_transactions(tmp_path):
    code = (
        SETUP + "\n"
        "import json\n"
        "from django.conf import settings\n"
        "from django.db import connection, transaction\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "connection.ensure_connection()\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    journal_mode = cursor.fetchone()[0]\n"
        "with CaptureQueriesContext(connection) as queries:\n"
        "    with transaction.atomic():\n"
        "        with connection.cursor() as cursor:\n"
        "            cursor.execute('SELECT 1')\n"
        "print(json.dumps({\n"
        "    'journal_mode': journal_mode,\n"
        "    'option': settings.DATABASES['default']['OPTIONS']['transaction_mode'],\n"
        "    'first_sql': queries.captured_queries[0]['sql'],\n"
        "}))\n"
    )
    result = run_python(
        code, "cms.settings.dev", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["journal_mode"] == "wal"
    assert found["option"] == "IMMEDIATE"
    assert found["first_sql"] == "BEGIN IMMEDIATE"


# --- Endpoints --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_graphiql_is_not_exposed_under_test_settings(client):
    assert client.get("/graphiql/").status_code == 404
    # The API itself is there.
    response = client.post(
        "/graphql/", json.dumps({"query": "{ __typename }"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_graphiql_is_exposed_in_development():
    code = SETUP + "; from django.urls import resolve; print(resolve('/graphiql/').url_name)"
    result = run_python(code, "cms.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "grapple_graphiql"
