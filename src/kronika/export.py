"""Exports of the knowledge base: claims as JSON Lines (the interchange format) and CSV.

(GraphML, RDF and the review records of a backup are in :mod:`kronika.interchange`.)

Each writer takes claim-format dicts (as :meth:`kronika.store.Store.iter_claims` yields
them, already in a deterministic order) and a text stream.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import IO, Any

#: Flat columns of the CSV export, one row per claim.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "subject_id",
    "subject",
    "subject_type",
    "predicate",
    "object_id",
    "object",
    "object_type",
    "amount",
    "unit",
    "comparator",
    "lower",
    "upper",
    "measure",
    "time_start",
    "time_end",
    "time_precision",
    "time_text",
    "document",
    "title",
    "start",
    "end",
    "sentence",
    "confidence",
    "status",
    "method",
    "qualifiers",
)


def write_jsonl(claims: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one claim per line as JSON (UTF-8, keys in claim-format order).

    Args:
        claims: claim-format dicts.
        out: a text stream.

    Returns:
        The number of claims written.
    """
    count = 0
    for claim in claims:
        out.write(json.dumps(claim, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(claims: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write claims as CSV with a header row: one flat row per claim (see :data:`CSV_COLUMNS`).

    Args:
        claims: claim-format dicts.
        out: a text stream opened with ``newline=""``.

    Returns:
        The number of claims written.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for claim in claims:
        writer.writerow(_flat(claim))
        count += 1
    return count


def _flat(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim-format dict as one CSV row."""
    subject = claim.get("subject") or {}
    obj = claim.get("object") or {}
    value = claim.get("value") or {}
    time = claim.get("time") or {}
    evidence = claim.get("evidence") or {}
    qualifiers = claim.get("qualifiers")
    return {
        "id": claim.get("id"),
        "subject_id": subject.get("id"),
        "subject": subject.get("name"),
        "subject_type": subject.get("type"),
        "predicate": claim.get("predicate"),
        "object_id": obj.get("id"),
        "object": obj.get("name"),
        "object_type": obj.get("type"),
        "amount": value.get("amount"),
        "unit": value.get("unit"),
        "comparator": value.get("comparator"),
        "lower": value.get("lower"),
        "upper": value.get("upper"),
        "measure": claim.get("measure"),
        "time_start": time.get("start"),
        "time_end": time.get("end"),
        "time_precision": time.get("precision"),
        "time_text": time.get("text"),
        "document": evidence.get("document"),
        "title": evidence.get("title"),
        "start": evidence.get("start"),
        "end": evidence.get("end"),
        "sentence": evidence.get("text"),
        "confidence": claim.get("confidence"),
        "status": claim.get("status"),
        "method": claim.get("method"),
        "qualifiers": json.dumps(qualifiers, ensure_ascii=False, sort_keys=True) if qualifiers else "",
    }


#: Export writers by format name.
WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], IO[str]], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
}
#: Every export format: these two, and GraphML and RDF (Turtle, JSON-LD) from
#: :mod:`kronika.interchange`, which also adds review records to a ``jsonl`` backup.
FORMATS: tuple[str, ...] = (*WRITERS, "graphml", "ttl", "jsonld")
