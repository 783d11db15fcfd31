"""Read queries for answering questions (:mod:`kronika.ask`).

Every function takes a connection, reads, and returns plain data (the full-text vocabulary
table that :func:`term_frequencies` creates lives in the connection's TEMP schema, not in the
base). Queries are shaped for the store's indexes (alias and entity ``norm``, claims by subject
and predicate, by object, by predicate and measure, by document and sentence, mentions by
entity) so a question costs a few index lookups however many claims the base holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kronika.store.queries import claim_dict

# The claim-format join (same columns as kronika.store.queries uses), aliases omitted for speed:
# answers name entities by their canonical name and the evidence carries the sentence.
_CLAIM_SELECT = """
SELECT c.*,
       s.id AS s_id, s.name AS s_name, s.type AS s_type, '[]' AS s_aliases,
       o.id AS o_id, o.name AS o_name, o.type AS o_type, '[]' AS o_aliases,
       d.title AS doc_title, d.date AS doc_date,
       se.start_char AS sent_start, se.end_char AS sent_end, se.text AS sent_text
FROM claims c
JOIN entities s ON s.id = c.subject_id
LEFT JOIN entities o ON o.id = c.object_id
JOIN documents d ON d.id = c.doc_id
LEFT JOIN sentences se ON se.doc_id = c.doc_id AND se.idx = c.sentence_idx
"""

#: The most rows one candidate query returns; questions never need more.
ROW_CAP = 2000
_CHUNK = 400  # SQLite's host-parameter limit is far above this; keeps statements small


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _claim_rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for row in conn.execute(sql, params):
        if row["status"] == "rejected":  # a reviewer said no: never an answer
            continue
        claim = claim_dict(row)
        claim["evidence"]["date"] = row["doc_date"]
        claim["_doc"] = row["doc_id"]
        claim["_sentence"] = row["sentence_idx"]
        result.append(claim)
    return result


# --------------------------------------------------------------------------- entities


def names_matching(conn: sqlite3.Connection, keys: Sequence[str]) -> list[tuple[str, str]]:
    """``(norm, entity id)`` for every entity whose name or an alias has one of these keys.

    Args:
        conn: the store's connection.
        keys: normalised names (:func:`kronika.store.normalize_name`).
    """
    found: set[tuple[str, str]] = set()
    for part in _chunks(list(dict.fromkeys(keys))):
        marks = _marks(part)
        rows = conn.execute(
            f"SELECT norm, entity_id FROM aliases WHERE norm IN ({marks})"
            f" UNION SELECT norm, id FROM entities WHERE norm IN ({marks})",
            [*part, *part],
        )
        found.update((str(r[0]), str(r[1])) for r in rows)
    return sorted(found)


def names_with_prefix(conn: sqlite3.Connection, prefix: str, limit: int = 400) -> list[tuple[str, str]]:
    """``(norm, entity id)`` of aliases whose normalised form starts with ``prefix`` (for near spellings)."""
    if not prefix:
        return []
    rows = conn.execute(
        "SELECT norm, entity_id FROM"
        " (SELECT norm, entity_id FROM aliases WHERE norm >= ? AND norm < ? LIMIT ?)"
        " UNION SELECT norm, id FROM (SELECT norm, id FROM entities WHERE norm >= ? AND norm < ? LIMIT ?)",
        (prefix, prefix + "\uffff", limit, prefix, prefix + "\uffff", limit),
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def entities_by_id(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Id, name, type, description and origin of these entities, by id."""
    result: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(dict.fromkeys(ids))):
        rows = conn.execute(
            f"SELECT id, name, type, description, origin FROM entities WHERE id IN ({_marks(part)})", part
        )
        for r in rows:
            result[str(r["id"])] = {
                "id": r["id"],
                "name": r["name"],
                "type": r["type"],
                "description": r["description"] or "",
                "origin": r["origin"],
            }
    return result


def aliases_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    """The normalised names of these entities (canonical name and aliases), by id."""
    result: dict[str, list[str]] = {}
    for part in _chunks(list(dict.fromkeys(ids))):
        rows = conn.execute(
            f"SELECT entity_id, norm FROM aliases WHERE entity_id IN ({_marks(part)})"
            f" UNION SELECT id, norm FROM entities WHERE id IN ({_marks(part)})",
            [*part, *part],
        )
        for r in rows:
            result.setdefault(str(r[0]), []).append(str(r[1]))
    return result


