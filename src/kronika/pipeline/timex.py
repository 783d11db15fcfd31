"""Time expressions: find them in text and normalise them to :class:`~kronika.models.TimeSpan`.

The normaliser is pure Python and dependency-free: compiled regular expressions over the raw
text, no parse. It works in three passes:

1. **Atoms.** Each rule family below finds the expressions it knows ("2011", "the early 1990s",
   "March 5, 2020", "that year", "now") and turns each into an inclusive pair of dates and a
   precision. Where atoms overlap, the longest wins ("March 2020" over "2020").
2. **Ranges.** Two neighbouring atoms joined by "between ... and", "from ... to/until/through",
   "to" or a dash become one span ("between 2020 and 2024", "2020–2024").
3. **Prepositions.** A preposition right before a span that changes what it means is taken into
   the span's text and applied: "by 2016" ends in 2016 with an open start, "after 2020" starts in
   2021 with an open end, "around 2010" becomes approximate.

Rule families (each has a table test in ``tests/pipeline/test_timex.py``):

* **Years**: four digits from 1800 to 2099, optionally with a part ("early 2020", "mid-2020",
  "the end of 2020", "the first half of 2020", "the third quarter of 2020"). A four-digit number
  is not a year when it is part of a larger number ("1,994", "3.2019"), follows a currency sign,
  is followed by a percent sign or word, or counts something ("2000 employees"; see
  :func:`_is_year`).
* **Dates**: ISO dates, "March 5, 2020", "5 March 2020", "March 2020", seasons, quarters ("Q1
  2021", "H2 2020"), abbreviated year ranges ("2020-24", "1998/99").
* **Decades and centuries**: "the 1960s", "the '90s", "the nineties", "the early 1990s", "the
  20th century", "the first decade of the 21st century", "the turn of the millennium".
* **Context**: "that year", "the following year", "two years later" resolve against
  ``context_year`` (the year the surrounding text is about) and are not matched without it.
* **Relative**: "now", "today", "in recent years", "last year", "three years ago" resolve against
  the document's date; without one, the vague ones ("now", "recent years") give an open,
  approximate span and the arithmetic ones ("last year") are not matched.

Durations ("two decades", "for 10 years") and frequencies ("annually") are never times.

Notes:
    The rule set follows the TIMEX3 distinction between dates, durations and sets (Pustejovsky
    et al., "TimeML", 2003) and borrows from HeidelTime's English resources (Strötgen & Gertz,
    2010) the usual part-of-period words ("early", "mid", "late", "the beginning of"). Where
    English is ambiguous, the choice made is documented on the rule.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kronika.models import TimeSpan

__all__ = ["TimeMatch", "find_times", "normalise_time"]

_PRECISION_ORDER = ("day", "month", "year", "decade", "century", "approximate")


@dataclass(frozen=True)
class TimeMatch:
    """A time expression found in a text.

    Attributes:
        start: character offset of the first character in the input text.
        end: character offset one past the last character.
        span: the normalised span; ``span.text == text[start:end]``.
    """

    start: int
    end: int
    span: TimeSpan


@dataclass(frozen=True)
class _Ctx:
    """What relative and contextual expressions resolve against."""

    doc_date: dt.date | None
    context_year: int | None


@dataclass(frozen=True)
class _Atom:
    """A span of text with inclusive bounds (None = open) and a precision."""

    start: int
    end: int
    lo: dt.date | None
    hi: dt.date | None
    precision: str


_Bounds = tuple[dt.date | None, dt.date | None, str]
_Handler = Callable[["re.Match[str]", str, _Ctx], _Bounds | None]

# --------------------------------------------------------------------------- vocabulary


def _words(spaced: str) -> list[str]:
    """A word list written as one string, to keep vocabulary tables short."""
    return spaced.split()


_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names must be capitalised ("May", not the modal "may"); (?-i:...) keeps them case-sensitive.
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?-i:(?P<mon>{_MONTH_FULL}|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z]))\.?"
_ORDINAL_WORDS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)} | {"twenty first": 21, "twenty second": 22}
_ORD = rf"(?:[0-9]{{1,2}}(?:st|nd|rd|th)|twenty[-\s](?:first|second)|{'|'.join(_ORDINAL_WORDS)})"
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_SMALL_RE = rf"(?:an?|{'|'.join(w for w in _SMALL if len(w) > 2)}|[0-9]{{1,2}})"
_DECADE_WORDS = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
    "seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000, "aughts": 2000,
}  # fmt: skip

# Parts of a period. "beginning/start" read as "early", "middle" as "mid", "end" as "late".
_PART = (
    r"(?:(?P<part>early[-\s]+to[-\s]+mid|mid[-\s]+to[-\s]+late|early|mid|late)(?:\s*-\s*|\s+)"
    r"|(?:the\s+)?(?P<pof>beginning|start|middle|end|first\s+half|second\s+half|latter\s+half"
    r"|(?:first|second|third|fourth|last|final)\s+quarter)\s+of\s+(?:the\s+)?)?"
)
_PART_CANON = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "early to mid": "early to mid", "mid to late": "mid to late",
    "first half": "first half", "second half": "second half", "latter half": "second half",
    "first quarter": "q1", "second quarter": "q2",
    "third quarter": "q3", "fourth quarter": "q4", "last quarter": "q4", "final quarter": "q4",
}  # fmt: skip
# Months (inclusive) of each part of a year: thirds for early/mid/late.
_YEAR_PART_MONTHS = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "first half": (1, 6), "second half": (7, 12),
    "early to mid": (1, 8), "mid to late": (5, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9),
    "q4": (10, 12), "h1": (1, 6), "h2": (7, 12),
}  # fmt: skip
# Fractions of a multi-year period (decade, century): [from, to) as shares of its length.
# Early/mid/late split a decade 0-3, 4-6, 7-9, the usual reading of "the early/mid/late 1990s".
_PERIOD_PART_SHARE = {
    "early": (0.0, 0.4), "mid": (0.4, 0.7), "late": (0.7, 1.0),
    "early to mid": (0.0, 0.7), "mid to late": (0.4, 1.0), "first half": (0.0, 0.5),
    "second half": (0.5, 1.0),
}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _norm(words: str) -> str:
    """Lower-case and single-space a matched phrase for table look-ups."""
    return " ".join(words.replace("-", " ").split()).casefold()


def _date(year: int, month: int = 1, day: int = 1) -> dt.date:
    return dt.date(year, month, day)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _years(first: int, last: int, precision: str) -> _Bounds:
    return _date(first), _date(last, 12, 31), precision


def _part_key(m: re.Match[str]) -> str | None:
    raw = m.group("part") or m.group("pof")
    return None if raw is None else _PART_CANON.get(_norm(raw), "mid")


def _period(first: int, length: int, precision: str, part: str | None) -> _Bounds | None:
    """Years ``first .. first+length-1``, or one part of them (approximate)."""
    if part is None:
        return _years(first, first + length - 1, precision)
    share = _PERIOD_PART_SHARE.get(part)
    if share is None:  # quarters of a decade or century are not a thing
        return None
    a, b = share
    return _years(first + round(length * a), first + round(length * b) - 1, "approximate")


def _ordinal(words: str) -> int | None:
    digits = re.match(r"[0-9]+", words)
    if digits:
        return int(digits.group())
    return _ORDINALS.get(_norm(words))


# --------------------------------------------------------------------------- year guard

_LARGER_NUMBER_BEFORE = re.compile(r"[0-9][.,]\Z")
#: A model code the digits belong to: "ES-1840", "KR-128" (a capitalised code and a hyphen).
_CODE_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{0,5}[-‐‑]\Z")
#: A number sign before a day: "Decree No. 8 of December 2017" is a document's number.
_NUMBER_SIGN_BEFORE = re.compile(r"(?:\bNo\.|#|№)\s?\Z", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₽₴]|\b(?:USD|EUR|GBP|BYN|RUB|PLN|UAH|CHF)|\bNo\.|#)\s?\Z", re.I)
_POSSESSOR_BEFORE = re.compile(r"(?:\bthe|['’]s|\bits|\btheir|\bhis|\bher|\bour)\s+\Z", re.I)
_TIME_PREP_BEFORE = re.compile(r"\b(?:in|during|since|after|before|until|till)\s+\Z", re.I)
_NUMBER_LINK_BEFORE = re.compile(r"(?<![\w.,])([0-9][0-9,.]*)\s*(?:-|–|to|and|or)\s*\Z", re.I)
_LARGER_NUMBER_AFTER = re.compile(r"[.,][0-9]")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b|pct\b)", re.I)
_NUMBER_LINK_AFTER = re.compile(r"\s*(?:-|–|to|and|or)\s*([0-9][0-9,.]*[0-9]|[0-9])(?![\w])", re.I)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)")
# Words that count things even after "the" ("the 2000 employees"), or units of measure.
_COUNTED = frozenset(
    _words(
        "employees companies firms people persons residents specialists workers jobs users customers "
        "clients students engineers developers programmers members participants staff personnel "
        "children men women startups start-ups projects computers machines devices units items copies "
        "votes visitors downloads hectares tons tonnes metres meters kilometres kilometers miles times "
        "dollars euros rubles roubles km kg ha mw gw kw mb gb tb ft sq"
    )
)
# Plural-looking words after a year that are not a counted noun.
_NOT_COUNTED = frozenset(
    _words(
        "as was is has does this thus its his hers ours theirs yours whereas across towards afterwards "
        "besides unless always perhaps sometimes nevertheless nonetheless regardless less plus minus "
        "versus vs us yes onwards upwards backwards forwards downwards outwards whereas marks sees "
        "brings remains seems looks begins starts ends elections protests sanctions olympics games "
        "reforms events results riots strikes talks negotiations floods crises demonstrations uprisings "
        "census"
    )
)


def _is_year(text: str, start: int, end: int, *, check_links: bool = True) -> bool:
    """Whether the four digits at ``text[start:end]`` are a year rather than a number.

    Args:
        text: the whole text.
        start: offset of the first digit.
        end: offset after the last digit.
        check_links: also reject "1500 to 2000" style links to a non-year number.

    Returns:
        False when the digits are part of a larger number, follow a currency sign, "No." or
        "#", precede a percent sign or word, precede a counted noun ("2000 employees": a
        lower-case plural, unless "the" precedes it as in "the 2020 elections", and never
        after "in", "since", "after" and the like: "In 2020 companies left"), or are
        linked by "to"/"and"/a dash to a number that is not a year ("between 1500 and 2000").
    """
    before = text[max(0, start - 12) : start]
    after = text[end : end + 40]
    if _LARGER_NUMBER_BEFORE.search(before) or _LARGER_NUMBER_AFTER.match(after):
        return False
    if _CURRENCY_BEFORE.search(before) or _PERCENT_AFTER.match(after):
        return False
    if _CODE_BEFORE.search(before):
        return False  # "ES-1840 personal computers": a model code, not a year
    word_m = _NEXT_WORD.match(after)
    if word_m:
        word = word_m.group(1)
        folded = word.casefold()
        # "In 2020 companies left": after a time preposition the digits are a year.
        if not _TIME_PREP_BEFORE.search(before):
            if folded in _COUNTED:
                return False
            plural = word.islower() and folded.endswith("s") and folded not in _NOT_COUNTED
            if plural and not _POSSESSOR_BEFORE.search(before):
                return False
    if check_links:
        link = _NUMBER_LINK_AFTER.match(after)
        # "in 2015 and 1,200 users ...": after a time preposition, "and" starts a new clause
        joined = link is not None and _TIME_PREP_BEFORE.search(before) and "," in link.group(1)
        if link and not joined and not _looks_like_year(text, end + link.start(1), end + link.end(1)):
            return False
        back = _NUMBER_LINK_BEFORE.search(before)
        offset = start - len(before)
        if back and not _looks_like_year(text, offset + back.start(1), offset + back.end(1)):
            return False
    return True


def _looks_like_year(text: str, start: int, end: int) -> bool:
    digits = text[start:end]
    if len(digits) == 2:  # "2020-24": an abbreviated year
        return True
    return re.fullmatch(_YEAR, digits) is not None and _is_year(text, start, end, check_links=False)


# --------------------------------------------------------------------------- atom rules


def _year_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """A year, or a part of it: "2011", "early 2020", "mid-2020", "the end of 2020"."""
    part = _part_key(m)
    if part is None and not _is_year(text, m.start("y"), m.end("y")):
        return None
    year = int(m.group("y"))
    if part is None:
        return _years(year, year, "year")
    first, last = _YEAR_PART_MONTHS.get(part, (1, 12))
    return _date(year, first), _month_end(year, last), "approximate"


def _year_range_abbr_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """An abbreviated range of years: "2020-24", "1998/99", "1999-00" (at most ten years)."""
    first = int(m.group("y"))
    last = first // 100 * 100 + int(m.group("yy"))
    if last <= first:
        last += 100
    if last - first > 10:  # "2020-03" is not 2020 to 2103
        return None
    return _years(first, last, "year")


def _decade_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """A decade or part of one: "the 1960s", "the '90s", "the nineties", "mid-1990s".

    "the 1800s" and "the 1900s" are read as the hundred years (as English mostly uses them);
    "the 2000s" is the decade 2000-2009.
    """
    part = _part_key(m)
    if part in ("q1", "q2", "q3", "q4"):
        return None
    if m.group("dy"):
        first = int(m.group("dy"))
        if first in (1800, 1900):
            return _period(first, 100, "century", part)
    elif m.group("d2") or m.group("d3"):
        # Two digits need an apostrophe ("'90s") or "the"/a part word ("the 90s"), since
        # "in their 90s" is an age. They are read in the 1900s, except '00s-'20s.
        if m.group("d3") and not (m.group("the") or part):
            return None
        two = int(m.group("d2") or m.group("d3"))
        first = 2000 + two if two <= 20 else 1900 + two
    else:
        if not (m.group("the") or part):
            return None
        first = _DECADE_WORDS.get(_norm(m.group("dw")), 0)
        if not first:
            return None
    return _period(first, 10, "decade", part)


def _century_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """A century or part of one: "the 20th century" is 1901-2000, "the early 21st century".

    The hyphenated adjective ("21st-century skills") is left alone.
    """
    n = _ordinal(m.group("c"))
    if not n or n > 30:
        return None
    return _period((n - 1) * 100 + 1, 100, "century", _part_key(m))


def _centuries_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """Two centuries: "the 20th and 21st centuries" is 1901-2100."""
    first, last = _ordinal(m.group("c")), _ordinal(m.group("c2"))
    if not first or not last or first > last or last > 30:
        return None
    return _years((first - 1) * 100 + 1, last * 100, "century")


def _decade_of_century_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "the first decade of the 21st century" is 2001-2010; "of the new millennium" means the 21st."""
    which = _norm(m.group("n"))
    n = 10 if which in ("last", "final") else _ORDINALS.get(which, 0)
    century = _ordinal(m.group("c")) if m.group("c") else 21
    if not n or n > 10 or not century or century > 30:
        return None
    first = (century - 1) * 100 + (n - 1) * 10 + 1
    return _years(first, first + 9, "decade")


