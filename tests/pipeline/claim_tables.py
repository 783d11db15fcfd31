"""Helpers the sentence-in, claims-out tables share: read a text with the real reader and view
its claims as plain tuples, and match measure claims against what a case wants."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from kronika.models import Claim, DocumentAnalysis
from kronika.pipeline.reader import DocumentInput


def read(reader: Any, text: str, date: dt.date | None = None) -> DocumentAnalysis:
    """What the reader makes of ``text`` (a document titled "t", published on ``date``)."""
    return reader.read(DocumentInput(text, title="t", date=date))


def triples(analysis: DocumentAnalysis) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name or '') for every claim."""
    return {
        (
            analysis.entities[c.subject].name,
            c.predicate,
            analysis.entities[c.object].name if c.object else "",
        )
        for c in analysis.claims
    }


def quads(analysis: DocumentAnalysis, *, objects_only: bool = False) -> set[tuple[str, str, str, str | None]]:
    """(subject name, predicate, object name or '', start year or None) for every claim (only the
    claims with an object when ``objects_only``)."""
    out = set()
    for c in analysis.claims:
        if objects_only and c.object is None:
            continue
        obj = analysis.entities[c.object].name if c.object else ""
        year = c.time.start[:4] if c.time is not None and c.time.start else None
        out.add((analysis.entities[c.subject].name, c.predicate, obj, year))
    return out


class Want(NamedTuple):
    """A measure claim a case wants: the subject's name ending, a word of the measure, the amount
    (any bound within 1%), and the year (None: any time; "none": no time)."""

    subject: str
    measure: str
    amount: float
    year: str | None = None


def value_is(claim: Claim, amount: float) -> bool:
    v = claim.value
    assert v is not None
    return any(x is not None and abs(x - amount) <= abs(amount) * 0.01 for x in (v.amount, v.lower, v.upper))


def year_is(claim: Claim, year: str | None, *, every_bound: bool = True) -> bool:
    """Whether the claim's time is in ``year``: every bound it has (or, with ``every_bound``
    False, one of them)."""
    if year is None:
        return True
    t = claim.time
    if year == "none":
        return t is None or not (t.start or t.end)
    if t is None or not (t.start or t.end):
        return False
    bounds = [d for d in (t.start, t.end) if d is not None]
    if every_bound:
        return all(d[:4] == year for d in bounds)
    return any(d[:4] == year for d in bounds)


def matching(analysis: DocumentAnalysis, want: Want, *, every_bound: bool = True) -> list[Claim]:
    """The measure claims that give what ``want`` asks for."""
    return [
        c
        for c in analysis.claims
        if c.predicate == "measure"
        and analysis.entities[c.subject].name.lower().endswith(want.subject.lower())
        and want.measure in (c.measure or "")
        and value_is(c, want.amount)
        and year_is(c, want.year, every_bound=every_bound)
    ]


def measures_of(analysis: DocumentAnalysis) -> list[tuple[str, str, float | None, Any]]:
    """Every measure claim as (subject, measure, amount, (start, end)): for failure messages."""
    return [
        (
            analysis.entities[c.subject].name,
            c.measure or "",
            c.value.amount if c.value else None,
            (c.time.start, c.time.end) if c.time else None,
        )
        for c in analysis.claims
        if c.predicate == "measure"
    ]
