"""Access control for writes: API tokens, and the signatures behind browser sessions and CSRF.

A token looks like ``kr_3f9a1c2b7d4e_<43 random characters>``: a public key id, then the
secret. ``kronika token create NAME`` prints it once; the base keeps only the key id, a random
salt and the scrypt hash of the secret (``hashlib.scrypt``, n=2**14, r=8, p=1), so a copy of the
database gives nobody a working token. Checking a token looks it up by key id, hashes the secret
again and compares in constant time; revoked tokens fail. A process remembers tokens it checked
(by their SHA-256) so a busy API does not pay for scrypt on every request, and still reads the
revocation from the base each time.

Browser forms (:mod:`kronika.web.review`) sign in with a token once; the session cookie and the
forms' CSRF fields are HMAC-SHA256 signatures by a secret the server makes at start-up.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
from typing import TYPE_CHECKING, Any

from kronika.errors import AuthError, TokenNotFoundError
from kronika.store import review as review_sql
from kronika.store import tokens as token_sql

if TYPE_CHECKING:
    from kronika.store import Store

__all__ = ["TOKEN_PREFIX", "Tokens", "sign", "verify_signature"]

TOKEN_PREFIX = "kr_"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_TOKEN = re.compile(r"^kr_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")
_NAME = re.compile(r"^[\w.@+-]{1,64}$")
_CHECKED: dict[str, str] = {}  # sha256(token) -> key id, for tokens that passed scrypt once
_CHECKED_LOCK = threading.Lock()


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)


class Tokens:
    """The tokens of one knowledge base.

    Args:
        store: the opened store.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, name: str) -> str:
        """Make a token; the returned string is the only copy of its secret.

        Args:
            name: who or what will use it (letters, digits, ``._@+-``; at most 64).

        Returns:
            The token, to give to its user.

        Raises:
            AuthError: a bad name, or one that is taken.
        """
        if not _NAME.match(name):
            raise AuthError(f"bad token name {name!r}: use letters, digits and ._@+- (at most 64)", 400)
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        try:
            with self.store.transaction() as conn:
                token_sql.insert(
                    conn,
                    name=name,
                    key_id=key_id,
                    salt=salt,
                    hash_=_hash(secret, salt),
                    created_at=review_sql.now(),
                )
        except sqlite3.IntegrityError:
            raise AuthError(
                f"a token called {name!r} exists; revoke it or choose another name", 409
            ) from None
        return f"{TOKEN_PREFIX}{key_id}_{secret}"

    def list(self) -> list[dict[str, Any]]:
        """Every token's name, key id and dates (created, last used, revoked); never a secret."""
        return token_sql.listing(self.store.connection)

    def revoke(self, name: str) -> dict[str, Any]:
        """Revoke a token: it stops working at once, everywhere.

        Raises:
            TokenNotFoundError: no token has that name.
        """
        with self.store.transaction() as conn:
            if token_sql.by_name(conn, name) is None:
                raise TokenNotFoundError(name)
            token_sql.revoke(conn, name, review_sql.now())
        row = token_sql.by_name(self.store.connection, name)
        assert row is not None
        return {"name": row["name"], "key_id": row["key_id"], "revoked_at": row["revoked_at"]}

    def verify(self, token: str) -> str:
        """The name of the token's owner, if the token is valid and not revoked.

        Raises:
            AuthError: malformed, unknown, wrong or revoked (one message for all but revoked,
                so a caller learns nothing about which part was wrong).
        """
        token = (token or "").strip()
        match = _TOKEN.match(token)
        if not match:
            raise AuthError(
                "a valid token is needed: send 'Authorization: Bearer kr_…' (kronika token create)"
            )
        key_id, secret = match.groups()
        row = token_sql.by_key_id(self.store.connection, key_id)
        if row is None:
            raise AuthError("a valid token is needed: this one is unknown or wrong")
        if row["revoked_at"] is not None:
            raise AuthError(f"token {row['name']!r} was revoked on {row['revoked_at']}")
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        with _CHECKED_LOCK:
            known = _CHECKED.get(digest) == key_id
        if not known:
            if not hmac.compare_digest(_hash(secret, bytes(row["salt"])), bytes(row["hash"])):
                raise AuthError("a valid token is needed: this one is unknown or wrong")
            with _CHECKED_LOCK:
                _CHECKED[digest] = key_id
        return str(row["name"])

    def touch(self, token: str) -> None:
        """Record that a token was used now (shown by ``kronika token list``)."""
        key_id = key_id_of(token)
        if key_id is not None:
            with self.store.transaction() as conn:
                token_sql.touch(conn, key_id, review_sql.now())

    def name_of_key(self, key_id: str) -> str:
        """The owner of a key id that a signed session carries, if the token still works.

        Raises:
            AuthError: unknown or revoked.
        """
        row = token_sql.by_key_id(self.store.connection, key_id)
        if row is None or row["revoked_at"] is not None:
            raise AuthError("your session's token was revoked or is unknown; sign in again")
        return str(row["name"])


def key_id_of(token: str) -> str | None:
    """The public key id of a well-formed token."""
    match = _TOKEN.match((token or "").strip())
    return match.group(1) if match else None


def sign(secret: bytes, purpose: str, value: str) -> str:
    """An HMAC-SHA256 signature of ``value`` for one ``purpose`` (hex)."""
    return hmac.new(secret, f"{purpose}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, purpose: str, value: str, signature: str) -> bool:
    """Whether ``signature`` is :func:`sign` of ``value`` (constant-time)."""
    return hmac.compare_digest(sign(secret, purpose, value), signature or "")
