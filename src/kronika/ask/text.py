"""Words of questions and sentences: tokens with offsets, a light stemmer, stop words.

The stemmer is deliberately crude (suffix stripping, then the first six letters): it only has to
make "founded", "founder" and "founding" meet, and "relocate", "relocated" and "relocation";
questions and evidence sentences go through the same function, so its errors cancel out.

Notes:
    Truncation stemming is a known strong baseline for retrieval in English (Paice, "Another
    stemmer", 1990; the "first n characters" stemmers compared by McNamee & Mayfield, 2004).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(
    r"[A-Za-z\u00c0-\u024f\u0400-\u04ff0-9]+(?:[.'\u2019&-][A-Za-z\u00c0-\u024f\u0400-\u04ff0-9]+)*"
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")
# "-ation" keeps its "at", so "relocation" meets "relocate" and "operations" meets "operate"
_KEEP = {"ations": "at", "ation": "at"}
STEM_LENGTH = 6


def words_list(text: str) -> list[str]:
    """The whitespace-separated words of a literal (for word tables)."""
    return text.split()


#: Function words and question words: never keywords.
STOP_WORDS: frozenset[str] = frozenset(
    words_list("""
    a an the of in on at to for from by with without about as into onto over under than then
    and or nor but if so that this these those there here it its it's itself they them their
    what which who whom whose when where why how whether
    is are was were be been being am do does did done doing has have had having
    will would shall should can could may might must
    i me my we our you your he him his she her one ones
    any some all each every both either neither no not only own same such too very just also
    much many more most less least few several other another
    up down out off again further once
    according per via among between during before after since until till while
    year years decade decades time times date first last ever
    s t d ll re ve
    """)
)

#: Words that ask but carry no content ("tell me about ...", "name the ...").
QUESTION_FILLER: frozenset[str] = frozenset(
    words_list("""
    tell name list give show describe explain know say said known called
    please kind sort type
    """)
)


class Token(NamedTuple):
    """A word with its character offsets and forms.

    Attributes:
        text: as written.
        start: offset of its first character.
        end: offset after its last character.
        lower: lower-cased, possessive removed.
        stem: :func:`stem` of ``lower``.
    """

    text: str
    start: int
    end: int
    lower: str
    stem: str


#: Irregular past forms of common verbs -> the verb ("spent" -> "spend"), so that "How much did X
#: spend?" meets "X spent". General English, not words of any document.
IRREGULAR: dict[str, str] = {
    "spent": "spend",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "built": "build",
    "ran": "run",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "began": "begin",
    "begun": "begin",
    "became": "become",
    "came": "come",
    "brought": "bring",
    "held": "hold",
    "won": "win",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "sent": "send",
    "went": "go",
    "gone": "go",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "made": "make",
    "met": "meet",
    "taught": "teach",
    "told": "tell",
    "thought": "think",
    "drew": "draw",
    "drawn": "draw",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: lower case, a common suffix stripped, at most six letters.

    "founded" and "founders" give "found"; "relocation" and "relocated" give "reloca";
    numbers are returned unchanged.
    """
    w = word.lower()
    if w.isdigit():
        return w
    w = IRREGULAR.get(w, w)
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= (3 if suffix in _KEEP else 4) and w.endswith(suffix):
            w = w[: -len(suffix)] + _KEEP.get(suffix, "")
            break
    if w.endswith(("y", "e")) and len(w) > 4:  # "company"/"companies", "office"/"offices"
        w = w[:-1]
    return w[:STEM_LENGTH]


def tokens(text: str) -> list[Token]:
    """The words of a text with offsets; "HTP's" is one token whose ``lower`` is "htp"."""
    return list(_tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    result: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        lower = raw.lower().replace("\u2019", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        elif lower.endswith("'"):
            lower = lower[:-1]
        result.append(Token(raw, m.start(), m.end(), lower, stem(lower)))
    return tuple(result)


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words of a text that are not stop words (cached: sentences repeat)."""
    return _content_stems(text)


@lru_cache(maxsize=8192)
def _content_stems(text: str) -> frozenset[str]:
    found = {t.stem for t in tokens(text) if is_content(t)}
    # a compound's parts count too: "final-stage" holds "stage", "crypto-related" holds "crypto"
    found |= {
        stem(part)
        for t in tokens(text)
        if "-" in t.lower
        for part in t.lower.split("-")
        if len(part) >= 2 and part not in STOP_WORDS
    }
    return frozenset(found)


def is_content(word: Token) -> bool:
    """Whether a word carries content: not a stop word, except an acronym that looks like one ("IT")."""
    if len(word.lower) < 2:
        return False
    return word.lower not in STOP_WORDS or (word.text.isupper() and len(word.text) >= 2)


def plural(noun: str) -> str:
    """A noun's plural ("company" -> "companies", "office" -> "offices")."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def join_names(names: list[str], conjunction: str = "and") -> str:
    """ "A", "A and B", "A, B and C"."""
    names = [n for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]