def entities_named_after(conn: sqlite3.Connection, norms: Sequence[str], limit: int = 50) -> list[str]:
    """Ids of entities one of whose names starts with one of ``norms`` and a space ("htp residents")."""
    found: dict[str, None] = {}
    for norm in dict.fromkeys(norms):
        if len(norm) < 2:
            continue
        rows = conn.execute(
            "SELECT DISTINCT entity_id FROM aliases WHERE norm >= ? AND norm < ? LIMIT ?",
            (norm + " ", norm + "!", limit),
        )
        found.update((str(r[0]), None) for r in rows)
    return list(found)


def claim_counts(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, int]:
    """How many claims have each entity as subject (capped at 1000, enough to rank by)."""
    result: dict[str, int] = {}
    for eid in dict.fromkeys(ids):
        row = conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM claims WHERE subject_id = ? LIMIT 1000)", (eid,)
        ).fetchone()
        result[eid] = int(row[0])
    return result


# --------------------------------------------------------------------------- claims


def claims_about(
    conn: sqlite3.Connection,
    ids: Sequence[str],
    *,
    predicates: Sequence[str] | None = None,
    side: str = "both",
    limit: int = ROW_CAP,
) -> list[dict[str, Any]]:
    """Claims whose subject (``side="subject"``), object (``"object"``) or either is one of ``ids``.

    Args:
        conn: the store's connection.
        ids: entity ids.
        predicates: only these predicates (None for all).
        side: ``subject``, ``object`` or ``both``.
        limit: the most claims returned per side.
    """
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))[:_CHUNK]
    result: dict[str, dict[str, Any]] = {}
    pred_sql = ""
    pred_params: list[Any] = []
    if predicates:
        pred_sql = f" AND c.predicate IN ({_marks(predicates)})"
        pred_params = list(predicates)
    # No ORDER BY: a place many claims point at would have all its rows sorted; the index order
    # is stable and the planner ranks what comes back.
    order = " LIMIT ?"
    if side in ("subject", "both"):
        sql = _CLAIM_SELECT + f" WHERE c.subject_id IN ({_marks(ids)})" + pred_sql + order
        for claim in _claim_rows(conn, sql, [*ids, *pred_params, limit]):
            result[claim["id"]] = claim
    if side in ("object", "both"):
        sql = _CLAIM_SELECT + f" WHERE c.object_id IN ({_marks(ids)})" + pred_sql + order
        for claim in _claim_rows(conn, sql, [*ids, *pred_params, limit]):
            result.setdefault(claim["id"], claim)
    return list(result.values())


def claims_in_sentences(
    conn: sqlite3.Connection, keys: Sequence[tuple[str, int]], limit: int = ROW_CAP
) -> list[dict[str, Any]]:
    """Claims read from these ``(document id, sentence index)`` pairs."""
    result: list[dict[str, Any]] = []
    for doc_id, idx in list(dict.fromkeys(keys))[:_CHUNK]:
        sql = _CLAIM_SELECT + " WHERE c.doc_id = ? AND c.sentence_idx = ? LIMIT ?"
        result.extend(_claim_rows(conn, sql, (doc_id, idx, limit)))
        if len(result) >= limit:
            break
    return result


def claims_by_predicate(
    conn: sqlite3.Connection,
    predicates: Sequence[str],
    *,
    measure: str | None = None,
    limit: int = ROW_CAP,
) -> list[dict[str, Any]]:
    """Claims of these predicates (and measure), most confident first, at most ``limit``."""
    if not predicates:
        return []
    sql = _CLAIM_SELECT + f" WHERE c.predicate IN ({_marks(predicates)})"
    params: list[Any] = list(predicates)
    if measure is not None:
        sql += " AND c.measure = ?"
        params.append(measure)
    sql += " LIMIT ?"
    params.append(limit)
    return _claim_rows(conn, sql, params)


def measure_names(conn: sqlite3.Connection, limit: int = 5000) -> list[str]:
    """The distinct measure names in the base (an index-only scan)."""
    rows = conn.execute(
        "SELECT DISTINCT measure FROM claims WHERE predicate = 'measure' AND measure IS NOT NULL LIMIT ?",
        (limit,),
    )
    return [str(r[0]) for r in rows]


def measure_claims(
    conn: sqlite3.Connection,
    measures: Sequence[str],
    *,
    subjects: Sequence[str] | None = None,
    limit: int = ROW_CAP,
) -> list[dict[str, Any]]:
    """``measure`` claims of these measures, optionally only about these subjects."""
    if not measures:
        return []
    measures = list(dict.fromkeys(measures))[:_CHUNK]
    if subjects:
        subjects = list(dict.fromkeys(subjects))[:_CHUNK]
        sql = (
            _CLAIM_SELECT
            + f" WHERE c.subject_id IN ({_marks(subjects)}) AND c.predicate = 'measure'"
            + f" AND c.measure IN ({_marks(measures)}) LIMIT ?"
        )
        return _claim_rows(conn, sql, [*subjects, *measures, limit])
    sql = _CLAIM_SELECT + f" WHERE c.predicate = 'measure' AND c.measure IN ({_marks(measures)}) LIMIT ?"
    return _claim_rows(conn, sql, [*measures, limit])


