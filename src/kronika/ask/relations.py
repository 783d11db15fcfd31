"""Answers that are entities: who founded, who leads, where, which company, what post.

Candidates are the claims about the entities the question names (by the predicates its words
point at) plus the claims read from the sentences that best match its words. For each claim the
side the question names is the *given* side and the other is the answer; a claim whose answer
is itself named in the question answers nothing (-0.8), a claim about something else when the
question names an organization or person is doubted (-0.8), and so is any claim when no word of
the question names a relation and few of its words are in the claim's sentence (-0.5).
Candidates are scored (see :mod:`kronika.ask.context`), merged by answer entity, and the best
one (or, for a list question, every one within 0.6 of the best) is rendered as a sentence from
its claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kronika.ask import render
from kronika.ask.answer import Answer, evidence_of
from kronika.ask.context import Context
from kronika.registry import load_registry
from kronika.store import ask_queries

#: Default predicate weights when the question's words name none, by wh-word.
_DEFAULTS: dict[str, dict[str, float]] = {
    "where": {
        "located_in": 0.8,
        "headquartered_in": 0.8,
        "relocated_to": 0.5,
        "operates_in": 0.5,
        "founded": 0.4,
    },
    "who": {"founded_by": 0.3, "led_by": 0.3, "holds_position": 0.3, "established_by": 0.3},
    "whom": {"founded_by": 0.3, "led_by": 0.3, "established_by": 0.3},
}
#: With this many claims about the named entities, sentences found by words add nothing.
ENOUGH = 40
#: The highest score of an answer about something other than what the question names: below
#: :data:`kronika.ask.CONFIDENT`, so it is shown as uncertain, with the closest evidence.
DOUBTED = 1.4
_SINGLE_OBJECT = frozenset({"headquartered_in", "succeeded_by", "led_by"})


@dataclass
class Candidate:
    """One claim read as an answer, with its score and the parts that made it."""

    claim: dict[str, Any]
    side: str
    score: float
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """What the answer is: the entity id, or the role text."""
        if self.side == "role":
            return "role:" + render.answer_side_text(self.claim, "role").lower()
        ref = self.claim.get(self.side) or {}
        return str(ref.get("id") or "")

    @property
    def given_key(self) -> tuple[str, str, str]:
        """The claim's given side and predicate: answers sharing it form one sentence."""
        given = "subject" if self.side in ("object", "role") else "object"
        ref = self.claim.get(given) or {}
        return (str(self.claim.get("predicate")), given, str(ref.get("id") or ""))


def predicate_weights(ctx: Context) -> dict[str, float]:
    """The question's predicate weights, with defaults for its wh-word, ``measure`` left out."""
    weights = {p: w for p, w in ctx.q.predicates.items() if p != "measure"}
    for pred, w in _DEFAULTS.get(ctx.q.wh, {}).items():
        weights[pred] = max(weights.get(pred, 0.0), w)
    if ctx.q.role:
        weights["holds_position"] = 1.0
    return weights


def candidates(ctx: Context, weights: dict[str, float]) -> list[dict[str, Any]]:
    """Claims about the named entities (cue predicates when there are any) and from the best sentences."""
    ids = ctx.given_ids(0.3)
    wanted = [p for p, w in weights.items() if w >= 0.3]
    found: dict[str, dict[str, Any]] = {}
    if ids:
        for claim in ask_queries.claims_about(ctx.conn, ids, predicates=wanted or None, limit=400):
            found[claim["id"]] = claim
    if len(found) < ENOUGH:
        for claim in ctx.sentence_claims():
            found.setdefault(claim["id"], claim)
    strong = [p for p, w in weights.items() if w >= 0.9]
    asked = sum(1 for c in found.values() if c.get("predicate") in strong)
    if strong and asked == 0:
        # Nothing about what is named: the claims of the predicate asked about ("Name the
        # countries IT companies moved to"), ranked by the words they share with the question.
        for claim in ask_queries.claims_by_predicate(ctx.conn, strong[:2], limit=200):
            found.setdefault(claim["id"], claim)
    return [c for c in found.values() if c.get("predicate") != "measure"]


