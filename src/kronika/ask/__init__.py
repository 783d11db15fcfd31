"""Questions in plain English, answered from claims with their evidence.

::

    from kronika.ask import ask

    answer = ask(store.connection, "When was Belhard established?")
    answer.answer       # 'Belhard was founded in 1994.'
    answer.to_dict()    # {"answer": ..., "confidence": ..., "claims": [...], "evidence": [...]}

How a question is answered:

1. :mod:`~kronika.ask.question` parses it (no database): what it wants (a time, an entity, an
   amount, a list, what happened, what something is, years between two events), the times it
   names, the predicates and measure its words point at.
2. :mod:`~kronika.ask.match` finds the entities it names by alias, near spelling or demonym.
3. A strategy answers from claims: :mod:`~kronika.ask.times`, :mod:`~kronika.ask.relations`,
   :mod:`~kronika.ask.quantities` (values, records, differences), :mod:`~kronika.ask.overview`
   (events, descriptions, years between, yes/no). Where a "what"/"which" question could be
   either an entity or an amount, both run and the better-fitting answer wins.
4. An answer whose fit is weak (score below :data:`CONFIDENT`) is handed to
   :mod:`~kronika.ask.fallback`, which says it is uncertain and quotes the closest evidence.

Nothing here loads spaCy: asking is a few indexed queries, fast to start and to run.
"""

from __future__ import annotations

import sqlite3

from kronika.ask.answer import Answer
from kronika.ask.context import Context
from kronika.ask.fallback import HINT_SCORE, answer_from_evidence
from kronika.ask.lexicon import MEASURE_SYNONYMS, PREDICATE_CUES
from kronika.ask.overview import (
    answer_compare,
    answer_describe,
    answer_events,
    answer_kind,
    answer_years_between,
    answer_yesno,
)
from kronika.ask.quantities import answer_extreme, answer_measure_time, answer_quantity
from kronika.ask.question import Question, parse
from kronika.ask.relations import answer_entity, predicate_weights
from kronika.ask.text import STOP_WORDS, content_stems, stem, words_list
from kronika.ask.times import answer_time

__all__ = ["CONFIDENT", "Answer", "Question", "ask", "parse"]

#: Answers scoring below this are treated as uncertain and backed by evidence sentences.
CONFIDENT = 1.45
_Result = tuple[Answer, float]


def ask(conn: sqlite3.Connection, question: str) -> Answer:
    """Answer a question from the claims in a knowledge base.

    Args:
        conn: the store's connection (``Store.connection``); only read.
        question: the question in plain English.

    Returns:
        The answer with its confidence, supporting claims and evidence sentences. When no claim
        fits well the answer says it is uncertain and quotes the closest evidence.
    """
    q = parse(question)
    if not q.words:
        return Answer(
            "Ask a question in words, for example: When was the High Technologies Park founded?",
            0.0,
            kind="none",
            uncertain=True,
        )
    ctx = Context.build(conn, q)
    result = _plan(ctx)
    if result is None:
        return answer_from_evidence(ctx)
    answer, score = result
    if _share_for_count(ctx, answer):
        # a number read from the sentence comes before the share
        return answer_from_evidence(ctx, hint=answer, hint_score=0.0)
    if score < CONFIDENT or _unsaid(ctx, answer):
        # a confident answer that leaves the question's words unsaid is still shown first
        hint_score = score if score < CONFIDENT else max(score, HINT_SCORE)
        return answer_from_evidence(ctx, hint=answer, hint_score=hint_score)
    return answer


def _unsaid(ctx: Context, answer: Answer) -> bool:
    """Whether the question's own words, beyond the names it gives and the relation the answer
    reads, are missing from every sentence behind the answer while a best-matching sentence
    holds them (two, when there are more): "What kind of hub was the Belarusian SSR developed as?" answered
    with what the SSR produced, when a sentence says it "was developed as a logistical hub"."""
    if answer.kind not in ("entity", "quantity") or not answer.claims:
        return False
    spans = [(m.start, m.end) for m in ctx.matches if m.weight >= 0.5]
    predicates = {str(c.get("predicate")) for c in answer.claims}
    free = {
        w.stem
        for w in ctx.q.words
        if w.stem in ctx.q.keywords
        and not any(s <= w.start < e for s, e in spans)
        and not predicates & set(PREDICATE_CUES.get(w.stem, {}))
    }
    if not free:
        return False
    weights = predicate_weights(ctx)
    if answer.kind == "entity" and not any(weights.get(p, 0.0) >= 0.3 for p in predicates):
        # No word of the question names the relation the answer reads ("What help did the
        # programme offer?" answered with who set it up): the question asks something else.
        return True
    said: set[str] = set()
    places: set[tuple[str, int]] = set()
    for claim in answer.claims:
        said |= ctx.sentence_stems(claim)
        places.add((str(claim.get("_doc") or ""), int(claim.get("_sentence") or -1)))
    if _held(free, said):
        return False
    best = ctx.search(limit=2)
    if not best:
        return False
    top = best[0]
    if (str(top["doc"]), int(top["idx"])) in places:
        # the answer stands on the best sentence: the next one may still go on with it ("... opened
        # with Chinese partners." "This partnership aims to increase ...")
        if len(best) < 2 or best[1]["doc"] != top["doc"] or int(best[1]["idx"]) != int(top["idx"]) + 1:
            return False
        top = best[1]
    return len(_held(free, content_stems(top["text"]))) >= min(2, len(free))


