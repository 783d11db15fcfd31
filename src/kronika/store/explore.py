"""Read queries for the explorer (entity pages, graph, timeline, map, search, documents).

Every function takes the store's connection and returns plain data; the explorer
(:mod:`kronika.explorer`) reconciles and shapes it. Claims come back in the claim format
(:func:`kronika.store.queries.claim_dict`) with three more keys under ``evidence``:
``sentence`` (its index in the document), ``span_start`` and ``span_end`` (the words that
carried the claim, as document offsets), for highlighting.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kronika.store._text import normalize_name
from kronika.store.queries import _CLAIMS_SQL, claim_dict, entity_ids_for

#: FTS5 highlight markers (control characters that never occur in stored text).
HIT_START, HIT_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
#: Predicates that relate two entities (edges of the graph).
RELATION_PREDICATES = (
    "founded_by",
    "established_by",
    "part_of",
    "located_in",
    "headquartered_in",
    "relocated_to",
    "operates_in",
    "invested_in",
    "led_by",
    "holds_position",
    "produced",
    "succeeded_by",
    "modeled_on",
    "partnered_with",
)


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


def _claim(row: sqlite3.Row) -> dict[str, Any]:
    data = claim_dict(row)
    data["evidence"]["sentence"] = row["sentence_idx"]
    data["evidence"]["span_start"] = row["span_start"]
    data["evidence"]["span_end"] = row["span_end"]
    return data


# --------------------------------------------------------------------------- claims


def claims_touching(
    conn: sqlite3.Connection,
    entity_ids: Sequence[str],
    *,
    limit: int | None = None,
    incoming: int | None = None,
) -> list[dict[str, Any]]:
    """Claims whose subject or object is one of ``entity_ids``: subject claims, then object claims.

    Args:
        conn: the store's connection.
        entity_ids: entity ids.
        limit: at most this many claims about them as subject (None for all).
        incoming: at most this many claims pointing at them as object (default ``limit``); a
            hub such as a country is the object of very many claims.
    """
    if not entity_ids:
        return []
    marks = _marks(entity_ids)
    incoming = limit if incoming is None else incoming
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for column, cap in (("subject_id", limit), ("object_id", incoming)):
        # Pick the rows on the column's own index first, then join only those.
        sql = f"{_CLAIMS_SQL} WHERE c.rowid IN (SELECT rowid FROM claims WHERE {column} IN ({marks})"
        params: list[Any] = list(entity_ids)
        if cap is not None:
            sql += " LIMIT ?"
            params.append(cap)
        sql += ")"
        for row in conn.execute(sql, params):
            if row["id"] not in seen:
                seen.add(row["id"])
                out.append(_claim(row))
    out.sort(key=lambda c: (c["predicate"], (c["time"] or {}).get("start") or "", c["id"]))
    return out


def claims_where(
    conn: sqlite3.Connection,
    *,
    subject: str | None = None,
    predicate: str | Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
    doc_id: str | None = None,
    ids: Sequence[str] | None = None,
    dated: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Claims by subject, predicate(s), measure names, document or id.

    Args:
        conn: the store's connection.
        subject: a subject entity id.
        predicate: one predicate or several.
        measures: measure names (any of them).
        doc_id: a document id.
        ids: claim ids.
        dated: only claims with a start or an end time.
        limit: at most this many, the earliest first.
    """
    where: list[str] = []
    params: list[Any] = []
    if subject is not None:
        where.append("c.subject_id = ?")
        params.append(subject)
    if predicate is not None:
        preds = [predicate] if isinstance(predicate, str) else list(predicate)
        where.append(f"c.predicate IN ({_marks(preds)})")
        params += preds
    if measures is not None:
        where.append(f"c.measure IN ({_marks(measures)})")
        params += list(measures)
    if doc_id is not None:
        where.append("c.doc_id = ?")
        params.append(doc_id)
    if ids is not None:
        if not ids:
            return []
        where.append(f"c.id IN ({_marks(ids)})")
        params += list(ids)
    if dated:
        where.append("(c.time_start IS NOT NULL OR c.time_end IS NOT NULL)")
    sql = _CLAIMS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY COALESCE(c.time_start, c.time_end), c.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_claim(r) for r in conn.execute(sql, params)]


