"""Evidence sentences for a question: full-text search, boosted by the entities it names.

Candidates come from two places: an FTS5 query over the question's *rarer* words (a word found
in more than 0.5% of a large base's sentences, such as "founded", would make the query scan and
rank a large share of the base, so it is left out of the query), and the sentences that mention
an entity the question names (the mentions index, at most 150). Every candidate is then scored
the same way, in Python: the sum of the inverse document frequencies of the question words it
holds (prefix match on the stem, so "founded" matches "founding"), times 1.5 when it mentions a
named entity, plus one word's worth when it holds a year the question names. Document
frequencies come from FTS5's own vocabulary (an ``fts5vocab`` table in the connection's TEMP
schema, nothing written to the base).

Notes:
    Scoring by summed IDF of matched terms is the classic coordination-level ranking (Salton &
    Buckley, "Term-weighting approaches in automatic text retrieval", 1988); the entity boost plays
    the part of a field weight.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kronika.ask.lexicon import CUE_WORDS
from kronika.ask.text import IRREGULAR, STOP_WORDS, stem, tokens
from kronika.store import ask_queries

if TYPE_CHECKING:
    from kronika.ask.context import Context

#: Above this many sentences, words found in more than :data:`COMMON_SHARE` of them stay out of
#: the FTS query (they still count when candidates are scored).
SMALL_BASE = 5000
COMMON_SHARE = 0.005
#: At most this many words go into the FTS query, the rarest first.
QUERY_TERMS = 4
ENTITY_SENTENCES = 150
ENTITY_BOOST = 1.5
#: Openings that point back at what the sentence before listed or described ("The first ...").
_ORDINAL_ANAPHOR = re.compile(
    r"\s*the\s+(?:first|second|third|latter|former|last)\b", re.I
)
#: A verb's stem -> its irregular past forms ("spend" -> "spent").
_FORMS: dict[str, list[str]] = {}
for _form, _verb in IRREGULAR.items():
    _FORMS.setdefault(stem(_verb), []).append(_form)
#: How a sentence opens when it goes on about what the sentence before it named.
_ANAPHOR = re.compile(
    r"\s*(?:(?:these|those|this|that|such)\s+\w+|it|its|they|their|he|his|she|her|the\s+(?:first|second|"
    r"third|latter|former|last|company|firm|"
    r"institute|university|plant|park|group|project|programme|program|initiative|organi[sz]ation|machines?|"
    r"computers?|series|decree|law|agency|fund|studio|bank))\b",
    re.I,
)


@dataclass(frozen=True)
class Term:
    """A question word as searched: its stem (a prefix) or a number (exact)."""

    text: str
    prefix: bool

    @property
    def fts(self) -> str:
        """The FTS5 query term."""
        return f'"{self.text}"*' if self.prefix else f'"{self.text}"'

    def matches(self, word: str) -> bool:
        """Whether a sentence word (lower case) is this term."""
        return word.startswith(self.text) if self.prefix else word == self.text


def terms_of(ctx: Context) -> list[Term]:
    """The question's searchable words, without repeats."""
    found: dict[Term, None] = {}
    for w in ctx.q.words:
        if w.lower in STOP_WORDS or len(w.lower) < 2:
            continue
        if w.lower.isdigit():
            found[Term(w.lower, False)] = None
            continue
        base = re.sub(r"[^0-9a-z\u00c0-\u024f\u0400-\u04ff]", "", w.stem)
        if len(base) >= 3:
            found[Term(base, True)] = None
        elif len(base) == 2:
            found[Term(base, False)] = None
    return list(found)


def expansions(ctx: Context, known: list[Term]) -> list[Term]:
    """Other words for the relation the question names ("move" -> "relocate", "emigrate"), so a
    sentence saying it differently is still found. They count half as much as the question's own."""
    result: dict[Term, None] = {}
    for predicate, weight in ctx.q.predicates.items():
        if weight < 0.9:
            continue
        for word in CUE_WORDS.get(predicate, ())[:12]:
            term = Term(word, True)
            if term not in known and all(not word.startswith(k.text) for k in known if k.prefix):
                result[term] = None
    return list(result)


