"""A class period against two app servers on one PostgreSQL and one Redis
(`make load`). Bounded, and only ever against 127.0.0.1.

250 students arrive and log in over the first minute, then all start the same
assigned quiz within the same 10 seconds, answer each question after 5-20 s of
thought, finish, and review 20 flashcards; 5 teachers keep reloading their
class's gradebook. Every request goes to the next server in turn, as behind a
round-robin load balancer, so a session made on one server is used on the other.

Afterwards the database must hold exactly the answers and reviews the servers
acknowledged, and every memory state must equal the replay of its review log.

    python -m harness.load                 # the full class period (about 5 minutes)
    LOAD_SCALE=0.1 LOAD_STUDENTS=40 python -m harness.load     # a quick look
"""

from __future__ import annotations

import html
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.client import Client, LoginFailed, Response

STUDENTS = int(os.environ.get("LOAD_STUDENTS", "250"))
TEACHERS = int(os.environ.get("LOAD_TEACHERS", "5"))
QUESTIONS = int(os.environ.get("LOAD_QUESTIONS", "10"))
CARDS = int(os.environ.get("LOAD_CARDS", "20"))
# Multiplies every wait (arrival, thinking), for a quicker look at the same shape.
SCALE = float(os.environ.get("LOAD_SCALE", "1"))
SEED = int(os.environ.get("LOAD_SEED", "1936"))

ARRIVAL_SECONDS = 60.0  # students sit down and log in
START_WINDOW = 10.0  # then all start the quiz within these seconds
THINK_QUESTION = (5.0, 20.0)
THINK_CARD = (4.0, 12.0)  # read the front, recall, reveal, grade
GRADEBOOK_EVERY = (5.0, 15.0)
# How long a client keeps retrying a request the servers could not answer
# (a connection refused or reset, a 502/503): it then counts as an error.
RETRY_FOR = 60.0
P95_TARGET_MS = 500.0

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
# an option's radio button, its key (1-9) and its text
OPTION = re.compile(
    r'<input type="radio" name="answer" value="(\d+)"[^>]*>'
    r'(?: <span class="choice-key"[^>]*>\d+</span>)? <span>(.*?)</span>'
)
ATTEMPT = re.compile(r"/quiz/(\d+)")


class RequestFailed(Exception):
    """A request that still failed after retrying for RETRY_FOR seconds."""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, seconds: float) -> None:
        with self.lock:
            self.latencies[name].append(seconds)

    def retry(self, name: str) -> None:
        with self.lock:
            self.retries[name] += 1

    def error(self, name: str, what: str) -> None:
        with self.lock:
            self.errors[name] += 1
            if len(self.error_samples) < 20:
                self.error_samples.append(f"{name}: {what}")