def _turn_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "the turn of the millennium" is 1999-2001 (approximate).

    "the turn of the century" is the same unless ``context_year`` is before 1950, when it is
    1899-1901; "the turn of the 20th century" is 1899-1901.
    """
    if m.group("c"):
        n = _ordinal(m.group("c"))
        if not n or n > 30:
            return None
        pivot = (n - 1) * 100
    elif "century" in _norm(m.group("w")) and ctx.context_year is not None and ctx.context_year < 1950:
        pivot = 1900
    else:
        pivot = 2000
    return _years(pivot - 1, pivot + 1, "approximate")


def _iso_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """An ISO date: "2020-03-05"."""
    day = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return day, day, "day"


def _month_day_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "March 5, 2020", "5 March 2020", "the 5th of March 2020"; without a year ("March 5"),
    the year is ``context_year`` or else the document's year, and there is no match without
    either."""
    if _NUMBER_SIGN_BEFORE.search(text[max(0, m.start("d") - 6) : m.start("d")]):
        return None  # "Decree No. 8 of December 2017": the decree's number, not a day
    month = _MONTHS.get(m.group("mon").casefold().rstrip("."), 0)
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.context_year is not None:
        year = ctx.context_year
    elif ctx.doc_date is not None:
        year = ctx.doc_date.year
    else:
        return None
    day = _date(year, month, int(m.group("d")))
    return day, day, "day"


