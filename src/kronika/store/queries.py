"""Read queries: rows of the store rendered as plain dicts (claims in the claim format).

Functions take a connection and never write. :class:`~kronika.store.db.Store` exposes
them as methods; the web layer may call them directly.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from kronika.store._text import normalize_name
from kronika.store.review import resolve_merged

# Aliases of an entity other than its canonical name, sorted, as a JSON array.
_ALIASES_SQL = (
    "(SELECT json_group_array(alias) FROM (SELECT alias FROM aliases"
    " WHERE entity_id = {t}.id AND alias != {t}.name ORDER BY alias))"
)

_CLAIMS_SQL = f"""
SELECT c.*,
       s.id AS s_id, s.name AS s_name, s.type AS s_type, {_ALIASES_SQL.format(t="s")} AS s_aliases,
       o.id AS o_id, o.name AS o_name, o.type AS o_type, {_ALIASES_SQL.format(t="o")} AS o_aliases,
       d.title AS doc_title,
       se.start_char AS sent_start, se.end_char AS sent_end, se.text AS sent_text
FROM claims c
JOIN entities s ON s.id = c.subject_id
LEFT JOIN entities o ON o.id = c.object_id
JOIN documents d ON d.id = c.doc_id
LEFT JOIN sentences se ON se.doc_id = c.doc_id AND se.idx = c.sentence_idx
"""


def number(value: float | None) -> float | int | None:
    """Whole numbers as ints, so exports read 100 rather than 100.0."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), 6)


