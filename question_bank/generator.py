"""Turn the fact base into a question bank. Pure and deterministic: the same
facts and the same random generator state give the same bank, byte for byte.

Each question type generates its own items (question_bank/types/); this module
holds what they share: the indexes of answers by fine kind, distractors,
reject lists, and the random generator of each question, seeded with its id so
that editing one fact does not reshuffle the options of every other question.
Every item then goes through the quality gate (question_bank/gate/): only the
items that pass are in the bank."""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz, process

from question_bank.answers import block_keys, contains_key, is_same_answer
from question_bank.dates import dates_of_text
from question_bank.fact import Fact
from question_bank.gate import GateContext, Rejection, failures, run_gate
from question_bank.gate.rules import BLANK, LOW_VALUE, given_words, odd_one_out
from question_bank.grading import grade_text
from question_bank.kinds import fine_kind, open_phrase
from question_bank.loader import FactBase
from question_bank.material import names_a_source
from question_bank.norm import normalise
from question_bank.passages import _list_item, _plain, list_lead, quoted, tidy
from question_bank.question import Option, Question, SourceLink
from question_bank.text import previous_sentence_start, sentence_bounds, sentence_flaw, words

# question types that ask a fact as plain recall: for a disputed fact they name the source
RECALL_TYPES = frozenset({"mcq", "true_false", "cloze", "short"})
# opening words that are lowercased after "According to the encyclopedia, "
_COMMON_OPENERS = frozenset({
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "in", "on", "at",
    "by", "after", "before", "during", "the", "a", "an", "of", "for", "from", "to", "with",
    "besides", "under", "most", "many", "some", "all", "one", "two", "three", "thirteen",
    "among", "apart", "until", "while", "as", "once", "there", "only", "few", "fewer",
    "several", "more", "less", "none", "no", "both", "each", "every", "half", "nearly",
    "almost", "about", "those", "these", "this", "that", "its", "his", "her", "their",
    "they", "he", "she", "it", "between", "within", "over", "historians", "defendants",
})  # fmt: skip
# a typed answer longer than this is asked as multiple choice when it can be
TYPED_WORDS = 5
# a sentence too long to show whole is shown by its clauses around the quote, this many words
CLAUSE_WORDS = 20
_CLAUSE_MARKS = (", ", "; ", ": ")
# a sentence up to this long is shown whole as the proof of a fact
PASSAGE_WORDS = 60
SAMPLE = 40  # distractor candidates examined per question (keeps generation linear)
# "term" and "event" answers are too varied ("Hegelian", "withdrawn") for another
# fact's answer to make a fair wrong option: only curated distractors serve them.
NO_DRAWN_DISTRACTORS = frozenset({"term", "event"})
# nor are common places and descriptions of people: "the front row" and "Stalin's
# archive" are no fair wrong answers to where Kamenev came to his trial from
NO_DRAWN_KINDS = frozenset({"place:common", "person:description"})
# What a question type offers for one item: a question, or drafts in order of
# preference, of which the first that passes the gate is published.
Slot = Question | tuple[Question, ...]


@dataclass(frozen=True)
class Skip:
    """A question the generator could not write well, and why (usually: the
    fact lacks curated material)."""

    type: str
    fact_id: str
    reason: str


@dataclass(frozen=True)
class Bank:
    base: FactBase
    questions: tuple[Question, ...]
    seed: int
    # what the gate refused (not published) and what could not be written at all
    rejected: tuple[Rejection, ...] = ()
    skipped: tuple[Skip, ...] = ()
    checked: tuple[Question, ...] = field(default=(), repr=False)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def link(fact: Fact) -> SourceLink:
    return SourceLink(fact.source_id, fact.start, fact.end, fact.quote, fact.id)


def short_hash(parts: Iterable[str]) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