def _month_range_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """Months of one year: "January-March 2021", "from March to May 2020", "between May and June 2020"."""
    first = _MONTHS.get(m.group("mon").casefold().rstrip("."), 0)
    last = _MONTHS.get(m.group("mon2").casefold().rstrip("."), 0)
    lead = _norm(m.group("lead") or "")
    joiner = _norm(m.group("conn"))
    if not first or first >= last or (joiner == "and") != (lead == "between"):
        return None
    year = int(m.group("y"))
    return _date(year, first), _month_end(year, last), "month"


def _month_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "March 2020", "March of 2020"; a bare month ("in March") after a time preposition
    takes ``context_year`` and is not matched without it."""
    month = _MONTHS.get(m.group("mon").casefold().rstrip("."), 0)
    if m.group("y"):
        year = int(m.group("y"))
    else:
        if ctx.context_year is None or not _BARE_MONTH_PREP.search(text, max(0, m.start() - 12), m.start()):
            return None
        year = ctx.context_year
    return _date(year, month), _month_end(year, month), "month"


_BARE_MONTH_PREP = re.compile(r"\b(?:in|since|by|until|till|during|before|after|from|through|of)\s+\Z", re.I)


def _season_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "the spring of 2020" is March-May (meteorological seasons, northern hemisphere).

    Winter straddles two years: "winter 2021/22" is December 2021-February 2022; a plain
    "winter of 2021" could be either end, so it is the whole year 2021, approximate.
    """
    year = int(m.group("y"))
    season = _norm(m.group("s"))
    if season == "winter":
        if m.group("y2"):
            return _date(year, 12), _month_end(year + 1, 2), "approximate"
        return _years(year, year, "approximate")
    if m.group("y2"):
        return None
    first, last = _SEASONS.get(season, (1, 12))
    return _date(year, first), _month_end(year, last), "approximate"


