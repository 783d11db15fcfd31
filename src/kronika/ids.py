"""Stable ids: the same input gives the same ids on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata

TYPE_PREFIX: dict[str, str] = {
    "organization": "org",
    "person": "person",
    "place": "place",
    "product": "product",
    "policy": "policy",
    "event": "event",
    "group": "group",
}


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Hi-Tech Park" -> "hi-tech-park")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    if not text:
        text = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return text[:80]


def entity_id(type_: str, name: str) -> str:
    """The id of an entity not in the registry: its type prefix and slugged name."""
    return f"{TYPE_PREFIX.get(type_, type_)}/{slugify(name)}"


def document_id(data: bytes) -> str:
    """A document's id, derived from its bytes so re-reading the same bytes is a no-op."""
    return "d-" + hashlib.sha256(data).hexdigest()[:16]


def digest(*parts: object) -> str:
    """A short hex digest of the parts' text."""
    # Each part's repr followed by a unit separator, hashed in one call.
    text = "".join(f"{part!r}\x1f" for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
