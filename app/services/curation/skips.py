"""Proposals skipped on a teacher's curation screen. A skip is kept with the
source, so a proposal skipped on a phone stays skipped on a laptop the next
day, until its owner brings it back."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import ProposalSkip, Source, User
from app.services import ServiceError
from app.services.proposals import Proposal


def proposal_key(proposal: Proposal) -> str:
    """A proposal's name on every visit: its sentence and the answer it asks
    about (the text of a source never changes, so neither do they)."""
    return hashlib.sha256(f"{proposal.sentence}\x1f{proposal.answer}".encode()).hexdigest()[:32]


def skipped_keys(db: Session, source: Source) -> set[str]:
    return set(db.scalars(select(ProposalSkip.key).where(ProposalSkip.source_id == source.id)))


def split_skipped(
    found: list[Proposal], skipped: set[str], most: int
) -> tuple[list[Proposal], list[Proposal]]:
    """The proposals still offered (at most `most`, so a skip makes room for the
    next one) and those skipped, both in the order they were proposed."""
    shown = [p for p in found if proposal_key(p) not in skipped]
    return shown[:most], [p for p in found if proposal_key(p) in skipped]


def offered_proposal(db: Session, source: Source, key: str) -> Proposal | None:
    """The proposal of this key among those the source's text offers now
    (skipped or not), or None."""
    from app.services.curation.facts import curated_facts, offered

    taken = {f.quote for f in curated_facts(db, source)}
    return next(
        (p for p in offered(source.text, taken, source.title) if proposal_key(p) == key), None
    )


def skip_proposal(db: Session, user: User, source: Source, key: str) -> Proposal:
    """Keep the proposal out of the source's proposals until it is brought back
    (skipping it twice is skipping it once). The caller has checked that the
    user may curate the source."""
    proposal = offered_proposal(db, source, key)
    if proposal is None:
        raise ServiceError("That proposal is no longer offered: it may be a fact already.")
    found = db.scalar(
        select(ProposalSkip).where(ProposalSkip.source_id == source.id, ProposalSkip.key == key)
    )
    if found is None:
        db.add(
            ProposalSkip(
                source_id=source.id,
                key=key,
                sentence_start=proposal.start,
                answer=proposal.answer[:300],
                skipped_by_id=user.id,
            )
        )
        db.flush()
    return proposal


def unskip_proposal(db: Session, source: Source, key: str) -> Proposal | None:
    """Bring a skipped proposal back among the proposals; the proposal, or None
    when the text no longer offers it (its skip is forgotten all the same)."""
    db.execute(
        delete(ProposalSkip).where(ProposalSkip.source_id == source.id, ProposalSkip.key == key)
    )
    db.flush()
    return offered_proposal(db, source, key)


__all__ = [
    "offered_proposal",
    "proposal_key",
    "skip_proposal",
    "skipped_keys",
    "split_skipped",
    "unskip_proposal",
]
