"""Password guesses: counted before the check, per account and address, on the
login form and on the change-password form; shared storage with several workers."""

from __future__ import annotations

import runpy
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.services import accounts
from tests.conftest import PASSWORD, login, post

ROOT = Path(__file__).resolve().parent.parent


class CountingHasher:
    """The real password hasher, counting how many passwords it verifies."""

    def __init__(self, real: object) -> None:
        self.real, self.verified = real, 0
        self.lock = threading.Lock()

    def verify(self, *args: object) -> object:
        with self.lock:
            self.verified += 1
        return self.real.verify(*args)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.fixture()
def hasher(monkeypatch):
    counting = CountingHasher(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", counting)
    return counting


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_simultaneous_wrong_passwords_get_no_more_checks_than_the_limit(app, make_user, hasher):
    user = make_user()
    app.config["WTF_CSRF_ENABLED"] = False
    attempts = 60
    barrier = threading.Barrier(attempts)
    statuses: list[int] = []

    def guess(i: int) -> None:
        client = from_address(app, "10.0.0.9")
        barrier.wait()
        response = client.post("/login", data={"username": user.username, "password": f"g{i}"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == attempts
    # 5 per account and address: at most five passwords were ever verified
    assert hasher.verified <= 5
    assert statuses.count(200) == hasher.verified
    assert statuses.count(429) == attempts - hasher.verified


def test_a_refused_attempt_checks_no_password(app, make_user, hasher):
    user = make_user()
    client = from_address(app, "10.0.0.1")
    for i in range(5):
        assert login(client, user.username, f"guess {i}").status_code == 200
    assert hasher.verified == 5
    assert login(client, user.username).status_code == 429
    assert hasher.verified == 5


def test_an_attacker_elsewhere_does_not_lock_the_owner_out(app, make_user):
    user = make_user()
    attacker = from_address(app, "203.0.113.7")
    statuses = [login(attacker, user.username, f"guess {i}").status_code for i in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    # the attacker's address is stopped even with the right password...
    assert login(attacker, user.username).status_code == 429
    # ...while the owner, on their own device, logs in
    owner = from_address(app, "198.51.100.20")
    assert login(owner, user.username).status_code == 302


def test_the_account_wide_limit_stops_guesses_from_many_addresses(app, make_user):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "12 per 15 minutes"
    user = make_user()
    statuses = []
    for address in range(4):
        client = from_address(app, f"192.0.2.{address}")
        statuses += [login(client, user.username, f"guess {i}").status_code for i in range(5)]
    assert statuses.count(200) == 12
    assert login(from_address(app, "192.0.2.99"), user.username, "again").status_code == 429


def test_change_password_limits_guesses_of_the_current_password(app, login_as, hasher):
    client, user = login_as()
    statuses = []
    for i in range(7):
        response = post(
            client,
            "/account/password",
            {
                "current_password": f"guess {i}",
                "password": "a new long passphrase",
                "confirm": "a new long passphrase",
            },
        )
        statuses.append(response.status_code)
    assert statuses == [200] * 5 + [429] * 2
    assert "Too many failed attempts" in response.get_data(as_text=True)
    checks = hasher.verified
    # even the right current password waits now, and it is not checked
    response = post(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "a new long passphrase",
            "confirm": "a new long passphrase",
        },
    )
    assert response.status_code == 429 and hasher.verified == checks
    # the guesses on the form count against the login too
    assert login(app.test_client(), user.username).status_code == 429


def gunicorn_settings(monkeypatch, **env):
    for name in ("RATELIMIT_STORAGE_URI", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def server_with(workers: int) -> SimpleNamespace:
    return SimpleNamespace(cfg=SimpleNamespace(workers=workers), log=SimpleNamespace())


def test_gunicorn_refuses_several_workers_with_limits_in_memory(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    with pytest.raises(SystemExit, match="RATELIMIT_STORAGE_URI"):
        settings["on_starting"](server_with(4))
    settings = gunicorn_settings(monkeypatch, RATELIMIT_STORAGE_URI="memory://")
    with pytest.raises(SystemExit, match="RATELIMIT_STORAGE_URI"):
        settings["on_starting"](server_with(2))


def test_gunicorn_starts_with_one_worker_or_shared_limits(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    settings["on_starting"](server_with(1))
    settings = gunicorn_settings(monkeypatch, RATELIMIT_STORAGE_URI="redis://cache:6379/0")
    settings["on_starting"](server_with(4))
