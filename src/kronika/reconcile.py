"""Reconciliation: claims into facts, conflicts and series.

A **fact** is the set of claims that say the same thing: the same subject, predicate, object
and measure, with compatible values and times. A **conflict** is a set of facts about the same
subject, predicate (and measure) and time that cannot all be true. A **series** is the
``measure`` facts of one subject and measure, ordered by time: the points of a chart.

Everything here is a pure function of claim-format dicts (``../shared/eval/CLAIMS.md``), so it
works the same on claims from the store, from an export or from a test table.

Notes:
    Values are compared as intervals. ``=`` is a point widened by :data:`EXACT_TOLERANCE`
    (so "$1.8 billion" and "1.8 bn USD" agree even after rounding), ``~`` a point widened by
    :data:`APPROX_TOLERANCE` ("almost 40%" agrees with "38%"), ``>``/``>=`` a ray from the lower
    bound, ``<``/``<=`` a ray to the upper bound and ``range`` its two ends. Two values agree
    when their intervals meet. Bounds are kept as bounds: "more than 400" never becomes 400.

    Times are compared at two strengths. Relations and events agree when their spans overlap
    (an open end reaches to infinity; no time at all agrees with everything). Measures are
    about one moment, so two measure claims share a time only when their spans cover the same
    years (or one has no time): "100 in 2011" and "180 by 2016" are two points, not one fact.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kronika.ids import digest

#: Relative tolerance of an exact (``=``) value: rounding in the source is not a disagreement.
EXACT_TOLERANCE = 0.01
#: Relative tolerance of an approximate (``~``) value ("about", "almost", "nearly").
APPROX_TOLERANCE = 0.1
#: Predicates whose time is what they say: two different times for one subject are a conflict.
TIME_VALUED = frozenset({"founded", "occurred"})

Claim = Mapping[str, Any]
Interval = tuple[float, float]


# --------------------------------------------------------------------------- values and times


def value_interval(value: Mapping[str, Any] | None) -> Interval | None:
    """The numbers a claim-format ``value`` allows, as a closed interval.

    Args:
        value: the claim's ``value`` object, or None.

    Returns:
        ``(low, high)`` with infinities for open bounds, or None when there is no number.
    """
    if not value:
        return None
    amount, lower, upper = value.get("amount"), value.get("lower"), value.get("upper")
    comparator = value.get("comparator") or "="
    if comparator in (">", ">="):
        low = lower if lower is not None else amount
        return None if low is None else (float(low), math.inf)
    if comparator in ("<", "<="):
        high = upper if upper is not None else amount
        return None if high is None else (-math.inf, float(high))
    if comparator == "range" or (lower is not None and upper is not None):
        low = lower if lower is not None else amount
        high = upper if upper is not None else amount
        if low is None and high is None:
            return None
        return (float(low) if low is not None else -math.inf, float(high) if high is not None else math.inf)
    if amount is None:
        return None
    tolerance = APPROX_TOLERANCE if comparator == "~" else EXACT_TOLERANCE
    spread = abs(float(amount)) * tolerance
    return (float(amount) - spread, float(amount) + spread)


def values_agree(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Whether two claim-format values can both be true.

    Values in different units never contradict each other (they measure different things);
    a missing value agrees with anything.
    """
    if not a or not b:
        return True
    if (a.get("unit") or "count") != (b.get("unit") or "count"):
        return True
    ia, ib = value_interval(a), value_interval(b)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _has_time(time: Mapping[str, Any] | None) -> bool:
    return bool(time) and (time.get("start") is not None or time.get("end") is not None)  # type: ignore[union-attr]


