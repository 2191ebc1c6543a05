"""Where the machine's CPU went during a run: the load client itself, the app
servers, PostgreSQL, and everything else. On one machine the load generator
competes with the servers it measures, so its share belongs in the report.

Read from /proc (Linux): a process's own time plus the time of children it has
reaped, so recycled gunicorn workers and closed PostgreSQL backends still count.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command, parent pid, CPU seconds incl. reaped children) of one process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    command = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    # fields[1] is the parent; utime, stime, cutime, cstime are fields 14-17 of stat
    return command, int(fields[1]), sum(int(x) for x in fields[11:15]) / TICK


def _processes() -> dict[int, tuple[str, int, float]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                found[int(entry)] = stat
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # up to steal; guest time is already in user
    return (total - idle) / TICK, total / TICK


@dataclass(frozen=True)
class Sample:
    client: float
    servers: float
    postgres: float
    busy: float
    total: float


def sample(server_pids: list[int]) -> Sample:
    """CPU seconds so far. `server_pids`: the gunicorn masters; their workers
    are found as their children."""
    procs = _processes()
    masters = set(server_pids)
    servers = sum(
        cpu for pid, (_, parent, cpu) in procs.items() if pid in masters or parent in masters
    )
    # the postmaster's reaped children hold the time of closed connections
    postgres = sum(cpu for command, _, cpu in procs.values() if command.startswith("postgres"))
    times = os.times()
    busy, total = _machine_busy()
    return Sample(times.user + times.system, servers, postgres, busy, total)


def report(start: Sample, end: Sample, cores: int | None = None) -> str:
    """One line: each part's average use in cores over the interval."""
    cores = cores or os.cpu_count() or 1
    wall = (end.total - start.total) / cores
    if wall <= 0:
        return "CPU: no interval"

    def used(a: float, b: float) -> float:
        return (b - a) / wall

    client = used(start.client, end.client)
    servers = used(start.servers, end.servers)
    postgres = used(start.postgres, end.postgres)
    busy = used(start.busy, end.busy)
    other = max(0.0, busy - client - servers - postgres)
    return (
        f"CPU, average cores in use of {cores}: app servers {servers:.2f}, PostgreSQL "
        f"{postgres:.2f}, this load client {client:.2f}, other {other:.2f}; "
        f"idle {max(0.0, cores - busy):.2f}"
    )


class Recorder:
    """Samples every `every` seconds in a background thread, for a timeline."""

    def __init__(self, server_pids: list[int], every: float = 30.0) -> None:
        import threading

        self.server_pids = server_pids
        self.every = every
        self.samples: list[tuple[float, Sample]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import time

        started = time.monotonic()
        while True:
            self.samples.append((time.monotonic() - started, sample(self.server_pids)))
            if self._stop.wait(self.every):
                self.samples.append((time.monotonic() - started, sample(self.server_pids)))
                return

    def __enter__(self) -> Recorder:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def lines(self) -> list[str]:
        if len(self.samples) < 2:
            return []
        out = ["  " + report(self.samples[0][1], self.samples[-1][1]) + " (whole period)"]
        for (t0, a), (t1, b) in zip(self.samples, self.samples[1:], strict=False):
            out.append(f"    {t0:5.0f}-{t1:4.0f} s: " + report(a, b).split(": ", 1)[1])
        return out
