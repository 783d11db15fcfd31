"""When no claim answers: the best evidence sentences, and a guess read from the best of them.

The sentences come from full-text search over every sentence (FTS5, bm25), boosted when they
mention an entity the question names or a year it names (:func:`kronika.ask.context.search`).
From the best sentence a candidate of the wanted kind is read: a year or decade for "when", a
number for "how many", an entity of the wanted type (from the sentence's mentions) for "who",
"where" and "which"; among several, the one nearest a word of the question that points at a
predicate ("modeled *on* IBM"), preferring those after it. The answer says plainly that it is
uncertain, quotes the sentence, and has a low confidence; with no sentence at all it says "I
don't know".
"""

from __future__ import annotations

import re
from typing import Any

from kronika.ask import lexicon
from kronika.ask.answer import Answer, sentence_evidence
from kronika.ask.context import Context
from kronika.ask.text import tokens
from kronika.store import ask_queries

_YEARISH = re.compile(r"\b(?:the\s+)?((?:1[5-9]|20)\d0)s\b|\b((?:1[5-9]|20)\d\d)\b")
_NUMBERISH = re.compile(
    r"(?:(?:more|fewer|less)\s+than|over|under|about|around|nearly|almost|some|roughly|approximately|up\s+to|"
    r"at\s+least)?\s*[$€£]?\d[\d,.]*\s*(?:%|percent|per\s+cent|billion|million|thousand|bn|m)?"
    r"|(?:about\s+|roughly\s+|nearly\s+)?(?:two|three|one)[- ]thirds?|(?:a|one)\s+(?:quarter|half|third)",
    re.I,
)
QUOTE_LIMIT = 320
#: A weak claim answer scoring at least this is shown before a guess from sentences.
HINT_SCORE = 1.1


def _cue_positions(ctx: Context, text: str) -> list[int]:
    """Where the question's predicate-cue words (or else any keyword) occur in a sentence."""
    words = tokens(text)
    cue_stems = {
        w.stem for w in ctx.q.words if w.stem in lexicon.PREDICATE_CUES or w.lower in lexicon.PREDICATE_CUES
    }
    cues = [w.start for w in words if w.stem in cue_stems]
    if cues:
        return cues
    keys = set(ctx.q.keywords)
    return [w.start for w in words if w.stem in keys]


def _nearest(spans: list[tuple[int, int, str]], cues: list[int]) -> str | None:
    """The span nearest a cue, preferring spans after it."""
    if not spans:
        return None
    if not cues:
        return spans[0][2]

    def distance(span: tuple[int, int, str]) -> float:
        best = 1e9
        for cue in cues:
            d = span[0] - cue
            best = min(best, d if d >= 0 else 1.5 * -d + 20)
        return best

    return min(spans, key=distance)[2]


def guess(ctx: Context, sentence: dict[str, Any]) -> str | None:
    """A candidate answer of the wanted kind read from one sentence, or None."""
    text = sentence["text"]
    cues = _cue_positions(ctx, text)
    target = ctx.q.target
    if target in ("time", "years_between") or (target == "yesno" and ctx.q.time is not None):
        spans = []
        for m in _YEARISH.finditer(text):
            if m.group(1):
                decade = int(m.group(1))
                spans.append((m.start(), m.end(), f"the {decade}s ({decade}–{decade + 9})"))
            else:
                asked = {p for t in ctx.q.times for p in t.points}
                if int(m.group(2)) not in asked:
                    spans.append((m.start(), m.end(), m.group(2)))
        return _nearest(spans, cues)
    if target == "quantity":
        names = [
            (int(m["start"]), int(m["end"]))
            for m in ask_queries.mentions_in(ctx.conn, [(sentence["doc"], sentence["idx"])])
        ]
        spans = [
            (m.start(), m.end(), m.group(0).strip())
            for m in _NUMBERISH.finditer(text)
            if re.search(r"\d|third|quarter|half", m.group(0))
            and not any(s <= m.start() + len(m.group(0)) - len(m.group(0).lstrip()) < e for s, e in names)
            and not re.fullmatch(r"(1[5-9]|20)\d\d", m.group(0).strip())
        ]
        if ctx.q.unit == "count":
            # "how many people": a count before a share of them
            counts = [sp for sp in spans if not re.search(r"%|percent|per\s+cent", sp[2], re.I)]
            spans = counts or spans
        return _nearest(spans, cues)
    mentions = ask_queries.mentions_in(ctx.conn, [(sentence["doc"], sentence["idx"])])
    wanted = set(ctx.q.types)
    found: list[tuple[int, int, str, str]] = []
    for mention in mentions:
        if ctx.is_given({"id": mention["entity"]}, 0.3):
            continue
        if wanted and mention["type"] not in wanted:
            continue
        found.append((int(mention["start"]), int(mention["end"]), str(mention["name"]), str(mention["type"])))
    if not wanted:  # any kind will do: names of bodies, people and places before common nouns
        named = [s for s in found if s[3] in ("organization", "person", "place", "policy", "event")]
        found = named or found
    return _nearest([(a, b, name) for a, b, name, _ in found], cues)


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def _quote(ctx: Context, sentences: list[dict[str, Any]]) -> str:
    """The best sentence; with the next best too when it is its neighbour in the same document and
    holds words of the question the best lacks ("international sanctions were imposed" and "The
    restrictions included ...")."""
    top = sentences[0]
    if len(sentences) > 1:
        other = sentences[1]
        if other["doc"] == top["doc"] and abs(int(other["idx"]) - int(top["idx"])) == 1:
            keys = set(ctx.q.keywords)
            have = {w.stem for w in tokens(top["text"])} & keys
            more = ({w.stem for w in tokens(other["text"])} & keys) - have
            if more:
                first, second = (top, other) if int(top["idx"]) < int(other["idx"]) else (other, top)
                return _clip(first["text"]) + " " + _clip(second["text"])
    return _clip(top["text"])