def claims_by_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Claims by id, in the order given."""
    found: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(dict.fromkeys(ids))):
        for claim in _claim_rows(conn, _CLAIM_SELECT + f" WHERE c.id IN ({_marks(part)})", part):
            found[claim["id"]] = claim
    return [found[i] for i in ids if i in found]


def claims_in_period(
    conn: sqlite3.Connection,
    start: str,
    end: str,
    predicates: Sequence[str],
    *,
    limit: int = ROW_CAP,
    scan: int = 5000,
) -> list[dict[str, Any]]:
    """Claims of these predicates whose time overlaps ``start``..``end`` (ISO dates, inclusive).

    Claims open at both ends are left out: they say nothing about the period. Times are not
    indexed, so at most ``scan`` claims of the predicates are looked at (all of them in a small
    base); :func:`sentences_with_terms` finds dated sentences in a large one.
    """
    if not predicates:
        return []
    sql = (
        _CLAIM_SELECT
        + f" WHERE c.rowid IN (SELECT rowid FROM claims WHERE predicate IN ({_marks(predicates)}) LIMIT ?)"
        + " AND (c.time_start IS NOT NULL OR c.time_end IS NOT NULL)"
        + " AND COALESCE(c.time_start, '0000') <= ? AND COALESCE(c.time_end, '9999') >= ?"
        + " LIMIT ?"
    )
    return _claim_rows(conn, sql, [*predicates, scan, end, start, limit])


def sentences_with_terms(
    conn: sqlite3.Connection, terms: Sequence[str], limit: int = 200
) -> list[tuple[str, int]]:
    """``(document id, sentence index)`` of sentences holding any of these exact words, unranked."""
    if not terms:
        return []
    match = " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
    try:
        rows = conn.execute(
            "SELECT se.doc_id, se.idx FROM sentences_fts f JOIN sentences se ON se.rowid = f.rowid"
            " WHERE sentences_fts MATCH ? LIMIT ?",
            (match, limit),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [(str(r[0]), int(r[1])) for r in rows]


# --------------------------------------------------------------------------- sentences


def search_sentences(
    conn: sqlite3.Connection, match: str, *, limit: int = 20, within: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Sentences matching an FTS5 query, best first (bm25).

    Args:
        conn: the store's connection.
        match: an FTS5 query expression.
        limit: the most sentences returned.
        within: only these sentence rowids (for boosting by entity).

    Returns:
        Dicts with ``rowid``, ``doc``, ``idx``, ``text``, ``start``, ``end``, ``title``, ``date``,
        ``rank`` (lower is better). An FTS5 syntax error gives an empty list.
    """
    sql = (
        "SELECT se.rowid AS rowid, se.doc_id, se.idx, se.text, se.start_char, se.end_char,"
        " d.title, d.date, f.rank AS rank"
        " FROM sentences_fts f JOIN sentences se ON se.rowid = f.rowid"
        " JOIN documents d ON d.id = se.doc_id WHERE sentences_fts MATCH ?"
    )
    params: list[Any] = [match]
    if within is not None:
        if not within:
            return []
        within = list(within)[:_CHUNK]
        sql += f" AND f.rowid IN ({_marks(within)})"
        params += within
    sql += " ORDER BY f.rank LIMIT ?"
    params.append(limit)
    try:
        rows = conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []
    return [_sentence_dict(r) for r in rows]


def _sentence_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "rowid": int(r["rowid"]),
        "doc": r["doc_id"],
        "idx": int(r["idx"]),
        "text": r["text"],
        "start": r["start_char"],
        "end": r["end_char"],
        "title": r["title"],
        "date": r["date"],
        "rank": float(r["rank"]),
    }


def sentence_count(conn: sqlite3.Connection) -> int:
    """About how many sentences the base holds (the largest rowid: an index lookup, not a count)."""
    row = conn.execute("SELECT MAX(rowid) FROM sentences").fetchone()
    return int(row[0] or 0)


_VOCAB = "temp.kronika_ask_vocab"


