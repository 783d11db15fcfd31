"""Words for answers: values with their bounds, times, clauses for claims, sources.

Bounds are kept in words: a ``>`` value reads "more than 400", a range "between 16,000 and
22,000", an approximate thirds value "about two-thirds (67%)". Money is written with its
currency and scale ("$1.8 billion"); decades as "the 1960s (1960–1969)" so the first year
stands on its own.
"""

from __future__ import annotations

import re
from typing import Any

from kronika.ask.lexicon import PREDICATE_PHRASES
from kronika.ask.text import join_names, words_list

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_COMPARATOR_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "at most", "~": "about"}
_FRACTIONS = {
    (100 / 3): "a third",
    (200 / 3): "two-thirds",
    12.5: "an eighth",
    (100 / 6): "a sixth",
}
_UPPER_WORDS = {
    "gdp": "GDP",
    "it": "IT",
    "vat": "VAT",
    "ai": "AI",
    "ceo": "CEO",
    "htp": "HTP",
    "us": "US",
    "eu": "EU",
    "usd": "USD",
    "r&d": "R&D",
    "ipo": "IPO",
}
_MONTH_NAMES = words_list(
    "January February March April May June July August September October November December"
)


def number(amount: float) -> str:
    """A plain number: thousands separated, at most two decimals, no trailing zeros."""
    if float(amount).is_integer():
        return f"{int(amount):,}"
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return text


def _scaled(amount: float) -> str:
    """Large amounts in words: 1.8 billion, 61 million; smaller ones with separators."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"{number(round(amount / size, 2))} {word}"
    return number(amount)


def amount_text(amount: float, unit: str | None) -> str:
    """One amount in its unit: "$1.8 billion", "35%", "16,000", "€61 million", "500 hectare"."""
    if unit == "percent":
        for value, words in _FRACTIONS.items():
            if abs(amount - value) < 0.01 and not float(amount).is_integer():
                return f"{words} ({round(amount):g}%)"
        return f"{number(round(amount, 2))}%"
    if unit and len(unit) == 3 and unit.isupper():
        sign = _CURRENCY_SIGNS.get(unit)
        return f"{sign}{_scaled(amount)}" if sign else f"{_scaled(amount)} {unit}"
    if unit in (None, "count", ""):
        if abs(amount) >= 1e6 and float(amount / 1e5).is_integer():
            return f"{_scaled(amount)} ({number(amount)})"
        return number(amount)
    return f"{number(amount)} {unit}"


def value_text(value: dict[str, Any] | None) -> str:
    """A claim's value in words, bounds kept ("more than 400", "between 16,000 and 22,000")."""
    if not value:
        return ""
    unit = value.get("unit")
    comparator = value.get("comparator") or "="
    amount, lower, upper = value.get("amount"), value.get("lower"), value.get("upper")
    if comparator == "range" and lower is not None and upper is not None:
        return f"between {amount_text(lower, unit)} and {amount_text(upper, unit)}"
    shown = amount if amount is not None else (lower if lower is not None else upper)
    if shown is None:
        return ""
    text = amount_text(shown, unit)
    words = _COMPARATOR_WORDS.get(comparator)
    if words == "about" and text.startswith(("a third", "two-thirds", "an eighth", "a sixth")):
        return "about " + text
    return f"{words} {text}" if words else text


def year_of(iso: str | None) -> int | None:
    """The year of an ISO date, or None."""
    if not iso or len(iso) < 4 or not iso[:4].isdigit():
        return None
    return int(iso[:4])


