"""The capacity curve (`make capacity`): the class period of `make load` at
increasing sizes, each step on a fresh database with two fresh app servers
(gunicorn, production settings) on one PostgreSQL and one Redis. Only ever
against 127.0.0.1, and bounded: each step stops CAPACITY_STEP_SECONDS after
its start, which covers the busiest part of the period at the real pace (the
arrival and logins over a minute, the whole class starting the quiz within ten
seconds, then answering with 5-20 s of thought).

Each step prints p50/p95/p99 over all requests, the slowest endpoint's p95, the
errors, and where the CPU went (app servers, PostgreSQL, this load client,
anything else); then the knee: the largest size with no errors and every
endpoint's p95 at or under 200 ms. Where the machine has more than two cores
the load client runs on a core of its own; on two it shares them, and its
share of the CPU is printed.

    python -m harness.capacity                          # 250, 500, 1,000, 2,000 students
    CAPACITY_SIZES=100,200 CAPACITY_STEP_SECONDS=90 python -m harness.capacity
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
from dataclasses import dataclass

from harness import asked_for_help, cpu
from harness.load import ORDER, Period, percentile, run_period

SIZES = [int(n) for n in os.environ.get("CAPACITY_SIZES", "250,500,1000,2000").split(",")]
STEP_SECONDS = float(os.environ.get("CAPACITY_STEP_SECONDS", "120"))
TEACHERS = int(os.environ.get("LOAD_TEACHERS", "5"))
QUESTIONS = int(os.environ.get("LOAD_QUESTIONS", "10"))
KNEE_P95_MS = 200.0


@dataclass
class Step:
    students: int
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float
    slowest: str
    slowest_p95: float
    cpu: str

    @property
    def holds(self) -> bool:
        return self.requests > 0 and not self.errors and self.slowest_p95 <= KNEE_P95_MS


def cores() -> tuple[list[str] | None, set[int] | None]:
    """(the servers' taskset prefix, this client's cores): apart where there are
    more than two cores, shared (None, None) on two or fewer."""
    count = os.cpu_count() or 1
    if count <= 2:
        return None, None
    return ["taskset", "-c", f"0-{count - 2}"], {count - 1}


def run_step(students: int, prefix: list[str] | None) -> Step:
    from harness.cluster import PASSWORD, school_cluster

    with school_cluster(students, TEACHERS, QUESTIONS, prefix=prefix) as cluster:
        period = Period(cluster.urls, cluster.school, PASSWORD, scale=1.0, bound=STEP_SECONDS)
        masters = [server.proc.pid for server in cluster.servers if server.proc]
        before = cpu.sample(masters)
        seconds = run_period(period)
        after = cpu.sample(masters)
    stats = period.stats
    every = [v for name in ORDER for v in stats.latencies.get(name, [])]
    p95s = {name: percentile(values, 0.95) for name, values in stats.latencies.items() if values}
    slowest = max(p95s, key=lambda name: p95s[name]) if p95s else "-"
    for sample in stats.error_samples[:5]:
        print(f"    error: {sample}")
    return Step(
        students,
        len(every),
        seconds,
        sum(stats.errors.values()),
        statistics.median(every) * 1000 if every else float("nan"),
        percentile(every, 0.95) if every else float("nan"),
        percentile(every, 0.99) if every else float("nan"),
        slowest,
        p95s.get(slowest, float("nan")),
        cpu.report(before, after).split(": ", 1)[1],
    )


def main() -> int:
    if asked_for_help(__doc__):
        return 0
    prefix, client_cores = cores()
    if client_cores:
        os.sched_setaffinity(0, client_cores)
    where = (
        f"load client on core {min(client_cores)}, servers on the others"
        if client_cores
        else f"load client and servers share the {os.cpu_count()} cores"
    )
    print(
        f"== Capacity curve: the class period at {', '.join(map(str, SIZES))} students "
        f"({TEACHERS} teachers), each step {STEP_SECONDS:.0f} s at the real pace, two app "
        f"servers (gunicorn.conf.py, 2 workers each) on PostgreSQL and Redis; {where} =="
    )
    # one thread per person; their stacks need not be large
    threading.stack_size(512 * 1024)
    print(
        f"  {'students':>8} {'requests':>8} {'req/s':>6} {'errors':>6} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7}   slowest endpoint (p95 ms)"
    )
    steps = []
    for students in SIZES:
        step = run_step(students, prefix)
        steps.append(step)
        print(
            f"  {step.students:>8} {step.requests:>8} {step.requests / step.seconds:6.1f} "
            f"{step.errors:>6} {step.p50:7.1f} {step.p95:7.1f} {step.p99:7.1f}   "
            f"{step.slowest} ({step.slowest_p95:.0f})"
        )
        print(f"  {'':>8} CPU in cores: {step.cpu}", flush=True)
    held = [step.students for step in steps if step.holds]
    knee = max(held) if held else None
    print(
        f"  knee (the most students with no errors and every endpoint's p95 <= "
        f"{KNEE_P95_MS:.0f} ms): " + (f"{knee}" if knee else "none of the sizes tried")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
