"""API tokens in SQL: names, public key ids and salted hashes of the secrets (never the secrets).

See :mod:`kronika.auth` for how tokens are made and checked.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def insert(
    conn: sqlite3.Connection, *, name: str, key_id: str, salt: bytes, hash_: bytes, created_at: str
) -> None:
    """Store a new token (inside a transaction).

    Raises:
        sqlite3.IntegrityError: the name or key id is taken.
    """
    conn.execute(
        "INSERT INTO tokens (name, key_id, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (name, key_id, salt, hash_, created_at),
    )


def by_name(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    """A token's row by its name."""
    row: sqlite3.Row | None = conn.execute("SELECT * FROM tokens WHERE name = ?", (name,)).fetchone()
    return row


def by_key_id(conn: sqlite3.Connection, key_id: str) -> sqlite3.Row | None:
    """A token's row by its public key id."""
    row: sqlite3.Row | None = conn.execute("SELECT * FROM tokens WHERE key_id = ?", (key_id,)).fetchone()
    return row


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every token: ``name``, ``key_id``, ``created_at``, ``last_used_at``, ``revoked_at`` (no hashes)."""
    rows = conn.execute(
        "SELECT name, key_id, created_at, last_used_at, revoked_at FROM tokens ORDER BY created_at, name"
    )
    return [dict(r) for r in rows]


def revoke(conn: sqlite3.Connection, name: str, at: str) -> int:
    """Mark a token revoked (inside a transaction); returns rows changed (0 when already revoked)."""
    return int(
        conn.execute(
            "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (at, name)
        ).rowcount
    )


def touch(conn: sqlite3.Connection, key_id: str, at: str) -> None:
    """Record when a token was last used (inside a transaction)."""
    conn.execute("UPDATE tokens SET last_used_at = ? WHERE key_id = ?", (at, key_id))