def time_text(time: dict[str, Any] | None, *, edge: str | None = None) -> str:
    """A claim's time in words: "in 2011", "by 2016", "after 2020", "in the 1960s (1960–1969)".

    Args:
        time: the claim-format time object.
        edge: ``end`` or ``start`` to name only that bound ("until 2010", "since 2005").
    """
    if not time:
        return ""
    start, end = year_of(time.get("start")), year_of(time.get("end"))
    precision = time.get("precision") or "year"
    words = (time.get("text") or "").strip()
    if edge == "end" and end is not None:
        return f"until {end}"
    if edge == "start" and start is not None:
        return f"since {start}"
    if start is not None and end is not None:
        if end - start == 9 and start % 10 == 0:
            return f"in the {start}s ({start}–{end})"
        if precision == "century" or end - start >= 90:
            return f"between {start} and {end}"
        if start == end:
            iso_start, iso_end = time.get("start") or "", time.get("end") or ""
            if precision == "month" and iso_start[5:7] == iso_end[5:7]:
                return f"in {_MONTH_NAMES[int(iso_start[5:7]) - 1]} {start}"
            if precision == "day" and iso_start == iso_end and len(iso_start) >= 10:
                return f"on {int(iso_start[8:10])} {_MONTH_NAMES[int(iso_start[5:7]) - 1]} {start}"
            if str(start) in words and words.lower() not in (f"in {start}", str(start)) and len(words) < 40:
                lowered = _lower_first(words)
                return (
                    f"in {lowered}"
                    if re.match(r"(?i)(early|mid|late|the|spring|summer|autumn|fall|winter|\d)", words)
                    else lowered
                )
            return f"in {start}"
        return f"between {start} and {end}"
    if start is not None:
        if words.lower().startswith("after"):
            return f"after {start - 1}"
        if re.fullmatch(rf"(?i)(in|from|since|as of) {start}", words):
            return _lower_first(words)
        return f"since {start}"
    if end is not None:
        if words.lower().startswith(("until", "till", "up to")):
            return f"until {end}"
        if words.lower().startswith("before"):
            return f"before {end + 1}"
        return f"by {end}"
    if words:
        return f"({_lower_first(words)})"
    return ""


def year_text(time: dict[str, Any] | None, *, edge: str | None = None) -> str:
    """The time a "when" question asks for, as words starting with a preposition."""
    return time_text(time, edge=edge)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def measure_label(measure: str | None) -> str:
    """A measure name in words: "export_revenue" -> "export revenue", "share_of_gdp" -> "share of GDP"."""
    if not measure:
        return "value"
    words = [_UPPER_WORDS.get(w, w) for w in measure.split("_")]
    if len(words) > 1 and words[0] == "share" and words[1] not in ("of", "in"):
        words.insert(1, "of")
    return " ".join(words)


def possessive(name: str) -> str:
    """ "HTP's", "IT specialists'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def entity_name(ref: dict[str, Any] | None) -> str:
    """An entity's name; lower-case common nouns keep their case, others are kept as written."""
    if not ref:
        return ""
    return str(ref.get("name") or "")


def answer_side_text(claim: dict[str, Any], side: str) -> str:
    """What a claim gives as the answer: the object's or subject's name, the role, the value."""
    if side == "role":
        role = (claim.get("qualifiers") or {}).get("role")
        obj = entity_name(claim.get("object"))
        if role and obj and obj.lower() not in role.lower():
            return f"{role} ({obj})"
        return str(role or obj)
    if side == "subject":
        return entity_name(claim.get("subject"))
    if side == "value":
        return value_text(claim.get("value"))
    return entity_name(claim.get("object"))


def clause(claim: dict[str, Any], *, with_time: bool = True) -> str:
    """A claim as a short clause: "Dainova was founded in 1991", "NTT System is led by Tadeusz Kurek"."""
    subject = entity_name(claim.get("subject"))
    predicate = claim.get("predicate", "")
    obj = entity_name(claim.get("object"))
    when = time_text(claim.get("time")) if with_time else ""
    if predicate == "measure":
        text = measure_clause(claim, with_time=with_time)
        return text
    if predicate == "holds_position":
        body = role_clause(claim)
    elif predicate == "founded":
        body = f"{subject} {founded_verb(claim.get('subject'))}" + (f" in {obj}" if obj else "")
    elif predicate == "occurred":
        body = f"{subject} took place" + (f" in {obj}" if obj else "")
    else:
        body = f"{subject} {predicate_phrase(claim)} {obj}".strip()
    return f"{body} {when}".strip() if when else body


_PAST = {"is ": "was ", "operates ": "operated ", "holds ": "held "}
_PLURAL = {"is ": "are ", "was ": "were ", "operates ": "operate ", "holds ": "hold "}


