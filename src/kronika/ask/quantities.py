"""Answers that are amounts: counts and sums at a time, records, and differences between two times.

A ``measure`` claim fits a question by its measure name (each word of the name matched by a
question word or a synonym, see :data:`~kronika.ask.lexicon.MEASURE_SYNONYMS`), its subject (an
entity the question names), its unit (a "how many" wants a count, a "what share" a percent, a
"how much ... revenue" money), its time, and the source the question names ("according to
dev.by"). A figure about another organization or person than the one named is doubted (-0.8),
and so is one about something else read in a document that never names what the question
names (-0.5); one read in a document that does is preferred (+0.3). The best claim fixes the
**series** (its subject, and measures with the same head noun and kind of unit); records,
maxima, differences and the nearest values to an asked year are computed over that series,
bounds kept in the words of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronika.ask import lexicon, render
from kronika.ask.answer import Answer, evidence_of
from kronika.ask.context import Context
from kronika.ask.text import stem
from kronika.ask.text import tokens as words_of
from kronika.store import ask_queries, normalize_name

_MEASURE_NAMES_CACHE: dict[int, list[str]] = {}


@dataclass
class Scored:
    """A measure claim with its score and the parts that made it."""

    claim: dict[str, Any]
    score: float
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def series(self) -> tuple[str, str]:
        """The series the claim belongs to: subject id and measure."""
        return (str((self.claim.get("subject") or {}).get("id")), str(self.claim.get("measure")))


def measure_fit(ctx: Context, measure: str | None, subject_name: str = "") -> float:
    """How well a measure name (and its subject's name) covers the question's measure words, 0…1."""
    if not measure:
        return 0.0
    key = (measure, subject_name)
    cache: dict[tuple[str, str], float] = ctx.cache.setdefault("measure_fit", {})
    if key not in cache:
        cache[key] = _measure_fit(ctx, measure, subject_name)
    return cache[key]


def _measure_fit(ctx: Context, measure: str, subject_name: str) -> float:
    tokens = [stem(t) for t in measure.split("_") if t and t not in ("of", "the", "and", "in")]
    if not tokens:
        return 0.0
    words = ctx.q.measure_words
    entity_words = {t.stem for m in ctx.matches for t in words_of(m.text)}
    subject_words = _name_stems(subject_name)

    def same(a: str, b: str) -> bool:
        if a == b:
            return True
        ga, gb = lexicon.MEASURE_SYNONYMS.get(a), lexicon.MEASURE_SYNONYMS.get(b)
        return ga is not None and ga == gb

    covered = sum(1 for t in tokens if any(same(t, w) for w in words))
    asked = [w for w in words if w not in entity_words or any(same(w, t) for t in tokens)]
    answered = sum(1 for w in asked if any(same(w, t) for t in tokens) or w in subject_words)
    name_part = covered / len(tokens)
    question_part = answered / len(asked) if asked else 0.0
    # What the question asks about weighs more than how much of the name it covers: a measure
    # that leaves question words unexplained ("foreign entities") is the wrong one.
    return 0.35 * name_part + 0.65 * question_part


@lru_cache(maxsize=4096)
def _name_stems(name: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalize_name(name).split())


def _unit_fit(ctx: Context, value: dict[str, Any] | None) -> float:
    unit = (value or {}).get("unit")
    wanted = ctx.q.unit
    if wanted is None or unit is None:
        return 0.0
    money = isinstance(unit, str) and len(unit) == 3 and unit.isupper()
    if wanted == "money":
        return 0.3 if money else -0.4
    if wanted == "percent":
        return 0.4 if unit == "percent" else -0.5
    if wanted == "count":
        # "How many of them are foreign?" is fairly answered by a share
        return 0.3 if unit == "count" else (-0.2 if unit == "percent" else -0.5)
    return 0.0


def _source_fit(ctx: Context, claim: dict[str, Any]) -> float:
    wanted = ctx.q.according_to
    if not wanted:
        return 0.0
    key = normalize_name(wanted)
    source = normalize_name(str((claim.get("qualifiers") or {}).get("according_to") or ""))
    if key and source and (key in source or source in key):
        return 0.5
    text = normalize_name(str((claim.get("evidence") or {}).get("text") or ""))
    if key and key in text:
        return 0.3
    return -0.1


def _measure_names(ctx: Context) -> list[str]:
    key = id(ctx.conn)
    names = _MEASURE_NAMES_CACHE.get(key)
    if names is None:
        names = ask_queries.measure_names(ctx.conn)
        _MEASURE_NAMES_CACHE.clear()
        _MEASURE_NAMES_CACHE[key] = names
    return names


def measure_candidates(ctx: Context, *, use_time: bool = True) -> list[Scored]:
    """Measure claims scored against the question, best first."""
    ids = ctx.given_ids(0.3)
    found: dict[str, dict[str, Any]] = {}
    if ids:
        for claim in ask_queries.claims_about(
            ctx.conn, ids, predicates=["measure"], side="subject", limit=600
        ):
            found[claim["id"]] = claim
    about_named = len(found)
    if len(found) < 40:
        for claim in ctx.sentence_claims():
            if claim.get("predicate") == "measure":
                found.setdefault(claim["id"], claim)
    names = [n for n in _measure_names(ctx) if measure_fit(ctx, n) >= 0.45]
    names.sort(key=lambda n: -measure_fit(ctx, n))
    if names:
        for claim in ask_queries.measure_claims(ctx.conn, names[:20], subjects=ids or None, limit=400):
            found.setdefault(claim["id"], claim)
        if about_named == 0 or (about_named < 3 and not ctx.named_subjects()):
            # nothing (or little, and nothing named by name) about the named entities: any subject's
            for claim in ask_queries.measure_claims(ctx.conn, names[:5], limit=120):
                found.setdefault(claim["id"], claim)
    now = ctx.q.time is not None and ctx.q.time.kind == "now" and use_time
    late = ctx.recency(list(found.values())) if now else {}
    named = ctx.named_subjects()
    strong = any(m.weight >= 0.9 and m.how == "alias" for m in ctx.matches)
    scored: list[Scored] = []
    for claim in found.values():
        subject = claim.get("subject") or {}
        entity = ctx.entity_weight(subject)
        parts = {
            "measure": 1.5 * measure_fit(ctx, claim.get("measure"), str(subject.get("name") or "")),
            "entity": 1.0 * entity,
            # The question names something else: this is another entity's figure.
            "other": -0.8 if named and entity < 0.5 else 0.0,
            "unit": _unit_fit(ctx, claim.get("value")),
            "time": 0.8 * ctx.time_fit(claim.get("time"), point=True) if use_time else 0.0,
            "source": _source_fit(ctx, claim),
            "words": 0.6 * ctx.word_overlap(claim),
            "recency": 0.3 * late.get(claim["id"], 0.0),
            # read in a document about what the question names ("ICT exports" -> the ICT report)
            "context": 0.3 if entity < 0.5 and claim.get("_doc") in ctx.given_documents() else 0.0,
            # about something else, in a document that never names what the question names
            "unrelated": -0.5
            if entity < 0.5 and strong and claim.get("_doc") not in ctx.given_documents()
            else 0.0,
            "status": ctx.status_fit(claim),
            "confidence": 0.2 * float(claim.get("confidence") or 0.0),
        }
        scored.append(Scored(claim, sum(parts.values()), parts))
    scored.sort(key=lambda s: -s.score)
    return scored


def _amount(value: dict[str, Any] | None) -> float | None:
    """The number a value stands for: its amount, else a bound."""
    if not value:
        return None
    for key in ("amount", "lower", "upper"):
        if value.get(key) is not None:
            return float(value[key])
    return None


def _compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two values can both be true (equal within 1%, or a bound the other satisfies)."""
    x, y = _amount(a), _amount(b)
    if x is None or y is None:
        return True
    if abs(x - y) <= 0.01 * max(abs(x), abs(y), 1e-9):
        return True
    for v, other in ((a or {}, y), (b or {}, x)):
        comparator = v.get("comparator")
        lower, upper = v.get("lower"), v.get("upper")
        if comparator in (">", ">=") and lower is not None and other >= lower:
            return True
        if comparator in ("<", "<=") and upper is not None and other <= upper:
            return True
        if comparator == "range" and lower is not None and upper is not None and lower <= other <= upper:
            return True
    return False


def _same_time(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    a, b = a or {}, b or {}
    return (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))


def _disagreement(best: Scored, ranked: list[Scored]) -> list[Scored]:
    """Claims on the same series and time whose values cannot all be true with the best one."""
    rivals: list[Scored] = []
    for other in ranked[1:12]:
        if other.series != best.series or other.score < best.score - 0.4:
            continue
        if not _same_time(other.claim.get("time"), best.claim.get("time")):
            continue
        if _compatible(other.claim.get("value"), best.claim.get("value")):
            continue
        if all(not _compatible(other.claim.get("value"), r.claim.get("value")) for r in rivals):
            rivals.append(other)
    return rivals


def _conflict_text(items: list[Scored]) -> str:
    parts = [f"{render.value_text(s.claim.get('value'))} ({render.source_text(s.claim)})" for s in items]
    return "Sources disagree: " + "; ".join(parts) + "."


def answer_quantity(ctx: Context) -> tuple[Answer, float] | None:
    """A value at a time, a record, or a difference, with its score; None without a measure claim."""
    if ctx.q.change:
        return answer_difference(ctx)
    if ctx.q.extreme:
        return answer_extreme(ctx, want_time=False)
    ranked = measure_candidates(ctx)
    if not ranked:
        return None
    best = ranked[0]
    if ctx.q.time is not None and ctx.q.time.kind != "now" and best.parts.get("time", 0.0) < 0:
        nearest = _nearest_values(ctx, best, ranked)
        if nearest is not None:
            return nearest
    rivals = _disagreement(best, ranked)
    score = best.score + 0.3
    if best.parts["entity"] < 0.5 and any(
        r.series[0] != best.series[0] and r.score >= best.score - 0.15 for r in ranked[1:6]
    ):
        score -= 0.6  # several subjects fit equally and the question names none of them
    if ctx.q.target != "quantity" and best.parts["measure"] < 0.9:
        score -= 0.5  # not worded as a question about an amount, and the measure explains little of it
    text = render.sentence_case(render.measure_clause(ctx.readable(best.claim)))
    claims = [best.claim] + [r.claim for r in rivals]
    confidence = _confidence(best)
    if rivals:
        text = f"{text} {_conflict_text([best, *rivals])}"
        confidence *= 0.7
    answer = Answer(text, confidence, claims, evidence_of(claims), kind="quantity", conflict=bool(rivals))
    return answer, score


def _nearest_values(ctx: Context, best: Scored, ranked: list[Scored]) -> tuple[Answer, float] | None:
    """No value for the asked time: the series' values just before and just after it."""
    qtime = ctx.q.time
    assert qtime is not None
    asked_lo = render.year_of(qtime.start) or render.year_of(qtime.end) or 0
    asked_hi = render.year_of(qtime.end) or asked_lo

    def years(claim: dict[str, Any]) -> tuple[int, int]:
        time = claim.get("time") or {}
        lo = render.year_of(time.get("start")) or render.year_of(time.get("end")) or 0
        return lo, render.year_of(time.get("end")) or lo

    series = [
        c
        for c in series_of(ctx, best, ranked)
        if (c.get("time") or {}).get("start") or (c.get("time") or {}).get("end")
    ]
    before = [c for c in series if years(c)[1] < asked_lo]
    after = [c for c in series if years(c)[0] > asked_hi]
    picks = ([max(before, key=lambda c: years(c)[1])] if before else []) + (
        [min(after, key=lambda c: years(c)[0])] if after else []
    )
    if not picks:
        return None
    shown = "; ".join(render.measure_clause(ctx.readable(c)) for c in picks)
    asked = re.sub(r"(?i)^(in|during|for)\s+", "", qtime.text.strip())
    text = f"No figure for {asked} itself; the nearest: {shown}."
    score = best.score - best.parts.get("time", 0.0) + 0.3 - 0.4
    return Answer(
        render.sentence_case(text), _confidence(best) * 0.6, picks, evidence_of(picks), kind="quantity"
    ), score


def answer_measure_time(ctx: Context) -> tuple[Answer, float] | None:
    """When a series reached a value ("When did HTP residents pass 100?"): the time of the best
    measure claim, preferring one whose value is the number the question names."""
    numbers = _question_numbers(ctx)
    ranked = measure_candidates(ctx, use_time=False)
    timed = [
        s
        for s in ranked
        if (s.claim.get("time") or {}).get("start") or (s.claim.get("time") or {}).get("end")
    ]
    if not timed:
        return None
    if numbers:
        for s in timed:
            amount = _amount(s.claim.get("value"))
            if amount is not None and any(abs(amount - n) <= 0.01 * max(abs(n), 1e-9) for n in numbers):
                s.score += 0.6
        timed.sort(key=lambda s: -s.score)
    best = timed[0]
    text = render.sentence_case(render.measure_clause(ctx.readable(best.claim)))
    answer = Answer(text, _confidence(best), [best.claim], evidence_of([best.claim]), kind="time")
    return answer, best.score


def _question_numbers(ctx: Context) -> list[float]:
    """Numbers the question names that are not years ("100", "1.8 billion", "35%")."""
    found: list[float] = []
    spans = [t.span for t in ctx.q.times]
    for m in _NUMBER.finditer(ctx.q.text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        value = float(m.group(1).replace(",", ""))
        scale = (m.group(2) or "").lower()
        value *= {"billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6, "thousand": 1e3}.get(scale, 1.0)
        found.append(value)
    return found


_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(billion|bn|million|m|thousand)?\b", re.I)


def _confidence(best: Scored) -> float:
    fit = max(0.0, min(1.0, (best.score - 0.6) / 2.2))
    return round(float(best.claim.get("confidence") or 0.5) * (0.5 + 0.5 * fit), 3)


def series_of(ctx: Context, best: Scored, ranked: list[Scored]) -> list[dict[str, Any]]:
    """Every claim of the best claim's series, from the store: same subject, and a measure with the
    same head noun and kind of unit ("ict_exports" and "exports" in USD are one series, as one
    sentence calls them "ICT exports" and the next just "exports")."""
    subject, measure = best.series
    unit = _unit_kind((best.claim.get("value") or {}).get("unit"))
    head = _head(measure)
    found = {s.claim["id"]: s.claim for s in ranked if s.series == best.series}
    for claim in ask_queries.claims_about(
        ctx.conn, [subject], predicates=["measure"], side="subject", limit=500
    ):
        same = claim.get("measure") == measure or (
            _head(claim.get("measure")) == head and _unit_kind((claim.get("value") or {}).get("unit")) == unit
        )
        if same:
            found.setdefault(claim["id"], claim)
    return list(found.values())


def _head(measure: str | None) -> str:
    """A measure name's head noun, stemmed: "ict_exports" -> "export"."""
    parts = [p for p in str(measure or "").split("_") if p]
    return stem(parts[-1]) if parts else ""


def _unit_kind(unit: str | None) -> str:
    """``money``, ``percent``, ``count`` or the unit itself."""
    if unit and len(unit) == 3 and unit.isupper():
        return "money"
    return unit or "count"


def answer_extreme(ctx: Context, *, want_time: bool) -> tuple[Answer, float] | None:
    """The record (a ``record`` qualifier if any claim has one, else the max or min) of the best series."""
    ranked = measure_candidates(ctx, use_time=False)
    if not ranked:
        return None
    best = ranked[0]
    series = [c for c in series_of(ctx, best, ranked) if _amount(c.get("value")) is not None]
    if not series:
        return None
    records = [c for c in series if (c.get("qualifiers") or {}).get("record")]
    how = "record"
    if records and ctx.q.extreme != "min":
        picks = records
    else:
        how = "max" if ctx.q.extreme != "min" else "min"
        pick = (max if how == "max" else min)(series, key=lambda c: _amount(c.get("value")) or 0.0)
        picks = [c for c in series if _amount(c.get("value")) == _amount(pick.get("value"))]
    years = {render.year_text(c.get("time")) for c in picks}
    subject = render.entity_name(picks[0].get("subject"))
    label = render.measure_label(picks[0].get("measure"))
    word = {"record": "a record", "max": "the highest", "min": "the lowest"}[how]
    if len(years) > 1:
        parts = [
            f"{render.value_text(c.get('value'))} {render.year_text(c.get('time'))} ({render.source_text(c)})"
            for c in picks
        ]
        text = (
            f"Sources disagree on {possessive_label(subject, label)} {word.split()[-1]}: "
            + "; ".join(parts)
            + "."
        )
        conflict = True
    else:
        when = years.pop()
        value = render.value_text(picks[0].get("value"))
        if want_time:
            text = f"{possessive_label(subject, label)} was {word} {when}: {value}."
        else:
            text = f"{possessive_label(subject, label)} was {word} at {value} {when}."
        conflict = False
        if how != "record" and len(series) > 1:
            others = sorted(
                (c for c in series if c not in picks),
                key=lambda c: render.year_of((c.get("time") or {}).get("start")) or 0,
            )[:4]
            if others:
                text += (
                    " Other values: "
                    + "; ".join(
                        f"{render.value_text(c.get('value'))} {render.year_text(c.get('time'))}".strip()
                        for c in others
                    )
                    + "."
                )
    claims = picks + [c for c in series if c not in picks][:4]
    confidence = _confidence(best) * (0.7 if conflict else 1.0)
    kind = "extreme"
    return Answer(
        render.sentence_case(text), confidence, claims, evidence_of(claims), kind=kind, conflict=conflict
    ), best.score + 0.3


def possessive_label(subject: str, label: str) -> str:
    """ "High Technologies Park's export revenue"; "the number of HTP residents" when the measure
    only repeats the subject's name."""
    if set(label.lower().split()) <= set(subject.lower().split()):
        return f"the number of {subject}"
    return f"{render.possessive(subject)} {label}"


def _point_claim(series: list[dict[str, Any]], year: int) -> dict[str, Any] | None:
    """The claim of a series for one year: the one whose time is that year, else one covering it."""
    exact = [
        c
        for c in series
        if render.year_of((c.get("time") or {}).get("start")) == year
        and render.year_of((c.get("time") or {}).get("end")) == year
    ]
    if exact:
        return max(exact, key=lambda c: float(c.get("confidence") or 0))
    covering = []
    for c in series:
        t = c.get("time") or {}
        start, end = render.year_of(t.get("start")), render.year_of(t.get("end"))
        if (start is None or start <= year) and (end is None or year <= end) and (start or end):
            covering.append(c)
    return max(covering, key=lambda c: float(c.get("confidence") or 0)) if covering else None


def _points(ctx: Context, series: list[dict[str, Any]]) -> list[int]:
    """The two years a difference is asked between (the one named and the one before it if only one)."""
    years: list[int] = []
    for t in ctx.q.times:
        years.extend(t.points)
    years = list(dict.fromkeys(years))
    if len(years) >= 2:
        return years[:2]
    known = sorted(
        {
            y
            for c in series
            for y in [
                render.year_of((c.get("time") or {}).get("start"))
                or render.year_of((c.get("time") or {}).get("end"))
            ]
            if y
        }
    )
    if len(years) == 1:
        earlier = [y for y in known if y < years[0]]
        return [earlier[-1], years[0]] if earlier else []
    return known[-2:] if len(known) >= 2 else []


def answer_difference(ctx: Context) -> tuple[Answer, float] | None:
    """How much a series changed between two times (absolute, and relative in brackets), or, for
    "combined", the two values added."""
    ranked = measure_candidates(ctx, use_time=False)
    if not ranked:
        return None
    best = ranked[0]
    series = series_of(ctx, best, ranked)
    years = _points(ctx, series)
    if len(years) < 2:
        return None
    first_year, second_year = sorted(years)
    a, b = _point_claim(series, first_year), _point_claim(series, second_year)
    if a is None or b is None or a is b:
        return None
    x, y = _amount(a.get("value")), _amount(b.get("value"))
    if x is None or y is None:
        return None
    unit = (a.get("value") or {}).get("unit")
    diff = y - x
    verb = "rose" if diff > 0 else "fell" if diff < 0 else "did not change"
    subject = render.entity_name(a.get("subject"))
    label = render.measure_label(a.get("measure"))
    change = render.amount_text(abs(diff), unit)
    if unit == "percent":
        change = f"{render.number(round(abs(diff), 2))} percentage points"
    relative = (
        f" ({'+' if diff > 0 else '-'}{render.number(round(abs(diff) / abs(x) * 100, 1))}%)" if x else ""
    )
    bounded = any((v.get("value") or {}).get("comparator") not in ("=", None) for v in (a, b))
    by = "by about" if bounded else "by"
    if ctx.q.change == "sum":
        total = render.amount_text(x + y, unit)
        text = (
            f"{'About ' if bounded else ''}{total} in all: {render.value_text(a.get('value'))} "
            f"{render.year_text(a.get('time'))} and {render.value_text(b.get('value'))} "
            f"{render.year_text(b.get('time'))} ({possessive_label(subject, label)})."
        )
    elif ctx.q.change == "percent_change" and x:
        lead = f"{render.number(round(abs(diff) / abs(x) * 100, 1))}%"
        text = (
            f"{possessive_label(subject, label)} {verb} {by} {lead} ({change}), from "
            f"{render.value_text(a.get('value'))} {render.year_text(a.get('time'))} to "
            f"{render.value_text(b.get('value'))} {render.year_text(b.get('time'))}."
        )
    elif diff == 0:
        text = f"{possessive_label(subject, label)} did not change: {render.value_text(a.get('value'))}."
    else:
        text = (
            f"{possessive_label(subject, label)} {verb} {by} {change}{relative}, from "
            f"{render.value_text(a.get('value'))} {render.year_text(a.get('time'))} to "
            f"{render.value_text(b.get('value'))} {render.year_text(b.get('time'))}."
        )
    comparative = re.search(r"\bthan\b", ctx.q.text, re.I) is not None  # "higher in 2023 than in 2024"
    if ctx.q.direction and diff and (diff > 0) != (ctx.q.direction > 0) and not comparative:
        text = text.rstrip(".") + f"; it {verb}, it did not {'rise' if ctx.q.direction > 0 else 'fall'}."
    claims = [a, b]
    confidence = _confidence(best) * (0.8 if bounded else 1.0)
    kind = "sum" if ctx.q.change == "sum" else "difference"
    return Answer(render.sentence_case(text), confidence, claims, evidence_of(claims), kind=kind), (
        best.score + 0.4
    )