def times_overlap(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Whether two claim-format times share a day (open ends reach forever; no time matches all)."""
    if not _has_time(a) or not _has_time(b):
        return True
    assert a is not None and b is not None
    a_start, a_end = a.get("start") or "", a.get("end") or "9999-12-31"
    b_start, b_end = b.get("start") or "", b.get("end") or "9999-12-31"
    return a_start <= b_end and b_start <= a_end


def year_key(time: Mapping[str, Any] | None) -> tuple[str | None, str | None] | None:
    """A time as (first year, last year), either None when open; None when there is no time."""
    if not _has_time(time):
        return None
    assert time is not None
    start, end = time.get("start"), time.get("end")
    return (start[:4] if start else None, end[:4] if end else None)


def same_moment(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Whether two measure claims speak of the same time (same years, or one undated)."""
    ka, kb = year_key(a), year_key(b)
    return ka is None or kb is None or ka == kb


def holds_as_of(claim: Claim, year: int | None) -> bool:
    """Whether a claim is already true in ``year`` (world time): it starts then or earlier.

    Claims without a start are kept: nothing says they began later.
    """
    if year is None:
        return True
    time = claim.get("time") or {}
    start = time.get("start")
    if start is None:
        return True
    return int(start[:4]) <= year


#: A reviewer's rank of a claim (``rank``, absent for normal) as a sort key: preferred first.
RANK_ORDER = {"preferred": 0, "normal": 1, "deprecated": 2}


def claim_rank(claim: Claim) -> str:
    """A claim's rank: ``preferred``, ``normal`` (also when unsaid) or ``deprecated``."""
    rank = str(claim.get("rank") or "normal")
    return rank if rank in RANK_ORDER else "normal"


def _precision_rank(claim: Claim) -> tuple[int, int, float, int]:
    """Sort key: preferred before normal before deprecated, accepted before proposed, narrower
    values and times first, then confidence."""
    rank = RANK_ORDER[claim_rank(claim)]
    status = {"accepted": 0, "proposed": 1}.get(str(claim.get("status")), 2)
    interval = value_interval(claim.get("value"))
    width = math.inf if interval is None else interval[1] - interval[0]
    time = claim.get("time") or {}
    dated = 0 if time.get("start") and time.get("end") else 1
    return (rank, status, width if not math.isnan(width) else math.inf, dated)


# --------------------------------------------------------------------------- facts


@dataclass
class Fact:
    """Claims that say the same thing.

    Attributes:
        claims: the claims, the best first (accepted, then the most precise, then confidence).
    """

    key: tuple[Any, ...]
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def best(self) -> dict[str, Any]:
        """The claim that speaks for the fact."""
        return self.claims[0]

    @property
    def id(self) -> str:
        """A stable id: the key and the best claim's value and time."""
        best = self.best
        value = best.get("value") or {}
        time = best.get("time") or {}
        return "f-" + digest(
            self.key,
            value.get("amount"),
            value.get("lower"),
            value.get("upper"),
            time.get("start"),
            time.get("end"),
        )

    @property
    def rank(self) -> str:
        """``preferred`` when a reviewer preferred one of its claims, ``deprecated`` when every
        claim is deprecated, else ``normal``."""
        ranks = {claim_rank(c) for c in self.claims}
        if "preferred" in ranks:
            return "preferred"
        return "deprecated" if ranks == {"deprecated"} else "normal"

    def agrees_with(self, claim: Claim) -> bool:
        """Whether a claim fits every claim already in the fact."""
        measure = self.key[1] == "measure"
        for other in self.claims:
            if not values_agree(other.get("value"), claim.get("value")):
                return False
            if measure:
                if not same_moment(other.get("time"), claim.get("time")):
                    return False
            elif not times_overlap(other.get("time"), claim.get("time")):
                return False
        return True

    def to_dict(self) -> dict[str, Any]:
        """The fact as JSON-ready data: the best claim's statement plus every claim as evidence."""
        best = self.best
        statuses = {str(c.get("status")) for c in self.claims}
        documents = {(c.get("evidence") or {}).get("document") for c in self.claims}
        return {
            "id": self.id,
            "subject": best["subject"],
            "predicate": best["predicate"],
            "object": best.get("object"),
            "measure": best.get("measure"),
            "value": best.get("value"),
            "time": _widest_known_time(self.claims) if best["predicate"] != "measure" else best.get("time"),
            "status": "accepted"
            if "accepted" in statuses
            else ("proposed" if "proposed" in statuses else "rejected"),
            "rank": self.rank,
            "confidence": max(float(c.get("confidence") or 0) for c in self.claims),
            "sources": len(documents - {None}),
            "qualifiers": _merged_qualifiers(self.claims),
            "claims": list(self.claims),
        }


def _widest_known_time(claims: Sequence[Claim]) -> dict[str, Any] | None:
    """The most precise dated time among the claims (the best claim's if it has one)."""
    dated = [c.get("time") for c in claims if _has_time(c.get("time"))]
    if not dated:
        return claims[0].get("time")
    return min(dated, key=lambda t: _span_days(t))  # type: ignore[arg-type]


def _span_days(time: Mapping[str, Any]) -> int:
    start, end = time.get("start"), time.get("end")
    if not start or not end:
        return 10**9
    return (int(end[:4]) - int(start[:4])) * 366 + (int(end[5:7] or 0) - int(start[5:7] or 0)) * 31


def _merged_qualifiers(claims: Sequence[Claim]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for claim in reversed(claims):
        merged.update(claim.get("qualifiers") or {})
    return merged


def canonical_measure(measure: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """A measure's canonical name through an alias table (``resident_companies`` → ``residents``)."""
    if measure is None or not aliases:
        return measure
    return aliases.get(measure, measure)


def fact_key(claim: Claim, measure_aliases: Mapping[str, str] | None = None) -> tuple[Any, ...]:
    """What must be equal for two claims to be one fact: subject, predicate, object, measure, unit."""
    obj = claim.get("object") or {}
    value = claim.get("value") or {}
    return (
        claim["subject"]["id"],
        claim["predicate"],
        obj.get("id"),
        canonical_measure(claim.get("measure"), measure_aliases),
        value.get("unit"),
    )


def group_facts(
    claims: Iterable[Claim],
    *,
    measure_aliases: Mapping[str, str] | None = None,
    include_rejected: bool = False,
) -> list[Fact]:
    """Group claims into facts.

    Claims are taken best first (accepted, narrowest value, dated, most confident); each joins
    the first fact of its key that it agrees with entirely, or starts a new one.

    Args:
        claims: claim-format dicts.
        measure_aliases: measure synonyms to their canonical name.
        include_rejected: keep claims a reviewer rejected (they are left out by default).

    Returns:
        Facts in a stable order: by key, then by time.
    """
    by_key: dict[tuple[Any, ...], list[Fact]] = {}
    ordered = sorted(
        (dict(c) for c in claims if include_rejected or c.get("status") != "rejected"),
        key=lambda c: (_precision_rank(c), -float(c.get("confidence") or 0), str(c.get("id"))),
    )
    for claim in ordered:
        key = fact_key(claim, measure_aliases)
        facts = by_key.setdefault(key, [])
        for fact in facts:
            if fact.agrees_with(claim):
                fact.claims.append(claim)
                break
        else:
            facts.append(Fact(key, [claim]))
    result = [fact for facts in by_key.values() for fact in facts]
    result.sort(key=lambda f: (tuple(str(k) for k in f.key), _time_sort(f.best.get("time")), f.id))
    return result


def _time_sort(time: Mapping[str, Any] | None) -> str:
    if not time:
        return "~"
    return str(time.get("start") or time.get("end") or "~")


def facts(
    claims: Iterable[Claim], *, measure_aliases: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Facts as JSON-ready dicts, each with a ``conflict`` id when it takes part in one.

    Args:
        claims: claim-format dicts.
        measure_aliases: measure synonyms to their canonical name.

    Returns:
        Fact dicts (see :meth:`Fact.to_dict`) with a ``conflict`` key.
    """
    grouped = group_facts(claims, measure_aliases=measure_aliases)
    found = find_conflicts(grouped)
    member: dict[str, str] = {}
    for conflict in found:
        for fact in conflict["facts"]:
            member.setdefault(fact["id"], conflict["id"])
    out = []
    for fact in grouped:
        data = fact.to_dict()
        data["conflict"] = member.get(data["id"])
        out.append(data)
    return out


# --------------------------------------------------------------------------- conflicts


def find_conflicts(facts_: Sequence[Fact]) -> list[dict[str, Any]]:
    """Sets of facts that cannot all be true.

    Three kinds:

    - ``time``: a time-valued predicate (founded, occurred) with non-overlapping times for
      one subject ("founded in 1991" and "founded in 1994").
    - ``value``: one subject, measure and unit with values for the same years that do not meet
      ("$1.8 billion in 2024" and "$2.5 billion in 2024").
    - ``record``: claims marked ``record`` for one subject and measure at different times
      ("a record in 2023" and "a record in 2022").

    Args:
        facts_: grouped facts (see :func:`group_facts`).

    Returns:
        Conflict dicts: ``id``, ``kind``, ``subject``, ``predicate``, ``measure``, ``time``
        (for value conflicts), and ``facts`` (fact dicts, each with its claims).
    """
    conflicts: list[dict[str, Any]] = []
    by_subject: dict[tuple[Any, ...], list[Fact]] = {}
    for fact in facts_:
        subject, predicate, _obj, measure, unit = fact.key
        if predicate in TIME_VALUED:
            by_subject.setdefault(("time", subject, predicate), []).append(fact)
        elif predicate == "measure":
            by_subject.setdefault(("value", subject, measure, unit), []).append(fact)
            if any((c.get("qualifiers") or {}).get("record") for c in fact.claims):
                by_subject.setdefault(("record", subject, measure), []).append(fact)
    for group_key, members in by_subject.items():
        kind = group_key[0]
        if len(members) < 2:
            continue
        if kind == "time":
            dated = [f for f in members if _has_time(f.best.get("time"))]
            clash = _clashing(dated, lambda a, b: not times_overlap(a.best.get("time"), b.best.get("time")))
            if clash:
                conflicts.append(_conflict("time", clash, None))
        elif kind == "record":
            dated = [f for f in members if _has_time(f.best.get("time"))]
            clash = _clashing(
                dated, lambda a, b: year_key(a.best.get("time")) != year_key(b.best.get("time"))
            )
            if clash:
                conflicts.append(_conflict("record", clash, None))
        else:
            by_moment: dict[Any, list[Fact]] = {}
            for fact in members:
                moment = year_key(fact.best.get("time"))
                if moment is not None:
                    by_moment.setdefault(moment, []).append(fact)
            for _moment, same in sorted(by_moment.items(), key=lambda kv: str(kv[0])):
                clash = _clashing(
                    same, lambda a, b: not values_agree(a.best.get("value"), b.best.get("value"))
                )
                if clash:
                    conflicts.append(_conflict("value", clash, same[0].best.get("time")))
    conflicts.sort(
        key=lambda c: (c["subject"]["name"].casefold(), c["predicate"], str(c["measure"]), c["id"])
    )
    return conflicts


def _clashing(members: Sequence[Fact], clash: Any) -> list[Fact]:
    """The members that clash with at least one other member."""
    hit: list[Fact] = []
    for i, a in enumerate(members):
        if any(clash(a, b) for j, b in enumerate(members) if i != j):
            hit.append(a)
    return hit


def _conflict(kind: str, members: Sequence[Fact], time: Mapping[str, Any] | None) -> dict[str, Any]:
    first = members[0].best
    facts_ = [f.to_dict() for f in members]
    preferred = [f["id"] for f in facts_ if f["rank"] == "preferred"]
    return {
        "id": "x-" + digest(kind, sorted(f["id"] for f in facts_)),
        "kind": kind,
        "subject": first["subject"],
        "predicate": first["predicate"],
        "measure": first.get("measure"),
        "time": dict(time) if time else None,
        # A reviewer settled it by preferring one side (the others stay, marked).
        "resolved": len(preferred) == 1,
        "preferred": preferred[0] if len(preferred) == 1 else None,
        "facts": facts_,
    }


def conflicts(
    claims: Iterable[Claim], *, measure_aliases: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Conflicts among claims (see :func:`find_conflicts`)."""
    return find_conflicts(group_facts(claims, measure_aliases=measure_aliases))


# --------------------------------------------------------------------------- series


def point_year(time: Mapping[str, Any] | None) -> float | None:
    """Where a time sits on a chart's year axis: the middle of a closed span, else its known end."""
    key = year_key(time)
    if key is None:
        return None
    start, end = key
    if start and end:
        return (int(start) + int(end)) / 2
    return float(int(start or end))  # type: ignore[arg-type]


def series(
    claims: Iterable[Claim],
    *,
    subject: str | None = None,
    measure: str | None = None,
    measure_aliases: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The measure facts of each subject and measure over time.

    Args:
        claims: claim-format dicts (others than ``measure`` are ignored).
        subject: only this subject id.
        measure: only this (canonical) measure.
        measure_aliases: measure synonyms to their canonical name.

    Returns:
        One dict per subject, measure and unit: ``subject``, ``measure``, ``unit``, ``points``
        (dated, by year) and ``undated`` (points without a time). A point has ``fact``,
        ``year`` (a number for the axis), ``time``, ``value`` with its ``lower``/``upper``
        bounds as given, ``low``/``high`` (the drawable interval, open ends as None),
        ``status``, ``conflict`` and ``claims``.
    """
    chosen = [
        c
        for c in claims
        if c.get("predicate") == "measure"
        and (subject is None or c["subject"]["id"] == subject)
        and (measure is None or canonical_measure(c.get("measure"), measure_aliases) == measure)
    ]
    fact_dicts = facts(chosen, measure_aliases=measure_aliases)
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for fact in fact_dicts:
        value = fact.get("value") or {}
        key = (
            fact["subject"]["id"],
            canonical_measure(fact.get("measure"), measure_aliases),
            value.get("unit"),
        )
        entry = out.setdefault(
            key,
            {
                "subject": fact["subject"],
                "measure": key[1],
                "unit": key[2],
                "points": [],
                "undated": [],
            },
        )
        interval = value_interval(value) or (math.nan, math.nan)
        point = {
            "fact": fact["id"],
            "year": point_year(fact.get("time")),
            "time": fact.get("time"),
            "value": value,
            "low": None if not math.isfinite(interval[0]) else interval[0],
            "high": None if not math.isfinite(interval[1]) else interval[1],
            "status": fact["status"],
            "rank": fact["rank"],
            "conflict": fact["conflict"],
            "qualifiers": fact["qualifiers"],
            "claims": fact["claims"],
        }
        if value.get("comparator") in (None, "=", "~") and value.get("amount") is not None:
            point["low"] = point["high"] = float(value["amount"])
        (entry["points"] if point["year"] is not None else entry["undated"]).append(point)
    result = list(out.values())
    for entry in result:
        entry["points"].sort(key=lambda p: (p["year"], p["low"] if p["low"] is not None else -math.inf))
    result.sort(key=lambda s: (s["subject"]["name"].casefold(), str(s["measure"]), str(s["unit"])))
    return result