def term_frequencies(
    conn: sqlite3.Connection, terms: Sequence[tuple[str, bool]]
) -> dict[tuple[str, bool], int]:
    """In how many sentences each term occurs, from the full-text index's own vocabulary.

    Args:
        conn: the store's connection.
        terms: ``(term, prefix)``: a prefix term counts every indexed word starting with it (its
            first 100 words, which is plenty to tell rare from common).

    Returns:
        ``(term, prefix)`` -> number of sentences (summed over words for a prefix).

    Notes:
        The ``fts5vocab`` table lives in the connection's TEMP schema: nothing is written to the
        base, and read-only connections can use it too.
    """
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab(main, 'sentences_fts', 'row')")
    result: dict[tuple[str, bool], int] = {}
    for term, prefix in terms:
        if prefix:
            row = conn.execute(
                f"SELECT SUM(doc) FROM (SELECT doc FROM {_VOCAB} WHERE term >= ? AND term < ? LIMIT 100)",
                (term, term + "\uffff"),
            ).fetchone()
        else:
            row = conn.execute(f"SELECT doc FROM {_VOCAB} WHERE term = ?", (term,)).fetchone()
        result[(term, prefix)] = int(row[0] or 0) if row else 0
    return result


def documents_mentioning(conn: sqlite3.Connection, ids: Sequence[str], limit: int = 1000) -> list[str]:
    """Ids of documents that mention one of these entities (at most ``limit``)."""
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))[:_CHUNK]
    rows = conn.execute(
        f"SELECT DISTINCT doc_id FROM mentions WHERE entity_id IN ({_marks(ids)}) LIMIT ?", [*ids, limit]
    )
    return [str(r[0]) for r in rows]


def sentence_rowids_mentioning(conn: sqlite3.Connection, ids: Sequence[str], limit: int = 400) -> list[int]:
    """Rowids of sentences that mention one of these entities (at most ``limit``)."""
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))[:_CHUNK]
    rows = conn.execute(
        "SELECT DISTINCT se.rowid FROM mentions m JOIN sentences se"
        " ON se.doc_id = m.doc_id AND se.idx = m.sentence_idx"
        f" WHERE m.entity_id IN ({_marks(ids)}) LIMIT ?",
        [*ids, limit],
    )
    return [int(r[0]) for r in rows]


def sentences_by_rowid(conn: sqlite3.Connection, rowids: Sequence[int]) -> list[dict[str, Any]]:
    """Sentences by rowid (rank 0), in the order given."""
    found: dict[int, dict[str, Any]] = {}
    for part in _chunks(list(dict.fromkeys(rowids))):
        rows = conn.execute(
            "SELECT se.rowid AS rowid, se.doc_id, se.idx, se.text, se.start_char, se.end_char,"
            " d.title, d.date, 0.0 AS rank FROM sentences se JOIN documents d ON d.id = se.doc_id"
            f" WHERE se.rowid IN ({_marks(part)})",
            part,
        )
        for r in rows:
            found[int(r["rowid"])] = _sentence_dict(r)
    return [found[i] for i in rowids if i in found]


def entities_near_words(
    conn: sqlite3.Connection, words: Sequence[str], limit: int = 30
) -> list[tuple[str, str]]:
    """``(entity id, name)`` of the entities mentioned in sentences holding any of these exact words.

    For near spellings of several-word names: the correctly spelt words of "Vilto Sotf 4" find
    the sentences that mention "Vilto Soft 4".
    """
    if not words:
        return []
    match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
    try:
        rows = conn.execute(
            "SELECT DISTINCT e.id, e.name"
            " FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?) f"
            " JOIN sentences se ON se.rowid = f.rowid"
            " JOIN mentions m ON m.doc_id = se.doc_id AND m.sentence_idx = se.idx"
            " JOIN entities e ON e.id = m.entity_id",
            (match, limit),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [(str(r[0]), str(r[1])) for r in rows]


def mentions_in(conn: sqlite3.Connection, keys: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
    """Mentions in these ``(document id, sentence index)`` sentences, with their entity's name and type.

    Offsets are relative to the sentence.
    """
    result: list[dict[str, Any]] = []
    for doc_id, idx in list(dict.fromkeys(keys))[:_CHUNK]:
        rows = conn.execute(
            "SELECT m.entity_id, m.text, m.start_char - se.start_char AS start,"
            " m.end_char - se.start_char AS end, e.name, e.type"
            " FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " JOIN sentences se ON se.doc_id = m.doc_id AND se.idx = m.sentence_idx"
            " WHERE m.doc_id = ? AND m.sentence_idx = ? ORDER BY m.start_char",
            (doc_id, idx),
        )
        for r in rows:
            result.append(
                {
                    "doc": doc_id,
                    "idx": idx,
                    "entity": r["entity_id"],
                    "text": r["text"],
                    "start": int(r["start"]),
                    "end": int(r["end"]),
                    "name": r["name"],
                    "type": r["type"],
                }
            )
    return result
