"""Review decisions in SQL: the audit log, decisions on claims, merges and splits of entities.

Decisions are **materialised**: a decision updates the rows it is about (a claim's status, rank
or edited fields; the entity ids of claims and mentions after a merge or a split), so every read
(claims, exports, reconciliation, the explorer, questions) sees them without knowing about
review. They are also **kept beside the rows**, keyed by what outlives a row:

- decisions on claims in ``claim_decisions``, by the claim's fingerprint (what it says and the
  sentence it was read from, not where), so re-reading the same or a changed document applies
  them again (:func:`reapply`, called by every write of a document);
- merges in ``entity_merges`` and alias splits in ``alias_splits``, replayed in the order they
  were decided on whatever a new document brings;
- everything in ``review_log``, which is never updated or deleted: removing a document retracts
  its claims and keeps their history.

Functions take a connection inside a transaction the caller holds
(:meth:`kronika.store.Store.transaction`), except the readers (``log_entries`` …) which only read.
Every statement takes its values as parameters; the only names put into SQL text come from the
constant tables of this module (:data:`EDITABLE_COLUMNS`, :data:`_MOVABLE`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kronika.store._text import normalize_name

#: Claim statuses a reviewer can set.
STATUSES = ("accepted", "rejected")
#: Ranks of a claim (as Wikidata ranks statements): deprecated claims stay visible, marked.
RANKS = ("preferred", "normal", "deprecated")
#: Columns of ``claims`` an edit may replace.
EDITABLE_COLUMNS: tuple[str, ...] = (
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
)
#: ``(table, entity column, original column)`` of the rows a merge moves.
_MOVABLE: tuple[tuple[str, str, str], ...] = (
    ("claims", "subject_id", "orig_subject_id"),
    ("claims", "object_id", "orig_object_id"),
    ("mentions", "entity_id", "orig_entity_id"),
)
#: Longest chain of merges followed (a guard; merges into live entities cannot make cycles).
_MAX_CHAIN = 64


def now() -> str:
    """The current UTC time, ISO 8601 to the second (the log's clock)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- the log


def log(
    conn: sqlite3.Connection,
    *,
    who: str,
    action: str,
    why: str = "",
    fingerprint: str | None = None,
    claim_id: str | None = None,
    entity_id: str | None = None,
    other_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
    at: str | None = None,
) -> int:
    """Append one entry to the audit log.

    Args:
        conn: the connection, in a transaction.
        who: the reviewer (a token's name on the web, the user's name on the command line).
        action: what was done (``accept``, ``reject``, ``edit``, ``rank``, ``add``, ``merge``,
            ``unmerge``, ``split``, ``remove``).
        why: the reviewer's reason, free text.
        fingerprint: the claim fingerprint a claim decision is keyed by.
        claim_id: the claim the reviewer pointed at.
        entity_id: the entity concerned (a claim's subject for claim decisions).
        other_id: the second entity (a claim's object, a merge's target, a split's new entity).
        detail: JSON-ready data: what changed, snapshots for undoing.
        at: the time; now by default (an import passes the original time).

    Returns:
        The entry's id.
    """
    cursor = conn.execute(
        "INSERT INTO review_log (at, who, action, fingerprint, claim_id, entity_id, other_id,"
        " detail_json, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at or now(),
            who,
            action,
            fingerprint,
            claim_id,
            entity_id,
            other_id,
            json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True),
            why,
        ),
    )
    return int(cursor.lastrowid or 0)


def _entry(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "at": row["at"],
        "who": row["who"],
        "action": row["action"],
        "claim": row["claim_id"],
        "fingerprint": row["fingerprint"],
        "entity": row["entity_id"],
        "other": row["other_id"],
        "detail": json.loads(row["detail_json"] or "{}"),
        "why": row["why"],
    }


