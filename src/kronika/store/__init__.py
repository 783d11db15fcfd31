"""The SQLite store: the only place in kronika that writes SQL.

Schema and migrations live in :mod:`kronika.store.schema`, writes in
:mod:`kronika.store.db`, read queries in :mod:`kronika.store.queries`.
"""

from __future__ import annotations

from kronika.store._text import normalize_name
from kronika.store.db import Store, WriteResult, claim_fingerprint, claim_id
from kronika.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "WriteResult", "claim_fingerprint", "claim_id", "normalize_name"]
