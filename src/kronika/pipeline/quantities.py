"""Quantities: find amounts, money and shares in text and normalise them to :class:`~kronika.models.Quantity`.

Pure Python and dependency-free, like :mod:`kronika.pipeline.timex`, and built the same way:

1. **Atoms.** Four rule families find the bare amounts:

   * *numerals* with an optional currency, scale and unit: "100", "1,000", "1.5 million",
     "$3.2 billion", "US$500 million", "1.8 bn USD", "€40 million", "£2m", "500 million rubles",
     "9%", "35 per cent";
   * *number words*: "three", "twenty-five", "a dozen", "two hundred and fifty", "a thousand";
   * *fractions*, read as percent: "two-thirds", "a third of", "three quarters", "half of";
   * *vague multitudes*, read as lower bounds: "thousands of" (>= 1000), "dozens of" (>= 12),
     "tens of thousands of" (>= 10000).

   Where atoms overlap, the longest wins.
2. **Ranges.** "between A and B", "from A to B", "A to B" and "A-B" become one range; a unit or
   scale written once applies to both ends ("10-20 percent", "$2-3 billion").
3. **Comparators.** A comparator right before an amount is taken into the match and sets the
   bounds: "more than 400" (> 400), "at least" (>=), "fewer than" (<), "up to" (<=), "about"
   (~). Verbs that state a bound count too ("surpassed 100", "exceeded 180" are > 100 and
   > 180); verbs that state a value ("reached", "hit", "totalled", "stood at") change nothing
   and stay outside the match. "100 or more" and "100+" are >= 100.

What is not a quantity: years and other spans passed in ``exclude`` (the caller passes the time
expressions :func:`kronika.pipeline.timex.find_times` found), ordinals ("1st", "first"),
numbers glued to letters ("5G", "COVID-19", "Q1"), "24/7" and other slashed numbers, clock
times, version numbers and IP addresses ("3.8.0"), phone-like digit groups, numbered items
("No. 8", "#8": the number is a label, not an amount, so it is skipped), and "one" on its own
(usually a pronoun: "one of the first").

Notes:
    Comparator words follow the bound types of Wikidata's quantity model (lower and upper
    bounds beside the amount) and the hedges that the MeasEval shared task (SemEval-2021 task 8)
    annotates as modifiers ("approximately", "more than", "up to").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kronika.models import Quantity

__all__ = ["QuantityMatch", "find_quantities", "parse_number"]


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a text.

    Attributes:
        start: character offset of the first character in the input text.
        end: character offset one past the last character.
        quantity: the normalised quantity; ``quantity.text == text[start:end]``.
    """

    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True)
class _Atom:
    """A bare amount before ranges and comparators are applied."""

    start: int
    end: int
    amount: float
    unit: str
    comparator: str = "="
    lower: float | None = None
    raw: float | None = None  # the number before its scale, for "$2-3 billion"
    scale: float = 1.0
    has_scale: bool = False
    has_unit: bool = False
    rangeable: bool = True


def _words(spaced: str) -> list[str]:
    """A word list written as one string, to keep vocabulary tables short."""
    return spaced.split()


# --------------------------------------------------------------------------- vocabulary