def log_entries(
    conn: sqlite3.Connection,
    *,
    entity_ids: Sequence[str] | None = None,
    fingerprints: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Entries of the audit log, oldest first.

    Args:
        conn: the connection.
        entity_ids: only entries about these entities (as the entity or the other one).
        fingerprints: only entries about claims with these fingerprints.
        limit: at most this many, the latest ones.

    Returns:
        Dicts with ``id``, ``at``, ``who``, ``action``, ``claim``, ``fingerprint``, ``entity``,
        ``other``, ``detail`` and ``why``.
    """
    where: list[str] = []
    params: list[Any] = []
    if entity_ids is not None:
        marks = ", ".join("?" for _ in entity_ids) or "NULL"
        where.append(f"(entity_id IN ({marks}) OR other_id IN ({marks}))")
        params += [*entity_ids, *entity_ids]
    if fingerprints is not None:
        marks = ", ".join("?" for _ in fingerprints) or "NULL"
        where.append(f"fingerprint IN ({marks})")
        params += list(fingerprints)
    sql = "SELECT * FROM review_log" + (" WHERE " + " OR ".join(where) if where else "")
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = [_entry(r) for r in conn.execute(sql, params)]
    rows.reverse()
    return rows


def has_reviews(conn: sqlite3.Connection) -> bool:
    """Whether any decision was ever made (a cheap check before re-applying them)."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM review_log)").fetchone()[0])


# --------------------------------------------------------------------------- claims


def claims_by_ref(conn: sqlite3.Connection, ref: str) -> list[sqlite3.Row]:
    """Stored claim rows a reviewer's reference names: a claim id, or a fingerprint (all its rows)."""
    rows = conn.execute("SELECT * FROM claims WHERE id = ?", (ref,)).fetchall()
    if rows:
        return rows
    return conn.execute("SELECT * FROM claims WHERE fingerprint = ? ORDER BY id", (ref,)).fetchall()


def known_fingerprint(conn: sqlite3.Connection, ref: str) -> bool:
    """Whether a fingerprint was ever decided on (its claims may have been retracted since)."""
    row = conn.execute("SELECT 1 FROM review_log WHERE fingerprint = ? LIMIT 1", (ref,)).fetchone()
    return row is not None


def fingerprint_of_claim_id(conn: sqlite3.Connection, claim_id: str) -> str | None:
    """The fingerprint a (possibly retracted) claim id had, from the log."""
    row = conn.execute(
        "SELECT fingerprint FROM review_log WHERE claim_id = ? AND fingerprint IS NOT NULL"
        " ORDER BY id LIMIT 1",
        (claim_id,),
    ).fetchone()
    return str(row[0]) if row else None


def decision(conn: sqlite3.Connection, fingerprint: str) -> dict[str, Any] | None:
    """The decision in force on a fingerprint: ``status``, ``rank``, ``edit`` (None: the reader's)."""
    row = conn.execute("SELECT * FROM claim_decisions WHERE fingerprint = ?", (fingerprint,)).fetchone()
    if row is None:
        return None
    return {
        "fingerprint": row["fingerprint"],
        "status": row["status"],
        "rank": row["rank"],
        "edit": json.loads(row["edit_json"]) if row["edit_json"] else None,
        "log_id": row["log_id"],
    }


def decide_claim(
    conn: sqlite3.Connection,
    fingerprint: str,
    *,
    log_id: int,
    status: str | None = None,
    rank: str | None = None,
    edit: Mapping[str, Any] | None = None,
) -> int:
    """Record a decision on a fingerprint and apply it to every stored claim with it.

    Only what is given changes: a rank leaves the status alone, and an edit adds its fields to
    those of earlier edits.

    Args:
        conn: the connection, in a transaction.
        fingerprint: the claims' fingerprint.
        log_id: the log entry of the decision.
        status: ``accepted`` or ``rejected``.
        rank: ``preferred``, ``normal`` or ``deprecated``.
        edit: column → new value (columns from :data:`EDITABLE_COLUMNS`).

    Returns:
        How many claim rows it touched.
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if rank is not None and rank not in RANKS:
        raise ValueError(f"unknown rank {rank!r}")
    current = decision(conn, fingerprint) or {}
    merged_edit = dict(current.get("edit") or {})
    if edit:
        unknown = set(edit) - set(EDITABLE_COLUMNS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        merged_edit.update(edit)
    conn.execute(
        "INSERT INTO claim_decisions (fingerprint, status, rank, edit_json, log_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(fingerprint) DO UPDATE SET status = excluded.status, rank = excluded.rank,"
        " edit_json = excluded.edit_json, log_id = excluded.log_id",
        (
            fingerprint,
            status if status is not None else current.get("status"),
            rank if rank is not None else current.get("rank"),
            json.dumps(merged_edit, sort_keys=True) if merged_edit else None,
            log_id,
        ),
    )
    return _apply_decision(conn, fingerprint, status=status, rank=rank, edit=edit)


def _apply_decision(
    conn: sqlite3.Connection,
    fingerprint: str,
    *,
    status: str | None,
    rank: str | None,
    edit: Mapping[str, Any] | None,
    doc_id: str | None = None,
) -> int:
    """Write a decision's fields onto the claim rows with a fingerprint (of one document, or all)."""
    sets: list[str] = []
    params: list[Any] = []
    if status is not None:
        sets.append("status = ?")
        params.append(status)
    if rank is not None:
        sets.append("rank = ?")
        params.append(rank)
    for column in EDITABLE_COLUMNS:  # the constant list: no name from outside reaches the SQL
        if edit and column in edit:
            sets.append(f"{column} = ?")
            params.append(edit[column])
            if column in ("subject_id", "object_id"):
                # The reviewer named the entity: it is no longer where a merge moved it from.
                sets.append(f"orig_{column} = NULL")
    if not sets:
        return 0
    sql = f"UPDATE claims SET {', '.join(sets)} WHERE fingerprint = ?"
    params.append(fingerprint)
    if doc_id is not None:
        sql += " AND doc_id = ?"
        params.append(doc_id)
    return int(conn.execute(sql, params).rowcount)