def score_claim(ctx: Context, claim: dict[str, Any], weights: dict[str, float]) -> Candidate | None:
    """Read one claim as an answer to the question, or None when it has no answer side."""
    predicate = str(claim.get("predicate"))
    if predicate == "founded" and ctx.q.wh in ("who", "whom"):
        return None  # a founding's object is where, never who
    subject, obj = claim.get("subject"), claim.get("object")
    s_w, o_w = ctx.entity_weight(subject), ctx.entity_weight(obj)
    role = (claim.get("qualifiers") or {}).get("role")
    if predicate == "holds_position" and (ctx.q.role or (role and s_w >= o_w)):
        side, given_w = "role", s_w
    elif obj and s_w >= o_w and s_w > 0:
        side, given_w = "object", s_w
    elif o_w > 0:
        side, given_w = "subject", o_w
    elif obj:
        side = "object" if ctx.type_fit(obj) >= ctx.type_fit(subject) else "subject"
        given_w = 0.0
    else:
        return None
    answer_ref = claim.get("subject") if side == "subject" else claim.get("object")
    parts = {
        "predicate": 1.2 * weights.get(predicate, 0.0)
        - (0.3 if weights and predicate not in weights else 0.0),
        "entity": 1.0 * given_w,
        "words": 0.6 * ctx.word_overlap(claim),
        "locality": 0.3 * ctx.locality(claim, render.answer_side_text(claim, side))
        if side != "role"
        else 0.0,
        "type": 0.0 if side == "role" else ctx.type_fit(answer_ref),
        "time": 0.6 * ctx.time_fit(claim.get("time")),
        "nationality": 0.0 if side == "role" else _nationality(ctx, claim, side, answer_ref),
        "confidence": 0.2 * float(claim.get("confidence") or 0.0),
        "status": ctx.status_fit(claim),
        "direction": ctx.direction_fit(claim, "subject" if side in ("object", "role") else "object")
        if given_w > 0
        else 0.0,
        "specific": _specificity(predicate, side, answer_ref),
        "self": -0.8 if side != "role" and ctx.is_given(answer_ref) else 0.0,
        # The question names something by name, and this claim is about something else.
        "other": -0.8 if given_w < 0.3 and ctx.named_subjects() else 0.0,
    }
    if predicate in ctx.q.described:
        # "Who ran the firm that invested in X?": the investment says which firm, not who ran it.
        parts["described"] = -0.8
    if not weights and parts["words"] < 0.3:
        # No word of the question names a relation: any claim about the entity would "answer".
        parts["no_relation"] = -0.5
    return Candidate(claim, side, sum(parts.values()), parts)


def _nationality(ctx: Context, claim: dict[str, Any], side: str, answer: Any) -> float:
    """How the answer fits a demonym of the question. "Which *Finnish* company ...": the demonym
    qualifies the answer. "Who ran the *Norwegian* firm that ...": it qualifies the thing the
    answer is linked to, so either side of the claim may carry it."""
    fit = ctx.nationality_fit(answer, claim)
    if fit >= 0 or _demonym_on_answer(ctx):
        return fit
    other = claim.get("object") if side == "subject" else claim.get("subject")
    return max(fit, ctx.nationality_fit(other, claim)) if other else fit


def _demonym_on_answer(ctx: Context) -> bool:
    """Whether a demonym follows the wh-word ("Which Finnish company")."""
    words = ctx.q.words
    if len(words) < 2:
        return True
    return any(m.how == "demonym" and m.start <= words[1].start for m in ctx.matches)


#: Predicates whose object is a place, where a city says more than its country.
_PLACE_PREDICATES = frozenset(["located_in", "headquartered_in", "operates_in", "relocated_to"])


