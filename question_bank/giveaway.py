"""Does a text give a question's answer away? A topic's name shown beside the
question ("First trial: the Sixteen (August 1936)" beside "held in ____"), or
another question of the same quiz ("Trotsky was killed in Mexico in 1940" before
"... in Mexico in ____"), must not answer it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from question_bank.norm import contains, normalise

# The types whose answer is a text a student gives or picks; a true/false item's
# answer is "True", and a source's or a pairing's is no word a prompt could hold.
_TEXT_ANSWERS = frozenset({"mcq", "short", "cloze"})
# An answer this short as written ("21", "Ya") is in too many sentences to mean anything.
_SHORTEST = 4


def answer_forms(data: Mapping[str, Any]) -> list[str]:
    """The forms of the question's answer a text could give away."""
    if data.get("type") not in _TEXT_ANSWERS:
        return []
    forms = [data.get("answer"), *(data.get("accepted") or [])]
    # measured as written: "the Sixteen" compares as "16", and is no short answer
    return [f for f in forms if isinstance(f, str) and normalise(f) and len(f.strip()) >= _SHORTEST]


def gives_away(text: str, data: Mapping[str, Any]) -> bool:
    """Does `text` hold the answer of the question `data`, in any accepted form?"""
    return any(contains(text, form) for form in answer_forms(data))


def apart(questions: Iterable[Mapping[str, Any]], count: int) -> list[str]:
    """The ids of up to `count` of `questions`, taken in order, skipping one whose
    prompt gives away the answer of one taken before or whose answer one taken
    before gives away; the skipped ones fill what is left short."""
    candidates = list(questions)
    taken: list[Mapping[str, Any]] = []
    skipped: list[Mapping[str, Any]] = []
    for q in candidates:
        if len(taken) == count:
            break
        prompt = _text_of(q)
        if any(gives_away(prompt, t) or gives_away(_text_of(t), q) for t in taken):
            skipped.append(q)
        else:
            taken.append(q)
    taken += skipped[: count - len(taken)]
    return [q["id"] for q in taken]


def _text_of(data: Mapping[str, Any]) -> str:
    """What a student reads of a question: its prompt, and its options or items."""
    parts = [str(data.get("prompt", "")), *(str(item) for item in data.get("items") or [])]
    parts += [str(pair[0]) for pair in data.get("pairs") or []]
    return " ".join(parts)
