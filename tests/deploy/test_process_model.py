"""The process model in deploy/: gunicorn's settings, the Procfile honcho runs, the systemd units
that run the same commands, nginx's configuration, and what `make serve` starts with."""

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy import serve
from tests.test_settings import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
GUNICORN = Path(sys.executable).parent / "gunicorn"
HONCHO = Path(sys.executable).parent / "honcho"
UNITS = {
    "web": "cms-web.service",
    "worker": "cms-worker.service",
    "scheduler": "cms-scheduler.service",
}


def gunicorn_config(**env_vars: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"WEB_CONCURRENCY", "GUNICORN_BIND", "SINGLE_PROCESS", "GUNICORN_THREADS"}
    }
    result = subprocess.run(
        [str(GUNICORN), "--print-config", "-c", "deploy/gunicorn.conf.py", "cms.wsgi:application"],
        env={**env, **env_vars},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    settings = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition("=")
        settings[name.strip()] = value.strip()
    return settings


def test_gunicorn_takes_its_address_and_workers_from_the_environment():
    found = gunicorn_config(GUNICORN_BIND="0.0.0.0:9000", WEB_CONCURRENCY="3")
    assert found["bind"] == "['0.0.0.0:9000']"
    assert found["workers"] == "3"


def test_gunicorn_defaults_to_loopback_and_two_workers_per_core_plus_one():
    found = gunicorn_config()
    assert found["bind"] == "['127.0.0.1:8000']"
    assert found["workers"] == str(2 * os.cpu_count() + 1)
    assert found["accesslog"] == "-"  # one line per request on stdout
    assert int(found["graceful_timeout"]) > 0
    assert found["control_socket_disable"] == "True"  # two instances on one machine


def test_a_single_process_site_runs_one_gunicorn_worker():
    found = gunicorn_config(SINGLE_PROCESS="true", WEB_CONCURRENCY="5", GUNICORN_THREADS="4")
    assert found["workers"] == "1"
    assert found["threads"] == "4"


def procfile() -> dict[str, str]:
    from honcho.environ import parse_procfile

    return parse_procfile((DEPLOY / "Procfile").read_text()).processes


def test_the_procfile_names_web_worker_and_scheduler():
    result = subprocess.run(
        [str(HONCHO), "-f", "deploy/Procfile", "check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    processes = procfile()
    assert set(processes) == {"web", "worker", "scheduler"}
    assert "gunicorn -c deploy/gunicorn.conf.py cms.wsgi:application" in processes["web"]
    assert processes["worker"].endswith("python manage.py db_worker")
    assert processes["scheduler"].endswith("python manage.py run_scheduler")
    for command in processes.values():  # production unless told otherwise
        assert command.startswith(
            'DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.production}" '
        )


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize("process", sorted(UNITS))
def test_each_systemd_unit_runs_the_procfile_command_sandboxed(process):
    service = unit(UNITS[process])["Service"]

    command = shlex.split(service["ExecStart"])
    command[0] = command[0].removeprefix("/srv/cms/.venv/bin/")
    assert procfile()[process].endswith(shlex.join(command))
    assert service["Environment"].endswith("PYTHONUNBUFFERED=1")  # the last one read
    assert (
        "Environment=DJANGO_SETTINGS_MODULE=cms.settings.production"
        in (DEPLOY / "systemd" / UNITS[process]).read_text()
    )
    assert service["User"] == "cms"
    for option, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ReadWritePaths": "/var/lib/cms/media",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    }.items():
        assert service[option] == value, option
    assert unit(UNITS[process])["Install"]["WantedBy"] == "cms.target"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_accepts_the_units(tmp_path):
    # The units with this checkout's paths, as systemd-analyze checks that commands exist.
    for source in (DEPLOY / "systemd").glob("cms*"):
        text = source.read_text()
        text = text.replace("/srv/cms/.venv/bin/", f"{Path(sys.executable).parent}/")
        text = text.replace("/srv/cms/deploy/", f"{PROJECT_ROOT}/deploy/")
        text = text.replace("WorkingDirectory=/srv/cms", f"WorkingDirectory={PROJECT_ROOT}")
        text = text.replace("/etc/cms/cms.env", "/dev/null")
        (tmp_path / source.name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_nginx_accepts_its_configuration(tmp_path):
    nginx = serve.nginx_binary()
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install nginx and libnginx-mod-http-cache-purge")
        pytest.skip("nginx with its cache-purge module is not installed")
    config = serve.nginx_config(
        directory=tmp_path / "nginx",
        listen="127.0.0.1:18080",
        app_port=18081,
        purge_port=18082,
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(config)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"alias {tmp_path / 'static'}/;" in config.read_text()


def test_make_serve_falls_back_to_a_single_process_sqlite_site(monkeypatch, tmp_path):
    monkeypatch.setattr(serve, "STATE", tmp_path)
    monkeypatch.setattr(serve, "reachable", lambda host, port: False)
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SINGLE_PROCESS", "STATIC_ROOT"):
        monkeypatch.delenv(name, raising=False)

    env = serve.environment("127.0.0.1", 8000, 8000)

    assert env["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert "REDIS_URL" not in env
    assert env["SINGLE_PROCESS"] == "true"
    assert env["STATIC_ROOT"] == str(tmp_path / "static")
    assert len(env["SECRET_KEY"]) >= 50
    # The key is kept: sessions survive a restart.
    assert serve.environment("127.0.0.1", 8000, 8000)["SECRET_KEY"] == env["SECRET_KEY"]


def test_make_serve_uses_postgresql_and_redis_when_they_answer(monkeypatch, tmp_path):
    monkeypatch.setattr(serve, "STATE", tmp_path)
    monkeypatch.setattr(serve, "reachable", lambda host, port: True)
    created = []
    monkeypatch.setattr(serve, "create_database", lambda server, name: created.append(name))
    for name in ("DATABASE_URL", "REDIS_URL", "SINGLE_PROCESS"):
        monkeypatch.delenv(name, raising=False)

    env = serve.environment("127.0.0.1", 8000, 8000)

    assert created == ["cms"]
    assert env["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/cms"
    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/1"
    assert "SINGLE_PROCESS" not in env