def entity_ids_for(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Ids of the entities an id, a name or an alias names (case-insensitive).

    The id of an entity merged into another (see :mod:`kronika.store.review`) names the other.
    """
    if conn.execute("SELECT 1 FROM entities WHERE id = ?", (ref,)).fetchone():
        return [ref]
    merged = conn.execute("SELECT into_id FROM entity_merges WHERE from_id = ?", (ref,)).fetchone()
    if merged is not None:
        return [resolve_merged(conn, str(merged[0]))]
    key = normalize_name(ref)
    rows = conn.execute(
        "SELECT id FROM entities WHERE norm = ?"
        " UNION SELECT entity_id FROM aliases WHERE norm = ? ORDER BY 1",
        (key, key),
    )
    return [str(r[0]) for r in rows]


def claims(
    conn: sqlite3.Connection,
    *,
    entity: str | None = None,
    predicate: str | None = None,
    doc_id: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Claims in the claim format, in a deterministic order (document, sentence, span, id).

    Args:
        conn: the store's connection.
        entity: an entity id, name or alias; claims where it is subject or object.
        predicate: only this predicate.
        doc_id: only claims read from this document.

    Yields:
        Claim-format dicts.
    """
    where: list[str] = []
    params: list[Any] = []
    if entity is not None:
        ids = entity_ids_for(conn, entity)
        if not ids:
            return
        marks = ", ".join("?" for _ in ids)
        where.append(f"(c.subject_id IN ({marks}) OR c.object_id IN ({marks}))")
        params += ids + ids
    if predicate is not None:
        where.append("c.predicate = ?")
        params.append(predicate)
    if doc_id is not None:
        where.append("c.doc_id = ?")
        params.append(doc_id)
    sql = _CLAIMS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY c.doc_id, c.sentence_idx, COALESCE(c.span_start, -1), c.id"
    for row in conn.execute(sql, params):
        yield claim_dict(row)


def claim_dict(row: sqlite3.Row) -> dict[str, Any]:
    """One joined claim row as a claim-format dict."""
    value = None
    if row["unit"] is not None or row["amount"] is not None or row["lower"] is not None:
        value = {
            "amount": number(row["amount"]),
            "unit": row["unit"],
            "comparator": row["comparator"],
            "lower": number(row["lower"]),
            "upper": number(row["upper"]),
        }
    time = None
    if row["time_precision"] is not None or row["time_start"] is not None or row["time_end"] is not None:
        time = {
            "start": row["time_start"],
            "end": row["time_end"],
            "precision": row["time_precision"],
            "text": row["time_text"] or "",
        }
    result: dict[str, Any] = {
        "id": row["id"],
        "subject": _ref(row, "s"),
        "predicate": row["predicate"],
        "object": _ref(row, "o") if row["o_id"] is not None else None,
        "value": value,
        "measure": row["measure"],
        "time": time,
        "evidence": {
            "document": row["doc_id"],
            "title": row["doc_title"],
            "start": row["sent_start"],
            "end": row["sent_end"],
            "text": row["sent_text"],
        },
        "confidence": round(float(row["confidence"]), 4),
        "status": row["status"],
        "method": row["method"],
    }
    if row["rank"] != "normal":  # a reviewer ranked it (see kronika.review); normal goes unsaid
        result["rank"] = row["rank"]
    qualifiers = json.loads(row["qualifiers_json"] or "{}")
    if qualifiers:
        result["qualifiers"] = qualifiers
    return result


def _ref(row: sqlite3.Row, prefix: str) -> dict[str, Any]:
    """The claim-format entity object from a joined row's ``s_*`` or ``o_*`` columns."""
    return {
        "id": row[f"{prefix}_id"],
        "name": row[f"{prefix}_name"],
        "type": row[f"{prefix}_type"],
        "aliases": json.loads(row[f"{prefix}_aliases"] or "[]"),
    }


def document_summaries(conn: sqlite3.Connection, *, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Documents with their counts, ordered by title then id."""
    sql = (
        "SELECT d.id, d.title, d.origin, d.date, d.kind, d.word_count, d.ingested_at,"
        " (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id) AS sentences,"
        " (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) AS claims"
        " FROM documents d"
    )
    params: tuple[str, ...] = ()
    if doc_id is not None:
        sql += " WHERE d.id = ?"
        params = (doc_id,)
    sql += " ORDER BY d.title COLLATE NOCASE, d.id"
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "origin": r["origin"],
            "date": r["date"],
            "kind": r["kind"],
            "words": r["word_count"],
            "sentences": r["sentences"],
            "claims": r["claims"],
            "ingested_at": r["ingested_at"],
        }
        for r in conn.execute(sql, params)
    ]


_ENTITY_SQL = f"""
SELECT e.id, e.name, e.type, e.description, e.lat, e.lon, e.origin,
       {_ALIASES_SQL.format(t="e")} AS aliases,
       (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,
       (SELECT COUNT(*) FROM claims c WHERE c.subject_id = e.id OR c.object_id = e.id) AS claims
FROM entities e
"""


def entities(
    conn: sqlite3.Connection, *, type_: str | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """Entities ordered by name, optionally of one type or matching ``q`` in a name or alias."""
    where: list[str] = []
    params: list[Any] = []
    if type_ is not None:
        where.append("e.type = ?")
        params.append(type_)
    if q:
        pattern = "%" + normalize_name(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(e.norm LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id"
            " AND a.norm LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    sql = _ENTITY_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.name COLLATE NOCASE, e.id"
    return [_entity_dict(r) for r in conn.execute(sql, params)]


def entity(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    """One entity by id, name or alias; the first by id when a name is shared."""
    ids = entity_ids_for(conn, ref)
    if not ids:
        return None
    row = conn.execute(_ENTITY_SQL + " WHERE e.id = ?", (ids[0],)).fetchone()
    return _entity_dict(row) if row else None


def _entity_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An entity row as a dict: the claim-format reference plus description, place and counts."""
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "aliases": json.loads(row["aliases"] or "[]"),
        "description": row["description"],
        "lat": row["lat"],
        "lon": row["lon"],
        "mentions": row["mentions"],
        "claims": row["claims"],
    }


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of documents, sentences, words, entities, mentions and claims."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "documents": count("SELECT COUNT(*) FROM documents"),
        "sentences": count("SELECT COUNT(*) FROM sentences"),
        "words": count("SELECT COALESCE(SUM(word_count), 0) FROM documents"),
        "entities": count("SELECT COUNT(*) FROM entities"),
        "aliases": count("SELECT COUNT(*) FROM aliases"),
        "mentions": count("SELECT COUNT(*) FROM mentions"),
        "claims": count("SELECT COUNT(*) FROM claims"),
        "entities_by_type": {
            str(r[0]): int(r[1])
            for r in conn.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type")
        },
        "claims_by_predicate": {
            str(r[0]): int(r[1])
            for r in conn.execute(
                "SELECT predicate, COUNT(*) FROM claims GROUP BY predicate ORDER BY predicate"
            )
        },
    }
