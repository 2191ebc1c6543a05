"""The route table's rows for disagreements on teachers' sources, for
proposals skipped on their curation screens, and for retiring and deleting a
source (tests/routes_table.py adds them to its own)."""

from __future__ import annotations

from tests.routes_table import (
    ADMIN,
    ANON,
    OTHERS,
    OTHERS_REDIRECT,
    STUDENT,
    TEACHER,
    TEACHERS,
    TEACHERS_REDIRECT,
    UNPUBLISHED_OTHERS,
)

Row = tuple[str, str, str, dict | None, dict]


def source_rows(my: dict[str, object], their: dict[str, object]) -> list[Row]:
    return [
        # disagreements a teacher marks on their sources
        (
            "/teach/sources/<source_id>/disputes/new",
            "GET",
            f"/teach/sources/{my['source']}/disputes/new",
            None,
            TEACHERS,
        ),
        (
            "/teach/sources/<source_id>/disputes/new",
            "GET",
            f"/teach/sources/{their['source']}/disputes/new",
            None,
            OTHERS,
        ),
        (
            "/teach/sources/<source_id>/disputes/new",
            "GET",
            "/teach/sources/nwe/disputes/new",
            None,
            {**OTHERS, ADMIN: 404},
        ),
        (
            "/teach/sources/<source_id>/disputes/new",
            "POST",
            f"/teach/sources/{my['source']}/disputes/new",
            {"title": ""},
            {ANON: "login", STUDENT: 403, TEACHER: 400, ADMIN: 400},
        ),
        (
            "/teach/sources/<source_id>/disputes/new",
            "POST",
            f"/teach/sources/{their['source']}/disputes/new",
            {"title": "Taken over"},
            {**OTHERS, ADMIN: 400},
        ),
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/edit",
            "GET",
            f"/teach/sources/{my['source']}/disputes/{my['source_dispute']}/edit",
            None,
            TEACHERS,
        ),
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/edit",
            "GET",
            f"/teach/sources/{their['source']}/disputes/{their['source_dispute']}/edit",
            None,
            OTHERS,
        ),
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/edit",
            "GET",
            f"/teach/sources/{my['source']}/disputes/{their['source_dispute']}/edit",
            None,
            {**TEACHERS, TEACHER: 404, ADMIN: 404},
        ),
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/edit",
            "POST",
            f"/teach/sources/{my['source']}/disputes/{my['source_dispute']}/edit",
            {"title": ""},
            {ANON: "login", STUDENT: 403, TEACHER: 400, ADMIN: 400},
        ),
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/remove",
            "POST",
            f"/teach/sources/{my['source']}/disputes/no-such-dispute/remove",
            {},
            {ANON: "login", STUDENT: 403, TEACHER: 404, ADMIN: 404},
        ),
        # proposals skipped on the curation screen, kept per source
        (
            "/teach/sources/<source_id>/proposals/skip",
            "POST",
            f"/teach/sources/{my['source']}/proposals/skip",
            {"proposal": "not-offered"},  # refused with a message, back to the screen
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/proposals/skip",
            "POST",
            f"/teach/sources/{their['source']}/proposals/skip",
            {"proposal": "not-offered"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/proposals/unskip",
            "POST",
            f"/teach/sources/{my['source']}/proposals/unskip",
            {"proposal": "not-skipped"},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/proposals/unskip",
            "POST",
            f"/teach/sources/{their['source']}/proposals/unskip",
            {"proposal": "not-skipped"},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/proposals/unskip",
            "POST",
            "/teach/sources/nwe/proposals/unskip",
            {"proposal": "not-skipped"},
            {**OTHERS, ADMIN: 404},
        ),
        # a retired source: out of every menu; its page is its owner's and admins'
        # (and a student's who has history on it, tested in test_source_lifecycle)
        (
            "/sources/<source_id>",
            "GET",
            f"/sources/{their['retired_source']}",
            None,
            UNPUBLISHED_OTHERS,
        ),
        (
            "/sources/<source_id>",
            "GET",
            f"/sources/{my['retired_source']}",
            None,
            {ANON: 404, STUDENT: 404, TEACHER: 200, ADMIN: 200},
        ),
        (
            "/cards/study",
            "GET",
            f"/cards/study?deck=source:{their['retired_source']}",
            None,
            {**UNPUBLISHED_OTHERS, ANON: "login", ADMIN: 200},
        ),
        (
            "/teach/sources/<source_id>/retire",
            "POST",
            f"/teach/sources/{my['retired_source']}/retire",
            {},
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/delete",
            "POST",
            f"/teach/sources/{my['source']}/delete",
            {},  # not confirmed: nothing is deleted
            TEACHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/delete",
            "POST",
            "/teach/sources/nwe/delete",
            {"confirm": "yes"},
            {**OTHERS, ADMIN: 404},
        ),
    ]


def source_last_rows(my: dict[str, object], their: dict[str, object]) -> list[Row]:
    """Last: they remove, retire or delete what the rows before use."""
    return [
        (
            "/teach/sources/<source_id>/disputes/<dispute_id>/remove",
            "POST",
            f"/teach/sources/{their['source']}/disputes/{their['source_dispute']}/remove",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/retire",
            "POST",
            f"/teach/sources/{their['source']}/retire",
            {},
            OTHERS_REDIRECT,
        ),
        (
            "/teach/sources/<source_id>/delete",
            "POST",
            f"/teach/sources/{their['retired_source']}/delete",
            {"confirm": "yes"},
            OTHERS_REDIRECT,
        ),
    ]
