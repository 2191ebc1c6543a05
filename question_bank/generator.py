"""Turn the fact base into a question bank. Pure and deterministic: the same
facts and the same random generator state give the same bank, byte for byte.

Every question draws from its own generator seeded with the question's id, so
editing one fact does not reshuffle the options of every other question."""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from question_bank.fact import Dispute, Fact
from question_bank.folding import find_folded
from question_bank.grading import grade_text, normalise
from question_bank.loader import FactBase
from question_bank.question import Option, Question, SourceLink

BLANK = "_____"
# A gap needs this many words of the source around it to be a question at all:
# "Kirov, _____" or "the “_____”" can only be guessed.
CLOZE_CONTEXT_WORDS = 3
BOTH_SOURCES = "Both sources"
YEAR = re.compile(r"\b1[89]\d\d\b")
# Answer types that make sensible matching and distractor pools.
MATCHING_TYPES = ("person", "date", "number", "place", "organisation", "work")
# "term" answers are too varied ("Hegelian", "withdrawn") for another fact's
# term to make a plausible wrong option: they get typed and cloze questions only.
NO_DISTRACTOR_TYPES = frozenset({"term"})
SAMPLE = 40  # distractor candidates examined per question (keeps generation linear)


@dataclass(frozen=True)
class Bank:
    base: FactBase
    questions: tuple[Question, ...]
    seed: int

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def link(fact: Fact) -> SourceLink:
    return SourceLink(fact.source_id, fact.start, fact.end, fact.quote, fact.id)


def block_keys(normalised: str) -> set[str]:
    """Keys two similar answers almost surely share: each word's first and last
    three letters."""
    keys = set()
    for word in normalised.split():
        keys.add("^" + word[:3])
        keys.add(word[-3:] + "$")
    return keys


def short_hash(parts: Iterable[str]) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