_UNITS = {w: i for i, w in enumerate(_words("zero one two three four five six seven eight nine"))}
_TEENS = {
    w: i + 10
    for i, w in enumerate(
        _words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
    )
}
_TENS = {
    w: (i + 2) * 10 for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_NUMBER_WORD = "|".join(
    [*_UNITS, *_TEENS, *_TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen"]
)
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "zł": "PLN"}
_CODES = "USD|EUR|GBP|BYN|BYR|RUB|PLN|UAH|CHF|CNY|JPY|KZT|GEL|LTL|SEK|NOK|DKK|CZK"
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD", "euro": "EUR",
    "euros": "EUR", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "russian ruble": "RUB", "russian rubles": "RUB", "russian roubles": "RUB",
    "belarusian ruble": "BYN", "belarusian rubles": "BYN", "belarusian roubles": "BYN",
    "zloty": "PLN", "zlotys": "PLN", "złoty": "PLN", "hryvnia": "UAH", "hryvnias": "UAH",
    "yuan": "CNY", "yen": "JPY", "pounds sterling": "GBP",
}  # fmt: skip
_CURRENCY_WORD_RE = (
    r"(?:US\s+)?dollars?|euros?|(?:(?:Belarusian|Russian)\s+)?(?:rubles?|roubles?)|zlotys?|złoty"
    r"|hryvnias?|yuan|yen|pounds\s+sterling"
)
_MULTITUDES = {
    "tens": 10.0,
    "dozens": 12.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
_FRACTION_DENOMINATORS = {
    "half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8,
    "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# Words after a lone number word that show it is not counting a noun ("two of", "one that").
_NOT_A_NOUN = frozenset(
    _words(
        "of the a an and or nor to in on at by for with from into onto than as if but so not no is are was "
        "were be been being has have had do does did will would can could should may might must that which "
        "who whom whose this these those it its they them their he she we you i there here when where while "
        "also more less other others another times each per percent"
    )
)

# Comparator words before an amount, and the comparator each one sets.
_COMPARATORS = {
    "more than": ">", "over": ">", "just over": ">", "well over": ">", "above": ">",
    "in excess of": ">", "upwards of": ">", "surpassed": ">", "surpass": ">", "surpasses": ">",
    "surpassing": ">", "exceeded": ">", "exceed": ">", "exceeds": ">", "exceeding": ">",
    "topped": ">", "passed": ">", "crossed": ">",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "not less than": ">=",
    "a minimum of": ">=", "minimum of": ">=",
    "fewer than": "<", "less than": "<", "under": "<", "just under": "<", "below": "<",
    "up to": "<=", "at most": "<=", "no more than": "<=", "not more than": "<=",
    "as many as": "<=", "as much as": "<=", "a maximum of": "<=", "maximum of": "<=",
    "about": "~", "around": "~", "approximately": "~", "approx.": "~", "roughly": "~",
    "nearly": "~", "almost": "~", "some": "~", "an estimated": "~", "estimated": "~",
    "close to": "~", "circa": "~", "c.": "~", "ca.": "~", "~": "~", "just about": "~",
}  # fmt: skip
_COMPARATOR_BEFORE = re.compile(
    r"(?:(?<![\w.])(?P<c>"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_COMPARATORS, key=len, reverse=True) if k != "~"
    )
    + r")\s+|(?P<tilde>~)\s*)\Z",
    re.IGNORECASE,
)
_COMPARATOR_AFTER = re.compile(
    r"\s*\+(?![\w])|\s+(?:or|and)\s+(?P<w>more|above|over|higher|less|fewer|below|under)\b", re.I
)

# --------------------------------------------------------------------------- atom patterns

