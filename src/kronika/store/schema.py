"""The knowledge base's schema and its migrations.

``PRAGMA user_version`` holds the schema version. :data:`MIGRATIONS` lists the scripts
that take a database from one version to the next; :func:`migrate` applies the missing
ones in order inside one transaction. A database newer than :data:`SCHEMA_VERSION` is
refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    origin       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    date         TEXT,
    kind         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    text         TEXT NOT NULL,
    word_count   INTEGER NOT NULL DEFAULT 0,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_origin ON documents(origin);
CREATE INDEX documents_title ON documents(title COLLATE NOCASE);

CREATE TABLE sentences (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

-- Full-text search over sentences (external content: the text lives once, in sentences).
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

-- origin: 'document' (learnt from a text), 'registry' (curated data) or 'placeholder'
-- (referenced by a claim before anything named it).
CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    norm        TEXT NOT NULL,
    type        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lat         REAL,
    lon         REAL,
    origin      TEXT NOT NULL DEFAULT 'document'
);
CREATE INDEX entities_type ON entities(type);
CREATE INDEX entities_norm ON entities(norm);

CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    norm      TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX aliases_norm ON aliases(norm);

CREATE TABLE mentions (
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    entity_id    TEXT NOT NULL REFERENCES entities(id),
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id, sentence_idx);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx    INTEGER NOT NULL,
    subject_id      TEXT NOT NULL REFERENCES entities(id),
    predicate       TEXT NOT NULL,
    object_id       TEXT REFERENCES entities(id),
    amount          REAL,
    unit            TEXT,
    comparator      TEXT,
    lower           REAL,
    upper           REAL,
    value_text      TEXT,
    measure         TEXT,
    time_start      TEXT,
    time_end        TEXT,
    time_precision  TEXT,
    time_text       TEXT,
    span_start      INTEGER,
    span_end        INTEGER,
    confidence      REAL NOT NULL,
    method          TEXT NOT NULL,
    qualifiers_json TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'proposed',
    fingerprint     TEXT NOT NULL
);
CREATE INDEX claims_subject ON claims(subject_id, predicate);
CREATE INDEX claims_object ON claims(object_id);
CREATE INDEX claims_predicate ON claims(predicate, measure);
CREATE INDEX claims_doc ON claims(doc_id, sentence_idx);
CREATE INDEX claims_fingerprint ON claims(fingerprint);
"""

# Version 2: indexes for the explorer's overview on large bases (kronika.store.explore): claims
# by status, conflict candidates in one ordered scan, eras, and the latest documents.
_V2 = """
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_conflicts ON claims(predicate, subject_id, measure, unit, time_start, time_end, amount,
    lower, upper, comparator);
CREATE INDEX claims_eras ON claims(time_start)
    WHERE predicate = 'occurred' AND qualifiers_json LIKE '%"era": true%';
CREATE INDEX documents_ingested ON documents(ingested_at);
"""

# Version 3: review and trust (kronika.store.review, kronika.store.tokens). Claims gain a rank
# (preferred / normal / deprecated) and keep the entity ids the reader gave them when a merge or a
# split moved them (orig_*, NULL when unmoved), so a merge can be undone. Decisions on claims are
# keyed by fingerprint, so they outlive the rows: re-reading a document applies them again.
_V3 = """
ALTER TABLE claims ADD COLUMN rank TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE claims ADD COLUMN orig_subject_id TEXT;
ALTER TABLE claims ADD COLUMN orig_object_id TEXT;
ALTER TABLE mentions ADD COLUMN orig_entity_id TEXT;
CREATE INDEX claims_orig_subject ON claims(orig_subject_id) WHERE orig_subject_id IS NOT NULL;
CREATE INDEX claims_orig_object ON claims(orig_object_id) WHERE orig_object_id IS NOT NULL;

-- The audit log: every decision, who made it, when and why. Never updated, never deleted.
CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    action      TEXT NOT NULL,
    fingerprint TEXT,
    claim_id    TEXT,
    entity_id   TEXT,
    other_id    TEXT,
    detail_json TEXT NOT NULL DEFAULT '{}',
    why         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_log_fingerprint ON review_log(fingerprint);
CREATE INDEX review_log_entity ON review_log(entity_id);
CREATE INDEX review_log_other ON review_log(other_id);

-- What the log adds up to for each claim fingerprint (NULL: the reader's own value).
CREATE TABLE claim_decisions (
    fingerprint TEXT PRIMARY KEY,
    status      TEXT,
    rank        TEXT,
    edit_json   TEXT,
    log_id      INTEGER NOT NULL
);

-- Merges in force: from_id's rows now belong to into_id (follow the chain for the final one).
CREATE TABLE entity_merges (
    from_id       TEXT PRIMARY KEY,
    into_id       TEXT NOT NULL,
    log_id        INTEGER NOT NULL,
    snapshot_json TEXT NOT NULL
);
CREATE INDEX entity_merges_into ON entity_merges(into_id);

-- Aliases split off an entity into their own: mentions by that name (and their claims) move.
CREATE TABLE alias_splits (
    entity_id TEXT NOT NULL,
    norm      TEXT NOT NULL,
    alias     TEXT NOT NULL,
    into_id   TEXT NOT NULL,
    log_id    INTEGER NOT NULL,
    PRIMARY KEY (entity_id, norm)
);

-- API tokens for writes: only a salted scrypt hash of the secret is kept.
CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    key_id       TEXT NOT NULL UNIQUE,
    salt         BLOB NOT NULL,
    hash         BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
"""

#: Migration scripts: ``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The database's schema version (0 for a new, empty file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations in one transaction.

    The connection must be in autocommit mode (``isolation_level=None``); the caller has
    already refused versions newer than :data:`SCHEMA_VERSION`.

    Returns:
        The version the database had before.
    """
    before = current_version(conn)
    if before >= SCHEMA_VERSION:
        return before
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = current_version(conn)
        for script in MIGRATIONS[version:]:
            for statement in _statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return before


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (``executescript`` would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer:
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
