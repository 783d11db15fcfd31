"""Text normalisation for lookups and fingerprints (kept beside the SQL that relies on it)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = re.compile("[\u2018\u2019\u02bc`]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The lookup key of a name: case-folded, accents and punctuation dropped, no leading "the".

    "The High-Technologies Park" and "high technologies park" share a key; Cyrillic
    names keep their letters ("ПВТ" -> "пвт"). Cached: a reading run asks for the same
    registry names and aliases in every document that mentions them.
    """
    text = _DASHES.sub("-", _QUOTES.sub("'", name))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = _NON_WORD.sub(" ", text).strip()
    return re.sub(r"^the ", "", text)


def normalize_sentence(text: str) -> str:
    """A sentence's text for fingerprints: whitespace collapsed, case kept."""
    return " ".join(text.split())
