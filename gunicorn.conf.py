"""gunicorn settings for Sourcebook: `gunicorn --config gunicorn.conf.py 'app:create_app()'`.

Every value can be overridden on the command line or through GUNICORN_CMD_ARGS."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Each request is a few ms of Python and a few round trips to the database.
# Threads let a worker run another request while one waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck; the worker is replaced.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so that a slow leak can never take a server down.
# A new worker loads the app, its catalogue and the bank: about 1.3 s of CPU. At
# 2,000 requests that was 0.6 ms of every request; at 50,000 it is 0.03 ms, and
# a worker still restarts a few times a day under a class's load.
max_requests = 50000
max_requests_jitter = 5000
# The app writes one JSON line per request itself (see app/logs.py); gunicorn's
# own access log would say the same thing twice.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Behind a reverse proxy on the same host, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):  # noqa: ANN001, ANN201  (gunicorn's hook signature)
    """Refuse to start several workers that would each count login attempts in
    their own memory: every worker would allow the full limit."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if storage.startswith("memory://") and server.cfg.workers > 1:
        raise SystemExit(
            f"Refusing to start {server.cfg.workers} workers with RATELIMIT_STORAGE_URI="
            f"{storage}: each worker would keep its own login limits. Set "
            "RATELIMIT_STORAGE_URI=redis://host:6379/0, or WEB_CONCURRENCY=1."
        )
