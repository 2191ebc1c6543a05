"""Limits on guesses (passwords, class join codes), counted before the check.

Every attempt takes a slot in three counters at once, atomically (an increment
in the limiter's storage: Redis or this process's memory), *before* the password
is verified, so a burst of simultaneous guesses gets no more checks than the
limit allows:

- per account and address (`LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS`): the tight one;
  an attacker elsewhere fills their own counter, not the owner's;
- per account from anywhere (`LOGIN_LIMIT_PER_ACCOUNT`): much higher, against
  guesses spread over many addresses;
- per address (`LOGIN_LIMIT_PER_ADDRESS`): against one address trying many accounts.

An attempt refused by any limit gives its slots back (it was never checked), and
so does a right password: only wrong passwords count. Join codes work the same
way, per user and per address (`JOIN_LIMIT_PER_USER`, `JOIN_LIMIT_PER_ADDRESS`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse

from app.extensions import limiter


@dataclass
class Attempt:
    """The slots one attempt holds; `allowed` is False when a limit was reached."""

    allowed: bool
    slots: list[tuple[str, RateLimitItem]] = field(default_factory=list)

    def succeeded(self) -> None:
        """A right password: the attempt does not count against anyone."""
        _give_back(self.slots)
        self.slots = []


def _counters(username: str) -> list[tuple[str, RateLimitItem]]:
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX", "")
    account = (username or "").strip().lower()[:100]
    address = get_remote_address() or "unknown"
    return [
        (
            f"{prefix}/password/account-address/{account}/{address}",
            parse(config["LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS"]),
        ),
        (f"{prefix}/password/account/{account}", parse(config["LOGIN_LIMIT_PER_ACCOUNT"])),
        (f"{prefix}/password/address/{address}", parse(config["LOGIN_LIMIT_PER_ADDRESS"])),
    ]


def _give_back(slots: list[tuple[str, RateLimitItem]]) -> None:
    for key, item in slots:
        limiter.storage.incr(key, item.get_expiry(), -1)


def begin_attempt(username: str) -> Attempt:
    """Count a password guess for `username` from this request's address. Check
    the password only when the result is `allowed`."""
    return _begin(_counters(username))


def begin_join_attempt(user_id: int) -> Attempt:
    """Count a guess of a class's join code by this user from this address, the
    same way: before the code is looked up; a right code gives the slots back."""
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX", "")
    address = get_remote_address() or "unknown"
    return _begin(
        [
            (f"{prefix}/join/user/{user_id}", parse(config["JOIN_LIMIT_PER_USER"])),
            (f"{prefix}/join/address/{address}", parse(config["JOIN_LIMIT_PER_ADDRESS"])),
        ]
    )


def begin_quota(action: str, user_id: int) -> Attempt:
    """Count one `action` by this user against its configured limit
    (QUIZ_START_LIMIT for "quiz-start"); there is nothing to give back."""
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX", "")
    setting = action.upper().replace("-", "_") + "_LIMIT"
    return _begin([(f"{prefix}/{action}/user/{user_id}", parse(config[setting]))])


def _begin(counters: list[tuple[str, RateLimitItem]]) -> Attempt:
    if not limiter.enabled:
        return Attempt(allowed=True)
    slots: list[tuple[str, RateLimitItem]] = []
    allowed = True
    for key, item in counters:
        count = limiter.storage.incr(key, item.get_expiry(), 1)
        slots.append((key, item))
        if count > item.amount:
            allowed = False
    if not allowed:
        _give_back(slots)
        return Attempt(allowed=False)
    return Attempt(allowed=True, slots=slots)
