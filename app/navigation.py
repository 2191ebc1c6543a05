"""The main navigation: what each role sees, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup


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


def fixed_url(endpoint: str, **values: Any) -> str:
    """`url_for` of an address that is the same on every request (a static file, a
    page without parameters), built once per app and root path and then reused:
    the navigation and the footer of every page have a dozen of them."""
    cache: dict[tuple[Any, ...], str] = current_app.extensions.setdefault("fixed_urls", {})
    key = (request.script_root, endpoint, *sorted(values.items()))
    url = cache.get(key)
    if url is None:
        url = cache[key] = url_for(endpoint, **values)
    return url


def nav_items() -> list[dict[str, Any]]:
    # each proxy (request, current_user) resolved once, not once per item
    user = current_user._get_current_object()
    views = current_app.view_functions
    endpoint, blueprint = request.endpoint, request.blueprint
    section = f"{blueprint}." if blueprint in _SECTIONS else None
    items = []
    for item in NAV:
        if item.endpoint not in views or not item.visible(user):
            continue
        items.append(
            {
                "label": item.label,
                "url": fixed_url(item.endpoint),
                "current": endpoint == item.endpoint
                or (section is not None and item.endpoint.startswith(section)),
                "icon": item.icon,
            }
        )
    return items


def site_nav() -> Markup:
    """The header's brand, main places and More menu (`_site_nav.html`). They
    depend only on the page (which item is current) and on the kind of user (which
    items show), so each combination is rendered once per app and then reused;
    there are as many as pages times kinds of user, a bounded number."""
    user = current_user._get_current_object()
    authenticated = bool(user.is_authenticated)
    teacher = authenticated and bool(user.is_teacher)
    admin = authenticated and bool(user.is_admin)
    endpoint, blueprint = request.endpoint, request.blueprint
    key = (request.script_root, endpoint, blueprint, authenticated, teacher, admin)
    cache: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("site_nav", {})
    html = cache.get(key)
    if html is None:
        template = current_app.jinja_env.get_template("_site_nav.html")
        # an autoescaped template's output, labels and addresses escaped in it
        html = Markup(  # noqa: S704  # nosec B704
            template.render(
                nav_links=nav_items(),
                nav_icons=fixed_url("static", filename="icons.svg"),
                show_users=admin,
                users_current=blueprint == "admin",
            )
        )
        if not current_app.jinja_env.auto_reload:  # else a template edit shows at once
            cache[key] = html
    return html


def init_app(app: Flask) -> None:
    app.jinja_env.globals["site_nav"] = site_nav
    app.jinja_env.globals["fixed_url"] = fixed_url