# --------------------------------------------------------------------------- entities


def entity_snapshot(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity row with its aliases, as JSON-ready data (to restore it later)."""
    row = conn.execute(
        "SELECT id, name, type, description, lat, lon, origin FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    aliases = [
        str(r[0])
        for r in conn.execute("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))
    ]
    return {**dict(row), "aliases": aliases}


def restore_entity(conn: sqlite3.Connection, snapshot: Mapping[str, Any]) -> None:
    """Create an entity from a snapshot when it is missing (its aliases too)."""
    conn.execute(
        "INSERT OR IGNORE INTO entities (id, name, norm, type, description, lat, lon, origin)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            snapshot["id"],
            snapshot["name"],
            normalize_name(str(snapshot["name"])),
            snapshot["type"],
            snapshot.get("description") or "",
            snapshot.get("lat"),
            snapshot.get("lon"),
            snapshot.get("origin") or "document",
        ),
    )
    add_aliases(conn, str(snapshot["id"]), [str(snapshot["name"]), *snapshot.get("aliases", [])])


def add_aliases(conn: sqlite3.Connection, entity_id: str, names: Iterable[str]) -> None:
    """Give an entity more names (existing ones are kept)."""
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
        [(entity_id, n, normalize_name(n)) for n in dict.fromkeys(names) if n and n.strip()],
    )


def merged_into(conn: sqlite3.Connection, entity_id: str) -> str | None:
    """Where a merged entity went (one step), or None."""
    row = conn.execute("SELECT into_id FROM entity_merges WHERE from_id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else None


def resolve_merged(conn: sqlite3.Connection, entity_id: str) -> str:
    """The live entity an id stands for after every merge in force (itself when unmerged)."""
    current = entity_id
    for _ in range(_MAX_CHAIN):
        nxt = merged_into(conn, current)
        if nxt is None:
            return current
        current = nxt
    return current


def merged_from(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    """Entities merged into this one (directly): ``id``, ``name``, ``log_id``."""
    rows = conn.execute(
        "SELECT from_id, snapshot_json, log_id FROM entity_merges WHERE into_id = ? ORDER BY log_id",
        (entity_id,),
    )
    out = []
    for r in rows:
        snap = json.loads(r["snapshot_json"])
        out.append({"id": r["from_id"], "name": snap["entity"]["name"], "log_id": r["log_id"]})
    return out


def merge(conn: sqlite3.Connection, from_id: str, into_id: str, *, log_id: int) -> dict[str, int]:
    """Merge entity ``from_id`` into ``into_id``: its claims, mentions and names move; it goes.

    The merged entity, its names and the target's names before are kept in ``entity_merges``
    so :func:`unmerge` can restore them; moved rows keep their original entity id.

    Returns:
        Rows moved per kind: ``claims``, ``mentions``.
    """
    from_snap = entity_snapshot(conn, from_id)
    into_snap = entity_snapshot(conn, into_id)
    if from_snap is None or into_snap is None:
        raise ValueError("both entities must exist")
    snapshot = {"entity": from_snap, "into": into_snap}
    conn.execute(
        "INSERT INTO entity_merges (from_id, into_id, log_id, snapshot_json) VALUES (?, ?, ?, ?)",
        (from_id, into_id, log_id, json.dumps(snapshot, ensure_ascii=False, sort_keys=True)),
    )
    return _move_entity(conn, from_id, into_id)


def _move_entity(conn: sqlite3.Connection, from_id: str, into_id: str) -> dict[str, int]:
    """Move every row of ``from_id`` to ``into_id``, its names too, and delete it."""
    moved = {"claims": 0, "mentions": 0}
    for table, column, orig in _MOVABLE:  # constant names only
        cursor = conn.execute(
            f"UPDATE {table} SET {orig} = COALESCE({orig}, {column}), {column} = ? WHERE {column} = ?",
            (into_id, from_id),
        )
        moved["mentions" if table == "mentions" else "claims"] += int(cursor.rowcount)
    names = [str(r[0]) for r in conn.execute("SELECT alias FROM aliases WHERE entity_id = ?", (from_id,))]
    row = conn.execute("SELECT name FROM entities WHERE id = ?", (from_id,)).fetchone()
    if row is not None:
        names.insert(0, str(row[0]))
    add_aliases(conn, into_id, names)
    conn.execute("DELETE FROM entities WHERE id = ?", (from_id,))
    return moved


def unmerge(conn: sqlite3.Connection, from_id: str) -> dict[str, Any]:
    """Undo the merge of ``from_id``: it comes back with its names, and its rows go back to it.

    Entities that had been merged into ``from_id`` before follow it back. Rows a reviewer has
    since pointed elsewhere (an edit) stay where the reviewer put them.

    Returns:
        ``into`` (where it had been merged), ``claims`` and ``mentions`` moved back.

    Raises:
        ValueError: ``from_id`` is not merged.
    """
    row = conn.execute("SELECT * FROM entity_merges WHERE from_id = ?", (from_id,)).fetchone()
    if row is None:
        raise ValueError(f"{from_id} is not merged")
    snapshot = json.loads(row["snapshot_json"])
    target = resolve_merged(conn, str(row["into_id"]))
    # Every id whose chain of merges passes through from_id: their rows may move back.
    affected = {from_id}
    frontier = [from_id]
    while frontier:
        current = frontier.pop()
        for r in conn.execute("SELECT from_id FROM entity_merges WHERE into_id = ?", (current,)):
            if r[0] not in affected:
                affected.add(str(r[0]))
                frontier.append(str(r[0]))
    conn.execute("DELETE FROM entity_merges WHERE from_id = ?", (from_id,))
    restore_entity(conn, snapshot["entity"])
    entity = snapshot["entity"]
    came = {normalize_name(n) for n in [entity["name"], *entity.get("aliases", [])]}
    kept = {normalize_name(n) for n in [snapshot["into"]["name"], *snapshot["into"].get("aliases", [])]}
    gone = sorted(came - kept)
    if gone:
        marks = ", ".join("?" for _ in gone)
        conn.execute(f"DELETE FROM aliases WHERE entity_id = ? AND norm IN ({marks})", (target, *gone))
    moved = {"claims": 0, "mentions": 0}
    marks = ", ".join("?" for _ in affected)
    for table, column, orig in _MOVABLE:  # constant names only
        rows = conn.execute(
            f"SELECT rowid, {orig} FROM {table} WHERE {orig} IN ({marks})", sorted(affected)
        ).fetchall()
        for rowid, original in rows:
            home = resolve_merged(conn, str(original))
            conn.execute(
                f"UPDATE {table} SET {column} = ?, {orig} = CASE WHEN ? = {orig} THEN NULL ELSE {orig} END"
                " WHERE rowid = ?",
                (home, home, rowid),
            )
            moved["mentions" if table == "mentions" else "claims"] += 1
    return {"into": str(row["into_id"]), **moved}


def split(
    conn: sqlite3.Connection,
    entity_id: str,
    alias: str,
    into: Mapping[str, Any],
    *,
    log_id: int,
) -> dict[str, int]:
    """Split an alias off an entity into its own: mentions by that name, and claims read where
    the entity is only named so, move to the new entity; the alias leaves the old one.

    Args:
        conn: the connection, in a transaction.
        entity_id: the entity the alias is taken from.
        alias: the name to split off.
        into: the new entity (``id``, ``name``, ``type``); created when missing.
        log_id: the log entry of the decision.

    Returns:
        Rows moved per kind: ``claims``, ``mentions``.
    """
    norm = normalize_name(alias)
    conn.execute(
        "INSERT INTO alias_splits (entity_id, norm, alias, into_id, log_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(entity_id, norm) DO UPDATE SET alias = excluded.alias, into_id = excluded.into_id,"
        " log_id = excluded.log_id",
        (entity_id, norm, alias, into["id"], log_id),
    )
    restore_entity(conn, {"origin": "document", "aliases": [], **into})
    return _split_rows(conn, entity_id, norm, str(into["id"]))


def _split_rows(
    conn: sqlite3.Connection, entity_id: str, norm: str, into_id: str, doc_id: str | None = None
) -> dict[str, int]:
    """Move an entity's mentions named ``norm`` (and claims of sentences naming it only so)."""
    sql = "SELECT rowid, doc_id, sentence_idx, text FROM mentions WHERE entity_id = ?"
    params: list[Any] = [entity_id]
    if doc_id is not None:
        sql += " AND doc_id = ?"
        params.append(doc_id)
    by_sentence: dict[tuple[str, int], list[bool]] = {}
    hits: list[int] = []
    for rowid, doc, sentence, text in conn.execute(sql, params).fetchall():
        same = normalize_name(str(text)) == norm
        by_sentence.setdefault((str(doc), int(sentence)), []).append(same)
        if same:
            hits.append(int(rowid))
    conn.executemany("UPDATE mentions SET entity_id = ? WHERE rowid = ?", [(into_id, r) for r in hits])
    sentences = [key for key, flags in by_sentence.items() if all(flags)]
    claims = 0
    for column in ("subject_id", "object_id"):  # constant names only
        for doc, sentence in sentences:
            claims += int(
                conn.execute(
                    f"UPDATE claims SET {column} = ? WHERE {column} = ? AND doc_id = ? AND sentence_idx = ?",
                    (into_id, entity_id, doc, sentence),
                ).rowcount
            )
    conn.execute("DELETE FROM aliases WHERE entity_id = ? AND norm = ?", (entity_id, norm))
    return {"claims": claims, "mentions": len(hits)}


# --------------------------------------------------------------------------- re-applying


def reapply(conn: sqlite3.Connection, *, doc_id: str | None = None) -> None:
    """Apply the decisions in force to what a write just brought (inside its transaction).

    With ``doc_id`` (a document was written): its claims get the decisions on their
    fingerprints (edits first, so a merge then sees the edited entity), then merges and splits
    are replayed in the order they were decided. Without (entities were upserted, e.g. the
    curated registry): merged entities that came back are folded in again and split aliases
    taken off again.

    Args:
        conn: the connection, in the write's transaction.
        doc_id: the document written, if any.
    """
    if not has_reviews(conn):
        return
    if doc_id is not None:
        rows = conn.execute(
            "SELECT d.fingerprint, d.status, d.rank, d.edit_json FROM claim_decisions d"
            " WHERE d.fingerprint IN (SELECT fingerprint FROM claims WHERE doc_id = ?)",
            (doc_id,),
        ).fetchall()
        for fingerprint, status, rank, edit_json in rows:
            edit = json.loads(edit_json) if edit_json else None
            _apply_decision(conn, fingerprint, status=status, rank=rank, edit=edit, doc_id=doc_id)
    steps: list[tuple[int, str, tuple[Any, ...]]] = []
    for r in conn.execute(
        "SELECT m.from_id, m.into_id, m.log_id, m.snapshot_json FROM entity_merges m"
        " JOIN entities e ON e.id = m.from_id"
    ):
        steps.append((int(r["log_id"]), "merge", (str(r["from_id"]), str(r["into_id"]), r["snapshot_json"])))
    split_sql = (
        "SELECT s.entity_id, s.norm, s.into_id, s.log_id, s.alias FROM alias_splits s"
        " WHERE EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = s.entity_id AND a.norm = s.norm)"
    )
    split_params: tuple[str, ...] = ()
    if doc_id is not None:
        split_sql += " OR EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = s.entity_id AND m.doc_id = ?)"
        split_params = (doc_id,)
    for r in conn.execute(split_sql, split_params):
        steps.append(
            (int(r["log_id"]), "split", (str(r["entity_id"]), str(r["norm"]), str(r["into_id"]), r["alias"]))
        )
    for _log_id, kind, args in sorted(steps):
        if kind == "merge":
            from_id, into_id, snapshot_json = args
            if conn.execute("SELECT 1 FROM entities WHERE id = ?", (from_id,)).fetchone() is None:
                continue  # folded in already by an earlier step
            target = resolve_merged(conn, into_id)
            if conn.execute("SELECT 1 FROM entities WHERE id = ?", (target,)).fetchone() is None:
                # The target lost all its rows since (a removed document): bring it back as it
                # was when it was last merged into.
                latest = conn.execute(
                    "SELECT snapshot_json FROM entity_merges WHERE into_id = ? ORDER BY log_id DESC LIMIT 1",
                    (target,),
                ).fetchone()
                restore_entity(conn, json.loads(latest[0] if latest else snapshot_json)["into"])
            _move_entity(conn, from_id, target)
        else:
            entity_id, norm, into_id, alias = args
            if conn.execute("SELECT 1 FROM entities WHERE id = ?", (into_id,)).fetchone() is None:
                type_ = conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
                restore_entity(
                    conn,
                    {
                        "id": into_id,
                        "name": alias,
                        "type": type_[0] if type_ else "organization",
                        "aliases": [],
                    },
                )
            _split_rows(conn, entity_id, norm, into_id, doc_id=doc_id)


# --------------------------------------------------------------------------- small reads for kronika.review


def log_entry(conn: sqlite3.Connection, log_id: int) -> dict[str, Any]:
    """One log entry by id."""
    return _entry(conn.execute("SELECT * FROM review_log WHERE id = ?", (log_id,)).fetchone())


def first_claim_of_document(conn: sqlite3.Connection, doc_id: str) -> sqlite3.Row | None:
    """The first claim row of a document (a claim added by hand is its document's only one)."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM claims WHERE doc_id = ? ORDER BY rowid LIMIT 1", (doc_id,)
    ).fetchone()
    return row


def document_text(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str] | None:
    """A document's ``(title, text)``, or None."""
    row = conn.execute("SELECT title, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def entity_names(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """Canonical names by entity id (the id itself when the entity is gone)."""
    out = {}
    for eid in ids:
        row = conn.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()
        out[eid] = str(row[0]) if row else eid
    return out


def names_like(conn: sqlite3.Connection, entity_id: str, norm: str) -> list[str]:
    """An entity's aliases and mention texts whose lookup key is ``norm``."""
    rows = conn.execute(
        "SELECT alias FROM aliases WHERE entity_id = ? AND norm = ?"
        " UNION SELECT text FROM (SELECT DISTINCT text FROM mentions WHERE entity_id = ? LIMIT 5000)",
        (entity_id, norm, entity_id),
    )
    return [str(r[0]) for r in rows if normalize_name(str(r[0])) == norm]


def merges(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Merges in force, in the order made: ``id`` (merged away), ``name`` (before), ``into``."""
    rows = conn.execute("SELECT from_id, into_id, snapshot_json FROM entity_merges ORDER BY log_id")
    return [
        {"id": str(r[0]), "into": str(r[1]), "name": json.loads(r[2])["entity"]["name"]} for r in rows
    ]


def claim_summary(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """What a claim row says, in words, for the log (readable after the claim is retracted)."""
    names = entity_names(conn, [e for e in (row["subject_id"], row["object_id"]) if e])
    found = conn.execute(
        "SELECT s.text, d.title FROM documents d LEFT JOIN sentences s ON s.doc_id = d.id AND s.idx = ?"
        " WHERE d.id = ?",
        (row["sentence_idx"], row["doc_id"]),
    ).fetchone()
    return {
        "id": row["id"],
        "subject": names.get(row["subject_id"], row["subject_id"]),
        "predicate": row["predicate"],
        "object": names.get(row["object_id"]) if row["object_id"] else None,
        "measure": row["measure"],
        "value": row["value_text"] or row["amount"],
        "time": row["time_text"] or row["time_start"],
        "document": row["doc_id"],
        "title": found["title"] if found else None,
        "sentence": found["text"] if found else None,
    }
