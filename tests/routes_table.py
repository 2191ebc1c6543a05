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


OWNER_ONLY = {ANON: "login", STUDENT: 200, TEACHER: 200, ADMIN: 200}
NOBODY = {ANON: "login", STUDENT: 404, TEACHER: 404, ADMIN: 404}
REDIRECT = {ANON: "login", STUDENT: 302, TEACHER: 302, ADMIN: 302}


def rows(ids: dict[str, object]) -> list[tuple[str, str, str, dict | None, dict]]:
    """`ids` holds objects created for the test: `other_user_id`, the acting
    role's own quiz attempt (`own_attempt`, its first question `own_question`)
    and another student's (`other_attempt`)."""
    other = ids["other_user_id"]
    own, theirs, own_q = ids["own_attempt"], ids["other_attempt"], ids["own_question"]
    report_own = (
        "/quiz/<int:attempt_id>/q/<int:position>/report",
        "GET",
        f"/quiz/{own}/q/1/report",
        None,
        OWNER_ONLY,
    )
    report_theirs = (
        "/quiz/<int:attempt_id>/q/<int:position>/report",
        "GET",
        f"/quiz/{theirs}/q/1/report",
        None,
        NOBODY,
    )
    quiz_start = {"scope": "all:", "count": "5", "types": "mcq", "feedback_mode": "each"}
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
        # quizzes: your own attempts only; anybody else's is "not found"
        ("/quiz/", "GET", "/quiz/", None, LOGGED_IN),
        ("/quiz/", "POST", "/quiz/", quiz_start, REDIRECT),
        ("/quiz/history", "GET", "/quiz/history", None, LOGGED_IN),
        ("/quiz/<int:attempt_id>", "GET", f"/quiz/{own}", None, REDIRECT),
        ("/quiz/<int:attempt_id>", "GET", f"/quiz/{theirs}", None, NOBODY),
        ("/quiz/<int:attempt_id>/q/<int:position>", "GET", f"/quiz/{own}/q/1", None, OWNER_ONLY),
        ("/quiz/<int:attempt_id>/q/<int:position>", "GET", f"/quiz/{own}/q/99", None, NOBODY),
        ("/quiz/<int:attempt_id>/q/<int:position>", "GET", f"/quiz/{theirs}/q/1", None, NOBODY),
        (
            "/quiz/<int:attempt_id>/q/<int:position>",
            "POST",
            f"/quiz/{own}/q/1",
            {"question_id": "not-this-one", "answer": "0"},
            {ANON: "login", STUDENT: 400, TEACHER: 400, ADMIN: 400},
        ),
        (
            "/quiz/<int:attempt_id>/q/<int:position>",
            "POST",
            f"/quiz/{theirs}/q/1",
            {"question_id": own_q, "answer": "0"},
            NOBODY,
        ),
        report_own,
        report_theirs,
        (
            "/quiz/<int:attempt_id>/q/<int:position>/report",
            "POST",
            f"/quiz/{own}/q/1/report",
            {"reason": "typo", "comment": "x"},
            REDIRECT,
        ),
        (
            "/quiz/<int:attempt_id>/q/<int:position>/report",
            "POST",
            f"/quiz/{theirs}/q/1/report",
            {"reason": "typo"},
            NOBODY,
        ),
        ("/quiz/<int:attempt_id>/results", "GET", f"/quiz/{own}/results", None, REDIRECT),
        ("/quiz/<int:attempt_id>/results", "GET", f"/quiz/{theirs}/results", None, NOBODY),
        ("/quiz/<int:attempt_id>/finish", "POST", f"/quiz/{theirs}/finish", {}, NOBODY),
        ("/quiz/<int:attempt_id>/finish", "POST", f"/quiz/{own}/finish", {}, REDIRECT),
        ("/quiz/<int:attempt_id>/retake", "POST", f"/quiz/{own}/retake", {}, REDIRECT),
        ("/quiz/<int:attempt_id>/retake", "POST", f"/quiz/{theirs}/retake", {}, NOBODY),
        ("/quiz/<int:attempt_id>/mistakes", "POST", f"/quiz/{own}/mistakes", {}, REDIRECT),
        ("/quiz/<int:attempt_id>/mistakes", "POST", f"/quiz/{theirs}/mistakes", {}, NOBODY),
        # flashcards: every logged-in user has their own
        ("/cards/", "GET", "/cards/", None, LOGGED_IN),
        ("/cards/study", "GET", "/cards/study?deck=topic:trial-1936", None, LOGGED_IN),
        ("/cards/study", "GET", "/cards/study?deck=topic:no-such", None, NOBODY),
        (
            "/cards/browse",
            "GET",
            "/cards/browse?deck=source:nwe&status=new&q=trial",
            None,
            LOGGED_IN,
        ),
        ("/cards/settings", "GET", "/cards/settings", None, LOGGED_IN),
        (
            "/cards/settings",
            "POST",
            "/cards/settings",
            {"desired_retention": "0.9", "daily_new_limit": "20"},
            REDIRECT,
        ),
        (
            "/cards/review",
            "POST",
            "/cards/review",
            {"fact_id": "nwe-second-trial-dates", "version": "0", "rating": "3", "shown_at": "0"},
            REDIRECT,
        ),
        (
            "/cards/review",
            "POST",
            "/cards/review",
            {"fact_id": "no-such-fact", "version": "0", "rating": "3"},
            NOBODY,
        ),
        ("/cards/undo", "POST", "/cards/undo", {}, REDIRECT),
        (
            "/cards/<fact_id>/suspend",
            "POST",
            "/cards/nwe-second-trial-dates/suspend",
            {"suspended": "1"},
            REDIRECT,
        ),
        (
            "/cards/<fact_id>/suspend",
            "POST",
            "/cards/no-such-fact/suspend",
            {"suspended": "1"},
            NOBODY,
        ),
        ("/cards/exam", "POST", "/cards/exam", {"deck": "all:", "exam_on": "2099-01-01"}, REDIRECT),
    ]