class Generator:
    def __init__(self, base: FactBase, seed: int) -> None:
        self.base = base
        self.seed = seed
        self.facts = [f for f in sorted(base.facts.values(), key=lambda f: f.id)]
        self.answerable = [f for f in self.facts if not f.is_opinion and f.answer]
        by_type: dict[str, list[Fact]] = defaultdict(list)
        by_type_topic: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in self.answerable:
            by_type[fact.answer_type].append(fact)
            for topic in fact.topics:
                by_type_topic[(fact.answer_type, topic)].append(fact)
        self.by_type = by_type
        self.by_type_topic = by_type_topic
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
        self.disputed = {fid for d in base.disputes.values() for fid in d.fact_ids}

    def rng(self, question_id: str) -> random.Random:
        return random.Random(f"{self.seed}/{question_id}")

    # -- distractors -------------------------------------------------------------
    def distractors(self, fact: Fact, rng: random.Random, count: int = 3) -> list[Fact]:
        """Other facts' answers of the same type, preferring the same topic: never
        an accepted answer of this fact, never a duplicate, never named in its quote."""
        if fact.answer_type in NO_DISTRACTOR_TYPES:
            return []
        own = {normalise(a) for a in fact.answers}
        quote = normalise(fact.quote)
        statement = normalise(fact.statement)
        # A date in the same year may well be right too ("August 1936", "summer of 1936").
        own_years = (
            set(YEAR.findall(" ".join(fact.answers))) if fact.answer_type == "date" else set()
        )
        chosen: list[Fact] = []
        seen = set(own)
        pools = [p for t in fact.topics if (p := self.by_type_topic.get((fact.answer_type, t)))]
        pools.append(self.by_type.get(fact.answer_type, []))
        for pool in pools:
            if len(chosen) == count:
                break
            picks = rng.sample(range(len(pool)), k=min(len(pool), SAMPLE))
            for index in picks:
                other = pool[index]
                norm = normalise(other.answer)
                if other.id == fact.id or not norm or norm in seen:
                    continue
                if f" {norm} " in f" {quote} " or f" {norm} " in f" {statement} ":
                    continue  # the passage or statement names it: it may be right too
                swapped = normalise(fact.statement.replace(fact.answer, other.answer, 1))
                if swapped in self.statements:
                    continue
                if own_years and own_years & set(YEAR.findall(" ".join(other.answers))):
                    continue
                if grade_text(other.answer, fact.answers).correct:
                    continue
                if any(grade_text(other.answer, c.answers).correct for c in chosen):
                    continue  # the same person again under another spelling
                seen.add(norm)
                chosen.append(other)
                if len(chosen) == count:
                    break
        return chosen

    def reject_list(self, fact: Fact) -> tuple[str, ...]:
        """Competing answers close enough that lenient grading must refuse them."""
        own = {normalise(a) for a in fact.answers}
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
        return tuple(sorted(rivals))

    # -- per-fact questions ------------------------------------------------------------
    def fact_questions(self, fact: Fact) -> list[Question]:
        common = {
            "fact_id": fact.id,
            "source": link(fact),
            "explanation": fact.statement,
            "topics": fact.topics,
            "people": fact.people,
            "fact_ids": (fact.id,),
        }
        questions: list[Question] = []
        qid = f"{fact.id}:mcq"
        rng = self.rng(qid)
        wrong = self.distractors(fact, rng)
        if len(wrong) == 3:
            options = [Option(fact.answer, True, fact.id)] + [
                Option(o.answer, False, o.id, o.statement) for o in wrong
            ]
            rng.shuffle(options)
            questions.append(
                Question(
                    id=qid,
                    type="mcq",
                    prompt=fact.question,
                    answer=fact.answer,
                    options=tuple(options),
                    **common,  # type: ignore[arg-type]
                )
            )
        true_false = ("True", "False")
        questions.append(
            Question(
                id=f"{fact.id}:tf-true",
                type="true_false",
                prompt=fact.statement,
                answer="True",
                options=(Option("True", True, fact.id), Option("False", False)),
                **common,  # type: ignore[arg-type]
            )
        )
        qid = f"{fact.id}:tf-false"
        swap = self.distractors(fact, self.rng(qid), count=1)
        if swap and fact.answer in fact.statement:
            false_statement = fact.statement.replace(fact.answer, swap[0].answer, 1)
            if false_statement != fact.statement:
                questions.append(
                    Question(
                        id=qid,
                        type="true_false",
                        prompt=false_statement,
                        answer="False",
                        options=(
                            Option(true_false[0], False, swap[0].id, swap[0].statement),
                            Option(true_false[1], True, fact.id),
                        ),
                        **common,  # type: ignore[arg-type]
                    )
                )
        reject = self.reject_list(fact)
        questions.append(
            Question(
                id=f"{fact.id}:short",
                type="short",
                prompt=fact.question,
                answer=fact.answer,
                accepted=fact.answers,
                reject=reject,
                **common,  # type: ignore[arg-type]
            )
        )
        cloze = self.cloze_text(fact)
        if cloze is not None:
            text, blanked = cloze
            questions.append(
                Question(
                    id=f"{fact.id}:cloze",
                    type="cloze",
                    prompt=text,
                    answer=blanked,
                    accepted=(blanked, *(a for a in fact.answers if a != blanked)),
                    reject=reject,
                    **common,  # type: ignore[arg-type]
                )
            )
        return questions

    @staticmethod
    def cloze_text(fact: Fact) -> tuple[str, str] | None:
        """The quote with the longest answer form found in it blanked out; None
        when no form is in the quote or too few words would be left around it."""
        for form in sorted(fact.answers, key=len, reverse=True):
            found = find_folded(fact.quote, form) if form else None
            if found is not None:
                at, end = found
                before, after = fact.quote[:at], fact.quote[end:]
                if len(re.findall(r"\w+", before + " " + after)) < CLOZE_CONTEXT_WORDS:
                    return None
                return before + BLANK + after, fact.quote[at:end]
        return None

    # -- attribution -----------------------------------------------------------------
    def source_options(self) -> list[str]:
        titles = [s.title for s in sorted(self.base.sources.values(), key=lambda s: s.id)]
        return [*titles, BOTH_SOURCES]

    def attribution_questions(self) -> list[Question]:
        """ "Which source says this?": opinions (quoted), disputed facts (stated),
        and corroborated facts, whose answer is both."""
        questions = []
        options = self.source_options()
        for fact in self.facts:
            source = self.base.sources[fact.source_id]
            if fact.is_opinion:
                prompt = f"Which source says this? “{fact.quote}”"
                answer = source.title
            elif (
                fact.id in self.disputed
                and self.base.disputes_of(fact.id)[0].kind == "between-sources"
            ):
                prompt = f"Which source states this? {fact.statement}"
                answer = source.title
            elif fact.corroborated_by and fact.id < min(fact.corroborated_by):
                prompt = f"Which source states this? {fact.statement}"
                answer = BOTH_SOURCES
            else:
                continue
            links = tuple(
                link(self.base.facts[o]) for o in fact.corroborated_by if o in self.base.facts
            )
            questions.append(
                Question(
                    id=f"{fact.id}:attribution",
                    type="attribution",
                    fact_id=fact.id,
                    prompt=prompt,
                    answer=answer,
                    options=tuple(
                        Option(text, text == answer, fact.id if text == answer else None)
                        for text in options
                    ),
                    source=link(fact),
                    links=links,
                    explanation=fact.statement,
                    topics=fact.topics,
                    people=fact.people,
                    fact_ids=(fact.id, *fact.corroborated_by),
                )
            )
        return questions

    # -- disputes ----------------------------------------------------------------------
    def dispute_questions(self) -> list[Question]:
        questions: list[Question] = []
        disputes = sorted(self.base.disputes.values(), key=lambda d: d.id)
        within = [d for d in disputes if d.kind == "within-source"]
        for dispute in disputes:
            facts = [self.base.facts[f] for f in dispute.fact_ids if f in self.base.facts]
            if len(facts) < 2:
                continue
            if dispute.kind == "between-sources":
                questions.extend(self._between(dispute, facts))
            else:
                question = self._within(dispute, facts, within)
                if question is not None:
                    questions.append(question)
        return questions

    def _dispute_common(self, dispute: Dispute, facts: list[Fact]) -> dict[str, object]:
        topics = tuple(dict.fromkeys(t for f in facts for t in f.topics))
        people = tuple(dict.fromkeys(p for f in facts for p in f.people))
        return {
            "links": tuple(link(f) for f in facts[1:]),
            "explanation": dispute.note,
            "topics": topics,
            "people": people,
            "fact_ids": tuple(f.id for f in facts),
        }

    def _between(self, dispute: Dispute, facts: list[Fact]) -> list[Question]:
        first_by_source: dict[str, Fact] = {}
        for fact in facts:
            first_by_source.setdefault(fact.source_id, fact)
        statements = [f.statement for f in first_by_source.values()]
        questions = []
        for source_id, fact in sorted(first_by_source.items()):
            source = self.base.sources[source_id]
            qid = f"dispute:{dispute.id}:{source_id}"
            options = [
                Option(s, s == fact.statement, fact.id if s == fact.statement else None)
                for s in statements
            ]
            self.rng(qid).shuffle(options)
            others = [f for f in facts if f.id != fact.id]
            common = self._dispute_common(dispute, [fact, *others])
            questions.append(
                Question(
                    id=qid,
                    type="dispute",
                    fact_id=fact.id,
                    prompt=f"{dispute.question or dispute.title} What does {source.title} say?",
                    answer=fact.statement,
                    options=tuple(options),
                    source=link(fact),
                    **common,  # type: ignore[arg-type]
                )
            )
        return questions

    def _within(
        self, dispute: Dispute, facts: list[Fact], within: list[Dispute]
    ) -> Question | None:
        others = [d for d in within if d.id != dispute.id]
        qid = f"dispute:{dispute.id}:problem"
        rng = self.rng(qid)
        if len(others) < 3:
            return None
        wrong = rng.sample(others, 3)
        options = [Option(dispute.note, True, facts[0].id)] + [
            Option(d.note, False, d.fact_ids[0], f"That is a different problem: {d.title}.")
            for d in wrong
        ]
        rng.shuffle(options)
        source = self.base.sources[facts[0].source_id]
        quotes = " / ".join(f"“{f.quote}”" for f in facts)
        return Question(
            id=qid,
            type="dispute",
            fact_id=facts[0].id,
            prompt=(
                f"These passages of {source.title} do not fit together: {quotes} "
                "What is the problem?"
            ),
            answer=dispute.note,
            options=tuple(options),
            source=link(facts[0]),
            **self._dispute_common(dispute, facts),  # type: ignore[arg-type]
        )

    # -- matching and ordering ----------------------------------------------------------
    def matching_questions(self) -> list[Question]:
        questions = []
        for topic_id in sorted(self.base.topics):
            topic = self.base.topics[topic_id]
            for answer_type in MATCHING_TYPES:
                pool = self.by_type_topic.get((answer_type, topic_id), [])
                distinct: list[Fact] = []
                seen: set[str] = set()
                for fact in pool:
                    norm = normalise(fact.answer)
                    if norm in seen or any(normalise(a) in seen for a in fact.accepted):
                        continue
                    seen.add(norm)
                    distinct.append(fact)
                for start in range(0, len(distinct) - 2, 4):
                    group = distinct[start : start + 4]
                    if len(group) < 3:
                        continue
                    ids = [f.id for f in group]
                    qid = f"match:{topic_id}:{answer_type}:{short_hash(ids)}"
                    questions.append(
                        Question(
                            id=qid,
                            type="matching",
                            fact_id=group[0].id,
                            prompt=f"{topic.title}: match each question to its answer.",
                            answer="; ".join(f"{f.question} → {f.answer}" for f in group),
                            pairs=tuple((f.question, f.answer) for f in group),
                            source=link(group[0]),
                            links=tuple(link(f) for f in group[1:]),
                            explanation="; ".join(f.statement for f in group),
                            topics=(topic_id,),
                            people=tuple(dict.fromkeys(p for f in group for p in f.people)),
                            fact_ids=tuple(ids),
                        )
                    )
        return questions

    def event_label(self, fact: Fact) -> str | None:
        """The statement with its date hidden, or None if a year would give it away."""
        label = fact.statement.rstrip(".")
        if fact.answer_type == "date":
            label = label.replace(fact.answer, "…")
        return None if YEAR.search(label) else label

    def ordering_questions(self) -> list[Question]:
        dated: dict[str, Fact] = {}
        for fact in self.answerable:
            if fact.date and self.event_label(fact) and fact.date not in dated:
                dated[fact.date] = fact
        ordered = [dated[d] for d in sorted(dated)]
        count = len(ordered) // 4
        questions = []
        for i in range(count):
            group = [ordered[i + k * count] for k in range(4)]
            dates = [g.date or "" for g in group]
            if any(a != b and b.startswith(a) for a in dates for b in dates):
                continue  # "1937" and "1937-06" cannot be put in order
            ids = [f.id for f in group]
            qid = f"order:{short_hash(ids)}"
            labels = [self.event_label(f) or "" for f in group]
            questions.append(
                Question(
                    id=qid,
                    type="ordering",
                    fact_id=group[0].id,
                    prompt="Put these events in chronological order, earliest first.",
                    answer=" → ".join(labels),
                    items=tuple(labels),
                    source=link(group[0]),
                    links=tuple(link(f) for f in group[1:]),
                    explanation="; ".join(f"{f.date}: {f.statement}" for f in group),
                    topics=tuple(dict.fromkeys(t for f in group for t in f.topics)),
                    people=tuple(dict.fromkeys(p for f in group for p in f.people)),
                    fact_ids=tuple(ids),
                )
            )
        return questions

    def generate(self) -> tuple[Question, ...]:
        candidates: list[Question] = []
        for fact in self.answerable:
            candidates.extend(self.fact_questions(fact))
        candidates.extend(self.attribution_questions())
        candidates.extend(self.dispute_questions())
        candidates.extend(self.matching_questions())
        candidates.extend(self.ordering_questions())
        # Two facts may share a statement (one asks for the person, one for the
        # date): the same true/false question once is enough.
        questions, seen = [], set()
        for question in candidates:
            signature = (question.type, normalise(question.prompt), normalise(question.answer))
            if signature in seen:
                continue
            seen.add(signature)
            questions.append(question)
        return tuple(questions)


def generate(base: FactBase, rng: random.Random) -> Bank:
    """The whole bank. `rng` supplies one seed; nothing else is random."""
    seed = rng.getrandbits(32)
    return Bank(base=base, questions=Generator(base, seed).generate(), seed=seed)


__all__ = ["BOTH_SOURCES", "BLANK", "Bank", "Generator", "generate"]
