# ruff: noqa: E501
"""Schema v3 (review) on a base written by the previous version: migrated in place, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import kronika
from kronika.store.schema import MIGRATIONS, SCHEMA_VERSION, _statements


def test_a_version_2_base_is_migrated_and_can_be_reviewed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO documents (id, title, kind, content_hash, text, ingested_at)"
        " VALUES ('d-1', 'Old', 'text', 'h', 'Acme Soft was founded in 1999.', '2025-01-01')"
    )
    conn.execute("INSERT INTO sentences VALUES ('d-1', 0, 0, 30, 'Acme Soft was founded in 1999.')")
    conn.execute("INSERT INTO entities (id, name, norm, type) VALUES ('org/acme-soft', 'Acme Soft', 'acme soft', 'organization')")
    conn.execute(
        "INSERT INTO claims (id, doc_id, sentence_idx, subject_id, predicate, time_start, time_end,"
        " time_precision, confidence, method, fingerprint)"
        " VALUES ('c-1', 'd-1', 0, 'org/acme-soft', 'founded', '1999-01-01', '1999-12-31', 'year', 0.8, 'm', 'f1')"
    )
    conn.close()
    with kronika.open(path, create=False) as kb:
        assert kb.store.schema_version == SCHEMA_VERSION == 3
        [claim] = kb.claims()
        assert claim["status"] == "proposed" and "rank" not in claim
        kb.review.rank("c-1", "preferred", who="ann", why="checked")
        assert kb.claims()[0]["rank"] == "preferred"
        assert [e["action"] for e in kb.review.log(entity="Acme Soft")] == ["rank"]
