"""The answer record: a short sentence, a confidence, and the claims and sentences behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Answer:
    """What :func:`kronika.ask.ask` returns.

    Attributes:
        answer: a short sentence containing the value asked for (or saying it is not known).
        confidence: 0…1; below 0.35 the answer is a guess from evidence sentences.
        claims: the supporting claims, in the claim format.
        evidence: the supporting sentences: document, title, start, end, text.
        kind: how it was answered (``time``, ``entity``, ``quantity``, ``difference``, ``extreme``,
            ``events``, ``describe``, ``years_between``, ``yesno``, ``evidence``, ``none``).
        uncertain: True when no claim answers the question and the answer leans on sentences.
        conflict: True when sources disagree and the answer shows each value.
    """

    answer: str
    confidence: float
    claims: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "none"
    uncertain: bool = False
    conflict: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``kronika ask --json`` and ``/api/ask``."""
        return {
            "answer": self.answer,
            "confidence": round(self.confidence, 3),
            "claims": [public_claim(c) for c in self.claims],
            "evidence": self.evidence,
            "kind": self.kind,
            "uncertain": self.uncertain,
            "conflict": self.conflict,
        }


def public_claim(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim without the planner's private keys (those starting with ``_``)."""
    return {k: v for k, v in claim.items() if not k.startswith("_")}


def evidence_of(claims: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """The distinct sentences behind claims, in order, at most ``limit``."""
    seen: dict[tuple[Any, Any], dict[str, Any]] = {}
    for claim in claims:
        ev = claim.get("evidence") or {}
        key = (ev.get("document"), ev.get("start"))
        if key in seen or not ev.get("text"):
            continue
        seen[key] = {
            "document": ev.get("document"),
            "title": ev.get("title"),
            "start": ev.get("start"),
            "end": ev.get("end"),
            "text": ev.get("text"),
        }
        if len(seen) >= limit:
            break
    return list(seen.values())


def sentence_evidence(sentence: dict[str, Any]) -> dict[str, Any]:
    """An evidence entry from a sentence row of :func:`kronika.store.ask_queries.search_sentences`."""
    return {
        "document": sentence["doc"],
        "title": sentence["title"],
        "start": sentence["start"],
        "end": sentence["end"],
        "text": sentence["text"],
    }
