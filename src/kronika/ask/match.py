"""Find the entities a question names: by any alias, a near spelling, or a demonym.

Every run of up to eight words is normalised the way the store normalises names and looked up in
one query against the alias and entity tables; the longest matches that do not overlap win, so
"Minsk series" (the computers) beats "Minsk" (the city). A name two entities share is kept with
both; the query planner decides by which one has the claims asked about.

A capitalised word (or a long word) that matched nothing is compared with aliases sharing its
first three letters (:func:`difflib.SequenceMatcher`, ratio at least 0.84), so "Plyukhanovych"
still finds Adam Plyukhanovich. Demonyms ("Finnish", "Danish-Ukrainian") are read through the
alias registry, loaded only when a question has such a word.

Each match has a weight: 1.0 for a capitalised or digit-bearing name, 0.7 for a lower-case name
of several words ("export revenue"), 0.35 for one lower-case word ("companies"), times 0.85 for
a near spelling.
"""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronika.ask.lexicon import PREDICATE_CUES
from kronika.ask.question import Question
from kronika.ask.text import QUESTION_FILLER, STOP_WORDS, Token, words_list
from kronika.store import ask_queries, normalize_name

MAX_WORDS = 8
FUZZY_RATIO = 0.84
#: A several-word name spelt nearly right: the ratio it needs, and how rare (sentences) a word of
#: it must be to look for it.
RUN_RATIO = 0.8
RARE_WORD = 5000

# Words that may stand for each other inside a name ("Western companies" ~ "Western firms").
_NAME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "companies": ("firms", "businesses"),
    "firms": ("companies",),
    "company": ("firm",),
    "firm": ("company",),
    "professionals": ("specialists", "workers"),
    "specialists": ("professionals",),
    "workers": ("specialists",),
    "experts": ("specialists",),
    "series": ("computers",),
    "computer": ("computers",),
    "brand": (),
    "centre": ("center",),
    "centres": ("centers",),
    "programme": ("program",),
    "harbor": ("harbour",),
}
_WH_WORDS = frozenset(words_list("what which who whom whose when where why how"))


@dataclass
class EntityMatch:
    """A name found in a question.

    Attributes:
        start: offset of the name in the question.
        end: offset after it.
        text: the words as written.
        ids: the entities owning the name (several when it is shared).
        weight: how sure the match is (see the module notes).
        how: ``alias``, ``fuzzy`` or ``demonym``.
        related: ids of entities named after it ("HTP residents" for HTP), filled by the planner.
    """

    start: int
    end: int
    text: str
    ids: list[str]
    weight: float
    how: str = "alias"
    related: list[str] = field(default_factory=list)


