"""A teacher's new source: its text from a paste or an upload, stored once and
never edited (a new version is a new source), renamed, published or taken back."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Question, Source, User
from app.parsing import invisible_character_problem, slugify
from app.services import PermissionDenied, ServiceError
from app.services.curation.topics import add_topics, source_topics
from app.services.visibility import source_clause

MAX_CHARS = 300_000
# the largest file a teacher may upload as a source (a PDF is mostly not text)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PERSPECTIVES = {
    "reference": "Reference work",
    "partisan": "Partisan or political writing",
    "primary": "Primary source (document of the time)",
    "other": "Other",
}
_SKIPPED = {"head", "title", "script", "style", "template", "noscript"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
}


# a page's chrome, never its text: menus, sidebars, "[edit]" links, navigation boxes
_CHROME_TAGS = {"nav", "aside", "footer", "form", "button", "select"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbox|navigation|navbar|menu|sidebar|toc|breadcrumbs?|footer|"
    r"editsection|noprint|catlinks|printfooter|jump-link|references|reflist|share|cookie|"
    r"banner|advert|ads)(?:$|[\s_-])",
    re.I,
)
_MAIN_IDS = {"content", "main", "main-content", "maincontent", "mw-content-text", "bodycontent"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}


def _is_main(tag: str, attrs: dict[str, str]) -> bool:
    """The element that holds a page's own text: <main>, <article>, role="main",
    or an id such pages use ("content", MediaWiki's "mw-content-text")."""
    return (
        tag in ("main", "article")
        or attrs.get("role") == "main"
        or attrs.get("id", "").casefold() in _MAIN_IDS
    )


class _TextOf(HTMLParser):
    """Plain text of an HTML document: block elements become line breaks;
    scripts, styles and the page's chrome (navigation, sidebars, footers,
    "[edit]" links) are dropped. With `main_only`, only the text inside the
    page's main element (see `_is_main`) is kept."""

    def __init__(self, main_only: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_only = main_only
        self.found_main = False
        self.open: list[tuple[str, bool, bool]] = []  # (tag, dropped, main) of each open element

    def _dropped(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def _in_main(self) -> bool:
        return bool(self.open) and self.open[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: v or "" for k, v in attrs}
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")
        if tag in _VOID:
            return
        main = self._in_main() or _is_main(tag, named)
        self.found_main = self.found_main or main
        dropped = (
            self._dropped()
            or tag in _SKIPPED
            or tag in _CHROME_TAGS
            or (tag == "header" and not self._in_main())
            or bool(_CHROME.search(named.get("class", "") + " " + named.get("id", "")))
        )
        self.open.append((tag, dropped, main))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        # close up to the matching element: a page may leave some unclosed
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._dropped() and (self._in_main() or not self.main_only):
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """A "<![" that opens neither CDATA nor a conditional section is text
        (the standard library's parser stops on it with an AssertionError)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data("<![")
            return i + 3


def _html_text(raw: str) -> str:
    """The text of a web page: of its main element when it has one, else of
    the whole page, without its chrome either way."""
    parser = _TextOf()
    parser.feed(raw)
    if parser.found_main:
        main = _TextOf(main_only=True)
        main.feed(raw)
        if "".join(main.parts).strip():
            return "".join(main.parts)
    return "".join(parser.parts)


def to_text(raw: str, kind: str) -> str:
    """Plain UTF-8 text from pasted or uploaded text, Markdown or HTML."""
    if kind == "html":
        raw = _html_text(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text


def add_source(
    db: Session,
    user: User,
    title: str,
    author: str,
    date: str,
    perspective: str,
    licence: str,
    raw: str,
    kind: str,
    page_starts: list[int] | None = None,
) -> Source:
    """`raw` is the pasted or uploaded text; a PDF's text comes already
    extracted (app.services.pdf), with the offset where each page starts."""
    if not user.is_teacher:
        raise PermissionDenied("Only teachers can add sources.")
    if perspective not in PERSPECTIVES:
        raise ServiceError("Choose what kind of source this is.")
    if len(raw) > MAX_CHARS:
        raise ServiceError(f"The text is longer than {MAX_CHARS:,} characters; add it in parts.")
    text = to_text(raw, kind)
    if len(text.strip()) < 20:
        raise ServiceError("The text is empty or too short to quote from.")
    hidden = invisible_character_problem(text, multiline=True)
    if hidden is not None:
        raise ServiceError(
            f"The text holds an invisible control character ({hidden}); "
            "remove it and add the text again."
        )
    digest = hashlib.sha256(text.encode()).hexdigest()
    source_id = f"{slugify(title, 40, 'source')}-{digest[:6]}"
    if db.get(Source, source_id) is not None:
        raise ServiceError("This text was already added, under the same title.")
    same = db.scalars(
        select(Source).where(Source.sha256 == digest, source_clause(user)).limit(1)
    ).first()
    if same is not None:
        raise ServiceError(
            f"This text was already added, as “{same.title}”: curate that source instead."
        )
    attribution = (
        f"{title}"
        + (f", {author}" if author else "")
        + (f" ({date})" if date else "")
        + f". {licence}."
    )
    source = Source(
        id=source_id,
        title=title,
        short_title=title[:120],
        author=author or None,
        publisher=None,
        date=date or None,
        date_note=date or None,
        url=None,
        perspective=perspective,
        perspective_note=f"Added by {user.display_name}; {PERSPECTIVES[perspective].lower()}.",
        licence=licence,
        licence_url=None,
        attribution=attribution,
        sha256=digest,
        text=text,
        body_end=len(text),
        builtin=False,
        owner_id=user.id,
        format="markdown" if kind == "markdown" else "text",
        page_starts=list(page_starts or []),
        rejected_questions=[],
    )
    db.add(source)
    db.flush()
    add_topics(db, source)
    return source


def set_source_published(db: Session, source: Source, published: bool) -> None:
    """Publish the source or take it back; not while a published lesson quotes
    it or asks its questions (its students would meet passages they cannot
    open). The caller has checked that the user may curate it."""
    from app.models import Lesson
    from app.services import visibility

    if source.retired:
        raise ServiceError("This source is retired: it stays out of quizzes and menus.")

    if not published:
        own_questions = set(db.scalars(select(Question.id).where(Question.source_id == source.id)))
        using = [
            lesson.title
            for lesson in db.scalars(select(Lesson).where(Lesson.status == "published"))
            if any(
                (i.kind == "passage" and i.source_id == source.id)
                or (i.kind == "questions" and own_questions & set(i.question_ids))
                for i in lesson.items
            )
        ]
        if using:
            raise ServiceError(
                "Published lessons use this source ("
                + ", ".join(f"“{t}”" for t in sorted(using)[:5])
                + "): take them back to draft first."
            )
    visibility.set_published(source, published)
    _regenerate_with_disputes(db, source)


def _regenerate_with_disputes(db: Session, source: Source) -> None:
    """Who may read the source changed: the dispute items that quote it (on it
    and on other sources) are generated again, or wait."""
    from app.services.curation.disputes import regenerate_compared, source_disputes
    from app.services.curation.facts import regenerate

    db.flush()
    if source_disputes(db, source):
        regenerate(db, source)
    regenerate_compared(db, source)


def rename_source(db: Session, source: Source, title: str) -> None:
    """A new title for a teacher's source (its text never changes)."""
    title = title.strip()
    if not title:
        raise ServiceError("Give the source a title.")
    if invisible_character_problem(title) is not None:
        raise ServiceError("The title holds an invisible control character.")
    old_short = source.short_title
    if source.attribution.startswith(source.title):
        source.attribution = title + source.attribution[len(source.title) :]
    source.title, source.short_title = title[:300], title[:120]
    for topic in source_topics(db, source):
        if topic.title == old_short:  # the section named after the whole text
            topic.title = source.short_title
    db.flush()
