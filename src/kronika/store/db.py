"""The SQLite store: connection set-up and every write.

One :class:`Store` wraps one connection in autocommit mode; each write runs in an
explicit ``BEGIN IMMEDIATE`` … ``COMMIT`` so a document and everything read from it
land together or not at all (an exception, Ctrl-C included, rolls back). WAL mode lets
readers work while a writer ingests; a killed process leaves the last committed state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kronika.errors import (
    AmbiguousDocumentError,
    DatabaseNotFoundError,
    DatabaseOpenError,
    DocumentNotFoundError,
    NotADatabaseError,
    SchemaVersionError,
    StoreLockedError,
)
from kronika.ids import TYPE_PREFIX, digest
from kronika.models import Claim, DocumentAnalysis, Entity
from kronika.sources import SourceText
from kronika.store import queries
from kronika.store import review as review_sql
from kronika.store._text import normalize_name, normalize_sentence
from kronika.store.schema import SCHEMA_VERSION, current_version, migrate

#: How long a writer waits for another process's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000
_PREFIX_TYPE = {prefix: type_ for type_, prefix in TYPE_PREFIX.items()}


@dataclass(frozen=True)
class WriteResult:
    """What :meth:`Store.write_document` stored.

    Attributes:
        doc_id: the document's id.
        replaced: ids of older versions of the same origin that were removed.
        sentences: sentences written.
        mentions: mentions written.
        entities: distinct entities the document mentions or makes claims about.
        claims: claims written.
    """

    doc_id: str
    replaced: tuple[str, ...]
    sentences: int
    mentions: int
    entities: int
    claims: int


def claim_fingerprint(claim: Claim, sentence_text: str) -> str:
    """A digest of what a claim says, independent of the document and of sentence positions.

    Reviews are keyed by it, so they survive re-reading and edits elsewhere in a document.
    """
    return _fingerprint(claim, _sentence_key(sentence_text))


#: Sentences longer than this enter fingerprints as their SHA-256, so a huge "sentence" (a
#: 5 MB line without full stops) with many claims is hashed once, not once per claim.
LONG_SENTENCE = 10_000


def _sentence_key(text: str) -> str:
    """What of a sentence goes into its claims' fingerprints: its normalised text, or the
    digest of that when it is longer than :data:`LONG_SENTENCE`."""
    normalized = normalize_sentence(text)
    if len(normalized) > LONG_SENTENCE:
        return "sha256:" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()
    return normalized


def _fingerprint(claim: Claim, normalized_sentence: str) -> str:
    """:func:`claim_fingerprint` with the sentence already normalised."""
    value = claim.value
    time = claim.time
    return digest(
        claim.subject,
        claim.predicate,
        claim.object,
        None if value is None else (value.amount, value.lower, value.upper, value.unit),
        claim.measure,
        None if time is None else (time.start, time.end),
        normalized_sentence,
    )


def claim_id(doc_id: str, fingerprint: str, occurrence: int = 1) -> str:
    """A claim's id: stable for the same document and fingerprint (and n-th repeat within it)."""
    if occurrence == 1:
        return "c-" + digest(doc_id, fingerprint)
    return "c-" + digest(doc_id, fingerprint, occurrence)


