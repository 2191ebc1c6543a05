"""Parts of pages that are the same on every request that shows them: rendered
once per app, then reused; and the macros every page uses, as globals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def _macro(template: str, name: str) -> Callable[..., Markup]:
    """The macro `name` of `template`, callable from any template without an
    import (`{% from ... import ... %}` costs about 15 us a page, every time)."""

    def call(*args: Any, **kwargs: Any) -> Markup:
        # the template's module is made once; looked up here so that an edited
        # template, reloaded in development, is the one called
        module = current_app.jinja_env.get_template(template).module
        return getattr(module, name)(*args, **kwargs)  # type: ignore[no-any-return]

    return call


def init_app(app: Flask) -> None:
    app.jinja_env.globals["keys_help"] = keys_help
    # a form with one button (and the CSRF token), and a topic's coloured mark
    app.jinja_env.globals["post_button"] = _macro("_form.html", "post_button")
    app.jinja_env.globals["topic_tag"] = _macro("_topics.html", "topic_tag")