# Thousands may be grouped with commas or spaces ("16,000", "16 000"; thin and no-break spaces too).
_NUMERAL = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?"
)
_SUFFIX = (
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b|pct\b)"
    r"|\s(?P<pp>percentage\s+points?)\b"
    r"|\s?(?P<zl>zł)"
    rf"|\s+(?P<curs>(?-i:{_CODES})\b|{_CURRENCY_WORD_RE})\b)?"
)
_NUMERIC = re.compile(
    r"(?<![\w.,/])(?<![^\W\d_][-–])"
    rf"(?P<cur>US\$|\$|€|£|¥|₽|₴|(?-i:{_CODES})\s?)?"
    rf"(?P<num>{_NUMERAL})(?![0-9]|[.,][0-9])"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn)\b|(?P<sscale>[kmb])(?![\w]))?"
    + _SUFFIX,
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"(?<![\w-])(?P<w>(?:(?:one|two|three|four|five|six|seven|eight|nine)\s+and\s+a\s+half\s+"
    r"(?=(?:hundred|thousand|million|billion|trillion)\b)|half\s+an?\s+|an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:{_NUMBER_WORD})"
    r"(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)"
    rf"(?:{_NUMBER_WORD}))*)(?![\w-])" + _SUFFIX,
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<fn>one|two|three|four|five|six|seven|eight|nine|an?)(?P<sep>\s+|-))?"
    r"(?P<fd>half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"(?![\w-])(?P<of>\s+of\b)?",
    re.IGNORECASE,
)
_MULTITUDE = re.compile(
    r"(?<![\w-])(?P<m>(?:(?P<outer>tens|hundreds|dozens)\s+of\s+)?(?P<inner>dozens|hundreds|thousands|millions|billions|tens))"
    rf"\s+of\b(?:\s+(?P<cur>{_CURRENCY_WORD_RE})\b)?",
    re.IGNORECASE,
)
_FEW = re.compile(
    r"(?<![\w-])(?P<m>(?P<few>several|a\s+few|a\s+couple\s+of)\s+(?P<scale>hundred|thousand|million|billion))"
    rf"(?![\w-])(?:\s+(?P<cur>{_CURRENCY_WORD_RE})\b)?",
    re.IGNORECASE,
)
# Digits that are labels or codes, not amounts.
_BLOCKED = re.compile(
    r"(?<![\w.])v?[0-9]+(?:\.[0-9]+){2,}"  # versions, IP addresses: 3.8.0
    r"|\+[0-9][0-9 ().-]{6,}[0-9]"  # international phone numbers
    r"|(?<![\w.,-])(?![0-9]{1,3}(?: [0-9]{3})+(?![0-9]))"  # not "10 000 000" but
    r"\(?[0-9]{2,4}\)?(?:[ .-][0-9]{2,4}){2,}(?![\w.,-]?[0-9])"  # 017 123 45 67
    r"|[0-9]+(?:[/:][0-9]+)+"  # 24/7, 3/4, 10:30, 12/05/2020
    r"|(?:\bNo\.|#)\s?[0-9]+",  # No. 8, #8
    re.IGNORECASE,
)
#: A capitalised number word inside a name, mid-sentence: "the One Million Coders project".
_NAME_NUMBER = re.compile(
    r"(?<=[a-z,;] )(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Twenty|Fifty|Hundred"
    r"|Thousand|Million|Billion)(?: (?:Hundred|Thousand|Million|Billion))?"
    r"(?= (?!(?:Hundred|Thousand|Million|Billion)\b)[A-Z])"
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_BETWEEN_BEFORE = re.compile(r"(?<![\w])between\s+\Z", re.I)
_FROM_BEFORE = re.compile(r"(?<![\w])from\s+\Z", re.I)
_AND_GAP = re.compile(r"\s+and\s+", re.I)
_TO_GAP = re.compile(r"\s+to\s+|\s*[-–—]\s*", re.I)
_AND_A_BEFORE = re.compile(r"\band\s+\Z", re.I)
#: "by", "to", or a change noun's "of" before a fraction, with an optional hedge ("by roughly").
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:by|to)|\b(?:fall|drop|decline|decrease|rise|increase|growth|jump|cut|reduction)\s+of)"
    r"\s+(?:(?:about|around|roughly|nearly|almost|some|approximately|over|under|just|more\s+than|less\s+than)\s+)?\Z",
    re.I,
)
#: Nouns an ordinal "third", "fifth" goes with: "a third party", "a fifth round".
_ORDINAL_NOUN_AFTER = re.compile(
    r"\s+(?:part(?:y|ies)|countr(?:y|ies)|place|round|time|term|generation|wave|stage|phase|option|person"
    r"|world|floor|edition|version|series|season|tranche)\b",
    re.I,
)
#: A comparative right after a fraction: "a third less than", "a quarter higher".
_COMPARATIVE_AFTER = re.compile(r"\s+(?:less|more|lower|higher|fewer|smaller|larger|bigger)\b", re.I)


def _norm(words: str) -> str:
    return " ".join(words.split()).casefold()


