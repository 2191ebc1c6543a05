"""Parts of pages that are the same on every request that shows them: rendered
once per app, then reused."""

from __future__ import annotations

from flask import Flask, current_app
from markupsafe import Markup


def keys_help(keys: list[tuple[str, str]]) -> Markup:
    """The list of keyboard keys of a study page (the macro in `_keys_help.html`);
    each page passes the same literal list every time."""
    cache: dict[tuple[tuple[str, str], ...], Markup] = current_app.extensions.setdefault(
        "keys_help", {}
    )
    key = tuple(keys)
    html = cache.get(key)
    if html is None:
        module = current_app.jinja_env.get_template("_keys_help.html").module
        html = module.keys_help(keys)  # type: ignore[attr-defined]
        if not current_app.jinja_env.auto_reload:  # else a template edit shows at once
            cache[key] = html
    return html


def init_app(app: Flask) -> None:
    app.jinja_env.globals["keys_help"] = keys_help