@dataclass
class Ledger:
    """What the servers acknowledged, and what was sent without an answer."""

    answers: dict[tuple[str, int, int], str] = field(default_factory=dict)
    unacknowledged_answers: set[tuple[str, int, int]] = field(default_factory=set)
    reviews: Counter[tuple[str, str]] = field(default_factory=Counter)
    unacknowledged_reviews: Counter[tuple[str, str]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser(Client):
    """One person's browser (harness.client) whose every request is timed for
    the figures, and retried when a server could not answer it, like a person
    pressing reload, for at most RETRY_FOR seconds."""

    def __init__(self, urls: list[str], stats: Stats, first: int = 0) -> None:
        super().__init__(urls, first)
        self.stats = stats

    def request(
        self,
        name: str,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        want_json: bool = False,
    ) -> Response:
        give_up = time.monotonic() + RETRY_FOR
        while True:
            started = time.perf_counter()
            try:
                response = self.send(method, path, form, want_json, keep=False)
            except (OSError, http.client.HTTPException) as error:
                problem = f"{error.__class__.__name__}"
                status = 0
            else:
                status = response.status
                problem = f"HTTP {status}"
            if status and status not in (502, 503, 504):
                self.stats.record(name, time.perf_counter() - started)
                self.remember(response)
                if status >= 400:
                    self.stats.error(name, f"HTTP {status} for {method} {path}")
                return response
            if time.monotonic() > give_up:
                self.stats.error(name, f"{problem} for {method} {path}, gave up retrying")
                raise RequestFailed(f"{name}: {problem}")
            self.stats.retry(name)
            time.sleep(1.0 + random.random())  # noqa: S311  (jitter, not security)


class TimeUp(Exception):
    """The run's time bound (`Period.bound`) came: the person stops where they are."""


def think(period: Period, rng: random.Random, bounds: tuple[float, float]) -> None:
    wait(period, time.monotonic() + rng.uniform(*bounds) * period.scale)


def wait(period: Period, moment: float) -> None:
    """Sleep until `moment`, or raise TimeUp if the run ends before it."""
    if period.bound is not None and moment > period.started + period.bound:
        raise TimeUp
    sleep_until(moment)


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


@dataclass
class Period:
    """One run: the cluster's addresses, the school, and the clock."""

    urls: list[str]
    school: Any
    password: str
    stats: Stats = field(default_factory=Stats)
    ledger: Ledger = field(default_factory=Ledger)
    started: float = field(default_factory=time.monotonic)
    students_done: threading.Event = field(default_factory=threading.Event)
    scale: float = SCALE
    # seconds after the start when everyone stops (None: the whole period)
    bound: float | None = None

    @property
    def quiz_start(self) -> float:
        return self.started + ARRIVAL_SECONDS * self.scale

    def at(self, seconds: float) -> float:
        """The moment `seconds` (at full scale) after the period started."""
        return self.started + seconds * self.scale


def student(period: Period, number: int, username: str) -> None:
    rng = random.Random(SEED * 1000 + number)
    browser = Browser(period.urls, period.stats, first=number)
    try:
        wait(period, period.at(rng.uniform(0, ARRIVAL_SECONDS)))
        browser.login(username, period.password)
        wait(period, period.at(ARRIVAL_SECONDS + rng.uniform(0, START_WINDOW)))
        take_quiz(period, browser, rng, username)
        review_cards(period, browser, rng, username)
    except (RequestFailed, LoginFailed):
        pass  # counted in the errors; this student gives up, as a person would
    except TimeUp:
        pass  # a bounded run (harness.capacity) ended
    except (AttributeError, KeyError, ValueError) as error:
        period.stats.error("script", f"{username}: unexpected page ({error!r})")
    finally:
        browser.close()


def take_quiz(period: Period, browser: Browser, rng: random.Random, username: str) -> None:
    """Start the assigned quiz, answer every question after some thought, finish."""
    ledger = period.ledger
    assignment = period.school.student_assignment[username]
    response = browser.request("start quiz", "POST", f"/assignments/{assignment}/start", {})
    attempt = int(ATTEMPT.search(response.headers.get("location", "")).group(1))  # type: ignore[union-attr]
    for position in range(1, period.school.questions_per_quiz + 1):
        path = f"/quiz/{attempt}/q/{position}"
        page = browser.request("show question", "GET", path).text
        hidden = dict(HIDDEN.findall(page))
        options = OPTION.findall(page)
        if options:
            answer, expected = rng.choice(options)
            expected = html.unescape(expected)
        else:
            answer = expected = rng.choice(["Zinoviev", "1936", "Vyshinsky"])
        think(period, rng, THINK_QUESTION)
        key = (username, attempt, position)
        form = {"question_id": hidden.get("question_id", ""), "answer": answer}
        try:
            response = browser.request("save answer", "POST", path, form, True)
        except RequestFailed:
            with ledger.lock:
                ledger.unacknowledged_answers.add(key)
            raise
        with ledger.lock:
            if response.status == 200 and json.loads(response.text).get("saved"):
                ledger.answers[key] = expected
            else:
                ledger.unacknowledged_answers.add(key)
    browser.request("finish quiz", "POST", f"/quiz/{attempt}/finish", {})
    browser.request("results", "GET", f"/quiz/{attempt}/results")


def review_cards(period: Period, browser: Browser, rng: random.Random, username: str) -> None:
    """Review up to CARDS flashcards, each graded after some thought."""
    ledger = period.ledger
    for _ in range(CARDS):
        page = browser.request("show card", "GET", "/cards/study?deck=all:").text
        card = dict(HIDDEN.findall(page))
        if "fact_id" not in card:
            break
        think(period, rng, THINK_CARD)
        rating = rng.choice(["3", "3", "3", "4", "2", "1"])
        form = {**card, "rating": rating}
        key = (username, card["fact_id"])
        try:
            response = browser.request("grade card", "POST", "/cards/review", form, True)
        except RequestFailed:
            with ledger.lock:
                ledger.unacknowledged_reviews[key] += 1
            raise
        with ledger.lock:
            # recorded false: an earlier send of this same grade, whose
            # response was lost, stored it; either way it is stored once
            if response.status == 200 and "recorded" in json.loads(response.text):
                ledger.reviews[key] += 1
            else:
                ledger.unacknowledged_reviews[key] += 1


def teacher(period: Period, number: int, username: str) -> None:
    rng = random.Random(SEED * 7 + number)
    browser = Browser(period.urls, period.stats, first=number)
    class_id = period.school.teacher_class[username]
    try:
        wait(period, period.at(rng.uniform(0, ARRIVAL_SECONDS)))
        browser.login(username, period.password)
        while not period.students_done.is_set():
            browser.request("gradebook", "GET", f"/teach/classes/{class_id}")
            period.students_done.wait(rng.uniform(*GRADEBOOK_EVERY) * period.scale)
    except (RequestFailed, LoginFailed, TimeUp):
        pass
    finally:
        browser.close()


def run_period(period: Period, during: Callable[[Period], None] | None = None) -> float:
    """Run the class period; `during` (fault injection) runs in its own thread.
    Returns the duration in seconds."""
    school = period.school
    students = [
        threading.Thread(target=student, args=(period, i, name), daemon=True)
        for i, name in enumerate(school.students)
    ]
    teachers = [
        threading.Thread(target=teacher, args=(period, i, name), daemon=True)
        for i, name in enumerate(school.teachers)
    ]
    extra = threading.Thread(target=during, args=(period,), daemon=True) if during else None
    period.started = time.monotonic()
    for thread in [*students, *teachers, *([extra] if extra else [])]:
        thread.start()
    for thread in students:
        thread.join()
    period.students_done.set()
    for thread in teachers:
        thread.join()
    if extra:
        extra.join()
    return time.monotonic() - period.started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


ORDER = (
    "login page",
    "log in",
    "dashboard",
    "start quiz",
    "show question",
    "save answer",
    "finish quiz",
    "results",
    "show card",
    "grade card",
    "gradebook",
)


def print_figures(stats: Stats, seconds: float) -> bool:
    """The per-endpoint table; True when there were no errors and every p95 is
    under the target."""
    print(
        f"  {'endpoint':<14} {'requests':>8} {'errors':>6} {'retries':>7}   p50 ms   p95 ms   p99 ms"
    )
    total = 0
    slow = []
    for name in ORDER:
        values = stats.latencies.get(name, [])
        total += len(values)
        if not values:
            print(f"  {name:<14} {0:>8} {stats.errors[name]:>6} {stats.retries[name]:>7}")
            continue
        p95 = percentile(values, 0.95)
        if p95 >= P95_TARGET_MS:
            slow.append(name)
        print(
            f"  {name:<14} {len(values):>8} {stats.errors[name]:>6} {stats.retries[name]:>7}"
            f"  {statistics.median(values) * 1000:7.1f}  {p95:7.1f}  {percentile(values, 0.99):7.1f}"
        )
    errors = sum(stats.errors.values())
    retries = sum(stats.retries.values())
    print(
        f"  all: {total} requests in {seconds:.0f} s ({total / seconds:.1f} req/s), "
        f"{errors} errors, {retries} retries"
    )
    for sample in stats.error_samples:
        print(f"    error: {sample}")
    print(
        f"  target: zero errors and p95 under {P95_TARGET_MS:.0f} ms: "
        + ("met" if not errors and not slow else f"NOT met ({', '.join(slow) or 'errors'})")
    )
    return not errors and not slow


def verify(database_url: str, period: Period, exact: bool) -> bool:
    """Compare what the servers acknowledged with what the database holds.

    exact: no faults were injected, so the database must hold exactly the
    acknowledged answers and reviews. Otherwise a request whose response was
    lost may or may not have been stored, but nothing acknowledged may be missing."""
    ledger = period.ledger
    found = read_database(database_url, period.school.user_ids)
    stored, reviews, mismatches = found.answers, found.reviews, found.mismatches
    states, bad_attempts = len(set(reviews)), found.bad_attempts
    missing = [key for key in ledger.answers if key not in stored]
    wrong = [
        key for key, sent in ledger.answers.items() if key in stored and str(stored[key]) != sent
    ]
    unexpected = [
        key
        for key in stored
        if key not in ledger.answers and key not in ledger.unacknowledged_answers
    ]
    missing_reviews = ledger.reviews - reviews
    extra_reviews = reviews - ledger.reviews - ledger.unacknowledged_reviews
    if exact:
        unexpected = [key for key in stored if key not in ledger.answers]
        extra_reviews = reviews - ledger.reviews
    print(
        f"  answers: {len(ledger.answers)} acknowledged, {len(stored)} in the database, "
        f"{len(ledger.unacknowledged_answers)} sent without an acknowledgement; "
        f"missing {len(missing)}, wrong {len(wrong)}, unexplained {len(unexpected)}"
    )
    print(
        f"  reviews: {sum(ledger.reviews.values())} acknowledged, {sum(reviews.values())} in the "
        f"database, {sum(ledger.unacknowledged_reviews.values())} sent without an acknowledgement; "
        f"missing {sum(missing_reviews.values())}, unexplained {sum(extra_reviews.values())}"
    )
    print(
        f"  memory states equal to the replay of their review logs: "
        f"{states - len(mismatches)} of {states}; finished attempts with a wrong score: "
        f"{len(bad_attempts)}"
    )
    ok = not (missing or wrong or unexpected or missing_reviews or extra_reviews)
    ok = ok and not mismatches and not bad_attempts
    print("  acknowledged data check: " + ("passed" if ok else "FAILED"))
    return ok


@dataclass
class Stored:
    """What the database holds after a run, keyed by username."""

    # (username, attempt, position) -> the stored response
    answers: dict[tuple[str, int, int], Any]
    reviews: Counter[tuple[str, str]]
    mismatches: list[Any]
    bad_attempts: list[int]


def read_database(database_url: str, user_ids: dict[str, int]) -> Stored:
    """The answered questions, the review log, the memory states that differ from
    the replay of their log, and the finished attempts whose score is wrong."""
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.models import AttemptAnswer, QuizAttempt, ReviewLog
    from app.services import cards

    names = {uid: name for name, uid in user_ids.items()}
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "verify"})
    with app.app_context():
        stored = {
            (names[user_id], attempt_id, position): response
            for user_id, attempt_id, position, response in db.session.execute(
                select(
                    QuizAttempt.user_id,
                    AttemptAnswer.attempt_id,
                    AttemptAnswer.position,
                    AttemptAnswer.response,
                )
                .join(QuizAttempt, QuizAttempt.id == AttemptAnswer.attempt_id)
                .where(AttemptAnswer.answered_at.is_not(None))
            )
        }
        reviews = Counter(
            (names[user_id], fact_id)
            for user_id, fact_id in db.session.execute(select(ReviewLog.user_id, ReviewLog.fact_id))
        )
        mismatches = cards.replay_mismatches(db.session)
        bad_attempts = [
            attempt.id
            for attempt in db.session.scalars(select(QuizAttempt))
            if attempt.finished_at is not None
            and attempt.correct_count != sum(1 for a in attempt.answers if a.correct)
        ]
        db.engine.dispose()
    return Stored(stored, reviews, mismatches, bad_attempts)


def main() -> int:
    from harness import asked_for_help, cpu
    from harness.cluster import PASSWORD, school_cluster

    if asked_for_help(__doc__):
        return 0
    print(
        f"== Class period: {STUDENTS} students and {TEACHERS} teachers, two app servers "
        f"(gunicorn, 2 workers each) on one PostgreSQL and one Redis =="
    )
    if SCALE != 1:
        print(f"  (waits scaled by {SCALE})")
    with school_cluster(STUDENTS, TEACHERS, QUESTIONS) as cluster:
        print(f"  servers: {', '.join(cluster.urls)}; quiz of {cluster.school.questions_per_quiz}")
        period = Period(cluster.urls, cluster.school, PASSWORD)
        with cpu.Recorder([server.proc.pid for server in cluster.servers if server.proc]) as used:
            seconds = run_period(period)
        fast = print_figures(period.stats, seconds)
        print("\n".join(used.lines()))
        kept = verify(cluster.database_url, period, exact=True)
    return 0 if kept and fast else 1


if __name__ == "__main__":
    sys.exit(main())
