"""The times a question names: years, decades, spans and bounds, as :class:`QTime`.

Question times are simpler than a document's (no "that year", no document date), and some mean
something else in a question: "from 2023 to 2024" is a span, and also the two points of a
difference, kept in :attr:`QTime.points`. The rules, longest match first where they overlap:
"between X and Y", "from X to Y", "X-Y"; "the early/mid/late 1990s"; "the first decade of the 21st
century"; "the 20th century"; "the 1960s", "the '90s"; "early/mid/late 2020", "the end of 2020",
"the first half of 2020"; "September 2020"; "by/before/until 2016"; "after/since/from 2020"; a
year; "today", "now", "currently", "latest".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kronika.ask.text import words_list

_YEAR = r"(1[5-9]\d\d|20\d\d)"
_MONTHS = words_list("january february march april may june july august september october november december")
_MONTH_RE = "|".join(_MONTHS)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


@dataclass(frozen=True)
class QTime:
    """A time named in a question.

    Attributes:
        start: first day (ISO), or None for an open start.
        end: last day (ISO), or None for an open end.
        kind: ``in`` (within), ``by``, ``before``, ``after``, ``since``, ``until``, ``range``,
            ``now``.
        text: the words.
        span: character offsets in the question.
        points: the years named, for "from 2023 to 2024" (two points of a difference).
    """

    start: str | None
    end: str | None
    kind: str
    text: str
    span: tuple[int, int]
    points: tuple[int, ...] = ()


# --------------------------------------------------------------------------- times


def _y(year: int, end: bool = False) -> str:
    return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"


def _month_end(year: int, month: int) -> str:
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return f"{year:04d}-{month:02d}-{days:02d}"


_TIME_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+{_YEAR}\b", re.I), "between"),
    (re.compile(rf"\bfrom\s+{_YEAR}\s+(?:to|until|till|through|and)\s+{_YEAR}\b", re.I), "between"),
    (re.compile(rf"\b{_YEAR}\s*(?:-|–|—|to)\s*{_YEAR}\b", re.I), "between"),
    (
        re.compile(r"\b(?:in\s+|during\s+)?(?:the\s+)?(early|mid|late)[- ]?(1[5-9]\d0|20\d0)'?s\b", re.I),
        "decade_part",
    ),
    (
        re.compile(
            r"\b(?:in\s+|during\s+)?the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
            r"tenth)\s+decade\s+of\s+the\s+(\d{1,2})(?:st|nd|rd|th)\s+century\b",
            re.I,
        ),
        "decade_of",
    ),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+century\b", re.I), "century"),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+(1[5-9]\d0|20\d0)\s?'?s\b", re.I), "decade"),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+'?(\d0)s\b", re.I), "decade2"),
    (
        re.compile(
            rf"\b(?:in\s+)?(early|mid|late|the\s+(?:start|beginning|end|middle|first\s+half|second\s+half)"
            rf"\s+of)[- ]?{_YEAR}\b",
            re.I,
        ),
        "part",
    ),
    (re.compile(rf"\b(?:in\s+)?({_MONTH_RE})\s+(?:of\s+)?{_YEAR}\b", re.I), "month"),
    (
        re.compile(
            rf"\b(by|before|until|till|up\s+to|through|prior\s+to)\s+(?:the\s+end\s+of\s+)?{_YEAR}\b", re.I
        ),
        "upto",
    ),
    (re.compile(rf"\b(after|since|from|starting\s+in|beginning\s+in)\s+{_YEAR}\b", re.I), "from"),
    (
        re.compile(
            rf"\b(?:in|during|of|for|as\s+of|around|circa|about)?\s*(?:the\s+year\s+)?{_YEAR}\b", re.I
        ),
        "year",
    ),
    (
        re.compile(
            r"\b(today|now|nowadays|currently|presently|at\s+present|these\s+days|at\s+the\s+moment|"
            r"as\s+of\s+now|current|latest|most\s+recent)\b",
            re.I,
        ),
        "now",
    ),
]


def find_times(text: str) -> list[QTime]:
    """The times a question names, in text order, longest match first where they overlap."""
    found: list[QTime] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _TIME_RULES:
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            qtime = _time_of(m, kind)
            if qtime is None:
                continue
            found.append(qtime)
            taken.append(span)
    return sorted(found, key=lambda t: t.span)


def _time_of(m: re.Match[str], kind: str) -> QTime | None:
    text = m.group(0).strip()
    span = (m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end())
    if kind == "between":
        a, b = int(m.group(1)), int(m.group(2))
        lo, hi = min(a, b), max(a, b)
        return QTime(_y(lo), _y(hi, True), "range", text, span, (a, b))
    if kind == "decade_part":
        decade = int(m.group(2)[:3] + "0")
        part = m.group(1).lower()
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[part]
        return QTime(_y(decade + lo), _y(decade + hi, True), "in", text, span)
    if kind == "decade_of":
        n = _ORDINALS[m.group(1).lower()]
        century = int(m.group(2))
        first = (century - 1) * 100 + (n - 1) * 10 + 1
        return QTime(_y(first), _y(first + 9, True), "in", text, span)
    if kind == "century":
        century = int(m.group(1))
        if not 1 <= century <= 21:
            return None
        first = (century - 1) * 100 + 1
        return QTime(_y(first), _y(first + 99, True), "in", text, span)
    if kind == "decade":
        decade = int(m.group(1))
        return QTime(_y(decade), _y(decade + 9, True), "in", text, span)
    if kind == "decade2":
        two = int(m.group(1))
        decade = 1900 + two if two >= 30 else 2000 + two
        return QTime(_y(decade), _y(decade + 9, True), "in", text, span)
    if kind == "part":
        part = m.group(1).lower()
        year = int(m.group(2))
        if part.startswith("early") or "start" in part or "beginning" in part:
            return QTime(_y(year), f"{year:04d}-04-30", "in", text, span, (year,))
        if part.startswith("late") or "end" in part:
            return QTime(f"{year:04d}-09-01", _y(year, True), "in", text, span, (year,))
        if "first half" in part:
            return QTime(_y(year), f"{year:04d}-06-30", "in", text, span, (year,))
        if "second half" in part:
            return QTime(f"{year:04d}-07-01", _y(year, True), "in", text, span, (year,))
        return QTime(f"{year:04d}-04-01", f"{year:04d}-09-30", "in", text, span, (year,))
    if kind == "month":
        month = _MONTHS.index(m.group(1).lower()) + 1
        year = int(m.group(2))
        return QTime(f"{year:04d}-{month:02d}-01", _month_end(year, month), "in", text, span, (year,))
    if kind == "upto":
        word = m.group(1).lower()
        year = int(m.group(2))
        if word in ("before", "prior to") or word.startswith("prior"):
            return QTime(None, _y(year - 1, True), "before", text, span, (year,))
        if word in ("until", "till", "through", "up to") or word.startswith("up"):
            return QTime(None, _y(year, True), "until", text, span, (year,))
        return QTime(None, _y(year, True), "by", text, span, (year,))
    if kind == "from":
        word = m.group(1).lower()
        year = int(m.group(2))
        if word == "after":
            return QTime(_y(year + 1), None, "after", text, span, (year,))
        return QTime(_y(year), None, "since", text, span, (year,))
    if kind == "year":
        year = int(m.group(1))
        return QTime(_y(year), _y(year, True), "in", text, span, (year,))
    if kind == "now":
        return QTime(None, None, "now", text, span)
    return None
