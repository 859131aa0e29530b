"""gunicorn's settings for the web process: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Read from the environment (README, "Deploying"):

    GUNICORN_BIND     address to listen on (default 127.0.0.1:8000: nginx in front, on the same
                      machine); "0.0.0.0:8000" behind a load balancer elsewhere, or a unix
                      socket ("unix:/run/cms/gunicorn.sock")
    WEB_CONCURRENCY   worker processes (default: 2 × CPU cores + 1, gunicorn's own advice: one
                      request computes while another waits on PostgreSQL or Redis). Each worker
                      holds a database connection (DATABASE_CONN_MAX_AGE), so the sum over all
                      app servers must stay below PostgreSQL's max_connections.
    GUNICORN_THREADS  threads per worker (default 1)
    GUNICORN_TIMEOUT  seconds a request may run before its worker is killed and replaced
                      (default 30)
    SINGLE_PROCESS    "true": one worker whatever WEB_CONCURRENCY says (SQLite, cms/settings/
                      production.py); give it threads instead (GUNICORN_THREADS=4)
    PROMETHEUS_MULTIPROC_DIR
                      a directory for the workers' metrics (cms/metrics.py), so that /metrics
                      adds up every worker; emptied when gunicorn starts

The access log goes to stdout, one line per request, for journald or the platform's collector.
"""

import multiprocessing
import os


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def default_workers(cores: int) -> int:
    return cores * 2 + 1


bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers(multiprocessing.cpu_count()))
if _flag("SINGLE_PROCESS"):
    workers = 1
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
wsgi_app = "cms.wsgi:application"

# A request longer than this is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (deploys, systemd stop), workers finish the requests they hold for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# nginx keeps connections to the app open (deploy/nginx.conf: upstream keepalive).
keepalive = 5
# Replace each worker after about this many requests, staggered, so a slow leak cannot grow.
max_requests = 2000
max_requests_jitter = 200

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Who the client was, as nginx saw it, and how long the app took (microseconds).
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s" fwd="%({x-forwarded-for}i)s"'

# X-Forwarded-* are honoured from nginx on this machine only (Django reads X-Forwarded-Proto
# itself: SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "cms-web"
# gunicorn 27's control socket lives in $HOME by default: shared by every gunicorn of a user
# (two app nodes on one machine would fight over it) and read-only under deploy/systemd/.
# Nothing here uses it.
control_socket_disable = True


def on_starting(server):
    """Start the metrics of a new gunicorn afresh: files left by an earlier run would be added
    to this one's counts."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server, worker):
    """A worker that exits no longer counts in the live gauges (prometheus-client's rule)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
