"""Servers under test: start Sourcebook the way production does (gunicorn), on a
throwaway database, wait for its health check, stop it; or serve an app object
in this process for the browser tests. Only ever binds 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
FLASK = str(Path(sys.executable).parent / "flask")
APP = "app:create_app()"
CONFIG = ROOT / "gunicorn.conf.py"
DEFAULTS = ROOT / "harness" / "gunicorn_defaults.py"
# Login limits shared by several workers (gunicorn.conf.py refuses memory:// then).
REDIS_URL = os.environ.get("OPS_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(url: str) -> bool:
    """The app at `url` answers its health check: it is up and so is its database."""
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
            return bool(json.load(response)["status"] == "ok")
    except OSError:
        return False


def wait_healthy(url: str, seconds: float = 60.0) -> float:
    """Seconds until the app at `url` answers its health check."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if healthy(url):
            return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer its health check within {seconds:.0f} s")


def flask(env: dict[str, str], *args: str) -> str:
    """Run one `flask` CLI command against the database named in `env`."""
    result = subprocess.run(  # noqa: S603
        [FLASK, *args],
        cwd=ROOT,
        env={**os.environ, "FLASK_APP": "app", **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_demo_database(env: dict[str, str]) -> None:
    """Migrate, load the bank and create the demo accounts, class and lesson."""
    flask(env, "db", "upgrade")
    flask(env, "bank", "load")
    flask(env, "demo")


class Gunicorn:
    """One app server: a gunicorn master with its workers, serving `app` (a
    gunicorn target whose `/healthz` answers {"status": "ok"}) with the
    production settings of `config` (None: gunicorn's defaults). Output is
    kept off the terminal unless `quiet` is False or OPS_VERBOSE is set."""

    def __init__(
        self,
        env: dict[str, str],
        port: int | None = None,
        workers: int = 2,
        app: str = APP,
        config: Path | None = CONFIG,
        args: tuple[str, ...] = (),
        quiet: bool | None = None,
        prefix: list[str] | None = None,
    ) -> None:
        self.env = env
        # A command that execs gunicorn, e.g. `taskset -c 0` to pin it to a core.
        self.prefix = prefix or []
        self.port = port or free_port()
        self.workers = workers
        self.app = app
        self.config = config
        self.args = args
        self.quiet = not os.environ.get("OPS_VERBOSE") if quiet is None else quiet
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gunicorn:
        config = ["--config", str(self.config or DEFAULTS)]
        output = subprocess.DEVNULL if self.quiet else None
        self.proc = subprocess.Popen(  # noqa: S603
            [
                *self.prefix,
                GUNICORN,
                *config,
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                *self.args,
                self.app,
            ],
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=output,
            stderr=output,
        )
        # gunicorn's master listens before its workers have loaded the app: a
        # request sent then waits a second or so, which would count against the
        # first users of a run, not against the app.
        wait_healthy(self.url, 30.0)
        return self

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        out = subprocess.run(  # noqa: S603
            ["/usr/bin/pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@contextmanager
def demo_server(workers: int = 2) -> Iterator[str]:
    """A fresh SQLite database with the bank and demo data, served by gunicorn.
    Yields the base URL (http://127.0.0.1:PORT); everything is removed after.
    Several workers count login limits in Redis, under a key prefix of their own."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-harness-") as tmp:
        env = {
            "DATABASE_URL": f"sqlite:///{tmp}/sourcebook.db",
            "SECRET_KEY": "harness-" + os.urandom(8).hex(),
            "RATELIMIT_STORAGE_URI": REDIS_URL if workers > 1 else "memory://",
            "RATELIMIT_KEY_PREFIX": "harness-" + os.urandom(4).hex(),
        }
        prepare_demo_database(env)
        server = Gunicorn(env, workers=workers).start()
        try:
            yield server.url
        finally:
            server.stop()


class InProcessServer:
    """A WSGI app object served from a thread of this process, for the browser
    tests: they share the app, its test database and its configuration with
    the test itself, which a server in another process could not."""

    def __init__(self, app: Any) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> InProcessServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
