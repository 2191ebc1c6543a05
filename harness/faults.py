"""Faults during a class period (`make faults`). Bounded, 127.0.0.1 only.

1. On PostgreSQL with two app servers, while 250 students take their quiz:
   `kill -9` one gunicorn worker, then restart one whole app server, then
   restart PostgreSQL, then take a pg_dump backup and restore it into a fresh
   database, compared table by table with the snapshot it was taken from.
2. On SQLite with one app server, while a smaller class works: an online
   backup, restored into a fresh file and compared the same way.

Clients retry what a server could not answer (a refused connection, a 503
page) as a person pressing reload would. Afterwards no acknowledged answer or
review may be missing, no stored answer may differ from what was sent, every
memory state must equal the replay of its review log, and every finished
attempt's score must match its answers.

    python -m harness.faults
    LOAD_SCALE=0.2 LOAD_STUDENTS=60 python -m harness.faults     # a quicker look
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from harness import asked_for_help
from harness.cluster import (
    PASSWORD,
    Cluster,
    fresh_postgres_database,
    fresh_sqlite_database,
    pg_restart,
    school_cluster,
)
from harness.load import (
    ARRIVAL_SECONDS,
    QUESTIONS,
    SCALE,
    STUDENTS,
    TEACHERS,
    Period,
    print_figures,
    run_period,
    sleep_until,
    verify,
)
from harness.server import healthy, wait_healthy

SQLITE_STUDENTS = int(os.environ.get("FAULTS_SQLITE_STUDENTS", "60"))


class Timeline:
    """What was done when, printed as it happens."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.ok = True

    def say(self, text: str) -> None:
        print(f"  [{time.monotonic() - self.period.started:6.1f} s] {text}", flush=True)

    def fail(self, text: str) -> None:
        self.ok = False
        self.say("FAILED: " + text)


def backup_and_compare(
    timeline: Timeline, database_url: str, fresh: Callable[[], AbstractContextManager[str]]
) -> None:
    """Back up the live database, restore it into a fresh one, and compare the
    restore with the snapshot the backup was taken from."""
    from app.backup import BackupError, compare_fingerprints, create_backup, restore_backup

    with tempfile.TemporaryDirectory(prefix="sourcebook-backup-") as tmp:
        path = Path(tmp) / "during-load.backup"
        started = time.monotonic()
        try:
            made = create_backup(database_url, path)
        except BackupError as error:
            timeline.fail(f"backup: {error}")
            return
        rows = sum(count for count, _ in made.fingerprint.values())
        timeline.say(
            f"{made.backend} backup taken under load in {time.monotonic() - started:.1f} s: "
            f"{made.size / 1e6:.1f} MB, {len(made.fingerprint)} tables, {rows} rows"
        )
        with fresh() as target:
            started = time.monotonic()
            try:
                restored = restore_backup(target, path)
            except BackupError as error:
                timeline.fail(f"restore: {error}")
                return
        problems = compare_fingerprints(made.fingerprint, restored.fingerprint)
        if problems:
            timeline.fail("restored database differs: " + "; ".join(problems))
        else:
            timeline.say(
                f"restored into a fresh database in {time.monotonic() - started:.1f} s: "
                f"all {len(restored.fingerprint)} tables equal to the backed-up snapshot "
                "(count and SHA-256)"
            )


Faults = Callable[[Cluster, "Timeline"], Callable[[Period], None]]


def postgres_faults(cluster: Cluster, timeline: Timeline) -> Callable[[Period], None]:
    first, second = cluster.servers[0], cluster.servers[1]

    def inject(period: Period) -> None:
        quiz = ARRIVAL_SECONDS

        sleep_until(period.at(quiz + 20))
        victim = first.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        timeline.say(f"kill -9 worker {victim} of app server 1 (quiz in progress)")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pids = first.worker_pids()  # the killed one is listed until it is reaped
            if victim not in pids and len(pids) == first.workers:
                break
            time.sleep(0.2)
        pids = first.worker_pids()
        if victim not in pids and len(pids) == first.workers:
            timeline.say("app server 1 replaced the worker")
        else:
            timeline.fail("app server 1 did not replace its worker")

        sleep_until(period.at(quiz + 45))
        timeline.say("restarting app server 2 (all its workers)")
        stopped = time.monotonic()
        second.stop()
        second.start()
        timeline.say(f"app server 2 serving again after {time.monotonic() - stopped:.1f} s")

        sleep_until(period.at(quiz + 75))
        timeline.say("restarting PostgreSQL")
        stopped = time.monotonic()
        pg_restart()
        wait_healthy(first.url)
        wait_healthy(second.url)
        timeline.say(
            f"PostgreSQL restarted; both servers healthy {time.monotonic() - stopped:.1f} s later"
        )

        sleep_until(period.at(quiz + 100))
        backup_and_compare(timeline, cluster.database_url, fresh_postgres_database)

    return inject


def sqlite_backup_during(cluster: Cluster, timeline: Timeline) -> Callable[[Period], None]:
    def inject(period: Period) -> None:
        sleep_until(period.at(ARRIVAL_SECONDS + 40))
        backup_and_compare(timeline, cluster.database_url, fresh_sqlite_database)

    return inject


def run_phase(
    title: str,
    cluster: Cluster,
    faults: Faults,
    scale: float,
    exact: bool,
) -> bool:
    print(title, flush=True)
    period = Period(cluster.urls, cluster.school, PASSWORD, scale=scale)
    timeline = Timeline(period)
    seconds = run_period(period, faults(cluster, timeline))
    print_figures(period.stats, seconds)
    kept = verify(cluster.database_url, period, exact=exact)
    servers_ok = all(healthy(url) for url in cluster.urls)
    print(f"  both servers healthy at the end: {'yes' if servers_ok else 'NO'}")
    return kept and timeline.ok and servers_ok


def main() -> int:
    if asked_for_help(__doc__):
        return 0
    ok = True
    with school_cluster(STUDENTS, TEACHERS, QUESTIONS) as cluster:
        ok &= run_phase(
            f"== Faults during a class period: {STUDENTS} students, two app servers "
            "(2 workers each), PostgreSQL, Redis ==",
            cluster,
            postgres_faults,
            SCALE,
            exact=False,  # a response lost in a fault may or may not have been stored
        )
    with school_cluster(SQLITE_STUDENTS, 2, QUESTIONS, instances=1, database="sqlite") as cluster:
        ok &= run_phase(
            f"== Online backup during a class period on SQLite: {SQLITE_STUDENTS} students, "
            "one app server ==",
            cluster,
            sqlite_backup_during,
            SCALE * 0.5,
            exact=True,
        )
    print("faults: " + ("every acknowledged answer and review kept" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
