"""What a question type does in the app, by the shape of its response (one
option, typed text, pairs, an order), with the types that differ from their
shape's default."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from markupsafe import escape

from app.parsing import whole_number
from app.services.question_types.formats import cloze_escape, gift_escape, html_text, xml_text


class ResponseError(ValueError):
    """The submitted answer cannot be read; the message says what to fix."""


class AppType:
    """A question type in the app. `name` and `label` come from the bank."""

    # Moodle XML's name for the type; None where Moodle has none (no export)
    moodle_type: str | None = None
    # feedback explains why the chosen option is wrong
    explains_options = False

    def __init__(self, name: str, label: str) -> None:
        self.name = name
        self.label = label

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    # -- pages -----------------------------------------------------------------------
    @property
    def answer_template(self) -> str:
        """The partial that renders the type's inputs on the question page."""
        return f"questions/{self.name}/answer.html"

    @property
    def feedback_template(self) -> str:
        """The partial that shows what was given and what is right."""
        return f"questions/{self.name}/feedback.html"

    @property
    def worksheet_template(self) -> str:
        """The partial for the space to answer in on a printed worksheet."""
        return f"questions/{self.name}/worksheet.html"

    def heading(self, data: dict[str, Any]) -> str:
        """The question as a heading on the results page."""
        return str(data["prompt"])

    # -- answering -------------------------------------------------------------------
    def layout(self, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """How the question is laid out for one student, fixed for the attempt."""
        return {"options": list(data.get("options", []))}

    def parse(
        self, data: dict[str, Any], display: dict[str, Any], form: Mapping[str, str], limit: int
    ) -> Any:
        """The response in the shape grading expects, from the posted form; answers
        typed are at most `limit` characters."""
        raise NotImplementedError

    def values(self, display: dict[str, Any], response: Any) -> dict[str, str]:
        """What the inputs show for a saved response."""
        raise NotImplementedError

    def describe_response(self, data: dict[str, Any], response: Any) -> str:
        return str(response) or "(empty)"

    def describe_answer(self, data: dict[str, Any]) -> str:
        return str(data["answer"])

    # -- exports ---------------------------------------------------------------------
    @property
    def exportable(self) -> bool:
        return self.moodle_type is not None

    def moodle_question_text(self, data: dict[str, Any]) -> str:
        return str(escape(data["prompt"]))

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        """The answers of one question in Moodle XML."""

    def gift_answers(self, data: dict[str, Any]) -> str:
        """The answers inside a GIFT question's braces."""
        raise NotImplementedError


class ChoiceType(AppType):
    """One right option among several, chosen with a radio button."""

    moodle_type = "multichoice"
    explains_options = True

    def parse(
        self, data: dict[str, Any], display: dict[str, Any], form: Mapping[str, str], limit: int
    ) -> Any:
        options = display.get("options") or data.get("options", [])
        option = whole_number(form.get("answer"))
        if option is None or option >= len(options):
            raise ResponseError("Choose one of the answers.")
        return options[option]

    def values(self, display: dict[str, Any], response: Any) -> dict[str, str]:
        options = display.get("options", [])
        return {"answer": str(options.index(response))} if response in options else {}

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "true"
        for option in data["option_details"]:
            answer = xml_text(q, "answer", str(escape(option["text"])))
            answer.set("fraction", "100" if option["correct"] else "0")
            if option.get("explanation"):
                xml_text(answer, "feedback", str(escape(option["explanation"])))

    def gift_answers(self, data: dict[str, Any]) -> str:
        return " ".join(
            ("=" if o["correct"] else "~") + gift_escape(o["text"]) for o in data["option_details"]
        )


class TrueFalseType(ChoiceType):
    moodle_type = "truefalse"

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        for value in ("true", "false"):
            answer = xml_text(q, "answer", value, fmt="moodle_auto_format")
            answer.set("fraction", "100" if data["answer"].lower() == value else "0")

    def gift_answers(self, data: dict[str, Any]) -> str:
        return "T" if data["answer"] == "True" else "F"


class TextType(AppType):
    """A typed answer, graded leniently against the accepted forms."""

    moodle_type = "shortanswer"

    def parse(
        self, data: dict[str, Any], display: dict[str, Any], form: Mapping[str, str], limit: int
    ) -> Any:
        text = form.get("answer", "")
        if len(text) > limit:
            raise ResponseError(f"Answers are at most {limit} characters.")
        if not text.strip():
            raise ResponseError("Type an answer first.")
        return text.strip()

    def values(self, display: dict[str, Any], response: Any) -> dict[str, str]:
        return {"answer": str(response)}

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        ET.SubElement(q, "usecase").text = "0"
        for accepted in dict.fromkeys([data["answer"], *data["accepted"]]):
            answer = xml_text(q, "answer", html_text(accepted), fmt="moodle_auto_format")
            answer.set("fraction", "100")

    def gift_answers(self, data: dict[str, Any]) -> str:
        return " ".join(
            "=" + gift_escape(a) for a in dict.fromkeys([data["answer"], *data["accepted"]])
        )


class ClozeType(TextType):
    """The missing words of a passage; Moodle holds the answers in the text."""

    moodle_type = "cloze"

    def heading(self, data: dict[str, Any]) -> str:
        prompt = data["prompt"]
        if "“" in prompt:  # "The source “…” says: “In _____ …”": quoted already
            return f"Fill the gap: {prompt}"
        return f"Fill the gap: “{prompt}”"

    def moodle_question_text(self, data: dict[str, Any]) -> str:
        answers = [data["answer"], *[a for a in data["accepted"] if a != data["answer"]]]
        embedded = "~".join(f"%100%{cloze_escape(html_text(a))}" for a in answers)
        return str(escape(data["prompt"])).replace("_____", f"{{1:SHORTANSWER:{embedded}}}")

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        """None: a cloze holds its answers in the question text."""


class MatchingType(AppType):
    """Each left item matched to one of the right ones, shuffled per student."""

    moodle_type = "matching"

    def layout(self, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        rights = [right for _, right in data["pairs"]]
        rng.shuffle(rights)
        return {"lefts": [left for left, _ in data["pairs"]], "rights": rights}

    def parse(
        self, data: dict[str, Any], display: dict[str, Any], form: Mapping[str, str], limit: int
    ) -> Any:
        rights = display["rights"]
        chosen = []
        for i in range(len(display["lefts"])):
            right = whole_number(form.get(f"match-{i}"))
            if right is None or right >= len(rights):
                raise ResponseError("Choose an answer for every row.")
            chosen.append(rights[right])
        return chosen

    def values(self, display: dict[str, Any], response: Any) -> dict[str, str]:
        rights = display["rights"]
        return {f"match-{i}": str(rights.index(r)) for i, r in enumerate(response) if r in rights}

    def describe_response(self, data: dict[str, Any], response: Any) -> str:
        lefts = [left for left, _ in data["pairs"]]
        return "; ".join(f"{left} → {right}" for left, right in zip(lefts, response, strict=False))

    def describe_answer(self, data: dict[str, Any]) -> str:
        return "; ".join(f"{left} → {right}" for left, right in data["pairs"])

    def moodle_answers(self, q: ET.Element, data: dict[str, Any]) -> None:
        ET.SubElement(q, "shuffleanswers").text = "true"
        for left, right in data["pairs"]:
            sub = xml_text(q, "subquestion", str(escape(left)))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = html_text(right)

    def gift_answers(self, data: dict[str, Any]) -> str:
        return " ".join(
            f"={gift_escape(left)} -> {gift_escape(right)}" for left, right in data["pairs"]
        )


class OrderingType(AppType):
    """Events put in the order they happened. Moodle XML and GIFT have no such
    type of their own: not exported."""

    def layout(self, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        items = list(data["items"])
        while len(items) > 1 and items == data["items"]:
            rng.shuffle(items)
        return {"items": items}

    def parse(
        self, data: dict[str, Any], display: dict[str, Any], form: Mapping[str, str], limit: int
    ) -> Any:
        items = display["items"]
        picked = []
        for i in range(len(items)):
            item = whole_number(form.get(f"order-{i}"))
            if item is None or item >= len(items):
                raise ResponseError("Choose an event for every place.")
            picked.append(item)
        if len(set(picked)) != len(picked):
            raise ResponseError("Use each event once.")
        return [items[i] for i in picked]

    def values(self, display: dict[str, Any], response: Any) -> dict[str, str]:
        items = display["items"]
        return {f"order-{i}": str(items.index(r)) for i, r in enumerate(response) if r in items}

    def describe_response(self, data: dict[str, Any], response: Any) -> str:
        return " → ".join(response)

    def describe_answer(self, data: dict[str, Any]) -> str:
        return " → ".join(data["items"])


__all__ = [
    "AppType",
    "ChoiceType",
    "ClozeType",
    "MatchingType",
    "OrderingType",
    "ResponseError",
    "TextType",
    "TrueFalseType",
]