def _quarter_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "Q1 2021", "Q1 of 2021", "2021 Q1", "H2 2020" (approximate)."""
    kind = (m.group("k") or m.group("k2") or "Q").upper()
    n = int(m.group("n") or m.group("n2") or m.group("n3"))
    if kind == "H" and n > 2:
        return None
    year = int(m.group("y") or m.group("y2"))
    first, last = _YEAR_PART_MONTHS[f"{kind.lower()}{n}"]
    return _date(year, first), _month_end(year, last), "approximate"


def _year_part_context_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "at the end of the year", "in the first half of that year": a part of the year the text is
    about (``context_year``), else of "this year" (the document's date); else no match."""
    this = "this" in m.group(0).casefold().split()
    year = ctx.context_year if ctx.context_year is not None and not this else None
    if year is None and ctx.doc_date is not None:
        year = ctx.doc_date.year
    if year is None:
        return None
    part = _PART_CANON.get(_norm(m.group("pof")), "mid")
    first, last = _YEAR_PART_MONTHS.get(part, (1, 12))
    return _date(year, first), _month_end(year, last), "approximate"


def _context_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """ "that year", "the same year" (``context_year``), "the following year" (+1), "the
    previous year" (-1), "two years later" (+2), "a decade earlier" (-10, approximate).
    No match without ``context_year``."""
    if ctx.context_year is None:
        return None
    year = ctx.context_year
    precision = "year"
    if m.group("next"):
        year += 1
    elif m.group("prev"):
        year -= 1
    elif m.group("n"):
        n = _SMALL.get(_norm(m.group("n")), 0) if not m.group("n").isdigit() else int(m.group("n"))
        unit = m.group("unit").casefold()
        if unit.startswith("decade"):
            n, precision = n * 10, "approximate"
        elif unit.startswith("month"):
            if n % 12:
                return None  # "six months later" is not a year away
            n //= 12  # "twelve months earlier"
        year += n if _norm(m.group("dir")) == "later" else -n
    return _years(year, year, precision)


