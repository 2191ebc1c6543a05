"""The header's navigation: each kind of user sees their own places, on every
page the place it belongs to is marked, whoever asked for the same page before."""

from __future__ import annotations

import re

from app.models import Role

NAV = re.compile(r'<nav aria-label="Main">(.*?)</nav>', re.S)
ITEM = re.compile(r'<a href="([^"]+)" (aria-current="page")?[^>]*>(?:<svg.*?</svg>)?([^<]+)</a>')


def places(client, path):
    """(label, current) of each place in the header of the page at `path`."""
    response = client.get(path)
    assert response.status_code == 200
    nav = NAV.search(response.get_data(as_text=True))
    assert nav
    return [(label, bool(current)) for _url, current, label in ITEM.findall(nav.group(1))]


def test_each_kind_of_user_sees_their_own_places_on_the_same_page(app, login_as):
    teacher, _ = login_as(Role.TEACHER)
    student, _ = login_as(Role.STUDENT)
    admin, _ = login_as(Role.ADMIN)
    anonymous = app.test_client()
    # the same page, asked for by one kind of user after another, twice over
    for _ in range(2):
        assert [label for label, _ in places(anonymous, "/sources/")] == [
            "Sources",
            "People",
            "Timeline",
            "Disagreements",
        ]
        seen = [label for label, _ in places(student, "/sources/")]
        assert "Classes" in seen and "Teach" not in seen and "Users" not in seen
        seen = [label for label, _ in places(teacher, "/sources/")]
        assert "Teach" in seen and "Classes" not in seen and "Users" not in seen
        assert "Users" in [label for label, _ in places(admin, "/sources/")]


def test_the_place_a_page_belongs_to_is_marked(app, login_as):
    student, _ = login_as(Role.STUDENT)
    admin, _ = login_as(Role.ADMIN)
    for path, place in [
        ("/sources/", "Sources"),
        ("/sources/people", "People"),
        ("/quiz/", "Quiz"),
        ("/quiz/history", "Quiz"),
        ("/cards/", "Flashcards"),
    ]:
        assert [label for label, current in places(student, path) if current] == [place], path
    assert [label for label, current in places(admin, "/admin/users") if current] == ["Users"]
    assert [label for label, current in places(admin, "/sources/") if current] == ["Sources"]