def _specificity(predicate: str, side: str, answer: Any) -> float:
    """ "Where is X based?" with "in Minsk" and "Belarusian" both read: the city is the answer."""
    if predicate not in _PLACE_PREDICATES or side != "object" or not isinstance(answer, dict):
        return 0.0
    eid = str(answer.get("id") or "")
    return 0.15 if load_registry().field(eid, "kind") == "city" else 0.0


def answer_entity(ctx: Context) -> tuple[Answer, float] | None:
    """The best entity answer, with its score; None when no claim gives one."""
    weights = predicate_weights(ctx)
    scored: dict[str, Candidate] = {}
    groups: dict[str, list[Candidate]] = {}
    for claim in candidates(ctx, weights):
        cand = score_claim(ctx, claim, weights)
        if cand is None or not cand.key:
            continue
        groups.setdefault(cand.key, []).append(cand)
        best = scored.get(cand.key)
        if best is None or cand.score > best.score:
            scored[cand.key] = cand
    if not scored:
        return None
    ranked = sorted(scored.values(), key=lambda c: -c.score)
    top = ranked[0]
    if ctx.q.plural:
        chosen = [c for c in ranked if c.score >= top.score - 0.6 and c.parts["predicate"] > 0][:10] or [top]
    else:
        chosen = [top] + [
            c
            for c in ranked[1:]
            if c.given_key == top.given_key
            and c.score >= top.score - 0.2
            and top.claim.get("predicate") not in _SINGLE_OBJECT
        ][:5]
    text = _render(chosen)
    support: list[Candidate] = []
    for cand in chosen:
        support.extend(sorted(groups[cand.key], key=lambda c: -c.score)[:3])
    claims = [c.claim for c in support]
    confidence = _confidence(top)
    score = top.score
    if top.parts.get("other", 0.0) < 0:
        # The question names someone and the best claim is about someone else: shown, with the
        # closest evidence, but never as certain.
        score = min(score, DOUBTED)
    return Answer(text, confidence, claims, evidence_of(claims), kind="entity"), score


def _confidence(top: Candidate) -> float:
    """Confidence from the claim's own and how well it fits the question."""
    fit = max(0.0, min(1.0, (top.score - 0.6) / 2.0))
    return round(float(top.claim.get("confidence") or 0.5) * (0.5 + 0.5 * fit), 3)


def _render(chosen: list[Candidate]) -> str:
    """Sentences for the chosen answers, one per given entity and predicate, in score order."""
    by_given: dict[tuple[str, str, str], list[Candidate]] = {}
    for cand in chosen:
        by_given.setdefault(cand.given_key, []).append(cand)
    sentences: list[str] = []
    for group in by_given.values():
        first = group[0].claim
        predicate = str(first.get("predicate"))
        answers = render.names([render.answer_side_text(c.claim, c.side) for c in group])
        times = {render.time_text(c.claim.get("time")) for c in group}
        when = times.pop() if len(times) == 1 else ""
        when = f" {when}" if when else ""
        side = group[0].side
        if side == "role" or (predicate == "holds_position" and side == "subject"):
            clauses = [render.role_clause(c.claim) for c in group]
            sentences.append(clauses[0] + "".join(f"; {c}" for c in clauses[1:]) + when)
        elif side == "object":
            subject = render.entity_name(first.get("subject"))
            if predicate == "founded":
                sentences.append(f"{subject} {render.founded_verb(first.get('subject'))} in {answers}{when}")
            else:
                phrase = render.predicate_phrase(first)
                sentences.append(f"{subject} {phrase} {answers}{when}")
        else:
            obj = render.entity_name(first.get("object"))
            plural = len(group) > 1 or render.is_plural(first.get("subject"))
            phrase = render.predicate_phrase(first, plural=plural)
            sentences.append(f"{answers} {phrase} {obj}{when}")
    return " ".join(render.sentence_case(s) for s in sentences[:3])