def predicate_phrase(claim: dict[str, Any], *, plural: bool | None = None) -> str:
    """The verb phrase of a relation claim, in the past when the claim is dated ("NTT System
    operated in Belarus until 2010"), plural for plural subjects ("Minsk computers were succeeded
    by ES EVM"); "was acquired by" for an acquisition's ``part_of``.

    Args:
        claim: the claim.
        plural: force the number; by default from the subject (:func:`is_plural`).
    """
    predicate = str(claim.get("predicate") or "")
    qualifiers = claim.get("qualifiers") or {}
    if predicate == "part_of" and qualifiers.get("via") in ("acquisition", "purchase", "takeover"):
        phrase = "was acquired by"
    elif predicate == "founded" and claim.get("object"):
        phrase = "was founded in"
    else:
        phrase = PREDICATE_PHRASES.get(predicate, predicate.replace("_", " "))
    time = claim.get("time") or {}
    if time.get("start") or time.get("end"):
        phrase = _swap(phrase + " ", _PAST).rstrip()
    if plural if plural is not None else is_plural(claim.get("subject")):
        phrase = _swap(phrase + " ", _PLURAL).rstrip()
    return phrase


def _swap(phrase: str, table: dict[str, str]) -> str:
    for old, new in table.items():
        if phrase.startswith(old):
            return new + phrase[len(old) :]
    return phrase


def is_plural(ref: dict[str, Any] | None) -> bool:
    """Whether an entity's name reads as a plural ("HTP residents", "crypto-related activities"),
    not a company named so ("EPAM Systems")."""
    if not ref:
        return False
    name = str(ref.get("name") or "")
    head = name.split(" of ")[0].split(" from ")[0].split()
    last = head[-1].lower() if head else ""
    looks_plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return looks_plural and (ref.get("type") in ("group", "product") or name[:1].islower())


def founded_verb(ref: dict[str, Any] | None) -> str:
    """How a founding reads for the kind of thing founded: adopted policies, launched products."""
    kind = (ref or {}).get("type")
    verb = {"policy": "was adopted", "product": "was launched", "event": "began"}.get(
        kind or "", "was founded"
    )
    return _swap(verb + " ", _PLURAL).rstrip() if is_plural(ref) else verb


def role_clause(claim: dict[str, Any]) -> str:
    """A ``holds_position`` claim: "Valery Tsepkalo was presidential advisor on science and technology"."""
    subject = entity_name(claim.get("subject"))
    role = str((claim.get("qualifiers") or {}).get("role") or "")
    obj = entity_name(claim.get("object"))
    if role.lower().startswith("elected"):
        return f"{subject} was elected" + (f" ({obj})" if obj else "")
    if not role:
        return f"{subject} held a post at {obj}" if obj else subject
    where = f" ({obj})" if obj and obj.lower() not in role.lower() else ""
    former = (claim.get("qualifiers") or {}).get("former")
    return f"{subject} {'was formerly' if former else 'was'} {role}{where}"


def measure_clause(claim: dict[str, Any], *, with_time: bool = True) -> str:
    """A measure claim as a clause: "High Technologies Park's export revenue was $1.8 billion in 2024"."""
    subject = entity_name(claim.get("subject"))
    label = measure_label(claim.get("measure"))
    value = claim.get("value") or {}
    shown = value_text(value)
    when = time_text(claim.get("time")) if with_time else ""
    tail = f" {when}" if when else ""
    source = (claim.get("qualifiers") or {}).get("according_to")
    if source:
        tail += f", according to {source}"
    if value.get("unit") in ("count", None):
        subject_words = set(subject.lower().split())
        label_words = set(label.lower().split())
        if label_words and label_words <= subject_words:
            return f"there were {shown} {subject}{tail}"
        if label.lower().startswith(("share", "number")):
            return f"the {label} of {subject} was {shown}{tail}"
        return f"{subject}: {shown} {label}{tail}"
    return f"{possessive(subject)} {label} was {shown}{tail}"


def source_text(claim: dict[str, Any]) -> str:
    """Where a claim was read: the document's title, shortened; a review ranking is said."""
    evidence = claim.get("evidence") or {}
    title = str(evidence.get("title") or evidence.get("document") or "a source")
    title = title if len(title) <= 60 else title[:57].rstrip() + "…"
    rank = claim.get("rank")
    return f"{title}; {rank} by review" if rank in ("preferred", "deprecated") else title


def sentence_case(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!", ".\u201d", '."')) else text + "."


def names(items: list[str], conjunction: str = "and") -> str:
    """Names joined for a sentence, without repeats."""
    return join_names(list(dict.fromkeys(items)), conjunction)