class Generator:
    """What every question type needs to write its items."""

    def __init__(self, base: FactBase, seed: int) -> None:
        self.base = base
        self.seed = seed
        self.gate = GateContext.of(base)
        # a fact marked as a duplicate of a stronger one gets no questions of its own
        self.facts = [
            f for f in sorted(base.facts.values(), key=lambda f: f.id) if not f.duplicate_of
        ]
        self.answerable = [f for f in self.facts if not f.is_opinion and f.answer]
        self.kind = {f.id: fine_kind(f.answer, f.answer_type) for f in self.answerable}
        by_kind: dict[str, list[Fact]] = defaultdict(list)
        by_kind_topic: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in self.answerable:
            by_kind[self.kind[fact.id]].append(fact)
            for topic in fact.topics:
                by_kind_topic[(self.kind[fact.id], topic)].append(fact)
        self.by_kind = by_kind
        self.by_kind_topic = by_kind_topic
        # distinct normalised answers per type, for the typed-answer reject lists,
        # blocked by word prefixes and suffixes so that finding rivals stays linear
        self.answer_index: dict[str, dict[str, str]] = defaultdict(dict)
        self.blocks: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.surname_index: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for fact in self.answerable:
            for answer in fact.answers:
                norm = normalise(answer)
                if norm:
                    self.answer_index[fact.answer_type].setdefault(norm, answer)
                    for key in block_keys(norm):
                        self.blocks[fact.answer_type][key].add(norm)
                    parts = norm.split()
                    if len(parts) > 1:
                        self.surname_index[fact.answer_type][parts[-1]].add(answer)
        # A wrong option that turns this fact's statement into another true
        # statement is not wrong ("Radek implicated Bukharin" / "... Tukhachevsky").
        self.statements = {normalise(f.statement) for f in self.answerable}
        self.disputed = self.gate.disputed
        self.skipped: list[Skip] = []
        # a recorded name or variant of one person -> all that person's names
        self.person_names: dict[str, tuple[str, ...]] = {}
        owners: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for person in base.people.values():
            names = (person.name, *person.variants)
            for norm in {normalise(n) for n in names if n}:
                owners[norm].append(names)
        self.person_names = {k: v[0] for k, v in owners.items() if len(v) == 1}
        # ids of the items written from curated item material
        self.curated: set[str] = set()
        self.drafted: list[Question] = []  # the first draft of every item
        # fact id -> the types of the items published for it so far (types run in order)
        self.published: dict[str, set[str]] = defaultdict(set)
        self.refused: list[Rejection] = []  # why the items the gate refused fail

    def rng(self, question_id: str) -> random.Random:
        return random.Random(f"{self.seed}/{question_id}")

    def from_curated(self, question_id: str) -> str:
        """Note that the item is written from curated material; returns its id."""
        self.curated.add(question_id)
        return question_id

    def wanted(self, fact: Fact, kind: str) -> bool:
        """Is an item of type `kind` worth writing for the fact? A `detail` fact
        (trivia a teacher would not test) is asked once, as multiple choice, or as
        a typed question where no fair multiple-choice item could be written; it
        stays reachable, but the bank does not drill it from every side."""
        if fact.importance != "detail" or kind in ("mcq", "attribution", "dispute"):
            return True
        asked = self.published.get(fact.id, set())
        if kind == "short":
            return "mcq" not in asked
        if kind == "true_false":  # only for a fact that is never typed and has no mcq
            never_typed = fact.answer_mode == "choice" or bool(fact.group or self.open(fact))
            return "mcq" not in asked and never_typed
        return False

    @staticmethod
    def open(fact: Fact) -> str | None:
        """Why the fact's answer is an open phrase that is never typed, or None."""
        return open_phrase(fact.answer, fact.answer_type, fact.accepted)

    def typed_refusal(self, fact: Fact) -> str | None:
        """Why the fact is not asked as a typed (short-answer or gap-fill) question:
        its answer is an open phrase ("to ascertain the truth"), asked as multiple
        choice and true/false only; or, though its multiple-choice item is
        published, an answer of more than TYPED_WORDS words ("almost every
        important living Bolshevik from the Revolution") is a test of wording."""
        if self.open(fact):
            return "an open-phrase answer is asked as multiple choice and true/false only"
        if fact.group:  # "Which Old Bolshevik does the essay list, with ...": any of the list
            return "one member of a list is asked by choice, whose options exclude the rest"
        if len(words(fact.answer)) > TYPED_WORDS and "mcq" in self.published.get(fact.id, ()):
            return f"an answer of more than {TYPED_WORDS} words is asked as multiple choice"
        return None

    def skip(self, kind: str, fact_id: str, reason: str) -> None:
        self.skipped.append(Skip(kind, fact_id, reason))

    # -- what every item of a fact shares -------------------------------------------
    def importance(self, fact: Fact, *texts: str) -> str:
        """The fact's importance, demoted to detail for an item that tests a first
        name, an initial or a place in a list."""
        if any(LOW_VALUE.search(t) for t in texts):
            return "detail"
        return fact.importance

    def common(self, fact: Fact, *texts: str) -> dict[str, Any]:
        return {
            "fact_id": fact.id,
            "source": link(fact),
            "topics": fact.topics,
            "people": fact.people,
            "fact_ids": (fact.id,),
            "importance": self.importance(fact, fact.question, *texts),
        }

    def source_label(self, source_id: str) -> str:
        """ "the encyclopedia", "the essay": how a prompt names a source."""
        return self.base.sources[source_id].label

    def passage(self, fact: Fact) -> str:
        """The sentence of the source the quote stands in, when it is short enough
        to read at once; otherwise the quote itself. A quote of a few words ("Grigory
        Sokolnikov, and Leonid Serebryakov") says nothing without its sentence."""
        text = self.base.sources[fact.source_id].text
        start, end = sentence_bounds(text, fact.start, fact.end)
        if fact.quote not in text[start:end]:
            return fact.quote
        sentence = _list_item(_plain(text[start:end]))
        lead = list_lead(text, fact.start)
        if lead and len(words(sentence)) <= CLAUSE_WORDS:  # "Eduard Holtzman." alone says nothing
            return f"{lead} … {sentence}"
        flaw = sentence_flaw(sentence)
        if flaw and "refers to" in flaw:  # "That required help ...": show what "that" is
            before = previous_sentence_start(text, start)
            wider = _plain(text[before:end]) if before is not None else ""
            if wider and len(words(wider)) <= PASSAGE_WORDS:
                return wider
        if sentence.endswith(":"):  # "Davies wrote in Mission to Moscow:" and what he wrote
            after = text[end:].lstrip()
            if after:
                at = len(text) - len(after)
                _, next_end = sentence_bounds(text, at, at + 1)
                following = _plain(text[at:next_end]).rstrip("*")
                if len(words(sentence + " " + following)) <= 2 * PASSAGE_WORDS:
                    return f"{sentence} {following}"
        if len(words(sentence)) <= PASSAGE_WORDS:
            return sentence
        return self.clauses(text, fact, start, end)

    @staticmethod
    def clauses(text: str, fact: Fact, start: int, end: int) -> str:
        """The clauses around the quote in a sentence too long to show whole, with
        "…" where the sentence goes on: never a bare fragment such as "in the Daily
        Worker of March 12, 1936." that names no one."""
        begin, finish = fact.start, fact.end
        while len(words(text[begin:finish])) < CLAUSE_WORDS and (begin > start or finish < end):
            before = max(text.rfind(mark, start, max(begin - 1, start)) for mark in _CLAUSE_MARKS)
            begin = start if before < start else before + 2
            after = [i for mark in _CLAUSE_MARKS if (i := text.find(mark, finish, end)) != -1]
            finish = min(after) + 1 if after else end
        passage = _plain(text[begin:finish]).rstrip(",;:")
        return ("…" if begin > start else "") + passage + ("…" if finish < end else "")

    def proof(self, fact: Fact) -> str:
        """'The encyclopedia says: “…”' — the passage that proves the fact."""
        label = self.source_label(fact.source_id)
        return quoted(label[:1].upper() + label[1:], self.passage(fact))

    # -- typed answers ---------------------------------------------------------------
    def accepted(self, fact: Fact, first: str | None = None) -> tuple[str, ...]:
        """The fact's answers, then the recorded variants of the answer's person."""
        forms = [first] if first else []
        forms += list(fact.answers)
        for answer in fact.answers:
            forms += self.person_names.get(normalise(answer), ())
        seen: set[str] = set()
        out = []
        for item in forms:
            if item and normalise(item) not in seen:
                seen.add(normalise(item))
                out.append(item)
        return tuple(out)

    def reject_list(self, fact: Fact) -> tuple[str, ...]:
        """Competing answers close enough that lenient grading must refuse them;
        never one that is right (an accepted form, a variant of the same person,
        the same fact in the other source)."""
        own = self.gate.right_answers(fact)
        accepted = self.accepted(fact)
        index = self.answer_index.get(fact.answer_type, {})
        blocks = self.blocks[fact.answer_type]
        rivals: set[str] = set()
        for answer in fact.answers:
            norm = normalise(answer)
            if not norm:
                continue
            nearby = sorted(set().union(*(blocks.get(key, set()) for key in block_keys(norm))))
            for match, _score, _ in process.extract(
                norm, nearby, scorer=fuzz.ratio, score_cutoff=70, limit=8
            ):
                if match not in own:
                    rivals.add(index[match])
            parts = norm.split()
            surname = parts[-1] if parts else ""
            for other in self.surname_index[fact.answer_type].get(surname, ()):
                if normalise(other) not in own:
                    rivals.add(other)
        return tuple(
            sorted(
                r
                for r in rivals
                if not is_same_answer(r, accepted, own, self.gate) and not contains_key(r, accepted)
            )
        )

    # -- distractors -------------------------------------------------------------------
    def distractor_sets(self, fact: Fact, rng: random.Random, count: int = 3) -> list[list[Option]]:
        """Sets of wrong options in order of preference: the curated ones (each
        choice of `count` of them, should one spoil the set), then other facts'
        answers of the same fine kind and form. Never a right answer."""
        seen = set(self.gate.right_answers(fact))
        curated: list[Option] = []
        for item in fact.distractors:
            norm = normalise(item.text)
            if norm in seen or grade_text(item.text, fact.answers).correct:
                continue
            seen.add(norm)
            curated.append(Option(item.text, False, None, item.why))
        sets = [list(c) for c in combinations(curated, count)] if len(curated) >= count else []
        rng.shuffle(sets)
        if (
            fact.answer_type not in NO_DRAWN_DISTRACTORS
            and self.kind[fact.id] not in NO_DRAWN_KINDS
        ):
            drawn = [
                Option(o.answer, False, o.id, o.statement)
                for o in self.drawn(fact, rng, set(seen), count)
            ]
            if len(drawn) < count and fact.answer_type == "date":  # a teacher's source
                taken = seen | {normalise(o.text) for o in drawn}
                source = self.base.sources.get(fact.source_id)
                drawn += dates_of_text(fact, source, taken, count - len(drawn))
            if len(drawn) == count and not odd_one_out(fact.answer, [o.text for o in drawn]):
                sets.append(drawn)
        return sets

    def drawn(self, fact: Fact, rng: random.Random, seen: set[str], count: int) -> list[Fact]:
        kind = self.kind[fact.id]
        quote, statement = normalise(fact.quote), normalise(fact.statement)
        prompt = f" {normalise(fact.question)} "
        # "Which Ivan ...?": the wrong options must be Ivans too
        shared = given_words(fact.answer, fact.question) if fact.answer_type == "person" else set()
        pools = [p for t in fact.topics if (p := self.by_kind_topic.get((kind, t)))]
        pools.append(self.by_kind.get(kind, []))
        chosen: list[Fact] = []
        for pool in pools:
            picks = rng.sample(range(len(pool)), k=min(len(pool), SAMPLE))
            for index in picks:
                if len(chosen) == count:
                    return chosen
                other = pool[index]
                norm = normalise(other.answer)
                if other.id == fact.id or not norm or norm in seen:
                    continue
                if fact.group and other.group == fact.group:
                    continue  # another member of the same list may be right too
                if f" {norm} " in prompt or not shared <= set(norm.split()):
                    continue  # ruled out by the prompt, or marked out by a shared name
                if f" {norm} " in f" {quote} " or f" {norm} " in f" {statement} ":
                    continue  # the passage or statement names it: it may be right too
                if normalise(fact.statement.replace(fact.answer, other.answer, 1)) in (
                    self.statements
                ):
                    continue
                if (
                    odd_one_out(fact.answer, [other.answer])
                    or grade_text(other.answer, fact.answers).correct
                ):
                    continue
                if any(grade_text(other.answer, c.answers).correct for c in chosen):
                    continue  # the same person again under another spelling
                seen.add(norm)
                seen |= self.gate.same_person(other.answer)
                chosen.append(other)
        return chosen

    def demoted(self, question: Question) -> Question:
        """An item that tests a first name, an initial or a place in a list is detail."""
        texts = (question.prompt, *(left for left, _ in question.pairs))
        if question.importance != "detail" and any(LOW_VALUE.search(t) for t in texts):
            return replace(question, importance="detail")
        return question

    def tidied(self, question: Question) -> Question:
        """The item with its explanations' punctuation tidied where templates join them."""
        options = tuple(
            replace(o, explanation=tidy(o.explanation)) if o.explanation else o
            for o in question.options
        )
        return replace(question, explanation=tidy(question.explanation), options=options)

    def attributed(self, question: Question) -> Question:
        """A recall item of a fact the sources disagree on, with its source named:
        "According to the encyclopedia, thirteen ..." (the other source says "all")."""
        if question.type not in RECALL_TYPES or question.fact_id not in self.disputed:
            return question
        if names_a_source(question.prompt, self.gate.names):
            return question
        label = self.source_label(question.source.source_id)
        prompt = question.prompt
        first = re.match(r"[A-Za-z]+", prompt)
        if first and first.group(0).casefold() in _COMMON_OPENERS:
            prompt = prompt[0].lower() + prompt[1:]
        return replace(question, prompt=f"According to {label}, {prompt}")

    def review(self, slot: Slot) -> Question | None:
        """The first draft of a slot that passes the gate; the failures of the
        first draft are kept when none does."""
        drafts = slot if isinstance(slot, tuple) else (slot,)
        first: list[Rejection] = []
        for draft in (self.tidied(self.demoted(self.attributed(d))) for d in drafts):
            found = failures(draft, self.gate)
            if not found:
                return draft
            if not first:
                curated = draft.id in self.curated
                first = [Rejection(draft, rule, why, curated) for rule, why in found]
        self.refused.extend(first)
        return None

    def generate(self) -> tuple[Question, ...]:
        from question_bank.types import REGISTRY

        questions: list[Question] = []
        seen: set[tuple[str, str, str]] = set()
        for question_type in REGISTRY.values():
            for slot in question_type.generate(self):
                self.drafted.append(slot[0] if isinstance(slot, tuple) else slot)
                question = self.review(slot)
                if question is None:
                    continue
                # Two facts may share a statement (one asks for the person, one for
                # the date): the same question once is enough.
                signature = (
                    question.type,
                    normalise(question.prompt),
                    normalise(question.answer),
                )
                if signature not in seen:
                    seen.add(signature)
                    questions.append(question)
                    for fact_id in question.fact_ids:
                        self.published[fact_id].add(question.type)
        return tuple(questions)


def generate(base: FactBase, rng: random.Random) -> Bank:
    """The whole bank: every item that passes the gate. `rng` supplies one seed;
    nothing else is random."""
    seed = rng.getrandbits(32)
    generator = Generator(base, seed)
    reviewed = generator.generate()
    # the gate once more over what is published: nothing may slip through
    passed, slipped = run_gate(reviewed, base, generator.curated)
    return Bank(
        base=base,
        questions=passed,
        seed=seed,
        rejected=(*generator.refused, *slipped),
        skipped=tuple(generator.skipped),
        checked=tuple(generator.drafted),
    )


__all__ = [
    "BLANK",
    "Bank",
    "Generator",
    "Skip",
    "contains_key",
    "generate",
    "is_same_answer",
    "link",
]
