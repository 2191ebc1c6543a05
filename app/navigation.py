"""The main navigation: what each role sees, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    visible: Callable[[Any], bool] = lambda user: True
    icon: str = ""  # a symbol of static/icons.svg; the items with one are the main places


def _logged_in(user: Any) -> bool:
    return bool(user.is_authenticated)


NAV = (
    NavItem("Today", "main.dashboard", _logged_in, "today"),
    NavItem("Quiz", "quiz.new", _logged_in, "quiz"),
    NavItem("Flashcards", "cards.dashboard", _logged_in, "cards"),
    NavItem(
        "Classes",
        "classes.index",
        lambda user: user.is_authenticated and not user.is_teacher,
        "classes",
    ),
    NavItem("Teach", "teach.home", lambda user: user.is_authenticated and user.is_teacher, "teach"),
    NavItem("Sources", "sources.index", icon="sources"),
    NavItem("People", "sources.people"),
    NavItem("Timeline", "sources.timeline"),
    NavItem("Disagreements", "sources.disputes"),
)


# blueprints whose every page belongs under their item in the navigation
_SECTIONS = {"quiz", "cards", "classes", "teach"}


def nav_items() -> list[dict[str, Any]]:
    items = []
    for item in NAV:
        if item.endpoint not in current_app.view_functions or not item.visible(current_user):
            continue
        items.append(
            {
                "label": item.label,
                "url": url_for(item.endpoint),
                "current": request.endpoint == item.endpoint
                or (
                    request.blueprint in _SECTIONS
                    and item.endpoint.startswith(f"{request.blueprint}.")
                ),
                "icon": item.icon,
            }
        )
    return items


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_items"] = nav_items