def search(ctx: Context, *, limit: int = 8) -> list[dict[str, Any]]:
    """The sentences that best match the question, best first.

    Args:
        ctx: the question being answered.
        limit: the most sentences returned.

    Returns:
        Sentence dicts (see :func:`kronika.store.ask_queries.search_sentences`) with ``score``
        (higher is better) and ``rank`` (its negation).
    """
    own = terms_of(ctx)
    extra = expansions(ctx, own)
    terms = own + extra
    conn = ctx.conn
    total = max(1, ask_queries.sentence_count(conn))
    freq = ask_queries.term_frequencies(conn, [(t.text, t.prefix) for t in terms])
    weight = {t: math.log(1 + total / (1 + freq.get((t.text, t.prefix), 0))) for t in terms}
    for t in extra:
        weight[t] *= 0.5
    candidates: dict[int, dict[str, Any]] = {}
    cap = total if total <= SMALL_BASE else COMMON_SHARE * total

    def rarest(pool: list[Term], n: int) -> list[Term]:
        found = [t for t in pool if 0 < freq.get((t.text, t.prefix), 0) <= cap]
        return sorted(found, key=lambda t: freq.get((t.text, t.prefix), 0))[:n]

    usable = rarest(own, QUERY_TERMS) + rarest(extra, 2)
    # "spend" also finds "spent" (and "spent" finds "spend", "spending")
    forms = [f'"{form}"' for t in own for form in _FORMS.get(t.text, ())]
    if usable or forms:
        match = " OR ".join([t.fts for t in usable] + forms)
        for hit in ask_queries.search_sentences(conn, match, limit=max(limit * 5, 40)):
            candidates[hit["rowid"]] = hit
    mentioned: set[int] = set()
    ids = ctx.given_ids(0.5)
    if ids:
        rowids = ask_queries.sentence_rowids_mentioning(conn, ids, limit=ENTITY_SENTENCES)
        mentioned = set(rowids)
        missing = [r for r in rowids if r not in candidates]
        for hit in ask_queries.sentences_by_rowid(conn, missing):
            candidates[hit["rowid"]] = hit
    # A sentence that opens on a pronoun or "these machines" speaks of what the sentence before it
    # names: it counts as mentioning that.
    # Its words count as holding the names the question gives, too.
    # Places and groups ("Belarusian IT companies") are named in too many sentences to be what a
    # pronoun stands for.
    things = [i for i, row in ctx.entity_info(ids).items() if row.get("type") not in ("place", "group")]
    found = ask_queries.sentence_rowids_mentioning(conn, things, limit=ENTITY_SENTENCES) if things else []
    named_rows = set(found)
    named_at = {(h["doc"], h["idx"]) for r, h in candidates.items() if r in named_rows}
    inherited: set[int] = set()
    for rowid, hit in candidates.items():
        before = {(hit["doc"], hit["idx"] - k) for k in (1, 2, 3)}
        if rowid not in mentioned and before & named_at and _ANAPHOR.match(hit["text"]):
            inherited.add(rowid)
    mentioned |= inherited
    name_words = {
        w.lower for m in ctx.matches if m.weight >= 0.5 and set(m.ids) & set(things) for w in tokens(m.text)
    }
    years = {str(p) for t in ctx.q.times for p in t.points}
    year_weight = max(weight.values(), default=1.0)
    # An anaphoric opening ("The first occurred in 2020") also holds, at half weight, the words of
    # the sentence before it ("two major shocks"), which say what it speaks of.
    openers = [r for r, h in candidates.items() if _ORDINAL_ANAPHOR.match(h["text"])]
    before_rows = {r - 1: r for r in openers}
    context_words: dict[int, set[str]] = {}
    for prev in ask_queries.sentences_by_rowid(conn, list(before_rows)):
        hit = candidates[before_rows[prev["rowid"]]]
        if prev["doc"] == hit["doc"] and prev["idx"] == hit["idx"] - 1:
            context_words[hit["rowid"]] = {w.lower for w in tokens(prev["text"])}
    for hit in candidates.values():
        words = {w.lower for w in tokens(hit["text"])}
        words |= {IRREGULAR[x] for x in words if x in IRREGULAR}
        words |= {part for x in words if "-" in x for part in x.split("-") if part}
        if hit["rowid"] in inherited:
            words |= name_words
        score = sum(w for t, w in weight.items() if any(t.matches(x) for x in words))
        around = context_words.get(hit["rowid"], set()) - words
        score += 0.5 * sum(w for t, w in weight.items() if any(t.matches(x) for x in around))
        if hit["rowid"] in mentioned:
            score *= ENTITY_BOOST
        if years and years & words:
            score += year_weight
        hit["score"] = score
        hit["rank"] = -score
    ranked = sorted(candidates.values(), key=lambda h: (-h["score"], h["rowid"]))
    return [h for h in ranked if h["score"] > 0][:limit]