def _decimal(numeral: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[,\s]", "", numeral))
    except InvalidOperation:
        return None


def _unit_of(m: re.Match[str]) -> str | None:
    """The unit named by a match's currency prefix or unit suffix, or None for a bare count."""
    if m.group("pct"):
        return "percent"
    if m.group("pp"):
        return "percentage_point"
    if m.group("zl"):
        return "PLN"
    if m.group("curs"):
        word = _norm(m.group("curs"))
        return word.upper() if word.upper() in _CODES.split("|") else _CURRENCY_WORDS.get(word, "USD")
    cur = m.groupdict().get("cur")
    if cur:
        key = cur.strip().casefold()
        return _SYMBOLS.get(key, key.upper())
    return None


# --------------------------------------------------------------------------- parse_number


def parse_number(words: str) -> float | None:
    """Read a number written in digits, words or both.

    Args:
        words: "1,000", "3.2", "twenty-five", "a thousand", "1.5 million", "$300k" without the
            sign ("300k"), "two hundred and fifty", "half a million", "a dozen".

    Returns:
        The number, or None when ``words`` is not a number.
    """
    text = _norm(words.replace("-", " "))
    numeric = re.fullmatch(rf"({_NUMERAL})\s?(thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)?", text)
    if numeric:
        value = _decimal(numeric.group(1))
        if value is None:
            return None
        scale = _SCALES.get(numeric.group(2) or "", 1.0)
        return float(value * Decimal(scale))
    and_a_half = re.fullmatch(r"(.+) and a half (hundred|thousand|million|billion|trillion)", text)
    if and_a_half:
        whole = parse_number(and_a_half.group(1))
        scale = 100.0 if and_a_half.group(2) == "hundred" else _SCALES[and_a_half.group(2)]
        return None if whole is None else (whole + 0.5) * scale
    tokens = [t for t in text.split() if t != "and"]
    if len(tokens) == 3 and tokens[0] == "half" and tokens[1] in ("a", "an") and tokens[2] in _SCALES:
        return _SCALES[tokens[2]] / 2
    if tokens[:1] in (["a"], ["an"]):
        if len(tokens) < 2 or tokens[1] not in (
            "hundred",
            "dozen",
            "thousand",
            "million",
            "billion",
            "trillion",
        ):
            return None
        tokens[0] = "one"
    return _parse_words(tokens)


def _parse_words(tokens: list[str]) -> float | None:
    """English cardinal words to a number, rejecting ill-formed runs such as "two three"."""
    if not tokens:
        return None
    total, current = 0.0, 0.0
    last = ""
    last_scale = float("inf")
    for tok in tokens:
        if tok in _UNITS or tok in _TEENS:
            if last in ("unit", "teen") or (last == "tens" and tok in _TEENS):
                return None
            current += _UNITS.get(tok, 0) + _TEENS.get(tok, 0)
            last = "teen" if tok in _TEENS else "unit"
        elif tok in _TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _TENS[tok]
            last = "tens"
        elif tok in ("hundred", "dozen"):
            if last in ("hundred", "dozen"):
                return None
            current = (current or 1) * (100 if tok == "hundred" else 12)
            last = tok
        elif tok in ("thousand", "million", "billion", "trillion"):
            scale = _SCALES[tok]
            if scale >= last_scale:
                return None
            total += (current or 1) * scale
            current, last, last_scale = 0.0, "scale", scale
        else:
            return None
    return total + current


# --------------------------------------------------------------------------- atom rules


def _numeric_atom(m: re.Match[str], text: str) -> _Atom | None:
    """A numeral with its currency, scale and unit ("$3.2 billion", "9%", "1,000")."""
    if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "_"):
        return None  # 5G, 1st, 3D: glued to letters
    if m.end() < len(text) - 1 and text[m.end()] in "-–" and text[m.end() + 1].isalpha():
        return None  # 5-year, 24-hour: part of an adjective
    if re.match(r"0[0-9]", m.group("num")):
        return None  # 007, 000: codes, not amounts
    value = _decimal(m.group("num"))
    if value is None:
        return None
    unit = _unit_of(m)
    scale_word = m.group("scale") or m.group("sscale")
    if m.group("sscale") and m.group("sscale") != "k" and unit is None:
        return None  # "2m" is two metres unless money: "£2m"
    scale = _SCALES.get((scale_word or "").casefold(), 1.0)
    amount = float(value * Decimal(scale))
    return _Atom(
        m.start(), m.end(), amount, unit or "count", raw=float(value), scale=scale,
        has_scale=scale_word is not None, has_unit=unit is not None,
    )  # fmt: skip


def _words_atom(m: re.Match[str], text: str) -> _Atom | None:
    """Number words ("twenty-five", "a dozen", "three companies"); a lone word must precede a
    noun, and "one" alone never counts (it is mostly a pronoun)."""
    words = m.group("w")
    value = parse_number(words)
    if value is None:
        return None
    unit = _unit_of(m)
    single = re.fullmatch(r"[^\W\d_]+", words) is not None
    if single and unit is None:
        if words.casefold() in ("one", "hundred", "thousand", "million", "billion", "trillion", "dozen"):
            return None  # "one of", and "several hundred", "one and a half million" (elsewhere)
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt is None or nxt.group(1).casefold() in _NOT_A_NOUN:
            return None
    last_word = _norm(words.replace("-", " ")).split()[-1]
    return _Atom(
        m.start(), m.end(), value, unit or "count", raw=value, has_unit=unit is not None,
        has_scale=last_word in _SCALES,
    )  # fmt: skip


