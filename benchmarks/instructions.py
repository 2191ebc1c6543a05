"""Instructions per hot request, counted by valgrind: the question page and the
answer save of Sourcebook and of the stack floor (`benchmarks/floor.py`), each in
a process of its own through Flask's test client, sixteen students in turn.

A count of instructions does not depend on how busy the machine is, so it tells
a change of a few per cent that wrk's CPU figures, a few per cent noisy
themselves, cannot. The test client's own work is in both figures alike, so the
ratio to the floor here is lower than `python -m benchmarks hot` prints; compare
figures of this tool with each other. Needs Debian's `valgrind` (each figure
takes about a minute); skipped without it.

    python -m benchmarks instructions
    BENCH_INSTRUCTIONS_REQUESTS=320 python -m benchmarks instructions"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable

REQUESTS = int(os.environ.get("BENCH_INSTRUCTIONS_REQUESTS", "160"))
STUDENTS = 16
POSITIONS = 10


def _app_requests(url: str, kind: str) -> Callable[[int], None]:
    from benchmarks import profiling
    from benchmarks.http import PASSWORD, prepare_database, quiz_attempts

    attempts = prepare_database(url, STUDENTS, quiz_attempts(POSITIONS))
    app = profiling._app(url)
    clients = [
        (*profiling._client(app, f"bench{i}", PASSWORD), attempts[i]) for i in range(STUDENTS)
    ]

    def request(i: int) -> None:
        client, token, (attempt_id, slots) = clients[i % STUDENTS]
        position = (i // STUDENTS) % POSITIONS + 1
        path = f"/quiz/{attempt_id}/q/{position}"
        if kind == "page":
            response = client.get(path, headers={"Accept": "text/html"})
        else:
            question_id, options = slots[position - 1]
            response = client.post(
                path,
                data={
                    "csrf_token": token,
                    "question_id": question_id,
                    "answer": position % options,
                },
                headers={"Accept": "application/json"},
            )
        assert response.status_code == 200, response.status_code

    return request


def _floor_requests(url: str, kind: str) -> Callable[[int], None]:
    from benchmarks import floor

    ids = floor.prepare(url)
    app = floor.create_app()
    clients = []
    for sid in ids:
        client = app.test_client()
        client.set_cookie("sid", sid)
        clients.append(client)

    def request(i: int) -> None:
        client = clients[i % len(clients)]
        position = (i // len(clients)) % floor.POSITIONS + 1
        if kind == "page":
            response = client.get(f"/floor/q/{position}")
        else:
            response = client.post(f"/floor/q/{position}", data={"answer": str(position % 4)})
        assert response.status_code == 200, response.status_code

    return request


def _counted(target: str, kind: str) -> None:
    """Run under valgrind: warm up, then count only the measured requests."""
    with tempfile.TemporaryDirectory(prefix="sourcebook-instructions-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        request = (_app_requests if target == "sourcebook" else _floor_requests)(url, kind)
        for i in range(2 * STUDENTS * POSITIONS):  # every question twice: caches, templates
            request(i)
        control = [shutil.which("callgrind_control") or "callgrind_control", "-i"]
        subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)  # noqa: S603
        for i in range(REQUESTS):
            request(i)
        subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)  # noqa: S603


def _measure(target: str, kind: str) -> float:
    with tempfile.TemporaryDirectory(prefix="sourcebook-callgrind-") as tmp:
        out = subprocess.run(  # noqa: S603
            [
                shutil.which("valgrind") or "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={tmp}/callgrind.out",
                sys.executable,
                "-m",
                "benchmarks.instructions",
                "--counted",
                target,
                kind,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0", "REQUEST_LOG": "0"},
            check=True,
        ).stderr
    found = re.search(r"Collected : (\d+)", out)
    if not found:
        raise RuntimeError("valgrind printed no count:\n" + out[-2000:])
    return int(found.group(1)) / REQUESTS / 1e6


def run() -> None:
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        print("== Instructions per hot request: skipped (valgrind is not installed:")
        print("   apt-get install -y valgrind) ==")
        return
    print(
        f"== Instructions per hot request, in process, {STUDENTS} students in turn, "
        f"{REQUESTS} requests counted, SQLite (millions) =="
    )
    print(f"  {'':<16} {'floor':>8} {'sourcebook':>11} {'x floor':>8}")
    for kind, label in (("page", "question page"), ("save", "answer save")):
        base = _measure("floor", kind)
        app = _measure("sourcebook", kind)
        print(f"  {label:<16} {base:8.2f} {app:11.2f} {app / base:8.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--counted"]:
        _counted(sys.argv[2], sys.argv[3])
    else:
        run()
