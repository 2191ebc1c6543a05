"""Sentences: where one starts and ends in a source, and whether a text reads as
a complete, self-contained one. Shared by the generator and the gate."""

from __future__ import annotations

import re

# A sentence that opens with one of these leans on the sentence before it.
DANGLING_STARTS = frozenset({
    "he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "this", "that",
    "these", "those", "who", "whom", "whose", "which", "here", "such", "both", "former",
    "latter", "then", "also", "and", "but", "or", "so", "yet",
    # connectives that answer a sentence the reader has not seen
    "consequently", "however", "therefore", "thus", "hence", "nevertheless", "moreover",
    "furthermore", "meanwhile", "instead", "accordingly", "otherwise",
    "nonetheless", "likewise", "similarly", "afterwards", "subsequently",
})  # fmt: skip
PERSONAL = frozenset({"he", "she", "him", "his", "her", "they", "them", "their", "hers"})
# capitalised words that open a clause without naming anyone
_NOT_A_NAME = frozenset({
    "the", "a", "an", "in", "on", "at", "after", "when", "by", "as", "for", "from", "during",
    "although", "though", "while", "once", "if", "before", "since", "until", "with", "of",
    "one", "some", "many", "most", "all", "every", "according", "there", "what", "where",
})  # fmt: skip
INTERROGATIVES = frozenset({"who", "whom", "whose", "which", "what"})
OPENING = r"[\"“‘'(\[]*"
CLOSING = r"[.?!…][\"”’')\]]*$"
# A sentence ends at . ? ! (and closing quotes) before a space and a capital,
# a quote mark or a digit; not after a single capital ("H. N. Brailsford") or a
# common abbreviation.
_ABBREVIATIONS = {"mr", "mrs", "dr", "st", "no", "vs", "gen", "col", "lt", "jr", "sr", "prof"}
_BOUNDARY = re.compile(
    r"[.?!][\"”’')\]*]*(?:\[\d+\][\"”’')\]]*)*\s+(?=[\"“‘'(]*[A-Z0-9])"  # a note: "Today.[36] In"
    r"|(?<=[a-z]{2}[.?!])(?=[A-Z][a-z])"  # "worked to death.The Stalin regime": no space
)


def first_word(text: str) -> str:
    match = re.match(OPENING + r"([A-Za-z’']+)", text.strip())
    return match.group(1).casefold() if match else ""


def sentence_flaw(text: str) -> str | None:
    """Why `text` is not a complete, self-contained sentence, or None."""
    stripped = text.strip()
    if not stripped:
        return "it is empty"
    if not re.match(OPENING + r"[A-Z0-9]", stripped):
        return f"it does not start with a capital: {stripped[:30]!r}"
    if not re.search(CLOSING, stripped):
        return f"it does not end with a full stop or question mark: {stripped[-30:]!r}"
    word = first_word(stripped)
    if word in INTERROGATIVES and "?" in stripped:
        return None
    if word == "it" and re.match(r"It (?:is|was)\b.*\b(?:that|who)\b", stripped):
        return None  # "It was Kamenev who ...", "It is now known that ...": nothing dangles
    if word in DANGLING_STARTS:
        return f"it starts with {word!r}, which refers to something the reader has not seen"
    return None


def unresolved_pronoun(text: str, gap_is_name: bool = False) -> str | None:
    """The first personal pronoun ("he", "their") of a text that names no one for
    it to refer to ("He said that ___", "The court heard that his ___"), or None.
    With `gap_is_name`, a gap ("_____") to be filled with a person's name is one."""
    pronoun = None
    for match in re.finditer(r"_{3,}|[A-Za-z][\w’'-]*", text):
        word = match.group(0)
        if word.startswith("_"):
            if gap_is_name:
                return None
        elif word[0].isupper() and word.casefold() not in _NOT_A_NAME | PERSONAL:
            return None
        if pronoun is None and word.casefold() in PERSONAL:
            pronoun = word
    return pronoun


def _is_boundary(text: str, at: int) -> bool:
    """Is the punctuation at `at` the end of a sentence (not an initial or
    abbreviation)?"""
    before = re.search(r"(\w+)\W*$", text[max(0, at - 40) : at + 1])
    word = before.group(1) if before else ""
    initial = len(word) == 1 and word.isupper()
    return not (text[at] == "." and (initial or word.casefold() in _ABBREVIATIONS))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of `text` around `text[start:end]`, within its paragraph:
    (start of the first sentence, end of the last, with its punctuation)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    s_start = para_start
    for match in _BOUNDARY.finditer(text, para_start, min(start + 1, para_end)):
        if match.end() <= start and _is_boundary(text, match.start()):
            s_start = match.end()
    s_end = para_end
    # from before the quote's own closing marks ("… dead wood.'\""): its stop may end the sentence
    last = end
    while last > start and text[last - 1] in ".?!\"'”’)]*":
        last -= 1
    for match in _BOUNDARY.finditer(text, max(last, para_start), para_end):
        if _is_boundary(text, match.start()):
            s_end = match.end()
            break
    return s_start, len(text[:s_end].rstrip())