def _fraction_atom(m: re.Match[str], text: str) -> _Atom | None:
    """A fraction as a percent: "two-thirds" (66.666667), "a third of", "three quarters".

    "half" needs "of" or "a" ("half of", "a half"); "a third"/"a quarter" need "of" unless
    hyphenated, since "a third country" is an ordinal.
    """
    numerator_word = (m.group("fn") or "").casefold()
    denominator_word = m.group("fd").casefold()
    hyphen = (m.group("sep") or "").strip() == "-"
    has_of = m.group("of") is not None
    plural = denominator_word.endswith("s")
    if not numerator_word:
        halved = denominator_word == "half" and _CHANGE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if denominator_word != "half" or not (has_of or halved):
            return None  # "grew by half" is a change of 50%
        numerator = 1
    elif numerator_word in ("a", "an", "one"):
        # "by a fifth", "to a third", "by roughly a fifth", "a fall of about a fifth": a change
        # by or to a fraction of something named before; "a third less than": a gap
        by_or_to = _CHANGE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        gap = _COMPARATIVE_AFTER.match(text, m.end("fd"))
        if _ORDINAL_NOUN_AFTER.match(text, m.end("fd")):
            return None  # "to a third party", "by a third country": an ordinal
        if plural or not (
            hyphen or has_of or by_or_to or gap or (denominator_word == "half" and numerator_word != "one")
        ):
            return None
        if denominator_word == "half" and _AND_A_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            return None  # "one and a half" is 1.5, not 50%
        numerator = 1
    else:
        numerator = _UNITS.get(numerator_word, 0)
        if not numerator or not (plural or hyphen):
            return None
    denominator = _FRACTION_DENOMINATORS.get(denominator_word, 0)
    if not denominator or numerator >= denominator:
        return None
    value = round(numerator / denominator * 100, 6)
    return _Atom(m.start(), m.end("fd"), value, "percent", has_unit=True, rangeable=False)


def _multitude_atom(m: re.Match[str], text: str) -> _Atom | None:
    """ "thousands of" (>= 1000), "dozens of" (>= 12), "tens of thousands of" (>= 10000): the
    lower bound is one of the unit, as the project reads vague plurals."""
    inner = _MULTITUDES.get(m.group("inner").casefold())
    if inner is None:
        return None
    outer = _MULTITUDES.get((m.group("outer") or "").casefold(), 1.0)
    if m.group("outer") and inner < 1000:
        return None  # "hundreds of dozens" is not a phrase
    value = outer * inner
    end = m.end("m")
    unit = "count"
    if m.group("cur"):
        unit = _CURRENCY_WORDS.get(_norm(m.group("cur")), "USD")
        end = m.end()
    return _Atom(m.start(), end, value, unit, comparator=">=", lower=value, rangeable=False)


def _few_atom(m: re.Match[str], text: str) -> _Atom | None:
    """ "several hundred" (>= 100), "a few thousand" (>= 1000), "a couple of million" (>= 2e6):
    "several" and "a few" are read, like "thousands", by their unit; "a couple" is two."""
    scale = (
        100.0 if m.group("scale").casefold() == "hundred" else _SCALES.get(m.group("scale").casefold(), 0.0)
    )
    if not scale:
        return None
    value = (2 if "couple" in m.group("few").casefold() else 1) * scale
    unit = "count" if not m.group("cur") else _CURRENCY_WORDS.get(_norm(m.group("cur")), "USD")
    end = m.end() if m.group("cur") else m.end("m")
    return _Atom(m.start(), end, value, unit, comparator=">=", lower=value, rangeable=False)


_RULES = (
    (_NUMERIC, _numeric_atom),
    (_WORDS, _words_atom),
    (_FRACTION, _fraction_atom),
    (_MULTITUDE, _multitude_atom),
    (_FEW, _few_atom),
)
_HAS_NUMBERISH = re.compile(r"[0-9]|dozen|half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                            rf"{_NUMBER_WORD}|hundreds|thousands|millions|billions|tens", re.I)  # fmt: skip


# --------------------------------------------------------------------------- ranges and comparators


def _join_ranges(
    text: str, atoms: list[_Atom], blocked: Sequence[tuple[int, int]]
) -> list[tuple[int, _Atom, _Atom | None]]:
    """Pair atoms into ranges; each item is (start including "between"/"from", low, high or None)."""
    out: list[tuple[int, _Atom, _Atom | None]] = []
    prev_end = 0
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms) and a.rangeable and atoms[i + 1].rangeable:
            b = atoms[i + 1]
            gap = text[a.end : b.start]
            floor = max([prev_end, a.start - 10, *(e for s, e in blocked if e <= a.start)])
            if _AND_GAP.fullmatch(gap):  # only "between A and B": "A and B" are two amounts
                lead = _BETWEEN_BEFORE.search(text, floor, a.start)
                joined = lead is not None
            else:
                lead = _FROM_BEFORE.search(text, floor, a.start)
                joined = _TO_GAP.fullmatch(gap) is not None
            low = _range_low(a, b) if joined else None
            if low is not None:
                out.append((lead.start() if lead else a.start, low, b))
                prev_end = b.end
                i += 2
                continue
        out.append((a.start, a, None))
        prev_end = a.end
        i += 1
    return out