def _relative_rule(m: re.Match[str], text: str, ctx: _Ctx) -> _Bounds | None:
    """Times relative to the document's date.

    "now", "today", "currently", "at present", "nowadays" are the document's year; "to date" ends
    with it; "in recent years" and "the past few years" are its last five years (approximate);
    "last/this/next year|month", "three years ago" and "the past decade" are counted back from
    it, and "the next two years", "the coming decade" counted on from it. Without a document
    date, the vague ones are open and approximate and the counted ones are not matched.
    """
    doc = ctx.doc_date
    vague = m.group("now") or m.group("todate") or m.group("recent")
    if doc is None:
        return (None, None, "approximate") if vague else None
    y = doc.year
    if m.group("now"):
        return _years(y, y, "year")
    if m.group("todate"):
        return None, _date(y, 12, 31), "year"
    if m.group("recent"):
        words = _norm(m.group("recent"))
        if "months" in words:
            return doc - dt.timedelta(days=182), doc, "approximate"
        back = 30 if "decades" in words else 4
        return _years(y - back, y, "approximate")
    if m.group("which"):
        step = {"last": -1, "past": -1, "this": 0, "next": 1}.get(_norm(m.group("which")), 0)
        if _norm(m.group("u")) == "year":
            return _years(y + step, y + step, "year")
        month_index = y * 12 + doc.month - 1 + step
        yy, mm = divmod(month_index, 12)
        return _date(yy, mm + 1), _month_end(yy, mm + 1), "month"
    if m.group("ago"):
        n = _SMALL.get(_norm(m.group("an")), 0) if not m.group("an").isdigit() else int(m.group("an"))
        if m.group("au").casefold().startswith("decade"):
            return _years(y - 10 * n, y - 10 * n, "approximate")
        return _years(y - n, y - n, "year")
    if m.group("nu"):
        # "over the next two years", "in the coming decade": the span from the document's year
        raw = m.group("nn")
        n = (_SMALL.get(_norm(raw), 0) if not raw.isdigit() else int(raw)) if raw else 1
        if m.group("nu").casefold().startswith("decade"):
            n *= 10
        return _years(y, y + n, "approximate")
    # "the past three years", "the last decade": the span up to the document's year.
    raw = m.group("pn")
    n = (_SMALL.get(_norm(raw), 0) if not raw.isdigit() else int(raw)) if raw else 1
    if m.group("pu").casefold().startswith("decade"):
        n *= 10
    return _years(y - n, y, "approximate")