def find_entities(conn: sqlite3.Connection, q: Question) -> list[EntityMatch]:
    """The entities a question names, in text order.

    Args:
        conn: the store's connection.
        q: the parsed question.

    Returns:
        Non-overlapping matches; demonym places are added as matches with ``how="demonym"``
        unless the place was named outright.
    """
    words = q.words
    grams: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
            if not _worth_looking_up(words[i:j]):
                continue
            surface = q.text[words[i].start : words[j - 1].end]
            for key in _keys(surface, words[i:j]):
                grams.setdefault(key, []).append((i, j))
    hits: dict[tuple[int, int], list[str]] = {}
    for norm, eid in ask_queries.names_matching(conn, list(grams)):
        for span in grams.get(norm, []):
            ids = hits.setdefault(span, [])
            if eid not in ids:
                ids.append(eid)
    chosen: list[EntityMatch] = []
    covered: set[int] = set()
    for (i, j), ids in sorted(hits.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if covered & set(range(i, j)):
            continue
        covered.update(range(i, j))
        span_words = words[i:j]
        chosen.append(
            EntityMatch(
                words[i].start,
                words[j - 1].end,
                q.text[words[i].start : words[j - 1].end],
                ids,
                _weight(span_words, i),
            )
        )
    chosen.extend(_demonyms(q, chosen, covered))
    chosen.extend(_fuzzy(conn, q, covered))
    chosen.extend(_fuzzy_runs(conn, q, covered))
    return sorted(chosen, key=lambda m: m.start)


def _worth_looking_up(span: list[Token]) -> bool:
    """Skip runs made only of function words, or starting or ending with one (except "of the")."""
    first, last = span[0], span[-1]
    if first.lower in STOP_WORDS or first.lower in _WH_WORDS:
        return False
    if last.lower in STOP_WORDS and not last.text[:1].isupper():
        return False
    return not all(w.lower in STOP_WORDS or w.lower in QUESTION_FILLER for w in span)


def _keys(surface: str, span: list[Token]) -> list[str]:
    """Normalised lookup keys for a run of words, with name synonyms swapped in."""
    key = normalize_name(surface)
    keys = [key] if key else []
    parts = key.split()
    for idx, part in enumerate(parts):
        for alt in _NAME_SYNONYMS.get(part, ()):
            keys.append(" ".join([*parts[:idx], alt, *parts[idx + 1 :]]))
    if len(parts) > 1 and parts[-1] in ("brand", "line", "initiative") and parts[0]:
        keys.append(" ".join(parts[:-1]))
    return keys


def _weight(span: list[Token], index: int) -> float:
    """How sure a match is, from how it is written (see the module notes)."""
    capitalised = any(
        (w.text[:1].isupper() and (index > 0 or k > 0 or w.lower not in STOP_WORDS))
        or any(c.isdigit() for c in w.text)
        for k, w in enumerate(span)
    )
    if capitalised and not (len(span) == 1 and index == 0 and span[0].lower in _WH_WORDS):
        return 1.0
    if len(span) > 1:
        return 0.7
    return 0.35


def _fuzzy(conn: sqlite3.Connection, q: Question, covered: set[int]) -> list[EntityMatch]:
    """Near spellings of names for capitalised or long words that matched nothing."""
    result: list[EntityMatch] = []
    for i, w in enumerate(q.words):
        if i in covered or w.lower in STOP_WORDS or w.lower in QUESTION_FILLER or len(w.lower) < 5:
            continue
        if w.lower.isdigit() or w.stem in PREDICATE_CUES or w.lower in PREDICATE_CUES:
            continue
        if not (w.text[:1].isupper() and i > 0):
            continue
        key = normalize_name(w.text)
        best: tuple[float, str, list[str]] = (0.0, "", [])
        for norm, eid in ask_queries.names_with_prefix(conn, key[:3]):
            words = norm.split()
            # whole names, and the last word of short names (a surname: "Plyukhanovych")
            for candidate in {norm, words[-1]} if 1 < len(words) <= 3 else {norm}:
                if abs(len(candidate) - len(key)) > 3:
                    continue
                ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
                if ratio > best[0]:
                    best = (ratio, candidate, [eid])
                elif ratio == best[0] and eid not in best[2]:
                    best[2].append(eid)
        if best[0] >= FUZZY_RATIO:
            result.append(EntityMatch(w.start, w.end, w.text, best[2], 0.85 * best[0], how="fuzzy"))
            covered.add(i)
    return result


def _fuzzy_runs(conn: sqlite3.Connection, q: Question, covered: set[int]) -> list[EntityMatch]:
    """Near spellings of several-word names ("Vilto Sotf 4"): the run's correctly spelt, rarer
    words find sentences, and the names mentioned there are compared with the run as a whole."""
    result: list[EntityMatch] = []
    runs: list[list[int]] = []
    for i, w in enumerate(q.words):
        name_like = (w.text[:1].isupper() and (i > 0 or w.lower not in _WH_WORDS)) or w.lower.isdigit()
        if i in covered or not name_like or w.lower in STOP_WORDS:
            if runs and runs[-1] and runs[-1][-1] == i - 1:
                runs.append([])
            continue
        if not runs or (runs[-1] and runs[-1][-1] != i - 1):
            runs.append([])
        runs[-1].append(i)
    for run in (r for r in runs if len(r) >= 2):
        words = [q.words[i] for i in run]
        terms = [w.lower for w in words if len(w.lower) >= 2]
        freq = ask_queries.term_frequencies(conn, [(t, False) for t in terms])
        known = [t for t in terms if 0 < freq.get((t, False), 0) <= RARE_WORD]
        if not known:
            continue
        surface = q.text[words[0].start : words[-1].end]
        key = normalize_name(surface)
        best: tuple[float, str] = (0.0, "")
        near = ask_queries.entities_near_words(conn, known)
        if terms[0] in known:  # the first word is right: names that start with it
            starting = ask_queries.names_with_prefix(conn, terms[0] + " ", limit=200)
            near += [(eid, norm) for norm, eid in starting]
        for eid, name in near:
            ratio = difflib.SequenceMatcher(None, key, normalize_name(name)).ratio()
            if ratio > best[0]:
                best = (ratio, eid)
        if best[0] >= RUN_RATIO:
            result.append(
                EntityMatch(words[0].start, words[-1].end, surface, [best[1]], 0.85 * best[0], "fuzzy")
            )
            covered.update(run)
    return result


def _demonyms(q: Question, chosen: list[EntityMatch], covered: set[int]) -> list[EntityMatch]:
    """Places named by demonyms ("Polish" -> Poland), unless a match already covers the word."""
    result: list[EntityMatch] = []
    index = {w.start: i for i, w in enumerate(q.words)}
    for w in q.demonyms:
        if index.get(w.start) in covered:
            continue
        places = demonym_places(w.text)
        if places:
            result.append(EntityMatch(w.start, w.end, w.text, places, 0.5, how="demonym"))
            if w.start in index:
                covered.add(index[w.start])
    return result


@lru_cache(maxsize=512)
def _demonym_places_cached(word: str) -> tuple[str, ...]:
    from kronika.registry import load_registry

    registry = load_registry()
    return tuple(e.id for e in registry.demonym_countries(word))


def demonym_places(word: str) -> list[str]:
    """Ids of the places a demonym names ("Danish-Ukrainian" -> Denmark, Ukraine); empty if none."""
    try:
        return list(_demonym_places_cached(word))
    except Exception:  # noqa: BLE001 - a broken registry must not break asking
        return []


def describe_matches(matches: list[EntityMatch]) -> list[dict[str, Any]]:
    """Matches as plain data (for debugging output and tests)."""
    return [
        {"text": m.text, "ids": m.ids, "weight": round(m.weight, 2), "how": m.how, "related": m.related}
        for m in matches
    ]