def conflict_candidates(conn: sqlite3.Connection, *, limit: int = 200) -> list[tuple[str, str, str | None]]:
    """``(subject, predicate, measure)`` groups that may hold a conflict, found in SQL.

    A group is a candidate when one subject has founding or occurrence claims starting in
    different years, or measure claims of one measure, unit and years with different values,
    or "record" claims at different times. :mod:`kronika.reconcile` decides; this only keeps
    it from reading every claim.
    """
    # Both halves scan the claims_conflicts index in order, so grouping streams and LIMIT stops early.
    rows = conn.execute(
        """
        SELECT * FROM (
            SELECT subject_id, predicate, NULL FROM claims
             WHERE predicate IN ('founded', 'occurred') AND time_start IS NOT NULL
             GROUP BY predicate, subject_id
            HAVING MIN(substr(time_start, 1, 4)) != MAX(substr(time_start, 1, 4))
             LIMIT ?)
        UNION ALL
        SELECT * FROM (
            SELECT subject_id, 'measure', measure FROM claims
             WHERE predicate = 'measure' AND (time_start IS NOT NULL OR time_end IS NOT NULL)
             GROUP BY subject_id, measure, unit, time_start, time_end
            HAVING MIN(COALESCE(amount, lower, upper)) != MAX(COALESCE(amount, lower, upper))
                OR MIN(comparator) != MAX(comparator)
             LIMIT ?)
        """,
        (limit, limit),
    )
    return [(str(r[0]), str(r[1]), r[2]) for r in rows]


# --------------------------------------------------------------------------- entities


def entity_refs(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Short entity records by id: ``id``, ``name``, ``type``, ``lat``, ``lon``, ``description``."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in conn.execute(
            f"SELECT id, name, type, lat, lon, description FROM entities WHERE id IN ({_marks(chunk)})", chunk
        ):
            out[r["id"]] = dict(r)
    return out


def resolve_entity(conn: sqlite3.Connection, ref: str) -> str | None:
    """The id of the entity an id, name or alias names (the first when a name is shared)."""
    ids = entity_ids_for(conn, ref)
    return ids[0] if ids else None


def related_counts(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 30, scan: int = 5000
) -> list[dict[str, Any]]:
    """Entities linked to one by claims either way, with how many claims and which predicates.

    At most ``scan`` claims are read each way, so a hub's page stays quick.
    """
    rows = conn.execute(
        """
        SELECT other, COUNT(*) AS n, group_concat(DISTINCT predicate) AS predicates FROM (
            SELECT * FROM (SELECT object_id AS other, predicate FROM claims
                            WHERE subject_id = ? AND object_id IS NOT NULL LIMIT ?)
            UNION ALL
            SELECT * FROM (SELECT subject_id AS other, predicate FROM claims WHERE object_id = ? LIMIT ?)
        ) GROUP BY other ORDER BY n DESC, other LIMIT ?
        """,
        (entity_id, scan, entity_id, scan, limit),
    ).fetchall()
    refs = entity_refs(conn, [r["other"] for r in rows])
    return [
        {"entity": refs[r["other"]], "claims": r["n"], "predicates": sorted(str(r["predicates"]).split(","))}
        for r in rows
        if r["other"] in refs
    ]


def mention_documents(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 20, scan: int = 5000
) -> list[dict[str, Any]]:
    """Documents that mention an entity, with how often, the most mentions first (of ``scan`` read)."""
    rows = conn.execute(
        """
        SELECT m.doc_id, d.title, COUNT(*) AS n
          FROM (SELECT doc_id FROM mentions WHERE entity_id = ? LIMIT ?) m
          JOIN documents d ON d.id = m.doc_id
         GROUP BY m.doc_id ORDER BY n DESC, d.title LIMIT ?
        """,
        (entity_id, scan, limit),
    )
    return [{"id": r["doc_id"], "title": r["title"], "mentions": r["n"]} for r in rows]