_W = r"(?<![\w'’])"  # an expression starts at a word boundary
_Y_END = r"(?![\w])"
_RULES: tuple[tuple[re.Pattern[str], _Handler, bool], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), handler, needs_digit)
    for pattern, handler, needs_digit in (
        (rf"{_W}{_PART}(?P<y>{_YEAR}){_Y_END}", _year_rule, True),
        (
            rf"{_W}(?P<y>{_YEAR})\s*[-–/]\s*(?P<yy>[0-9]{{2}})(?![\w]|[-–/.,][0-9])",
            _year_range_abbr_rule,
            True,
        ),
        (
            rf"{_W}(?P<the>the\s+)?{_PART}(?:(?P<dy>1[89][0-9]0|20[0-9]0)['’]?s"
            rf"|['’‘](?P<d2>[0-9]0)s|(?P<d3>[0-9]0)['’]?s|(?P<dw>{'|'.join(_DECADE_WORDS)})){_Y_END}",
            _decade_rule,
            False,
        ),
        (rf"{_W}(?:the\s+)?{_PART}(?P<c>{_ORD})\s+century{_Y_END}(?!-)", _century_rule, False),
        (
            rf"{_W}(?:the\s+)?(?P<c>{_ORD})\s+(?:and|to)\s+(?:the\s+)?(?P<c2>{_ORD})\s+centuries{_Y_END}",
            _centuries_rule,
            False,
        ),
        (
            rf"{_W}(?:(?P<lead>from|between)\s+)?{_MONTH}(?P<conn>\s*[-–—]\s*|\s+(?:to|through|until|and)\s+)"
            + _MONTH.replace("?P<mon>", "?P<mon2>")
            + rf",?\s+(?P<y>{_YEAR}){_Y_END}",
            _month_range_rule,
            True,
        ),
        (
            rf"{_W}(?:the\s+)?(?P<n>{'|'.join(_ORDINAL_WORDS[:10])}|last|final)\s+decade\s+of\s+"
            rf"(?:the\s+|this\s+)?(?:(?P<c>{_ORD})\s+century|new\s+millennium|new\s+century|millennium|century)"
            rf"{_Y_END}",
            _decade_of_century_rule,
            False,
        ),
        (
            rf"{_W}(?:the\s+)?turn\s+of\s+the\s+(?:(?P<c>{_ORD})\s+century"
            rf"|(?P<w>new\s+millennium|millennium|new\s+century|century)){_Y_END}",
            _turn_rule,
            False,
        ),
        (
            rf"(?<![\w.-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])"
            r"(?![\w]|-[0-9])",
            _iso_rule,
            True,
        ),
        (
            rf"\b{_MONTH}\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?(?:(?:,\s*|\s+)(?P<y>{_YEAR}))?(?![\w]|[.,][0-9])",
            _month_day_rule,
            True,
        ),
        (
            rf"{_W}(?:the\s+)?(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>{_YEAR}))?{_Y_END}",
            _month_day_rule,
            True,
        ),
        (rf"\b{_MONTH}(?:(?:\s+of)?,?\s+(?P<y>{_YEAR}))?{_Y_END}", _month_rule, False),
        (
            rf"{_W}(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>{_YEAR})"
            rf"(?:\s*[-–/]\s*(?P<y2>[0-9]{{2}}|{_YEAR}))?{_Y_END}",
            _season_rule,
            True,
        ),
        (
            rf"{_W}(?:(?P<k>[QH])(?P<n>[1-4])|(?P<n2>[1-4])Q)\s*(?:of\s+)?(?P<y>{_YEAR}){_Y_END}"
            rf"|{_W}(?P<y2>{_YEAR})\s*(?P<k2>[QH])(?P<n3>[1-4]){_Y_END}",
            _quarter_rule,
            True,
        ),
        (
            rf"{_W}(?:the\s+)?(?P<pof>beginning|start|middle|end|first\s+half|second\s+half|latter\s+half"
            rf"|(?:first|second|third|fourth|last|final)\s+quarter)\s+of\s+(?:the|that|this)\s+year{_Y_END}",
            _year_part_context_rule,
            False,
        ),
        (
            rf"{_W}(?:(?:that|this)\s+same\s+year|that\s+year|the\s+(?:very\s+)?same\s+year"
            rf"|(?P<next>the\s+(?:following|next|subsequent)\s+year)"
            rf"|(?P<prev>the\s+(?:previous|preceding|prior)\s+year)"
            rf"|(?P<n>{_SMALL_RE})\s+(?P<unit>years?|decades?|months)\s+(?P<dir>later|earlier)){_Y_END}",
            _context_rule,
            False,
        ),
        (
            rf"{_W}(?:(?P<now>now|today|nowadays|currently|presently|at\s+present|these\s+days"
            rf"|the\s+present(?:\s+day)?(?!\s*-|\s+[a-z]))"
            rf"|(?P<todate>to\s+date)"
            rf"|(?P<recent>recent\s+(?:years|months|decades)|the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+years)"
            rf"|(?P<which>last|this|next)\s+(?P<u>year|month)"
            rf"|(?P<ago>(?P<an>{_SMALL_RE})\s+(?P<au>years?|decades?)\s+ago)"
            rf"|the\s+(?:past|last)\s+(?:(?P<pn>{_SMALL_RE})\s+)?(?P<pu>years?|decades?)"
            rf"|the\s+(?:next|coming)\s+(?:(?P<nn>{_SMALL_RE})\s+)?(?P<nu>years?|decades?)){_Y_END}",
            _relative_rule,
            False,
        ),
    )
)


