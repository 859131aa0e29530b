"""`make serve`: the production stack on this machine, as an operator would run it.

    .venv/bin/python deploy/serve.py [--host 127.0.0.1] [--port 8000] [web nginx ...]
    .venv/bin/python deploy/serve.py manage createsuperuser   # any manage.py command, same setup

Production settings (``cms.settings.production``) with:

- PostgreSQL at 127.0.0.1:5432 (database ``cms``, created if missing) and Redis at
  127.0.0.1:6379 (db 1) when they answer, unless DATABASE_URL / REDIS_URL say otherwise;
  otherwise SQLite in ``.serve/db.sqlite3`` and local memory, declared a single-process site
  (SINGLE_PROCESS=true: one gunicorn worker);
- a SECRET_KEY generated once into ``.serve/secret_key`` unless SECRET_KEY is set;
- static and media files in ``.serve/static`` and ``.serve/media`` (STATIC_ROOT, MEDIA_ROOT);
- plain HTTP on this machine: no HTTPS redirect, no HSTS (put TLS in front for real traffic).

Then ``collectstatic``, ``migrate``, and the processes of ``deploy/Procfile`` (web, worker,
scheduler) under honcho, with nginx (``deploy/nginx.conf``, paths and ports rewritten into
``.serve/nginx/``) in front when it is installed: nginx on --host:--port, gunicorn on
127.0.0.1:<port + 1>, nginx's purge listener on 127.0.0.1:<port + 2>. Without nginx gunicorn
listens on --host:--port itself (WhiteNoise serves the static files; uploaded media are only
served through nginx). Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".serve"
PYTHON = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/1"
NGINX_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def create_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def secret_key() -> str:
    path = STATE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def environment(host: str, port: int, public_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("SECRET_KEY", secret_key())
    if "DATABASE_URL" not in env:
        if reachable("127.0.0.1", 5432):
            create_database(PG_SERVER, "cms")
            env["DATABASE_URL"] = f"{PG_SERVER}/cms"
        else:
            env["DATABASE_URL"] = f"sqlite:///{STATE / 'db.sqlite3'}"
    if "REDIS_URL" not in env and reachable("127.0.0.1", 6379):
        env["REDIS_URL"] = REDIS_URL
    if env["DATABASE_URL"].startswith("sqlite") or not env.get("REDIS_URL"):
        # One machine's file, or one process's memory: one web process (gunicorn.conf.py).
        env.setdefault("SINGLE_PROCESS", "true")
    env.setdefault("STATIC_ROOT", str(STATE / "static"))
    env.setdefault("MEDIA_ROOT", str(STATE / "media"))
    site = f"http://localhost:{public_port}"
    env.setdefault("ALLOWED_HOSTS", f"localhost,127.0.0.1,{host}")
    env.setdefault("WAGTAILADMIN_BASE_URL", site)
    env.setdefault("PREVIEW_CLIENT_URL", site + "/")
    env.setdefault("SERVE_READER", "1")
    # Plain HTTP on this machine; production behind TLS keeps the defaults (on).
    env.setdefault("SECURE_SSL_REDIRECT", "0")
    env.setdefault("SECURE_HSTS_SECONDS", "0")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def nginx_config(
    *,
    directory: Path,
    listen: str,
    app_port: int,
    purge_port: int,
    static_root: Path,
    media_root: Path,
) -> Path:
    """``deploy/nginx.conf`` with this machine's paths and ports, written into ``directory``
    (which then also holds nginx's pid, logs, cache and temporary files)."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    temp = directory / "temp"
    replacements = {
        "pid /run/nginx-cms.pid;": f"pid {directory}/nginx.pid;",
        "/var/log/nginx/cms-error.log": f"{directory}/error.log",
        "/var/log/nginx/cms-access.log": f"{directory}/access.log",
        "/var/cache/nginx/cms": f"{directory}/cache",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80 reuseport;": f"listen {listen} reuseport;",
        "listen 127.0.0.1:8080;": f"listen 127.0.0.1:{purge_port};",
        "alias /var/lib/cms/static/;": f"alias {static_root}/;",
        "alias /var/lib/cms/media/;": f"alias {media_root}/;",
        # Temporary files where nginx's workers (nobody, when started as root) may write.
        "http {\n": (
            "http {\n"
            + "".join(
                f"    {kind}_temp_path {temp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
        ),
    }
    for old, new in replacements.items():
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf no longer contains {old!r}")
        text = text.replace(old, new, 1)
    for path in (directory, directory / "cache", temp):
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o777 if path != directory else 0o755)
    config = directory / "nginx.conf"
    config.write_text(text)
    return config


def nginx_binary() -> str | None:
    """nginx, even when /usr/sbin is not on a user's PATH."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    return found if found and NGINX_MODULE.exists() else None


def nginx_available() -> bool:
    return nginx_binary() is not None


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def main() -> int:
    if sys.argv[1:2] == ["manage"]:
        STATE.mkdir(exist_ok=True)
        port = int(os.environ.get("PORT", "8000"))
        env = environment(os.environ.get("HOST", "127.0.0.1"), port, port)
        return subprocess.run([PYTHON, str(ROOT / "manage.py"), *sys.argv[2:]], env=env).returncode

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "processes", nargs="*", help="only these processes of the Procfile (default: all)"
    )
    args = parser.parse_args()

    STATE.mkdir(exist_ok=True)
    STATE.chmod(0o755)  # nginx's workers read the static and media files inside
    with_nginx = nginx_available()
    env = environment(args.host, args.port, args.port)
    procfile = (ROOT / "deploy" / "Procfile").read_text()
    if with_nginx:
        app_port, purge_port = args.port + 1, args.port + 2
        env["GUNICORN_BIND"] = f"127.0.0.1:{app_port}"
        env.setdefault("EDGE_PURGE_LOCATION", f"http://127.0.0.1:{purge_port}")
        env.setdefault("TRUSTED_PROXY_COUNT", "1")
        config = nginx_config(
            directory=STATE / "nginx",
            listen=f"{args.host}:{args.port}",
            app_port=app_port,
            purge_port=purge_port,
            static_root=Path(env["STATIC_ROOT"]),
            media_root=Path(env["MEDIA_ROOT"]),
        )
        procfile += f"nginx: {nginx_binary()} -c {config} -g 'daemon off;'\n"
    else:
        env["GUNICORN_BIND"] = f"{args.host}:{args.port}"
        print("nginx is not installed (apt-get install nginx libnginx-mod-http-cache-purge):")
        print("  gunicorn serves directly; uploaded images are not served.")
    Path(env["MEDIA_ROOT"]).mkdir(parents=True, exist_ok=True)

    database = env["DATABASE_URL"].rsplit("@", 1)[-1]
    print(f"database {database}, cache {env.get('REDIS_URL', 'local memory')}", flush=True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    (STATE / "Procfile").write_text(procfile)

    site = f"http://localhost:{args.port}"
    print(f"""
  Reader:   {site}/
  Admin:    {site}/admin/   (an account: .venv/bin/python deploy/serve.py manage createsuperuser)
  GraphQL:  {site}/graphql/
  Health:   {site}/healthz/  and  {site}/readyz/
""")
    honcho = str(Path(PYTHON).parent / "honcho")
    env["PATH"] = f"{Path(PYTHON).parent}{os.pathsep}{env.get('PATH', '')}"
    os.chdir(ROOT)
    command = [honcho, "-f", str(STATE / "Procfile"), "-d", str(ROOT), "start", *args.processes]
    os.execve(honcho, command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
