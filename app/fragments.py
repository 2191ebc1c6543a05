"""Parts of pages that are the same on every request that shows them: rendered
once per app, then reused; and the macros every page uses, as globals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup, escape

from app.security import csrf_token


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


def post_button(
    action: str,
    label: str = "",
    hidden: Mapping[str, Any] | None = None,
    visually_hidden: str | None = None,
    form_class: str | None = "inline",
    form_id: str | None = None,
    caller: Callable[[], str] | None = None,
    **attrs: str,
) -> Markup:
    """A button that posts: a form of its own with the CSRF token, the `hidden`
    fields (name: value, in order) and one submit button, as
    `post_button(url, 'Log out', class='link-button')` or, for a label with
    markup, `{% call post_button(url) %}label{% endcall %}`. `visually_hidden`
    is read by screen readers after the label ("Remove" … "Ann Smith"). `class`
    is the button's (a word Python keeps for itself, so it comes in `attrs`).
    Written in Python, not as a macro: every page shows one (Log out)."""
    # escape() and joined strings: Markup.format is several times slower
    parts = [f'<form method="post" action="{escape(action)}"']
    if form_class:
        parts.append(f' class="{escape(form_class)}"')
    if form_id:
        parts.append(f' id="{escape(form_id)}"')
    parts.append(f'><input type="hidden" name="csrf_token" value="{escape(csrf_token())}">')
    for name, value in (hidden or {}).items():
        parts.append(f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">')
    content = caller() if caller is not None else label
    parts.append(f'<button type="submit" class="{escape(attrs.get("class", "button"))}">')
    parts.append(str(escape(content)))
    if visually_hidden:
        parts.append(f'<span class="visually-hidden">{escape(visually_hidden)}</span>')
    parts.append("</button></form>")
    return Markup("".join(parts))  # noqa: S704  # nosec B704 (escaped above)


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
    app.jinja_env.globals["post_button"] = post_button
    # a topic's coloured mark
    app.jinja_env.globals["topic_tag"] = _macro("_topics.html", "topic_tag")
