"""Bulk loading: many rows straight into the tables, for synthetic benchmark bases and imports.

The normal write path (:meth:`kronika.store.Store.write_document`) runs one transaction per
document with every check; :func:`bulk_insert` takes rows already shaped like the tables and
writes them in one transaction with ``executemany``, so a base of a million claims is built in
a minute rather than an hour. It trusts its input: ids must be unique and references must
exist (foreign keys are still enforced by SQLite).

Row shapes (tuples, in this order):

- documents: :data:`DOCUMENT_COLUMNS`
- sentences: :data:`SENTENCE_COLUMNS` (the full-text index is filled by the table's trigger)
- entities: :data:`ENTITY_COLUMNS`; ``norm`` is computed from ``name``
- aliases: ``(entity_id, alias)``; ``norm`` is computed
- mentions: :data:`MENTION_COLUMNS`
- claims: :data:`CLAIM_COLUMNS`
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kronika.store._text import normalize_name

DOCUMENT_COLUMNS = (
    "id",
    "origin",
    "title",
    "date",
    "kind",
    "content_hash",
    "text",
    "word_count",
    "ingested_at",
)
SENTENCE_COLUMNS = ("doc_id", "idx", "start_char", "end_char", "text")
ENTITY_COLUMNS = ("id", "name", "type", "description", "lat", "lon", "origin")
MENTION_COLUMNS = ("doc_id", "sentence_idx", "entity_id", "start_char", "end_char", "text")
CLAIM_COLUMNS = (
    "id",
    "doc_id",
    "sentence_idx",
    "subject_id",
    "predicate",
    "object_id",
    "amount",
    "unit",
    "comparator",
    "lower",
    "upper",
    "value_text",
    "measure",
    "time_start",
    "time_end",
    "time_precision",
    "time_text",
    "span_start",
    "span_end",
    "confidence",
    "method",
    "qualifiers_json",
    "status",
    "fingerprint",
)


def _insert(conn: Any, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> int:
    marks = ", ".join("?" for _ in columns)
    cursor = conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    return int(cursor.rowcount)


def bulk_insert(
    store: Any,
    *,
    documents: Iterable[tuple[Any, ...]] = (),
    sentences: Iterable[tuple[Any, ...]] = (),
    entities: Iterable[tuple[Any, ...]] = (),
    aliases: Iterable[tuple[str, str]] = (),
    mentions: Iterable[tuple[Any, ...]] = (),
    claims: Iterable[tuple[Any, ...]] = (),
) -> dict[str, int]:
    """Insert rows into the tables in one transaction (see the module docstring for the shapes).

    Args:
        store: a :class:`kronika.store.Store`.
        documents: document rows.
        sentences: sentence rows.
        entities: entity rows (without ``norm``).
        aliases: ``(entity_id, alias)`` pairs.
        mentions: mention rows.
        claims: claim rows.

    Returns:
        Rows written per table.
    """
    written: dict[str, int] = {}
    with store.transaction() as conn:
        written["documents"] = _insert(conn, "documents", DOCUMENT_COLUMNS, documents)
        written["entities"] = _insert(
            conn,
            "entities",
            ("id", "name", "norm", "type", "description", "lat", "lon", "origin"),
            ((r[0], r[1], normalize_name(r[1]), *r[2:]) for r in entities),
        )
        written["aliases"] = _insert(
            conn, "aliases", ("entity_id", "alias", "norm"), ((e, a, normalize_name(a)) for e, a in aliases)
        )
        written["sentences"] = _insert(conn, "sentences", SENTENCE_COLUMNS, sentences)
        written["mentions"] = _insert(conn, "mentions", MENTION_COLUMNS, mentions)
        written["claims"] = _insert(conn, "claims", CLAIM_COLUMNS, claims)
    return written


def fast_writes(store: Any) -> None:
    """Trade durability for speed while building a throw-away base (no fsync)."""
    store.connection.execute("PRAGMA synchronous = OFF")
    store.connection.execute("PRAGMA cache_size = -200000")