# --------------------------------------------------------------------------- ranges and prepositions

_BETWEEN_BEFORE = re.compile(r"(?<![\w])between\s+\Z", re.I)
_FROM_BEFORE = re.compile(r"(?<![\w])from\s+\Z", re.I)
_AND_GAP = re.compile(r"\s+and\s+", re.I)
_TO_GAP = re.compile(r"\s+(?:to|until|till|through|thru)\s+|\s*[-–—]\s*", re.I)
_DASH_OR_TO_GAP = re.compile(r"\s+(?:to|through)\s+|\s*[-–—]\s*|/", re.I)

# Preposition before a span -> how it changes the span.
_PREP_BEFORE = re.compile(
    r"(?<![\w])(?P<p>up\s+to|as\s+of|prior\s+to|no\s+later\s+than|not\s+later\s+than|starting\s+(?:in|from)"
    r"|beginning\s+in|in|during|throughout|by|until|till|through|after|since|before|from"
    r"|around|circa|c\.|ca\.|about|approximately|roughly)\s+\Z",
    re.IGNORECASE,
)
_PREP_EFFECT = {
    "up to": "end", "by": "end", "until": "end", "till": "end", "through": "end",
    "no later than": "end", "not later than": "end",
    "before": "before", "prior to": "before",
    "after": "after",
    "since": "start", "from": "start", "starting in": "start", "starting from": "start",
    "beginning in": "start",
    "around": "approx", "circa": "approx", "c.": "approx", "ca.": "approx", "about": "approx",
    "approximately": "approx", "roughly": "approx",
}  # fmt: skip


def _coarser(a: str, b: str) -> str:
    rank = {p: i for i, p in enumerate(_PRECISION_ORDER)}
    return a if rank.get(a, 5) >= rank.get(b, 5) else b


