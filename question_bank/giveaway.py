"""Does a text give a question's answer away? A topic's name shown beside the
question ("First trial: the Sixteen (August 1936)" beside "held in ____"), or
another question of the same quiz ("Trotsky was killed in Mexico in 1940" before
"... in Mexico in ____"), must not answer it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from question_bank.norm import contains, normalise

# The types whose answer is a text a student gives or picks; a true/false item's
# answer is "True", and a source's or an order is no word a prompt could hold.
_TEXT_ANSWERS = frozenset({"mcq", "short", "cloze"})
# An answer this short as written ("21", "Ya") is in too many sentences to mean
# anything; beside a topic's short name it still gives the answer away.
SHORTEST = 4


def answer_forms(data: Mapping[str, Any], shortest: int = SHORTEST) -> list[str]:
    """The forms of the question's answer a text could give away: the answer and
    the forms accepted for it, a name's surname, or the answers of a matching set."""
    kind = data.get("type")
    if kind in _TEXT_ANSWERS:
        forms = [data.get("answer"), *(data.get("accepted") or [])]
    elif kind == "matching":
        forms = [pair[1] for pair in data.get("pairs") or []]
    else:
        return []
    texts = [f.strip() for f in forms if isinstance(f, str)]
    # "Alexander Beloborodov" is given away by "Beloborodov confessed ..."
    texts += [
        t.split()[-1]
        for t in texts
        if len(t.split()) > 1 and all(w[:1].isupper() for w in t.split())
    ]
    # measured as written: "the Sixteen" compares as "16", and is no short answer
    return [t for t in dict.fromkeys(texts) if normalise(t) and len(t) >= shortest]


def gives_away(text: str, data: Mapping[str, Any], shortest: int = SHORTEST) -> bool:
    """Does `text` hold the answer of the question `data`, in any form it takes?"""
    return any(contains(text, form) for form in answer_forms(data, shortest))


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