def _range_low(a: _Atom, b: _Atom) -> _Atom | None:
    """The low end of a range with the high end's unit and scale applied, or None if not a range."""
    if a.has_unit and b.has_unit and a.unit != b.unit:
        return None
    unit = a.unit if a.has_unit else b.unit
    amount = a.amount
    if not a.has_scale and b.has_scale and a.raw is not None and a.raw * b.scale <= b.amount:
        amount = a.raw * b.scale
    if amount > b.amount:
        return None
    return _Atom(a.start, a.end, amount, unit, has_unit=True)


def _comparator(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int, str | None]:
    """The comparator around ``text[start:end]``, looking no further than ``floor`` and ``ceiling``.

    Returns:
        The new start and end, and the comparator, or None when there is none.
    """
    m = _COMPARATOR_BEFORE.search(text, max(floor, start - 24), start)
    if m is not None:
        key = "~" if m.group("tilde") else _norm(m.group("c"))
        return m.start(), end, _COMPARATORS.get(key, "~")
    after = _COMPARATOR_AFTER.match(text, end, ceiling)
    if after is not None:
        word = (after.group("w") or "more").casefold()
        return start, after.end(), ">=" if word in ("more", "above", "over", "higher") else "<="
    return start, end, None


# --------------------------------------------------------------------------- public API


def find_quantities(text: str, *, exclude: Sequence[tuple[int, int]] = ()) -> list[QuantityMatch]:
    """All quantities in ``text``, non-overlapping, in text order.

    Args:
        text: a sentence or any other text.
        exclude: ``(start, end)`` character spans to skip, typically the time expressions found
            by :func:`kronika.pipeline.timex.find_times`, so that "In 2011" is not a count.

    Returns:
        One :class:`QuantityMatch` per quantity; ``quantity.text`` is ``text[start:end]`` and
        includes comparator words ("more than 400", "surpassed 100").
    """
    if not _HAS_NUMBERISH.search(text):
        return []
    blocked = [
        *exclude,
        *(m.span() for m in _BLOCKED.finditer(text)),
        *(m.span() for m in _NAME_NUMBER.finditer(text)),
    ]
    candidates: list[_Atom] = []
    for pattern, rule in _RULES:
        for m in pattern.finditer(text):
            if any(m.start() < b_end and b_start < m.end() for b_start, b_end in blocked):
                continue
            atom = rule(m, text)
            if atom is not None:
                candidates.append(atom)
    items = _join_ranges(text, _select(candidates), blocked)
    matches: list[QuantityMatch] = []
    floor = 0
    for index, (start, low, high) in enumerate(items):
        if high is not None:
            quantity = Quantity(
                low.amount, low.unit, "range", low.amount, high.amount, text[start : high.end]
            )
            matches.append(QuantityMatch(start, high.end, quantity))
            floor = high.end
            continue
        # Comparator words may not reach into an excluded span or the next amount.
        floor = max([floor, *(e for s, e in blocked if e <= start)])
        ceiling = min([len(text), *(s for s, e in blocked if s >= low.end)])
        if index + 1 < len(items):
            ceiling = min(ceiling, items[index + 1][0])
        q_start, q_end, comparator = start, low.end, low.comparator
        if low.comparator == "=":
            q_start, q_end, found = _comparator(text, start, low.end, floor, ceiling)
            comparator = found or "="
        lower = low.amount if comparator in (">", ">=") else None
        upper = low.amount if comparator in ("<", "<=") else None
        quantity = Quantity(low.amount, low.unit, comparator, lower, upper, text[q_start:q_end])
        matches.append(QuantityMatch(q_start, q_end, quantity))
        floor = q_end
    return matches


def _select(candidates: list[_Atom]) -> list[_Atom]:
    """Keep the longest candidates that do not overlap, in text order."""
    chosen: list[_Atom] = []
    for cand in sorted(candidates, key=lambda a: (a.start - a.end, a.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda a: a.start)
