"""Interchange in SQL: the review records a backup carries, and writing an import in one transaction.

:mod:`kronika.interchange` shapes the data; this module reads and writes the rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from kronika.store._text import normalize_name
from kronika.store.review import log_entries

#: Columns an import writes into ``claims``, in this order.
IMPORT_CLAIM_COLUMNS: tuple[str, ...] = (
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
    "measure",
    "time_start",
    "time_end",
    "time_precision",
    "time_text",
    "span_start",
    "confidence",
    "method",
    "qualifiers_json",
    "status",
    "fingerprint",
    "rank",
    "orig_subject_id",
    "orig_object_id",
)


# --------------------------------------------------------------------------- records for a backup


def review_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """What a backup needs beyond the claims: the log, the decisions, merges and splits, in order."""
    for entry in log_entries(conn):
        yield {"record": "review", **entry}
    for r in conn.execute("SELECT * FROM claim_decisions ORDER BY fingerprint"):
        yield {
            "record": "decision",
            "fingerprint": r["fingerprint"],
            "status": r["status"],
            "rank": r["rank"],
            "edit": json.loads(r["edit_json"]) if r["edit_json"] else None,
            "log_id": r["log_id"],
        }
    for r in conn.execute("SELECT * FROM entity_merges ORDER BY log_id"):
        yield {
            "record": "merge",
            "from": r["from_id"],
            "into": r["into_id"],
            "log_id": r["log_id"],
            "snapshot": json.loads(r["snapshot_json"]),
        }
    for r in conn.execute("SELECT * FROM alias_splits ORDER BY log_id, entity_id, norm"):
        yield {
            "record": "split",
            "entity": r["entity_id"],
            "alias": r["alias"],
            "into": r["into_id"],
            "log_id": r["log_id"],
        }


def claim_keys(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str | None, str | None]]:
    """``(id, fingerprint, orig_subject_id, orig_object_id)`` of every claim, by id."""
    for r in conn.execute("SELECT id, fingerprint, orig_subject_id, orig_object_id FROM claims ORDER BY id"):
        yield str(r[0]), str(r[1]), r[2], r[3]


def claim_key(conn: sqlite3.Connection, claim_id: str) -> tuple[str, str | None, str | None]:
    """A claim's ``(fingerprint, orig_subject_id, orig_object_id)``."""
    row = conn.execute(
        "SELECT fingerprint, orig_subject_id, orig_object_id FROM claims WHERE id = ?", (claim_id,)
    ).fetchone()
    return str(row[0]), row[1], row[2]


def reviews_by_claim(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Log entries about each stored claim's fingerprint, by claim id (only reviewed claims)."""
    entries: dict[str, list[dict[str, Any]]] = {}
    by_fingerprint: dict[str, list[dict[str, Any]]] = {}
    for entry in log_entries(conn):
        if entry["fingerprint"]:
            by_fingerprint.setdefault(entry["fingerprint"], []).append(entry)
    if not by_fingerprint:
        return entries
    for claim_id, fingerprint, _s, _o in claim_keys(conn):
        if fingerprint in by_fingerprint:
            entries[claim_id] = by_fingerprint[fingerprint]
    return entries


def has_documents(conn: sqlite3.Connection) -> bool:
    """Whether the base holds any document."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0])


# --------------------------------------------------------------------------- import


def write_import(
    conn: sqlite3.Connection,
    *,
    documents: Sequence[tuple[Any, ...]],
    sentences: Sequence[tuple[Any, ...]],
    entities: Sequence[tuple[str, str, str]],
    aliases: Sequence[tuple[str, str]],
    claims: Sequence[tuple[Any, ...]],
    reviews: Sequence[dict[str, Any]],
    decisions: Sequence[dict[str, Any]],
    merges: Sequence[dict[str, Any]],
    splits: Sequence[dict[str, Any]],
) -> None:
    """Write an import (inside the caller's transaction).

    Args:
        conn: the connection, in a transaction.
        documents: ``(id, origin, title, kind, content_hash, text, word_count, ingested_at)``.
        sentences: ``(doc_id, idx, start_char, end_char, text)``.
        entities: ``(id, name, type)``.
        aliases: ``(entity_id, alias)``.
        claims: rows in :data:`IMPORT_CLAIM_COLUMNS` order.
        reviews: log entries as :func:`kronika.store.review.log_entries` gives them.
        decisions: ``{"fingerprint", "status", "rank", "edit", "log_id"}``.
        merges: ``{"from", "into", "log_id", "snapshot"}``.
        splits: ``{"entity", "alias", "into", "log_id"}``.
    """
    conn.executemany(
        "INSERT INTO documents (id, origin, title, kind, content_hash, text, word_count, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        documents,
    )
    conn.executemany(
        "INSERT INTO sentences (doc_id, idx, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)", sentences
    )
    conn.executemany(
        "INSERT INTO entities (id, name, norm, type, origin) VALUES (?, ?, ?, ?, 'document')",
        [(i, n, normalize_name(n), t) for i, n, t in entities],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
        [(e, a, normalize_name(a)) for e, a in aliases if a.strip()],
    )
    marks = ", ".join("?" for _ in IMPORT_CLAIM_COLUMNS)
    conn.executemany(f"INSERT INTO claims ({', '.join(IMPORT_CLAIM_COLUMNS)}) VALUES ({marks})", claims)
    conn.executemany(
        "INSERT INTO review_log (id, at, who, action, fingerprint, claim_id, entity_id, other_id,"
        " detail_json, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e["id"],
                e["at"],
                e["who"],
                e["action"],
                e.get("fingerprint"),
                e.get("claim"),
                e.get("entity"),
                e.get("other"),
                json.dumps(e.get("detail") or {}, ensure_ascii=False, sort_keys=True),
                e.get("why") or "",
            )
            for e in reviews
        ],
    )
    conn.executemany(
        "INSERT INTO claim_decisions (fingerprint, status, rank, edit_json, log_id) VALUES (?, ?, ?, ?, ?)",
        [
            (
                d["fingerprint"],
                d.get("status"),
                d.get("rank"),
                json.dumps(d["edit"], sort_keys=True) if d.get("edit") else None,
                d["log_id"],
            )
            for d in decisions
        ],
    )
    conn.executemany(
        "INSERT INTO entity_merges (from_id, into_id, log_id, snapshot_json) VALUES (?, ?, ?, ?)",
        [
            (m["from"], m["into"], m["log_id"], json.dumps(m["snapshot"], ensure_ascii=False, sort_keys=True))
            for m in merges
        ],
    )
    conn.executemany(
        "INSERT INTO alias_splits (entity_id, norm, alias, into_id, log_id) VALUES (?, ?, ?, ?, ?)",
        [(s["entity"], normalize_name(s["alias"]), s["alias"], s["into"], s["log_id"]) for s in splits],
    )
