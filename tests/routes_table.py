"""Every route of the app × every role: the expected status.

Each row: (rule, method, concrete url, form data or None, {role: status}).
`login` means a redirect to the login page. Later features add their rows; a
test fails when a route exists without a row."""

from __future__ import annotations

ANON, STUDENT, TEACHER, ADMIN = "anonymous", "student", "teacher", "admin"
ROLES = (ANON, STUDENT, TEACHER, ADMIN)

PUBLIC = {ANON: 200, STUDENT: 200, TEACHER: 200, ADMIN: 200}
LOGGED_IN = {ANON: "login", STUDENT: 200, TEACHER: 200, ADMIN: 200}
ADMIN_ONLY = {ANON: "login", STUDENT: 403, TEACHER: 403, ADMIN: 200}


def rows(ids: dict[str, object]) -> list[tuple[str, str, str, dict | None, dict]]:
    """`ids` holds objects created for the test (another user's id, ...)."""
    other = ids["other_user_id"]
    return [
        ("/", "GET", "/", None, {ANON: 200, STUDENT: 302, TEACHER: 302, ADMIN: 302}),
        ("/dashboard", "GET", "/dashboard", None, LOGGED_IN),
        ("/login", "GET", "/login", None, {ANON: 200, STUDENT: 302, TEACHER: 302, ADMIN: 302}),
        (
            "/login",
            "POST",
            "/login",
            {"username": "", "password": ""},
            {ANON: 200, STUDENT: 302, TEACHER: 302, ADMIN: 302},
        ),
        (
            "/register",
            "GET",
            "/register",
            None,
            {ANON: 200, STUDENT: 302, TEACHER: 302, ADMIN: 302},
        ),
        (
            "/register",
            "POST",
            "/register",
            {"username": ""},
            {ANON: 200, STUDENT: 302, TEACHER: 302, ADMIN: 302},
        ),
        ("/logout", "POST", "/logout", {}, {ANON: 302, STUDENT: 302, TEACHER: 302, ADMIN: 302}),
        ("/account", "GET", "/account", None, LOGGED_IN),
        ("/account", "POST", "/account", {"display_name": ""}, LOGGED_IN),
        ("/account/password", "GET", "/account/password", None, LOGGED_IN),
        ("/account/password", "POST", "/account/password", {"current_password": ""}, LOGGED_IN),
        ("/admin/users", "GET", "/admin/users", None, ADMIN_ONLY),
        ("/admin/users/new", "GET", "/admin/users/new", None, ADMIN_ONLY),
        ("/admin/users/new", "POST", "/admin/users/new", {"username": ""}, ADMIN_ONLY),
        (
            "/admin/users/<int:user_id>/role",
            "POST",
            f"/admin/users/{other}/role",
            {f"u{other}-role": "student"},
            {ANON: "login", STUDENT: 403, TEACHER: 403, ADMIN: 302},
        ),
        (
            "/admin/users/<int:user_id>/role",
            "POST",
            "/admin/users/999999/role",
            {"u999999-role": "student"},
            {ANON: "login", STUDENT: 403, TEACHER: 403, ADMIN: 404},
        ),
        ("/sources/", "GET", "/sources/", None, PUBLIC),
        ("/sources/<source_id>", "GET", "/sources/nwe", None, PUBLIC),
        (
            "/sources/<source_id>",
            "GET",
            "/sources/brookshaw?passage=brookshaw-millions-perished",
            None,
            PUBLIC,
        ),
        (
            "/sources/<source_id>",
            "GET",
            "/sources/no-such-source",
            None,
            {ANON: 404, STUDENT: 404, TEACHER: 404, ADMIN: 404},
        ),
        (
            "/sources/facts",
            "GET",
            "/sources/facts?source=nwe&topic=trial-1938&q=doctor",
            None,
            PUBLIC,
        ),
        ("/sources/people", "GET", "/sources/people", None, PUBLIC),
        ("/sources/people/<person_id>", "GET", "/sources/people/bukharin", None, PUBLIC),
        (
            "/sources/people/<person_id>",
            "GET",
            "/sources/people/nobody",
            None,
            {ANON: 404, STUDENT: 404, TEACHER: 404, ADMIN: 404},
        ),
        ("/sources/timeline", "GET", "/sources/timeline", None, PUBLIC),
        ("/sources/disagreements", "GET", "/sources/disagreements", None, PUBLIC),
    ]
