"""Answers that are times: when something was founded, happened, began or ended.

Candidates are the timed claims about the entities the question names (and from the sentences
best matching its words), scored by predicate cue, entity, words and confidence. A claim about
no named entity is doubted (-0.6). The answer is the best claim's time in words, or one bound
when the question asks "until when" / "since when". Claims on the same subject and event
(founding: ``founded``, ``founded_by``, ``established_by``) that give another year are shown
as a disagreement, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kronika.ask import render
from kronika.ask.answer import Answer, evidence_of
from kronika.ask.context import Context
from kronika.store import ask_queries

_DEFAULT_WEIGHTS = {
    "founded": 0.6,
    "occurred": 0.6,
    "established_by": 0.5,
    "founded_by": 0.4,
    "holds_position": 0.3,
    "relocated_to": 0.3,
    "part_of": 0.3,
    "operates_in": 0.2,
}
_FAMILIES = {"founded": "founding", "founded_by": "founding", "established_by": "founding"}


@dataclass
class Timed:
    """A timed claim with its score and the parts that made it."""

    claim: dict[str, Any]
    score: float
    parts: dict[str, float] = field(default_factory=dict)


def _family(predicate: str) -> str:
    return _FAMILIES.get(predicate, predicate)


def _has_time(claim: dict[str, Any]) -> bool:
    time = claim.get("time") or {}
    return bool(time.get("start") or time.get("end"))


def timed_candidates(ctx: Context) -> list[Timed]:
    """Timed claims scored for a "when" question, best first."""
    weights = {p: w for p, w in ctx.q.predicates.items() if p != "measure"}
    guessing = not weights
    if not weights:
        weights = dict(_DEFAULT_WEIGHTS)
    elif max(weights, key=lambda p: weights[p]) == "occurred" and not _names_event(ctx):
        # "When did the Minsk computer initiative take place?": the thing named is not an event,
        # so whatever dated claim it has tells when it "took place".
        for pred, w in _DEFAULT_WEIGHTS.items():
            weights[pred] = max(weights.get(pred, 0.0), w)
        for pred in ("produced", "part_of", "operates_in", "modeled_on", "succeeded_by"):
            weights.setdefault(pred, 0.5)
    ids = ctx.given_ids(0.3)
    found: dict[str, dict[str, Any]] = {}
    if ids:
        for claim in ask_queries.claims_about(ctx.conn, ids, limit=600):
            if claim.get("predicate") != "measure":
                found[claim["id"]] = claim
    if len(found) < 40:  # with many claims about the named entities, word search adds nothing
        for claim in ctx.sentence_claims():
            if claim.get("predicate") != "measure":
                found.setdefault(claim["id"], claim)
    result: list[Timed] = []
    for claim in found.values():
        if not _has_time(claim):
            continue
        predicate = str(claim.get("predicate"))
        s_w = ctx.entity_weight(claim.get("subject"))
        o_w = 0.8 * ctx.entity_weight(claim.get("object"))
        entity = max(s_w, o_w)
        precision = (claim.get("time") or {}).get("precision")
        parts = {
            "predicate": 1.2 * weights.get(predicate, 0.0) - (0.2 if predicate not in weights else 0.0),
            "entity": 1.2 * entity - (0.6 if entity < 0.3 else 0.0),
            "both": 0.3 if s_w > 0 and o_w > 0 else 0.0,
            "words": 0.6 * ctx.word_overlap(claim),
            "precision": 0.1 if precision in ("year", "month", "day") else 0.0,
            "edge": 0.3
            if ctx.q.edge == "end"
            and (claim.get("time") or {}).get("end")
            and not (claim.get("time") or {}).get("start")
            else 0.0,
            "confidence": 0.2 * float(claim.get("confidence") or 0.0),
            "status": ctx.status_fit(claim),
        }
        if guessing and parts["words"] < 0.4:
            # No word names the event ("When did EPAM go public?"): any dated claim would do.
            parts["no_event"] = -0.6 - 0.5 * parts["predicate"]
        result.append(Timed(claim, sum(parts.values()), parts))
    result.sort(key=lambda t: -t.score)
    return result


def _names_event(ctx: Context) -> bool:
    """Whether the strongest entity the question names is an event."""
    ids = ctx.given_ids(0.7)
    info = ctx.entity_info(ids)
    return any(info.get(i, {}).get("type") == "event" for i in ids[:2])


def _years(claim: dict[str, Any]) -> tuple[int | None, int | None]:
    time = claim.get("time") or {}
    return render.year_of(time.get("start")), render.year_of(time.get("end"))


def answer_time(ctx: Context) -> tuple[Answer, float] | None:
    """The time of the best timed claim, with its score; None when no claim has a time."""
    ranked = timed_candidates(ctx)
    if not ranked:
        return None
    best = ranked[0]
    claim = best.claim
    when = render.year_text(claim.get("time"), edge=ctx.q.edge)
    body = render.clause(claim, with_time=False)
    text = render.sentence_case(f"{body} {when}".strip())
    subject = (claim.get("subject") or {}).get("id")
    family = _family(str(claim.get("predicate")))
    rivals: list[Timed] = []
    seen = {_years(claim)}
    for other in ranked[1:15]:
        o = other.claim
        if (o.get("subject") or {}).get("id") != subject or _family(str(o.get("predicate"))) != family:
            continue
        if other.score < best.score - 0.5 or _years(o) in seen:
            continue
        if family in ("founding", "occurred"):
            if _overlaps(claim, o):
                continue
            seen.add(_years(o))
            rivals.append(other)
    claims = [claim] + [r.claim for r in rivals]
    support = [t.claim for t in ranked[1:4] if t.score >= best.score - 0.3 and t.claim not in claims]
    confidence = _confidence(best)
    conflict = bool(rivals)
    if conflict:
        parts = [
            f"{render.year_text(t.claim.get('time'), edge=ctx.q.edge)} ({render.source_text(t.claim)})"
            for t in [best, *rivals]
        ]
        text += " Sources disagree: " + "; ".join(parts) + "."
        confidence *= 0.7
    all_claims = claims + support
    return Answer(
        text, confidence, all_claims, evidence_of(all_claims), kind="time", conflict=conflict
    ), best.score


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two claims' times can be the same event (one span inside the other)."""
    (a0, a1), (b0, b1) = _years(a), _years(b)
    lo_a, hi_a = a0 or -9999, a1 or 9999
    lo_b, hi_b = b0 or -9999, b1 or 9999
    return (lo_a <= lo_b and hi_b <= hi_a) or (lo_b <= lo_a and hi_a <= hi_b)


def _confidence(best: Timed) -> float:
    fit = max(0.0, min(1.0, (best.score - 0.6) / 2.0))
    return round(float(best.claim.get("confidence") or 0.5) * (0.5 + 0.5 * fit), 3)