#: How many of the latest claims the overview's rankings read on a large base.
RECENT_WINDOW = 100_000


def top_entities(
    conn: sqlite3.Connection, *, limit: int = 12, window: int = RECENT_WINDOW
) -> list[dict[str, Any]]:
    """The entities most claims are about (as subject), counted over the latest ``window`` claims."""
    rows = conn.execute(
        "SELECT subject_id, COUNT(*) AS n FROM claims"
        " WHERE rowid > (SELECT COALESCE(MAX(rowid), 0) FROM claims) - ?"
        " GROUP BY subject_id ORDER BY n DESC, subject_id LIMIT ?",
        (window, limit),
    ).fetchall()
    refs = entity_refs(conn, [r[0] for r in rows])
    return [{"entity": refs[r[0]], "claims": r[1]} for r in rows if r[0] in refs]


def entity_founding(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """The earliest founding or occurrence start date of each entity that has one."""
    out: dict[str, str] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in conn.execute(
            f"SELECT subject_id, MIN(time_start) FROM claims WHERE subject_id IN ({_marks(chunk)})"
            " AND predicate IN ('founded', 'occurred') AND time_start IS NOT NULL GROUP BY subject_id",
            chunk,
        ):
            out[r[0]] = r[1]
    return out


# --------------------------------------------------------------------------- graph and map


def relation_edges(
    conn: sqlite3.Connection,
    *,
    around: Sequence[str] | None = None,
    predicates: Sequence[str] | None = None,
    limit: int = 2000,
) -> list[dict[str, Any]]:
    """Edges between entities: one per subject, predicate and object, with its claims counted.

    Args:
        conn: the store's connection.
        around: only edges touching these entities (a neighbourhood); None for all.
        predicates: only these predicates; default every relation predicate.
        limit: at most this many edges (the best supported first).

    Returns:
        Dicts with ``source``, ``target``, ``predicate``, ``claims``, ``accepted`` (claims
        with status accepted), ``start`` (the earliest start time) and ``end``.
    """
    preds = list(predicates) if predicates else list(RELATION_PREDICATES)
    pred_sql = f"predicate IN ({_marks(preds)}) AND object_id IS NOT NULL AND status != 'rejected'"
    select = (
        "SELECT subject_id, predicate, object_id, COUNT(*) AS n, SUM(status = 'accepted') AS accepted,"
        " MIN(time_start) AS start, MAX(time_end) AS end FROM claims"
    )
    params: list[Any]
    if around is not None:
        if not around:
            return []
        marks = _marks(around)
        sql = (
            f"SELECT * FROM ({select} WHERE subject_id IN ({marks}) AND {pred_sql}"
            " GROUP BY subject_id, predicate, object_id"
            f" UNION {select} WHERE object_id IN ({marks}) AND {pred_sql}"
            " GROUP BY subject_id, predicate, object_id) ORDER BY n DESC LIMIT ?"
        )
        params = [*around, *preds, *around, *preds, limit]
    else:
        sql = f"{select} WHERE {pred_sql} GROUP BY subject_id, predicate, object_id ORDER BY n DESC LIMIT ?"
        params = [*preds, limit]
    return [
        {
            "source": r["subject_id"],
            "target": r["object_id"],
            "predicate": r["predicate"],
            "claims": r["n"],
            "accepted": r["accepted"] or 0,
            "start": r["start"],
            "end": r["end"],
        }
        for r in conn.execute(sql, params)
    ]


def home_place(conn: sqlite3.Connection) -> str | None:
    """The place most claims locate things in: where movements start when nothing else says."""
    row = conn.execute(
        "SELECT c.object_id FROM claims c JOIN entities e ON e.id = c.object_id"
        " WHERE c.predicate IN ('located_in', 'operates_in', 'headquartered_in') AND e.type = 'place'"
        " AND e.lat IS NOT NULL GROUP BY c.object_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


# --------------------------------------------------------------------------- search


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a user typed: its words, all required, the last as a prefix."""
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_sentences(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Sentences matching ``text`` (FTS5, best first), with the hits marked.

    Returns:
        Dicts with ``document``, ``title``, ``sentence`` (index), ``start``, ``end``, ``text``
        and ``marked`` (the text with :data:`HIT_START`/:data:`HIT_END` around each hit).
    """
    query = fts_query(text)
    if query is None:
        return []
    rows = conn.execute(
        f"""
        SELECT s.doc_id, d.title, s.idx, s.start_char, s.end_char, s.text,
               highlight(sentences_fts, 0, '{HIT_START}', '{HIT_END}') AS marked
          FROM sentences_fts
          JOIN sentences s ON s.rowid = sentences_fts.rowid
          JOIN documents d ON d.id = s.doc_id
         WHERE sentences_fts MATCH ?
         ORDER BY rank LIMIT ?
        """,
        (query, limit),
    )
    return [
        {
            "document": r["doc_id"],
            "title": r["title"],
            "sentence": r["idx"],
            "start": r["start_char"],
            "end": r["end_char"],
            "text": r["text"],
            "marked": r["marked"],
        }
        for r in rows
    ]


def search_entities(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose name or an alias starts with ``text`` (or has a word starting with it).

    Exact names first, then name prefixes, then word prefixes; ties by claims made.

    Returns:
        Dicts with ``id``, ``name``, ``type``, ``description``, ``matched`` (the name or
        alias that matched) and ``claims``.
    """
    key = normalize_name(text)
    if not key:
        return []
    high = key + "\uffff"
    rows = conn.execute(
        """
        SELECT entity_id, MIN(rank) AS rank, alias FROM (
            SELECT id AS entity_id, CASE WHEN norm = :k THEN 0 ELSE 1 END AS rank, name AS alias
              FROM entities WHERE norm >= :k AND norm < :h
            UNION ALL
            SELECT entity_id, CASE WHEN norm = :k THEN 0 ELSE 1 END, alias
              FROM aliases WHERE norm >= :k AND norm < :h
        ) GROUP BY entity_id ORDER BY rank LIMIT :n
        """,
        {"k": key, "h": high, "n": limit * 3},
    ).fetchall()
    found = {r["entity_id"]: (r["rank"], r["alias"]) for r in rows}
    if len(found) < limit and len(key) >= 3:
        like = "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for r in conn.execute(
            "SELECT id, name FROM entities WHERE norm LIKE ? ESCAPE '\\' LIMIT ?", (like, limit)
        ):
            found.setdefault(r["id"], (2, r["name"]))
    if not found:
        return []
    ids = list(found)
    counts = {
        r[0]: r[1]
        for r in conn.execute(
            f"SELECT subject_id, COUNT(*) FROM claims WHERE subject_id IN ({_marks(ids)})"
            " GROUP BY subject_id",
            ids,
        )
    }
    refs = entity_refs(conn, ids)
    result = [
        {**refs[i], "matched": found[i][1], "claims": counts.get(i, 0), "_rank": found[i][0]}
        for i in ids
        if i in refs
    ]
    result.sort(key=lambda e: (e["_rank"], -e["claims"], e["name"].casefold()))
    for entry in result:
        del entry["_rank"]
    return result[:limit]


# --------------------------------------------------------------------------- documents


def document_full(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """A document with its text, sentences and mentions (entity names attached)."""
    row = conn.execute(
        "SELECT id, title, origin, date, kind, text, word_count, ingested_at FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    sentences = [
        {"index": r[0], "start": r[1], "end": r[2]}
        for r in conn.execute(
            "SELECT idx, start_char, end_char FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
        )
    ]
    mentions = [
        {"entity": r[0], "name": r[1], "type": r[2], "start": r[3], "end": r[4], "sentence": r[5]}
        for r in conn.execute(
            "SELECT m.entity_id, e.name, e.type, m.start_char, m.end_char, m.sentence_idx FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? ORDER BY m.start_char",
            (doc_id,),
        )
    ]
    return {
        "id": row["id"],
        "title": row["title"],
        "origin": row["origin"],
        "date": row["date"],
        "kind": row["kind"],
        "text": row["text"],
        "words": row["word_count"],
        "ingested_at": row["ingested_at"],
        "sentences": sentences,
        "mentions": mentions,
    }


def document_by_title(conn: sqlite3.Connection, title: str) -> str | None:
    """The id of a document with exactly this title (the newest when several), or None."""
    row = conn.execute(
        "SELECT id FROM documents WHERE title = ? ORDER BY ingested_at DESC LIMIT 1", (title,)
    ).fetchone()
    return str(row[0]) if row else None


def counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """Totals for the overview: documents, sentences, entities (by type), claims (by status)."""

    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "documents": one("SELECT COUNT(*) FROM documents"),
        "sentences": one("SELECT COUNT(*) FROM sentences"),
        "entities": one("SELECT COUNT(*) FROM entities"),
        "claims": one("SELECT COUNT(*) FROM claims"),
        "entities_by_type": {
            str(r[0]): int(r[1])
            for r in conn.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type")
        },
        "claims_by_status": _status_counts(conn),
    }


def _status_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Claims per status: reviewed ones counted on the status index, the rest by difference
    (a GROUP BY would read every claim of a large base)."""
    total = int(conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0])
    out: dict[str, int] = {}
    for status in ("accepted", "rejected"):
        n = int(conn.execute("SELECT COUNT(*) FROM claims WHERE status = ?", (status,)).fetchone()[0])
        if n:
            out[status] = n
    rest = total - sum(out.values())
    if rest:
        out["proposed"] = rest
    return dict(sorted(out.items()))


def documents_list(conn: sqlite3.Connection, *, limit: int = 50) -> list[dict[str, Any]]:
    """The most recently ingested documents with their claim counts."""
    rows = conn.execute(
        "SELECT d.id, d.title, d.kind, d.date, d.ingested_at,"
        " (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) AS claims"
        " FROM documents d ORDER BY d.ingested_at DESC LIMIT ?",
        (limit,),
    )
    return [dict(r) for r in rows]


def era_claims(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Claims marking eras (``occurred`` with the qualifier ``era``), by start."""
    rows = conn.execute(
        _CLAIMS_SQL.replace("FROM claims c\n", "FROM claims c INDEXED BY claims_eras\n")
        + " WHERE c.predicate = 'occurred' AND c.qualifiers_json LIKE '%\"era\": true%' ORDER BY c.time_start"
    )
    return [_claim(r) for r in rows]


def measure_names(conn: sqlite3.Connection, subject: str) -> list[str]:
    """The measures an entity has claims for."""
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT measure FROM claims WHERE subject_id = ? AND predicate = 'measure'"
            " AND measure IS NOT NULL ORDER BY measure",
            (subject,),
        )
    ]


def longest_series(
    conn: sqlite3.Connection, *, limit: int = 3, window: int = RECENT_WINDOW
) -> list[tuple[str, str]]:
    """``(subject, measure)`` pairs with the most dated measure claims among the latest ``window``."""
    rows = conn.execute(
        "SELECT subject_id, measure, COUNT(DISTINCT substr(COALESCE(time_start, time_end), 1, 4)) AS n"
        " FROM claims WHERE rowid > (SELECT COALESCE(MAX(rowid), 0) FROM claims) - ?"
        " AND predicate = 'measure' AND measure IS NOT NULL"
        " AND (time_start IS NOT NULL OR time_end IS NOT NULL)"
        " GROUP BY subject_id, measure HAVING n > 1 ORDER BY n DESC LIMIT ?",
        (window, limit),
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def data_stamp(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """A cheap fingerprint of the base's content: it changes when documents or claims do."""
    return tuple(
        conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT MAX(ingested_at) FROM documents),"
            " (SELECT COUNT(*) FROM claims), (SELECT MAX(rowid) FROM claims),"
            " (SELECT COUNT(*) FROM entities), (SELECT MAX(id) FROM review_log)"  # a review changes it too
        ).fetchone()
    )


def json_loads(text: str | None) -> Any:
    """Parse a JSON column (empty for NULL)."""
    return json.loads(text) if text else {}
