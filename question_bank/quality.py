"""Figures on the gate: per question type, how many items it checked, rejected
and published, the rules that rejected most, and the share of core, supporting
and detail facts (`python -m question_bank quality`, `make quality`)."""

from __future__ import annotations

from collections import Counter

from question_bank.generator import Bank

IMPORTANCE = ("core", "supporting", "detail")


def quality_report(bank: Bank, top: int = 8) -> str:
    from question_bank.types import REGISTRY

    checked = Counter(q.type for q in bank.checked)
    published = Counter(q.type for q in bank.questions)
    rejected_ids: dict[str, set[str]] = {}
    for rejection in bank.rejected:
        rejected_ids.setdefault(rejection.question.type, set()).add(rejection.question.id)
    skipped = Counter(s.type for s in bank.skipped)
    lines = [f"{'type':<12} {'checked':>8} {'rejected':>9} {'published':>10} {'not written':>12}"]
    for kind in REGISTRY:
        lines.append(
            f"{kind:<12} {checked[kind]:>8} {len(rejected_ids.get(kind, ())):>9} "
            f"{published[kind]:>10} {skipped[kind]:>12}"
        )
    total_rejected = sum(len(v) for v in rejected_ids.values())
    lines.append(
        f"{'all':<12} {sum(checked.values()):>8} {total_rejected:>9} "
        f"{sum(published.values()):>10} {sum(skipped.values()):>12}"
    )
    rules = Counter(r.rule for r in bank.rejected)
    lines.append("")
    lines.append(
        "rules that rejected most: "
        + (", ".join(f"{name} {n}" for name, n in rules.most_common(top)) or "none")
    )
    reasons = Counter((s.type, s.reason.split(":")[0]) for s in bank.skipped)
    lines.append(
        "not written (usually: curated material missing): "
        + (
            ", ".join(f"{kind} {reason!r} {n}" for (kind, reason), n in reasons.most_common(top))
            or "none"
        )
    )
    facts = list(bank.base.facts.values())
    shares = Counter(f.importance for f in facts)
    lines.append(
        "facts: "
        + ", ".join(
            f"{k} {shares[k]} ({100 * shares[k] / max(len(facts), 1):.0f}%)" for k in IMPORTANCE
        )
    )
    items = Counter(q.importance for q in bank.questions)
    lines.append(
        "published items: "
        + ", ".join(
            f"{k} {items[k]} ({100 * items[k] / max(len(bank.questions), 1):.0f}%)"
            for k in IMPORTANCE
        )
    )
    return "\n".join(lines) + "\n"


__all__ = ["quality_report"]