def previous_sentence_start(text: str, sentence_start: int) -> int | None:
    """Where the sentence before the one at `sentence_start` starts, if it is in
    the same paragraph."""
    para_start = text.rfind("\n", 0, sentence_start) + 1
    if sentence_start <= para_start:
        return None
    at = max(para_start, sentence_start - 2)
    start, _ = sentence_bounds(text, at, at)
    return start if start < sentence_start else None


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


__all__ = [
    "DANGLING_STARTS",
    "first_word",
    "previous_sentence_start",
    "sentence_bounds",
    "sentence_flaw",
    "unresolved_pronoun",
    "words",
]


# Discourse markers that answer a sentence the reader has not seen ("For example, ...").
_LEADING_MARKER = re.compile(
    OPENING + r"(?:for example|for instance|in fact|in other words|of course|in addition|"
    r"at the same time|on the other hand|in turn|as a result|even so|again|indeed|still|"
    r"finally|later|soon|now|above all|in short|in particular|worse|better|true)\b",
    re.IGNORECASE,
)
# Determiners that point back to something named before ("this socialist revolution").
_POINTING = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose)\s+(?!is\b|was\b|time\b|who\b|whom\b|which\b|that\b|in\b"
    r"|of\b|with\b|[a-z]+ed\b)[A-Za-z][\w’'-]*"
    r"|\b[Ii]ts\s+[A-Z][\w’'-]*"  # "its Commission of Inquiry": a body of something unnamed
)
# A definite description that needs an antecedent unless the sentence says which:
# "the second trial", "the transcripts", "the hearing", "the new society".
_NEEDS_NAME = re.compile(
    r"\bthe\s+(?:(?:first|second|third|final|last|next|same|latter|former|whole|new)\s+)?"
    r"(?:(?P<trial>trials?|hearings?|transcripts?|proceedings|sessions?|court|verdicts?|case|accused)"
    r"|commission|committee|movie|film|book|letter|affair|group|society|regime|plan"
    # never named by a name elsewhere in the sentence: "from the school" says not which
    r"|(?P<place>school|camp|hotel|newspaper|paper|institute))\b"
    r"(?!\s+(?:of|for|into|in|against|on)\b)(?!(?-i:\s+[A-Z]))",  # "the Hotel Bristol"
    re.IGNORECASE,
)
# what tells which trial, commission or work is meant
_NAMES_IT = re.compile(
    r"\bMoscow\b|\b193[0-9]\b|\b(?:Dewey|Pyatakov|Piatakov|Radek|Bukharin|Zinoviev|"
    r"Kamenev|Tukhachevsky|Menshevik|Sixteen|Seventeen|Twenty-One)\b"
)


def dangling_reference(sentence: str) -> str | None:
    """Why a sentence copied out of a source does not read on its own in a quiz,
    though it is grammatical: a leading discourse marker ("For example,"), a
    pointing word with nothing to point at ("this socialist revolution", "its
    Commission"), a definite description that does not say which ("the final
    trial", "the transcripts" with no trial named), or the source's own
    exclamation mark or spaced dash. None when it reads on its own."""
    text = sentence.strip()
    marker = _LEADING_MARKER.match(text)
    if marker and text[marker.end() : marker.end() + 1] in (",", " "):
        opener = marker.group(0).strip(OPENING_CHARS)
        return f"it opens with {opener!r}, which answers the sentence before"
    pointing = _POINTING.search(text)
    if pointing:
        return f"{pointing.group(0)!r} points to something the sentence does not name"
    for described in _NEEDS_NAME.finditer(text):
        # a trial is named by "Moscow", its year or a defendant; anything else by a name
        if described.group("place"):
            named = None
        elif described.group("trial"):
            named = _NAMES_IT.search(text)
        else:
            named = re.search(r"(?<=\w )[A-Z][a-z]", text)
        if not named:
            return f"{described.group(0)!r} does not say which one is meant"
    if "!" in text:
        return "it keeps the source's exclamation mark"
    if re.search(r"\s[-–]\s", text):
        return "it keeps the source's spaced dash, which joins it to words left out"
    return None


OPENING_CHARS = "\"“‘'([ "
