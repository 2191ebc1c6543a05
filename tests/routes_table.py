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
TEACHERS = {ANON: "login", STUDENT: 403, TEACHER: 200, ADMIN: 200}
TEACHERS_REDIRECT = {ANON: "login", STUDENT: 403, TEACHER: 302, ADMIN: 302}
# another teacher's object: hidden from a teacher, visible to an admin
OTHERS = {ANON: "login", STUDENT: 403, TEACHER: 404, ADMIN: 200}
OTHERS_REDIRECT = {ANON: "login", STUDENT: 403, TEACHER: 404, ADMIN: 302}
# another teacher's unpublished source: the admin's to see, nobody else's
UNPUBLISHED_OTHERS = {ANON: 404, STUDENT: 404, TEACHER: 404, ADMIN: 200}


def rows(ids: dict[str, object]) -> list[tuple[str, str, str, dict | None, dict]]:
    """`ids` holds objects created for the test: `other_user_id`, the acting
    role's own quiz attempt (`own_attempt`, its first question `own_question`)
    and another student's (`other_attempt`)."""
    other = ids["other_user_id"]
    own, theirs, own_q = ids["own_attempt"], ids["other_attempt"], ids["own_question"]
    my = {k[3:]: v for k, v in ids.items() if k.startswith("my_")}
    their = {k[6:]: v for k, v in ids.items() if k.startswith("their_")}
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
        ("/healthz", "GET", "/healthz", None, PUBLIC),
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
        ("/quiz/<int:attempt_id>/abandon", "POST", f"/quiz/{own}/abandon", {}, REDIRECT),
        ("/quiz/<int:attempt_id>/abandon", "POST", f"/quiz/{theirs}/abandon", {}, NOBODY),
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
        # teaching: my_* are the acting teacher's own objects, other_* another teacher's
        ("/teach/", "GET", "/teach/", None, TEACHERS),
        ("/teach/classes", "POST", "/teach/classes", {"name": "History 11C"}, TEACHERS_REDIRECT),
        (
            "/teach/classes/<int:class_id>",
            "GET",
            f"/teach/classes/{my['classroom']}",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>",
            "GET",
            f"/teach/classes/{their['classroom']}",
            None,
            OTHERS,
        ),
        (
            "/teach/classes/<int:class_id>/gradebook.csv",
            "GET",
            f"/teach/classes/{my['classroom']}/gradebook.csv",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>/gradebook.csv",
            "GET",
            f"/teach/classes/{their['classroom']}/gradebook.csv",
            None,
            OTHERS,
        ),
        (
            "/teach/classes/<int:class_id>/students/<int:student_id>",
            "GET",
            f"/teach/classes/{my['classroom']}/students/{my['student']}",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>/students/<int:student_id>",
            "GET",
            f"/teach/classes/{their['classroom']}/students/{their['student']}",
            None,
            OTHERS,
        ),
        (
            "/teach/classes/<int:class_id>/attempts/<int:attempt_id>",
            "GET",
            f"/teach/classes/{my['classroom']}/attempts/{my['attempt']}",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>/attempts/<int:attempt_id>",
            "GET",
            f"/teach/classes/{my['classroom']}/attempts/{their['attempt']}",
            None,
            {**OTHERS, ADMIN: 404},
        ),
        (
            "/teach/classes/<int:class_id>/assignments/<int:assignment_id>/analysis",
            "GET",
            f"/teach/classes/{my['classroom']}/assignments/{my['assignment']}/analysis",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>/assignments/<int:assignment_id>/analysis",
            "GET",
            f"/teach/classes/{their['classroom']}/assignments/{their['assignment']}/analysis",
            None,
            OTHERS,
        ),
        (
            "/teach/classes/<int:class_id>/passages/<source_id>",
            "GET",
            f"/teach/classes/{my['classroom']}/passages/nwe",
            None,
            TEACHERS,
        ),
        (
            "/teach/classes/<int:class_id>/passages/<source_id>",
            "GET",
            f"/teach/classes/{their['classroom']}/passages/nwe",
            None,
            OTHERS,
        ),
        (
            "/teach/classes/<int:class_id>/code",
            "POST",
            f"/teach/classes/{my['classroom']}/code",
            {"action": "disable"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/code",
            "POST",
            f"/teach/classes/{their['classroom']}/code",
            {"action": "enable"},
            OTHERS_REDIRECT,
        ),
        ("/teach/lessons/new", "GET", "/teach/lessons/new", None, TEACHERS),
        (
            "/teach/lessons/new",
            "POST",
            "/teach/lessons/new",
            {"title": "New one", "introduction": ""},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>",
            "GET",
            f"/teach/lessons/{my['lesson']}?q_topic=trial-1937",
            None,
            TEACHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>",
            "GET",
            f"/teach/lessons/{their['lesson']}",
            None,
            OTHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>",
            "POST",
            f"/teach/lessons/{my['lesson']}",
            {"title": "Renamed", "introduction": "x"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>",
            "POST",
            f"/teach/lessons/{their['lesson']}",
            {"title": "Mine now"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/preview",
            "GET",
            f"/teach/lessons/{my['lesson']}/preview",
            None,
            TEACHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/preview",
            "GET",
            f"/teach/lessons/{their['lesson']}/preview",
            None,
            OTHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/passage",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/passage",
            {"passage-fact_id": "nwe-third-trial-march-1938"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/passage",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/passage",
            {"passage-fact_id": "nwe-third-trial-march-1938"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/add-passage",
            "POST",
            "/teach/lessons/add-passage",
            {"lesson_id": my["lesson"], "source_id": "nwe", "start": "100", "end": "150"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/add-passage",
            "POST",
            "/teach/lessons/add-passage",
            {"lesson_id": their["lesson"], "fact_id": "nwe-second-trial-dates"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/text",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/text",
            {"body": "*Note*"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/text",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/text",
            {"body": "x"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/questions",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/questions",
            {"question_id": "nwe-second-trial-dates:cloze"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/questions",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/questions",
            {"question_id": "nwe-second-trial-dates:cloze"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/own-question",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/own-question",
            {
                "own-kind": "short",
                "own-prompt": "When?",
                "own-answer": "1937",
                "own-source_id": "nwe",
                "own-quote": "The second trial occurred between January 23-30, 1937.",
            },
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/own-question",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/own-question",
            {"own-kind": "short"},
            {**OTHERS_REDIRECT, ADMIN: 400},
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/<int:item_id>/<action>",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/{my['item']}/down",
            {},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/<int:item_id>/<action>",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/{their['item']}/remove",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/passages",
            "GET",
            f"/teach/lessons/{my['lesson']}/passages?p_text=trial",
            None,
            TEACHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/passages",
            "GET",
            f"/teach/lessons/{their['lesson']}/passages?p_text=trial",
            None,
            OTHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/order",
            "POST",
            f"/teach/lessons/{my['lesson']}/items/order",
            {"order": str(my["item"])},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/items/order",
            "POST",
            f"/teach/lessons/{their['lesson']}/items/order",
            {"order": str(their["item"])},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/share",
            "POST",
            f"/teach/lessons/{my['lesson']}/share",
            {"shared": "0"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/share",
            "POST",
            f"/teach/lessons/{their['lesson']}/share",
            {"shared": "1"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/duplicate",
            "POST",
            f"/teach/lessons/{my['lesson']}/duplicate",
            {},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/duplicate",
            "POST",
            f"/teach/lessons/{their['lesson']}/duplicate",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/assign",
            "POST",
            f"/teach/lessons/{my['lesson']}/assign",
            {"classroom_id": my["classroom"]},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/assign",
            "POST",
            f"/teach/lessons/{their['lesson']}/assign",
            {"classroom_id": their["classroom"]},
            OTHERS_REDIRECT,
        ),
        ("/teach/reports", "GET", "/teach/reports", None, TEACHERS),
        (
            "/teach/reports/<int:report_id>",
            "POST",
            f"/teach/reports/{my['report']}",
            {"status": "resolved"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/reports/<int:report_id>",
            "POST",
            f"/teach/reports/{their['report']}",
            {"status": "dismissed"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/publish",
            "POST",
            f"/teach/lessons/{my['lesson']}/publish",
            {"published": "1"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/publish",
            "POST",
            f"/teach/lessons/{their['lesson']}/publish",
            {"published": "1"},
            OTHERS_REDIRECT,
        ),
        # students: their classes and assigned lessons only
        ("/classes/", "GET", "/classes/", None, LOGGED_IN),
        ("/classes/", "POST", "/classes/", {"code": "NOSUCHCODE"}, LOGGED_IN),
        ("/join/<code>", "GET", f"/join/{their['code']}", None, LOGGED_IN),
        (
            "/lessons/<int:lesson_id>",
            "GET",
            f"/lessons/{their['lesson']}",
            None,
            {ANON: "login", STUDENT: 200, TEACHER: 404, ADMIN: 200},
        ),
        (
            "/lessons/<int:lesson_id>",
            "GET",
            f"/lessons/{my['lesson']}",
            None,
            {ANON: "login", STUDENT: 200, TEACHER: 200, ADMIN: 200},
        ),
        (
            "/lessons/<int:lesson_id>/progress",
            "POST",
            f"/lessons/{their['lesson']}/progress",
            {"position": "1"},
            {ANON: "login", STUDENT: 302, TEACHER: 404, ADMIN: 302},
        ),
        (
            "/assignments/<int:assignment_id>/start",
            "POST",
            f"/assignments/{their['assignment']}/start",
            {},
            {ANON: "login", STUDENT: 302, TEACHER: 404, ADMIN: 404},
        ),
        (
            "/teach/classes/<int:class_id>/students/<int:student_id>/remove",
            "POST",
            f"/teach/classes/{their['classroom']}/students/{their['student']}/remove",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/students/<int:student_id>/remove",
            "POST",
            f"/teach/classes/{my['classroom']}/students/{my['student']}/remove",
            {},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/archive",
            "POST",
            f"/teach/classes/{their['classroom']}/archive",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/archive",
            "POST",
            f"/teach/classes/{my['classroom']}/archive",
            {},
            TEACHERS_REDIRECT,
        ),
        # exports
        ("/export/anki", "GET", "/export/anki?deck=person:radek", None, LOGGED_IN),
        (
            "/export/anki",
            "GET",
            f"/export/anki?deck=lesson:{their['lesson']}",
            None,
            {ANON: "login", STUDENT: 200, TEACHER: 404, ADMIN: 200},
        ),
        ("/export/moodle.xml", "GET", "/export/moodle.xml?topic=trial-1938", None, TEACHERS),
        ("/export/moodle.xml", "GET", f"/export/moodle.xml?lesson={their['lesson']}", None, OTHERS),
        (
            "/export/questions.gift",
            "GET",
            f"/export/questions.gift?lesson={my['lesson']}",
            None,
            TEACHERS,
        ),
        (
            "/export/questions.gift",
            "GET",
            f"/export/questions.gift?lesson={their['lesson']}",
            None,
            OTHERS,
        ),
        (
            "/lessons/<int:lesson_id>/worksheet",
            "GET",
            f"/lessons/{their['lesson']}/worksheet",
            None,
            {ANON: "login", STUDENT: 200, TEACHER: 404, ADMIN: 200},
        ),
        # the worksheet: the acting teacher's own lesson, an assigned student's
        # (the student's "my" lesson is the one their class was given), and a
        # published lesson given to no class; who gets the key is in secrets()
        (
            "/lessons/<int:lesson_id>/worksheet",
            "GET",
            f"/lessons/{my['lesson']}/worksheet",
            None,
            {ANON: "login", STUDENT: 200, TEACHER: 200, ADMIN: 200},
        ),
        (
            "/lessons/<int:lesson_id>/worksheet",
            "GET",
            f"/lessons/{their['unassigned_lesson']}/worksheet",
            None,
            {ANON: "login", STUDENT: 404, TEACHER: 404, ADMIN: 200},
        ),
        ("/account/history.csv", "GET", "/account/history.csv", None, LOGGED_IN),
        ("/account/data.json", "GET", "/account/data.json", None, LOGGED_IN),
        (
            "/teach/lessons/<int:lesson_id>/import",
            "GET",
            f"/teach/lessons/{my['lesson']}/import",
            None,
            TEACHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/import",
            "GET",
            f"/teach/lessons/{their['lesson']}/import",
            None,
            OTHERS,
        ),
        (
            "/teach/lessons/<int:lesson_id>/import",
            "POST",
            f"/teach/lessons/{my['lesson']}/import",
            {"format": "csv", "content": ""},
            {ANON: "login", STUDENT: 403, TEACHER: 400, ADMIN: 400},
        ),
        (
            "/teach/lessons/<int:lesson_id>/import",
            "POST",
            f"/teach/lessons/{their['lesson']}/import",
            {"format": "csv", "content": ""},
            {ANON: "login", STUDENT: 403, TEACHER: 404, ADMIN: 400},
        ),
        # new sources curated in the app (the built-in ones cannot be curated here)
        ("/teach/sources/new", "GET", "/teach/sources/new", None, TEACHERS),
        (
            "/teach/sources/new",
            "POST",
            "/teach/sources/new",
            {"title": ""},
            {ANON: "login", STUDENT: 403, TEACHER: 400, ADMIN: 400},
        ),
        (
            "/teach/sources/<source_id>/curate",
            "GET",
            "/teach/sources/nwe/curate",
            None,
            {**OTHERS, ADMIN: 404},
        ),
        (
            "/teach/sources/<source_id>/facts",
            "POST",
            "/teach/sources/nwe/facts",
            {"prefix": "own"},
            {**OTHERS, ADMIN: 404},
        ),
        # a teacher's unpublished source: the owner's and admins' only, everywhere
        ("/sources/<source_id>", "GET", f"/sources/{their['source']}", None, UNPUBLISHED_OTHERS),
        (
            "/sources/<source_id>",
            "GET",
            f"/sources/{my['source']}",
            None,
            {ANON: 404, STUDENT: 404, TEACHER: 200, ADMIN: 200},
        ),
        (
            "/cards/study",
            "GET",
            f"/cards/study?deck=source:{their['source']}",
            None,
            {**UNPUBLISHED_OTHERS, ANON: "login"},
        ),
        (
            "/export/anki",
            "GET",
            f"/export/anki?deck=source:{their['source']}",
            None,
            {**UNPUBLISHED_OTHERS, ANON: "login"},
        ),
        (
            "/quiz/",
            "POST",
            "/quiz/",
            {
                **quiz_start,
                "scope": f"source:{their['source']}",
                "types": ["mcq", "short", "cloze"],
            },
            {ANON: "login", STUDENT: 200, TEACHER: 200, ADMIN: 302},
        ),
        (
            "/teach/sources/<source_id>/curate",
            "GET",
            f"/teach/sources/{my['source']}/curate",
            None,
            TEACHERS,
        ),
        (
            "/teach/sources/<source_id>/curate",
            "GET",
            f"/teach/sources/{their['source']}/curate",
            None,
            OTHERS,
        ),
        (
            "/teach/sources/<source_id>/publish",
            "POST",
            f"/teach/sources/{my['source']}/publish",
            {"published": "0"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/publish",
            "POST",
            f"/teach/sources/{their['source']}/publish",
            {"published": "0"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/publish",
            "POST",
            "/teach/sources/nwe/publish",
            {"published": "0"},
            {**OTHERS, ADMIN: 404},
        ),
        # last: they delete, rename or copy what the rows above use
        (
            "/teach/lessons/<int:lesson_id>/delete",
            "POST",
            f"/teach/lessons/{my['lesson']}/delete",
            {},  # not confirmed: nothing is deleted, the editor says why
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/delete",
            "POST",
            f"/teach/lessons/{their['lesson']}/delete",
            {"confirm": "yes"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/copy-to-class",
            "POST",
            f"/teach/lessons/{my['lesson']}/copy-to-class",
            {"classroom_id": my["classroom"]},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/lessons/<int:lesson_id>/copy-to-class",
            "POST",
            f"/teach/lessons/{their['lesson']}/copy-to-class",
            {"classroom_id": their["classroom"]},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/rename",
            "POST",
            f"/teach/classes/{my['classroom']}/rename",
            {"name": "History 11D"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/rename",
            "POST",
            f"/teach/classes/{their['classroom']}/rename",
            {"name": "Mine now"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/delete",
            "POST",
            f"/teach/classes/{my['classroom']}/delete",
            {},  # not confirmed: nothing is deleted
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/classes/<int:class_id>/delete",
            "POST",
            f"/teach/classes/{their['classroom']}/delete",
            {"confirm": "yes"},
            OTHERS_REDIRECT,
        ),
    ]


def secrets(ids: dict[str, object]) -> list[tuple[str, str, frozenset[str]]]:
    """(url, text, the roles that may read the text there): a page every role
    can open, and something on it only some of them may see. The teacher and
    the admin see their own private work ("my"); nobody but an admin sees
    another teacher's ("their")."""
    my = {k[3:]: v for k, v in ids.items() if k.startswith("my_")}
    their = {k[6:]: v for k, v in ids.items() if k.startswith("their_")}
    owners, admins = frozenset({TEACHER, ADMIN}), frozenset({ADMIN})
    key = "Answer key"
    return [
        # the answer key of the worksheet: only those who may edit the lesson
        (f"/lessons/{my['lesson']}/worksheet", key, owners),
        (f"/lessons/{their['lesson']}/worksheet", key, admins),
        # teachers' own questions, in a draft lesson never assigned
        ("/sources/facts?q=password", str(their["prompt"]), admins),
        ("/sources/facts?q=password", str(my["prompt"]), owners),
        (f"/sources/nwe?passage={their['question_fact']}", str(their["answer"]), admins),
        (f"/sources/nwe?passage={my['question_fact']}", str(my["answer"]), owners),
        ("/cards/browse?deck=all:&q=password", str(their["answer"]), admins),
        (f"/cards/browse?deck=facts:{their['question_fact']}", str(their["answer"]), admins),
        (f"/cards/browse?deck=facts:{my['question_fact']}", str(my["answer"]), owners),
        ("/export/moodle.xml", str(their["prompt"]), admins),
        # an unpublished source and its facts
        ("/sources/", str(their["source_title"]), admins),
        ("/sources/", str(my["source_title"]), owners),
        ("/sources/facts?q=balloon", str(their["source_statement"]), admins),
        (
            f"/cards/browse?deck=facts:{their['source_fact']}",
            str(their["source_statement"]),
            admins,
        ),
        ("/cards/", str(their["source_title"]), admins),
        ("/quiz/", str(their["source_title"]), admins),
        ("/quiz/", str(my["source_title"]), owners),
    ]