def _share_for_count(ctx: Context, answer: Answer) -> bool:
    """Whether a "how many people ..." question (a count, not a part of a whole) is answered only
    with shares: a count the reader missed may still stand in the sentence ("Between 110,000 and
    120,000 people worked in ICT, about 2.5% of all employees")."""
    if answer.kind != "quantity" or ctx.q.unit != "count" or not answer.claims:
        return False
    units = {(c.get("value") or {}).get("unit") or c.get("unit") for c in answer.claims}
    return units == {"percent"}


def _held(stems: set[str], found: frozenset[str] | set[str]) -> set[str]:
    """The stems found, exactly or as the start of a longer stem ("face" in "faced")."""
    return {s for s in stems if s in found or (len(s) >= 3 and any(f.startswith(s) for f in found))}


def _best(*results: _Result | None) -> _Result | None:
    found = [r for r in results if r is not None]
    return max(found, key=lambda r: r[1]) if found else None


def _measure_like(ctx: Context) -> bool:
    """Whether a "what/which" question names a measure ("what was HTP's export revenue")."""
    q = ctx.q
    return any(w in MEASURE_SYNONYMS for w in q.measure_words) or q.unit is not None


#: Head nouns after "what"/"which" that ask for an amount ("what figure", "what total").
_AMOUNT_HEADS = frozenset(
    stem(w)
    for w in words_list(
        "amount number value figure total sum rate level size count price cost budget growth record "
        "percentage proportion fraction volume"
    )
)


def _names_a_thing(ctx: Context) -> bool:
    """Whether "which"/"what" is followed by a noun that names no amount ("Which regulations did
    the residents have to comply with?"): an entity or a phrase is asked, not a number."""
    words = ctx.q.words
    for i, w in enumerate(words[:-1]):
        if w.lower in ("which", "what"):
            head = words[i + 1]
            if head.lower in STOP_WORDS or not head.lower.isalpha():
                return False
            if any(m.start <= head.start < m.end for m in ctx.matches if m.weight >= 0.5):
                return False  # "which HTP ..." names an entity, not what is asked
            return head.stem not in MEASURE_SYNONYMS and head.stem not in _AMOUNT_HEADS
    return False


def _only_names(ctx: Context) -> bool:
    """Whether every content word of the question is inside a name it gives ("What is Garve Works?")."""
    spans = [(m.start, m.end) for m in ctx.matches if m.weight >= 0.85 and m.how != "demonym"]
    content = [w for w in ctx.q.words if w.stem in ctx.q.keywords]
    return bool(spans) and all(any(s <= w.start < e for s, e in spans) for w in content)


def _plan(ctx: Context) -> _Result | None:
    """Choose and run the strategies for the question's target."""
    q = ctx.q
    target = q.target
    if q.compare:
        return answer_compare(ctx)
    kind = answer_kind(ctx)
    if kind is not None:
        return kind
    if target == "years_between":
        return answer_years_between(ctx)
    if target == "events":
        return answer_events(ctx) or answer_entity(ctx)
    if target == "describe" or q.describe_form or (target == "entity" and not q.wh and _only_names(ctx)):
        if _only_names(ctx):
            return answer_describe(ctx)
        if target == "describe":
            # "What was Belarus's first IT incubator?": more than a name; read as a relation.
            # No claim fits: the evidence, not a description of one of the names.
            return _best(answer_entity(ctx), answer_quantity(ctx) if _measure_like(ctx) else None)
    if target == "yesno":
        return answer_yesno(ctx)
    if target == "why":
        return None
    if target == "time":
        timed = answer_time(ctx)
        if q.extreme:
            return _best(answer_extreme(ctx, want_time=True), timed)
        relation_cue = any(w >= 0.9 for p, w in q.predicates.items() if p != "measure")
        if _measure_like(ctx) and not relation_cue:
            return _best(timed, answer_measure_time(ctx))
        return timed
    if target == "quantity":
        return answer_quantity(ctx)
    entity = answer_entity(ctx)
    amount_asked = (_measure_like(ctx) or q.extreme) and not _names_a_thing(ctx)
    if q.wh in ("what", "which", "") and not q.types and amount_asked:
        return _best(entity, answer_quantity(ctx))
    if entity is None and q.wh in ("what", "") and not any(w >= 0.8 for w in q.predicates.values()):
        return answer_describe(ctx)
    return entity


def explain(conn: sqlite3.Connection, question: str) -> dict[str, object]:
    """How a question was read (target, times, predicates, entities), for debugging and tests."""
    from kronika.ask.match import describe_matches

    q = parse(question)
    ctx = Context.build(conn, q)
    return {
        "target": q.target,
        "wh": q.wh,
        "types": list(q.types),
        "plural": q.plural,
        "role": q.role,
        "times": [(t.kind, t.start, t.end, t.text) for t in q.times],
        "predicates": dict(sorted(q.predicates.items(), key=lambda kv: -kv[1])),
        "measure_words": q.measure_words,
        "unit": q.unit,
        "extreme": q.extreme,
        "change": q.change,
        "edge": q.edge,
        "according_to": q.according_to,
        "keywords": q.keywords,
        "entities": describe_matches(ctx.matches),
        "given": ctx.given,
        "nationalities": ctx.nationalities,
    }