def answer_from_evidence(ctx: Context, hint: Answer | None = None, hint_score: float = 0.0) -> Answer:
    """The uncertain answer, with the closest evidence sentences.

    Args:
        ctx: the question being answered.
        hint: the best claim answer found, when it fit too weakly to be trusted.
        hint_score: its score; a middling one (at least :data:`HINT_SCORE`) is shown before a
            guess read from the sentences.
    """
    absent = ctx.absent_name()
    if absent is not None:
        # "Who founded EPAM?" on a base that never mentions EPAM: say so, rather than quote
        # the nearest founding of something else
        return Answer(
            f"I don't know: nothing in the knowledge base mentions {absent}.",
            0.0,
            kind="none",
            uncertain=True,
        )
    sentences = ctx.search(limit=3)
    evidence = [sentence_evidence(s) for s in sentences]
    if not sentences:
        if hint is not None:
            return Answer(
                f"Not certain: {hint.answer}",
                min(hint.confidence, 0.3),
                hint.claims,
                hint.evidence,
                kind=hint.kind,
                uncertain=True,
            )
        return Answer(
            "I don't know: nothing in the knowledge base matches the question.",
            0.0,
            kind="none",
            uncertain=True,
        )
    top = sentences[0]
    quote = _quote(ctx, sentences)
    if ctx.q.target == "yesno":
        verdict = yes_or_no(ctx, top["text"])
        if verdict:
            text = f"Probably {verdict}: no claim answers this; the closest evidence says \u201c{quote}\u201d"
            return Answer(text, 0.25, [], evidence, kind="evidence", uncertain=True)
    candidate = guess(ctx, top)
    if hint is not None and (hint_score >= HINT_SCORE or not candidate):
        text = f"Not certain: {hint.answer} The closest evidence says: \u201c{quote}\u201d"
        return Answer(
            text,
            min(hint.confidence, 0.3),
            hint.claims,
            evidence + hint.evidence,
            kind=hint.kind,
            uncertain=True,
        )
    if candidate:
        text = (
            f"Uncertain, probably {candidate}: no claim answers this; "
            f"the closest evidence says \u201c{quote}\u201d"
        )
        return Answer(text, 0.25, [], evidence, kind="evidence", uncertain=True)
    text = f"I don't know; the closest evidence says \u201c{quote}\u201d"
    return Answer(text, 0.1, [], evidence, kind="evidence", uncertain=True)


#: Words that deny what follows them in a sentence.
_NEGATORS = frozenset({"not", "no", "never", "without", "neither", "nor", "n't", "cannot"})


def yes_or_no(ctx: Context, text: str) -> str | None:
    """A yes/no question read against one sentence: "yes" when the sentence holds nearly every
    content word of the question, "no" when it also denies one of them ("developed *without*
    reference to Western designs") and the question does not; None when it holds too few."""
    keys = list(dict.fromkeys(ctx.q.keywords))
    if len(keys) < 2:
        return None
    words = tokens(text)
    found = [i for i, w in enumerate(words) if w.stem in keys]
    covered = {words[i].stem for i in found}
    if len(covered) < len(keys) - (1 if len(keys) >= 4 else 0):
        return None
    asked_negation = any(w.lower in _NEGATORS for w in ctx.q.words)
    denied = any(words[j].lower in _NEGATORS for i in found for j in range(max(0, i - 3), i))
    return "no" if denied and not asked_negation else "yes"