class Store:
    """The knowledge base on disk (or in memory with ``":memory:"``).

    Args:
        path: the SQLite file; created with the current schema when missing.
        create: when False, a missing file raises :class:`DatabaseNotFoundError`.
        busy_timeout_ms: how long a write waits for another process's lock.

    Raises:
        DatabaseNotFoundError: ``create`` is False and the file does not exist.
        NotADatabaseError: the file is not SQLite.
        SchemaVersionError: the file was written by a newer kronika.
        DatabaseOpenError: SQLite cannot open or create the file.
    """

    def __init__(
        self, path: Path | str = "kronika.db", *, create: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        self.path = str(path)
        self._busy_timeout_ms = int(busy_timeout_ms)
        in_memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        if not in_memory and not create and not os.path.exists(self.path):
            raise DatabaseNotFoundError(self.path)
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.OperationalError as exc:
            raise DatabaseOpenError(self.path, str(exc)) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            found = current_version(self._conn)
            if found > SCHEMA_VERSION:
                raise SchemaVersionError(self.path, found, SCHEMA_VERSION)
            if not in_memory:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreLockedError(self.path) from exc
            if "unable to open" in str(exc) or "readonly" in str(exc):
                raise DatabaseOpenError(self.path, str(exc)) from exc
            raise NotADatabaseError(self.path) from exc
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ plumbing

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for read-only use by query modules and tools."""
        return self._conn

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception (Ctrl-C too)."""
        self._begin()
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _begin(self) -> None:
        """Take the write lock, waiting up to the busy timeout for another writer.

        SQLite's own wait backs off to 100 ms naps, so a short write (a reviewer's decision) could
        wait out the whole timeout behind a long run of one-document transactions that each take
        the lock again within a millisecond of letting it go. Here the wait polls every
        millisecond or so instead, and gets the lock in one of those gaps.
        """
        if self._busy_timeout_ms <= 0:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreLockedError(self.path) from exc
            return
        deadline = time.monotonic() + self._busy_timeout_ms / 1000
        self._conn.execute("PRAGMA busy_timeout = 5")
        try:
            while True:
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if time.monotonic() >= deadline:
                        raise StoreLockedError(self.path) from exc
                    time.sleep(0.0005)
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return current_version(self._conn)

    # ------------------------------------------------------------------ writes

    def write_document(
        self,
        meta: SourceText,
        analysis: DocumentAnalysis,
        *,
        also: Callable[[sqlite3.Connection], None] | None = None,
    ) -> WriteResult:
        """Store one document and everything read from it, in one transaction.

        An older version of the same origin (a changed file) is removed in the same
        transaction, so its claims are replaced, never duplicated. Writing a document
        id that is already stored replaces it.

        Args:
            meta: the document's identity and metadata.
            analysis: what the reader made of its text.
            also: more writes to make in the same transaction (a claim added by a reviewer
                and its log entry land together).

        Returns:
            Counts of what was written.
        """
        with self.transaction() as conn:
            replaced = self._retire(conn, meta.origin, keep=meta.doc_id)
            conn.execute("DELETE FROM documents WHERE id = ?", (meta.doc_id,))
            conn.execute(
                "INSERT INTO documents (id, origin, title, date, kind, content_hash, text, word_count,"
                " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.doc_id,
                    meta.origin,
                    meta.title,
                    meta.date.isoformat() if meta.date else None,
                    meta.kind,
                    meta.content_hash,
                    analysis.text,
                    analysis.word_count,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )
            conn.executemany(
                "INSERT INTO sentences (doc_id, idx, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)",
                [(meta.doc_id, s.index, s.start, s.end, s.text) for s in analysis.sentences],
            )
            self._upsert_entities(conn, analysis.entities.values(), origin="document")
            referenced = {m.entity_id for m in analysis.mentions}
            for claim in analysis.claims:
                referenced.add(claim.subject)
                if claim.object:
                    referenced.add(claim.object)
            names = {m.entity_id: m.text for m in reversed(analysis.mentions)}
            self._ensure_entities(conn, referenced - set(analysis.entities), names)
            conn.executemany(
                "INSERT INTO mentions (doc_id, sentence_idx, entity_id, start_char, end_char, text)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(meta.doc_id, m.sentence, m.entity_id, m.start, m.end, m.text) for m in analysis.mentions],
            )
            claims = self._claim_rows(meta.doc_id, analysis)
            conn.executemany(
                f"INSERT INTO claims ({', '.join(_CLAIM_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in _CLAIM_COLUMNS)})",
                claims,
            )
            # Decisions made on these claims and entities before (by fingerprint) hold again.
            review_sql.reapply(conn, doc_id=meta.doc_id)
            if also is not None:
                also(conn)
            if replaced:
                self._sweep_entities(conn)
        return WriteResult(
            doc_id=meta.doc_id,
            replaced=tuple(replaced),
            sentences=len(analysis.sentences),
            mentions=len(analysis.mentions),
            entities=len(referenced | set(analysis.entities)),
            claims=len(claims),
        )

    def retire_origin(self, origin: str, keep: str) -> list[str]:
        """Remove stored versions of ``origin`` other than document ``keep``.

        Used when a file's new bytes equal a document already stored under another origin.

        Returns:
            The removed document ids.
        """
        if not origin:
            return []
        with self.transaction() as conn:
            removed = self._retire(conn, origin, keep=keep)
            if removed:
                self._sweep_entities(conn)
        return removed

    def upsert_entities(self, entities: Iterable[Entity], *, origin: str = "registry") -> int:
        """Add or merge entities (curated registry data, for example), aliases unioned.

        Returns:
            How many entities were given.
        """
        items = list(entities)
        with self.transaction() as conn:
            self._upsert_entities(conn, items, origin=origin)
            review_sql.reapply(conn)  # merged entities stay merged, split aliases stay split
        return len(items)

    def remove_document(self, ref: str, *, who: str = "kronika") -> dict[str, Any]:
        """Delete a document with its sentences, mentions and claims (retraction).

        Entities left with no mention and no claim, and not from the registry, go too. The
        review log keeps its entries (and records the removal); decisions on the retracted
        claims hold again if the document comes back.

        Args:
            ref: the document's id, its origin path, or its title (case-insensitive).
            who: who removed it, for the review log.

        Returns:
            The removed document's summary (as :meth:`documents` gives it).

        Raises:
            DocumentNotFoundError: nothing matches.
            AmbiguousDocumentError: a title matches several documents.
        """
        doc_id = self.resolve_document(ref)
        summary = queries.document_summaries(self._conn, doc_id=doc_id)[0]
        with self.transaction() as conn:
            reviewed = conn.execute(
                "SELECT COUNT(*) FROM claims c JOIN claim_decisions d ON d.fingerprint = c.fingerprint"
                " WHERE c.doc_id = ?",
                (doc_id,),
            ).fetchone()[0]
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._sweep_entities(conn)
            review_sql.log(
                conn,
                who=who,
                action="remove",
                detail={
                    "document": doc_id,
                    "title": summary["title"],
                    "origin": summary["origin"],
                    "claims": summary["claims"],
                    "reviewed_claims": int(reviewed),
                },
            )
        return summary

    # ------------------------------------------------------------------ reads

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id (these exact bytes) is stored."""
        row = self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def document_ids_for_origin(self, origin: str) -> list[str]:
        """Ids of the stored documents read from ``origin``."""
        rows = self._conn.execute("SELECT id FROM documents WHERE origin = ? ORDER BY id", (origin,))
        return [str(r[0]) for r in rows]

    def resolve_document(self, ref: str) -> str:
        """The id of the document named by an id, an origin path or a title.

        Raises:
            DocumentNotFoundError: nothing matches.
            AmbiguousDocumentError: a title matches several documents.
        """
        conn = self._conn
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (ref,)).fetchone():
            return ref
        for origin in dict.fromkeys((ref, os.path.abspath(ref))):
            ids = self.document_ids_for_origin(origin)
            if len(ids) == 1:
                return ids[0]
        rows = conn.execute(
            "SELECT id FROM documents WHERE title = ? COLLATE NOCASE ORDER BY id", (ref.strip(),)
        ).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            raise AmbiguousDocumentError(ref, [str(r[0]) for r in rows])
        raise DocumentNotFoundError(ref)

    def documents(self) -> list[dict[str, Any]]:
        """Every document: id, title, origin, date, kind, words, sentences, claims, ingested_at."""
        return queries.document_summaries(self._conn)

    def entities(self, type: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        """Entities, optionally of one type and/or whose name or an alias contains ``q``."""
        return queries.entities(self._conn, type_=type, q=q)

    def entity(self, ref: str) -> dict[str, Any] | None:
        """One entity by id, name or alias (case-insensitive), or None."""
        return queries.entity(self._conn, ref)

    def claims(
        self, entity: str | None = None, predicate: str | None = None, doc: str | None = None
    ) -> list[dict[str, Any]]:
        """Claims in the claim format, filtered by entity (id, name or alias), predicate, document."""
        return list(self.iter_claims(entity=entity, predicate=predicate, doc=doc))

    def iter_claims(
        self, entity: str | None = None, predicate: str | None = None, doc: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Like :meth:`claims`, streamed (for exports of large stores)."""
        doc_id = self.resolve_document(doc) if doc else None
        return queries.claims(self._conn, entity=entity, predicate=predicate, doc_id=doc_id)

    def stats(self) -> dict[str, Any]:
        """Counts of everything stored, with claims by predicate and entities by type."""
        result = queries.stats(self._conn)
        result["schema_version"] = self.schema_version
        result["path"] = self.path
        return result

    # ------------------------------------------------------------------ helpers

    def _retire(self, conn: sqlite3.Connection, origin: str, *, keep: str) -> list[str]:
        """Delete other documents read from the same origin (older versions of a file)."""
        if not origin:
            return []
        old = [
            str(r[0])
            for r in conn.execute("SELECT id FROM documents WHERE origin = ? AND id != ?", (origin, keep))
        ]
        conn.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in old])
        return old

    @staticmethod
    def _upsert_entities(conn: sqlite3.Connection, entities: Iterable[Entity], *, origin: str) -> None:
        """Insert entities or merge them into existing rows; placeholders take the real names."""
        for ent in entities:
            conn.execute(
                "INSERT INTO entities (id, name, norm, type, description, lat, lon, origin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET"
                "  name = CASE WHEN entities.origin = 'placeholder'"
                "  THEN excluded.name ELSE entities.name END,"
                "  norm = CASE WHEN entities.origin = 'placeholder'"
                "  THEN excluded.norm ELSE entities.norm END,"
                "  type = CASE WHEN entities.origin = 'placeholder'"
                "  THEN excluded.type ELSE entities.type END,"
                "  description = CASE WHEN entities.description = '' THEN excluded.description"
                "                ELSE entities.description END,"
                "  lat = COALESCE(entities.lat, excluded.lat),"
                "  lon = COALESCE(entities.lon, excluded.lon),"
                "  origin = CASE WHEN excluded.origin = 'registry' OR entities.origin = 'placeholder'"
                "           THEN excluded.origin ELSE entities.origin END",
                (
                    ent.id,
                    ent.name,
                    normalize_name(ent.name),
                    ent.type,
                    ent.description or "",
                    ent.lat,
                    ent.lon,
                    origin,
                ),
            )
            names = dict.fromkeys([ent.name, *ent.aliases])
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
                [(ent.id, name, normalize_name(name)) for name in names if name and name.strip()],
            )

    @staticmethod
    def _ensure_entities(conn: sqlite3.Connection, ids: Iterable[str], names: dict[str, str]) -> None:
        """Placeholder rows for entity ids a document references without describing them.

        The name is the entity's first mention, else its id's slug.
        """
        for eid in sorted(ids):
            prefix, _, slug = eid.partition("/")
            name = names.get(eid) or (slug.replace("-", " ") if slug else eid)
            conn.execute(
                "INSERT OR IGNORE INTO entities (id, name, norm, type, origin)"
                " VALUES (?, ?, ?, ?, 'placeholder')",
                (eid, name, normalize_name(name), _PREFIX_TYPE.get(prefix, "organization")),
            )

    @staticmethod
    def _sweep_entities(conn: sqlite3.Connection) -> None:
        """Drop entities no longer mentioned or claimed about, unless they come from the registry."""
        conn.execute(
            "DELETE FROM entities WHERE origin != 'registry'"
            " AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.subject_id = entities.id)"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.object_id = entities.id)"
        )

    @staticmethod
    def _claim_rows(doc_id: str, analysis: DocumentAnalysis) -> list[tuple[Any, ...]]:
        """The claims of one document as rows, with fingerprints and stable ids."""
        # Normalised once per sentence, not once per claim: a long sentence with many claims
        # would otherwise cost claims x length (a 5 MB line with 160,000 claims took 15 minutes).
        sentence_text = {s.index: _sentence_key(s.text) for s in analysis.sentences}
        seen: dict[str, int] = {}
        rows: list[tuple[Any, ...]] = []
        for claim in analysis.claims:
            fingerprint = _fingerprint(claim, sentence_text.get(claim.sentence, ""))
            seen[fingerprint] = seen.get(fingerprint, 0) + 1
            value, time = claim.value, claim.time
            rows.append(
                (
                    claim_id(doc_id, fingerprint, seen[fingerprint]),
                    doc_id,
                    claim.sentence,
                    claim.subject,
                    claim.predicate,
                    claim.object,
                    value.amount if value else None,
                    value.unit if value else None,
                    value.comparator if value else None,
                    value.lower if value else None,
                    value.upper if value else None,
                    value.text if value else None,
                    claim.measure,
                    time.start if time else None,
                    time.end if time else None,
                    time.precision if time else None,
                    time.text if time else None,
                    claim.span_start,
                    claim.span_end,
                    float(claim.confidence),
                    claim.method,
                    json.dumps(claim.qualifiers or {}, sort_keys=True, ensure_ascii=False),
                    claim.status,
                    fingerprint,
                )
            )
        return rows


_CLAIM_COLUMNS: tuple[str, ...] = (
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