def _join_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "between A and B", "from A to B", "A to B", "A–B" into one span."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            gap = text[a.end : b.start]
            prefix_from = max(out[-1].end if out else 0, a.start - 10)
            lead = None
            if _BETWEEN_BEFORE.search(text, prefix_from, a.start) and _AND_GAP.fullmatch(gap):
                lead = _BETWEEN_BEFORE.search(text, prefix_from, a.start)
            elif _FROM_BEFORE.search(text, prefix_from, a.start) and _TO_GAP.fullmatch(gap):
                lead = _FROM_BEFORE.search(text, prefix_from, a.start)
            ordered = a.lo is None or b.hi is None or a.lo <= b.hi
            if ordered and (lead is not None or _DASH_OR_TO_GAP.fullmatch(gap)):
                start = lead.start() if lead is not None else a.start
                out.append(_Atom(start, b.end, a.lo, b.hi, _coarser(a.precision, b.precision)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _apply_preposition(text: str, atom: _Atom, floor: int) -> _Atom:
    """Take a meaning-changing preposition before ``atom`` into it (see ``_PREP_EFFECT``)."""
    m = _PREP_BEFORE.search(text, max(floor, atom.start - 20), atom.start)
    if m is None:
        return atom
    effect = _PREP_EFFECT.get(_norm(m.group("p")).replace("c. ", "c."), "same")
    lo, hi, precision = atom.lo, atom.hi, atom.precision
    if effect == "end":
        lo = None
    elif effect == "start":
        hi = None
    elif effect == "before":
        lo, hi = None, (None if lo is None else lo - dt.timedelta(days=1))
    elif effect == "after":
        lo, hi = (None if hi is None else hi + dt.timedelta(days=1)), None
    elif effect == "approx":
        precision = "approximate"
    return _Atom(m.start(), atom.end, lo, hi, precision)


# --------------------------------------------------------------------------- public API

_HAS_DIGIT = re.compile(r"[0-9]")
#: A word each rule needs: a sentence without it skips the rule's (slower) pattern.
_GATES: dict[_Handler, re.Pattern[str]] = {
    _decade_rule: re.compile(r"[0-9]|ties\b|aughts", re.IGNORECASE),
    _century_rule: re.compile(r"centur", re.IGNORECASE),
    _centuries_rule: re.compile(r"centur", re.IGNORECASE),
    _decade_of_century_rule: re.compile(r"decade", re.IGNORECASE),
    _turn_rule: re.compile(r"\bturn\b", re.IGNORECASE),
    _month_rule: re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    _year_part_context_rule: re.compile(r"\byear\b", re.IGNORECASE),
    _context_rule: re.compile(r"year|decade|month", re.IGNORECASE),
}


def find_times(
    text: str, *, doc_date: dt.date | None = None, context_year: int | None = None
) -> list[TimeMatch]:
    """All time expressions in ``text``, non-overlapping, longest-first, in text order.

    Args:
        text: a sentence or any other text.
        doc_date: the document's date, for "now", "last year", "in recent years".
        context_year: the year the surrounding text is about, for "that year", "the following
            year", "a year later" and years missing from dates ("March 5").

    Returns:
        One :class:`TimeMatch` per expression. Each span's ``text`` is ``text[start:end]``,
        including a leading preposition that changes its meaning ("by 2016", "after 2020") or
        just frames it ("In 2011").
    """
    if context_year is not None and not 1 <= context_year <= 9000:
        context_year = None
    ctx = _Ctx(doc_date, context_year)
    has_digit = _HAS_DIGIT.search(text) is not None
    candidates: list[_Atom] = []
    for pattern, handler, needs_digit in _RULES:
        if needs_digit and not has_digit:
            continue
        gate = _GATES.get(handler)
        if gate is not None and not gate.search(text):
            continue
        for m in pattern.finditer(text):
            here = ctx
            if handler in (_context_rule, _month_rule, _month_day_rule, _year_part_context_rule):
                # "in 2023, against $140 million a year earlier", "in the spring of 2024, and by
                # November": a year earlier in the same text is what the expression counts from
                here = _Ctx(ctx.doc_date, _year_before(candidates, m.start()) or ctx.context_year)
            try:
                bounds = handler(m, text, here)
            except (ValueError, OverflowError):  # an impossible date such as "February 30, 2020"
                continue
            if bounds is not None:
                candidates.append(_Atom(m.start(), m.end(), *bounds))
    atoms = _select(candidates)
    atoms = _join_ranges(text, atoms)
    matches: list[TimeMatch] = []
    floor = 0
    for atom in atoms:
        with contextlib.suppress(OverflowError):  # a day past 9999-12-31
            atom = _apply_preposition(text, atom, floor)
        floor = atom.end
        span = TimeSpan(
            None if atom.lo is None else atom.lo.isoformat(),
            None if atom.hi is None else atom.hi.isoformat(),
            atom.precision,
            text[atom.start : atom.end],
        )
        matches.append(TimeMatch(atom.start, atom.end, span))
    return matches


def _year_before(candidates: list[_Atom], start: int) -> int | None:
    """The year of the last single-year atom that ends before ``start``."""
    best: _Atom | None = None
    for a in candidates:
        single = a.lo is not None and a.hi is not None and a.lo.year == a.hi.year
        if a.end <= start and single and (best is None or a.end > best.end):
            best = a
    return best.lo.year if best is not None and best.lo is not None else None


def _select(candidates: list[_Atom]) -> list[_Atom]:
    """Keep the longest candidates that do not overlap, in text order."""
    chosen: list[_Atom] = []
    for cand in sorted(candidates, key=lambda a: (a.start - a.end, a.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda a: a.start)


def normalise_time(
    expr: str, *, doc_date: dt.date | None = None, context_year: int | None = None
) -> TimeSpan | None:
    """Normalise one time expression.

    Args:
        expr: the expression, such as "the early 1990s" or "by 2016".
        doc_date: as for :func:`find_times`.
        context_year: as for :func:`find_times`.

    Returns:
        The span of the match that covers most of ``expr``, or None when nothing in it is a time.
    """
    matches = find_times(expr, doc_date=doc_date, context_year=context_year)
    if not matches:
        return None
    return max(matches, key=lambda t: t.end - t.start).span
