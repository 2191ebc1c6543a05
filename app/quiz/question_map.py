"""The map under a quiz question: a link to each question of the attempt, marked
answered as the student goes, and right, partly right or wrong once the quiz is
over. Written in Python rather than as a loop in the template: the question page
is the page students load most, and a loop of fifty links was a tenth of its
rendering."""

from __future__ import annotations

from markupsafe import Markup, escape

# what a screen reader hears after each number, beside the mark the map shows
_HEARD = {"right": " (right)", "wrong": " (wrong)", "partly": " (partly right)"}


def question_map(base: str, position: int, done: list[bool], marks: list[str] | None) -> Markup:
    """The map's items: `base` followed by a position is a question's address;
    `done` says which are answered, `marks` (once the quiz is over) how."""
    base = str(escape(base))
    items = []
    for index, answered in enumerate(done, start=1):
        mark = marks[index - 1] if marks else ""
        css = mark or ("done answered" if answered else "")
        current = ' aria-current="page"' if index == position else ""
        heard = _HEARD[mark] if mark else (" (answered)" if answered else " (not answered)")
        items.append(
            f'<li><a href="{base}{index}"{current} class="{css}">{index}'
            f'<span class="visually-hidden">{heard}</span></a></li>'
        )
    return Markup("".join(items))  # noqa: S704  # nosec B704 (escaped above)
