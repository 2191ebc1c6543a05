"""Accounts: register, log in and out, sessions, passwords, rate limits."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Role, User, UserSession
from tests.conftest import PASSWORD, csrf_token, login, post


def register(
    client, username="ana", name="Ana Pauker", password="a long enough phrase", confirm=None
):
    return post(
        client,
        "/register",
        {
            "username": username,
            "display_name": name,
            "password": password,
            "confirm": password if confirm is None else confirm,
        },
    )


def user_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_register_creates_a_logged_in_student(app, client):
    response = register(client)
    assert response.status_code == 302
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Hello, Ana Pauker" in page
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "ana"))
        assert user.role == Role.STUDENT
        assert user.password_hash.startswith("$argon2id$")
        assert "a long enough phrase" not in user.password_hash


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 8 characters"),
        ("password1", "most common"),
        ("iloveyou", "most common"),
        ("x" * 129, "at most 128"),
    ],
)
def test_register_refuses_weak_passwords_and_keeps_what_was_typed(app, client, password, message):
    response = register(client, username="bea", name="Bea Typed", password=password)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'value="bea"' in page and 'value="Bea Typed"' in page
    assert user_count(app) == 0


def test_long_passphrases_and_any_characters_are_allowed(client):
    phrase = "ünïcödé 🌍 passphrase with spaces and no rules " + "x" * 20
    assert len(phrase) >= 64
    assert register(client, password=phrase).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert login(client, "ana", phrase).status_code == 302


def test_register_refuses_a_taken_username_case_insensitively(app, client, make_user):
    make_user(username="ana")
    response = register(client, username="ANA")
    assert "not available" in response.get_data(as_text=True)
    assert user_count(app) == 1


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("Bad User", "A username has no spaces: use a dot instead (bad.user)."),
        ("anä!", "A username cannot hold “!” “ä”."),
        (".ana", "3 to 40 characters"),
    ],
)
def test_register_says_what_is_wrong_with_a_username(app, client, username, message):
    response = register(client, username=username)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert user_count(app) == 0


def test_register_refuses_mismatched_passwords(app, client):
    response = register(client, confirm="something else entirely")
    assert "The two passwords differ" in response.get_data(as_text=True)
    assert user_count(app) == 0


def test_login_with_a_wrong_password_says_so_without_saying_which_part(client, make_user):
    user = make_user()
    for username in (user.username, "nobody-at-all"):
        response = login(client, username, "not the password")
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Wrong username or password." in page
    assert client.get("/dashboard").status_code == 302


def test_login_then_logout_kills_the_session_even_if_the_cookie_is_replayed(app, client, make_user):
    user = make_user()
    assert login(client, user.username).status_code == 302
    stolen = client.get_cookie("session").value
    assert client.get("/dashboard").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert client.get("/dashboard").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_login_starts_a_new_session(client, make_user):
    user = make_user()
    client.get("/login")
    client.get_cookie("session")
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    login(client, user.username)
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_password_change_logs_out_other_devices_but_not_this_one(app, make_user):
    user = make_user()
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user.username)
    login(phone, user.username)
    response = post(
        laptop,
        "/account/password",
        {
            "current_password": PASSWORD,
            "password": "a brand new phrase",
            "confirm": "a brand new phrase",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/dashboard").status_code == 200
    assert phone.get("/dashboard").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1
    fresh = app.test_client()
    assert login(fresh, user.username, PASSWORD).status_code == 200
    assert login(fresh, user.username, "a brand new phrase").status_code == 302


def test_password_change_with_a_wrong_current_password_changes_nothing(app, login_as):
    client, user = login_as()
    response = post(
        client,
        "/account/password",
        {
            "current_password": "wrong wrong",
            "password": "a brand new phrase",
            "confirm": "a brand new phrase",
        },
    )
    assert "current password is not correct" in response.get_data(as_text=True)
    assert login(app.test_client(), user.username, PASSWORD).status_code == 302


def test_display_name_can_be_changed(login_as):
    client, _ = login_as()
    response = post(client, "/account", {"display_name": "  Nadezhda  "}, follow_redirects=True)
    assert "Your name is saved." in response.get_data(as_text=True)
    assert "Hello, Nadezhda" in client.get("/dashboard").get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example/x",
        "/\\evil.example",
        "\\\\evil.example",
        "http:evil.example",
        " //evil.example",
        "/%0d%0aSet-Cookie:x",
        "javascript:alert(1)",
    ],
)
def test_login_never_redirects_off_site(client, make_user, target):
    user = make_user()
    response = client.post(
        "/login?next=" + target,
        data={"username": user.username, "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_login_follows_a_next_path_on_this_site(client, make_user):
    user = make_user()
    response = client.post(
        "/login?next=/sources/nwe%3Fpassage%3Dx",
        data={"username": user.username, "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.headers["Location"] == "/sources/nwe?passage=x"


def test_login_is_rate_limited_per_account_with_a_clear_message(app, make_user):
    user = make_user()
    attacker = app.test_client()
    statuses = [login(attacker, user.username, f"guess {i}").status_code for i in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    page = login(attacker, user.username, "guess again").get_data(as_text=True)
    assert "Too many failed attempts" in page and "<form" in page
    # the limit is on the account: even the right password waits
    assert login(app.test_client(), user.username).status_code == 429


def test_login_rate_limit_per_address_covers_many_accounts(app, make_user):
    client = app.test_client()
    statuses = [login(client, f"someone{i}", "guess").status_code for i in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429


def test_successful_logins_do_not_count_against_the_limit(app, make_user):
    user = make_user()
    for _ in range(8):
        client = app.test_client()
        assert login(client, user.username).status_code == 302


def test_session_cookie_flags(client, make_user):
    user = make_user()
    response = client.post(
        "/login",
        data={
            "username": user.username,
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": csrf_token(client),
        },
    )
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # plain http on this laptop


def test_cookies_are_secure_over_https(app, make_user):
    user = make_user()
    client = app.test_client()
    token_page = client.get("/login", base_url="https://localhost")
    token = token_page.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    response = client.post(
        "/login",
        base_url="https://localhost",
        data={
            "username": user.username,
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": token,
        },
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_remember_cookie_logs_in_a_new_browser_session_until_logout(app, make_user):
    user = make_user()
    client = app.test_client()
    client.post(
        "/login",
        data={
            "username": user.username,
            "password": PASSWORD,
            "remember": "y",
            "csrf_token": csrf_token(client),
        },
    )
    remember = client.get_cookie("remember_token").value
    reopened = app.test_client()
    reopened.set_cookie("remember_token", remember)
    assert reopened.get("/dashboard").status_code == 200
    reopened.post("/logout", data={"csrf_token": csrf_token(reopened)})
    again = app.test_client()
    again.set_cookie("remember_token", remember)
    assert again.get("/dashboard").status_code == 302


def test_csrf_failure_keeps_what_was_typed(login_as):
    client, _ = login_as()
    response = client.post(
        "/account", data={"display_name": "Typed before lunch", "csrf_token": "stale"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Typed before lunch" in page and "Send again" in page
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    resent = client.post(
        "/account", data={"display_name": "Typed before lunch", "csrf_token": token}
    )
    assert resent.status_code == 302
    assert "Hello, Typed before lunch" in client.get("/dashboard").get_data(as_text=True)


def test_csrf_token_does_not_expire_within_the_session(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_admin_lists_users_and_changes_roles(app, login_as, make_user):
    admin, _ = login_as(Role.ADMIN)
    target = make_user(Role.STUDENT, username="future-teacher")
    assert "future-teacher" in admin.get("/admin/users").get_data(as_text=True)
    post(admin, f"/admin/users/{target.id}/role", {f"u{target.id}-role": "teacher"})
    with app.app_context():
        assert db.session.get(User, target.id).role == "teacher"


def test_the_last_admin_cannot_demote_themselves(app, login_as):
    admin, me = login_as(Role.ADMIN)
    response = post(
        admin, f"/admin/users/{me.id}/role", {f"u{me.id}-role": "student"}, follow_redirects=True
    )
    assert "last administrator" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, me.id).role == "admin"


def test_admin_creates_a_teacher(app, login_as):
    admin, _ = login_as(Role.ADMIN)
    response = post(
        admin,
        "/admin/users/new",
        {
            "username": "mr-lee",
            "display_name": "Mr Lee",
            "password": "history teacher 1",
            "role": "teacher",
        },
    )
    assert response.status_code == 302
    teacher = app.test_client()
    assert login(teacher, "mr-lee", "history teacher 1").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.username == "mr-lee")) == "teacher"


def test_an_invalid_role_value_is_refused(app, login_as, make_user):
    admin, _ = login_as(Role.ADMIN)
    target = make_user()
    response = post(
        admin,
        f"/admin/users/{target.id}/role",
        {f"u{target.id}-role": "superuser"},
        follow_redirects=True,
    )
    assert "Choose one of the listed roles" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, target.id).role == "student"


def test_a_password_hashed_with_older_costs_still_logs_in_and_is_rehashed(app, client, make_user):
    from argon2 import PasswordHasher

    user = make_user()
    with app.app_context():
        stored = db.session.get(User, user.id)
        stored.password_hash = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(
            PASSWORD
        )
        db.session.commit()
    assert login(client, user.username).status_code == 302
    with app.app_context():
        rehashed = db.session.get(User, user.id).password_hash
    assert rehashed.startswith("$argon2id$") and "m=19456,t=2,p=1" in rehashed


def session_cookies(response):
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]


def test_a_cross_site_post_without_the_cookie_does_not_replace_the_session(app, login_as):
    victim, _ = login_as()
    # The browser leaves the SameSite cookie out of another site's form post; the
    # answer used to carry a fresh session cookie that replaced the victim's.
    forged = app.test_client(use_cookies=False)
    response = forged.post("/logout", headers={"Origin": "https://evil.example"})
    assert response.status_code == 400
    assert session_cookies(response) == []
    assert "Send again" not in response.get_data(as_text=True)
    assert victim.get("/dashboard").status_code == 200


def test_a_cross_site_post_with_the_cookie_writes_no_session(app, login_as):
    victim, _ = login_as()
    response = victim.post(
        "/account", data={"display_name": "Forged"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 400
    assert session_cookies(response) == []
    assert victim.get("/dashboard").status_code == 200
    assert "Forged" not in victim.get("/account").get_data(as_text=True)


def registration_error(client, username):
    page = register(client, username=username).get_data(as_text=True)
    return page.split('class="error"')[1].split("</")[0]


def test_registration_does_not_say_whether_a_username_exists(app, make_user, monkeypatch):
    from app.services import accounts

    make_user(username="ana")
    hashed = []
    real_hash = accounts._hasher.hash
    monkeypatch.setattr(accounts, "_hasher", type("H", (), {})())
    accounts._hasher.hash = lambda password: hashed.append(1) or real_hash(password)
    taken = registration_error(app.test_client(), "ana")
    reserved = registration_error(app.test_client(), "sourcebook")
    # the same words for a taken and a reserved name, and the same work (one hash)
    assert taken == reserved
    assert "taken" not in taken and "exist" not in taken and "not available" in taken
    assert len(hashed) == 2
    register(app.test_client(), username="ana-free")
    assert len(hashed) == 3 and user_count(app) == 2


def test_probing_usernames_through_registration_is_rate_limited(app, make_user):
    make_user(username="ana")
    client = app.test_client()
    statuses = [register(client, username="ana").status_code for _ in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429


def test_registering_says_how_many_tries_are_left_and_other_pages_carry_no_limit(app, make_user):
    make_user(username="ana")
    client = app.test_client()
    first, second = (register(client, username="ana") for _ in range(2))
    assert first.headers["X-RateLimit-Limit"] == "20"
    # a name found not available counts, once the answer says so
    assert int(second.headers["X-RateLimit-Remaining"]) < int(
        first.headers["X-RateLimit-Remaining"]
    )
    for path in ("/", "/sources/", "/login"):
        assert "X-RateLimit-Limit" not in client.get(path).headers, path
