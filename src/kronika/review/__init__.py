"""Review: people correct the machine, and the base never loses what they decided.

``kb.review`` (a :class:`Review`) accepts, rejects, edits and ranks claims, merges entities,
undoes merges, splits an alias off into its own entity and adds claims by hand with their
citation. Every decision goes into the audit log (who, when, what, why), shown per entity and
per claim by :meth:`Review.log`.

Decisions on claims are keyed by the claim's **fingerprint** (what it says and the sentence it
was read from; see :func:`kronika.store.claim_fingerprint`), so they hold again when the same
document, or a changed one that still has the sentence, is read again. Decisions are applied to
the stored rows at once (:mod:`kronika.store.review`), so every read shows them: rejected
claims leave the facts, deprecated ones stay marked, merged entities are one.

Example::

    with kronika.open("kronika.db") as kb:
        kb.review.reject("c-5f1e0a2b3c4d5e6f", why="the year is the decree's, not the founding")
        kb.review.rank("c-0a1b2c3d4e5f6a7b", "preferred", why="the registry says 2005")
        kb.review.merge("Hi-Tech Park", into="High Technologies Park")
        for entry in kb.review.log(entity="High Technologies Park"):
            print(entry["at"], entry["who"], entry["action"], entry["why"])
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kronika.errors import ClaimNotFoundError, DocumentNotFoundError, ReviewError
from kronika.explorer import EntityNotFoundError
from kronika.ids import digest, document_id, entity_id
from kronika.models import (
    ENTITY_TYPES,
    Claim,
    DocumentAnalysis,
    Entity,
    Sentence,
)
from kronika.review.values import (
    check_measure,
    check_predicate,
    parse_time,
    parse_value,
    time_columns,
    value_columns,
)
from kronika.sources import SourceText
from kronika.store import review as sql
from kronika.store._text import normalize_name, normalize_sentence
from kronika.store.explore import resolve_entity

if TYPE_CHECKING:
    from kronika.store import Store

__all__ = ["ADDED_METHOD", "RANKS", "Review", "default_reviewer", "parse_time", "parse_value"]

#: The method recorded on claims added by hand.
ADDED_METHOD = "review:added"
#: Ranks a claim can have.
RANKS = sql.RANKS


def default_reviewer() -> str:
    """Who is reviewing, when nobody says: ``$KRONIKA_REVIEWER``, else the user's login name."""
    name = os.environ.get("KRONIKA_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return "unknown"


class Review:
    """Review decisions on one knowledge base (``kb.review``).

    Args:
        store: the opened store.
        who: the reviewer recorded when a call does not name one; :func:`default_reviewer`
            by default.
    """

    def __init__(self, store: Store, *, who: str | None = None) -> None:
        self.store = store
        self.who = who

    def _who(self, who: str | None) -> str:
        name = (who or self.who or default_reviewer()).strip()
        return name[:200] or "unknown"

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.store.connection

    # ------------------------------------------------------------------ claims

    def accept(self, claim: str, *, who: str | None = None, why: str = "") -> dict[str, Any]:
        """Accept a claim: a person says it is right.

        Args:
            claim: the claim's id (``c-…``) or fingerprint.
            who: the reviewer.
            why: the reason, kept in the log.

        Returns:
            The log entry, with ``claims``: how many stored claims it touched (every claim
            with the fingerprint: the same sentence read from several documents).

        Raises:
            ClaimNotFoundError: no such claim.
        """
        return self._decide(claim, "accept", who=who, why=why, status="accepted")

    def reject(self, claim: str, *, who: str | None = None, why: str = "") -> dict[str, Any]:
        """Reject a claim: it stays stored and visible to review, but leaves facts and answers.

        Args:
            claim: the claim's id or fingerprint.
            who: the reviewer.
            why: the reason, kept in the log.

        Returns:
            The log entry, with ``claims`` touched.

        Raises:
            ClaimNotFoundError: no such claim.
        """
        return self._decide(claim, "reject", who=who, why=why, status="rejected")

    def rank(self, claim: str, rank: str, *, who: str | None = None, why: str = "") -> dict[str, Any]:
        """Rank a claim ``preferred``, ``normal`` or ``deprecated`` (in a conflict, say).

        A preferred claim speaks for its fact and settles its conflict; a deprecated one stays
        visible, marked, and never speaks for a fact that has other claims.

        Raises:
            ClaimNotFoundError: no such claim.
            ReviewError: an unknown rank.
        """
        if rank not in RANKS:
            raise ReviewError(f"unknown rank {rank!r}; use one of: {', '.join(RANKS)}")
        return self._decide(claim, "rank", who=who, why=why, rank=rank)

    def edit(
        self,
        claim: str,
        *,
        subject: str | None = None,
        predicate: str | None = None,
        object: str | None = None,  # noqa: A002 - the claim format's word
        measure: str | None = None,
        value: str | Mapping[str, Any] | None = None,
        time: str | Mapping[str, Any] | None = None,
        who: str | None = None,
        why: str = "",
    ) -> dict[str, Any]:
        """Correct what a claim says; the claim becomes ``accepted``.

        The reader's version stays in the log (``detail.before``); re-reading the document
        applies the edit again.

        Args:
            claim: the claim's id or fingerprint.
            subject: an entity id, name or alias.
            predicate: a predicate of the claim format.
            object: an entity id, name or alias.
            measure: a measure name (snake_case).
            value: ``">100"``, ``"3.2e9 USD"``, ``"9%"``, ``"16000..22000"`` or a claim-format
                value object.
            time: ``"2011"``, ``"1960s"``, ``"2020..2024"``, ``"2021.."``, ``"..2016"`` or a
                claim-format time object.
            who: the reviewer.
            why: the reason.

        Returns:
            The log entry, with ``claims`` touched.

        Raises:
            ClaimNotFoundError: no such claim.
            EntityNotFoundError: the subject or object names nothing.
            ReviewError: nothing to change, or a value, time or predicate that cannot be read.
        """
        changes: dict[str, Any] = {}
        if subject is not None:
            changes["subject_id"] = self._entity(subject)
        if object is not None:
            changes["object_id"] = self._entity(object)
        if predicate is not None:
            changes["predicate"] = check_predicate(predicate)
        if measure is not None:
            changes["measure"] = check_measure(measure)
        if value is not None:
            changes.update(value_columns(parse_value(value)))
        if time is not None:
            changes.update(time_columns(parse_time(time)))
        if not changes:
            raise ReviewError("nothing to change: give a subject, predicate, object, measure, value or time")
        return self._decide(claim, "edit", who=who, why=why, status="accepted", edit=changes)

    def _decide(
        self,
        ref: str,
        action: str,
        *,
        who: str | None,
        why: str,
        status: str | None = None,
        rank: str | None = None,
        edit: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Log and apply one decision on a claim (in one transaction)."""
        with self.store.transaction() as conn:
            fingerprint, row = self._claim(conn, ref)
            detail: dict[str, Any] = {}
            if status is not None:
                detail["status"] = status
            if rank is not None:
                detail["rank"] = rank
            if edit:
                detail["edit"] = dict(edit)
                if row is not None:
                    detail["before"] = {k: row[k] for k in edit}
            if row is not None:
                detail["claim"] = sql.claim_summary(conn, row)
            log_id = sql.log(
                conn,
                who=self._who(who),
                action=action,
                why=why,
                fingerprint=fingerprint,
                claim_id=row["id"] if row is not None else (ref if ref.startswith("c-") else None),
                entity_id=row["subject_id"] if row is not None else None,
                other_id=row["object_id"] if row is not None else None,
                detail=detail,
            )
            touched = sql.decide_claim(conn, fingerprint, log_id=log_id, status=status, rank=rank, edit=edit)
        return {**self._entry(log_id), "claims": touched}

    def _claim(self, conn: sqlite3.Connection, ref: str) -> tuple[str, sqlite3.Row | None]:
        """The fingerprint a reference names, and one of its stored rows (None when retracted)."""
        ref = ref.strip()
        rows = sql.claims_by_ref(conn, ref)
        if rows:
            return str(rows[0]["fingerprint"]), rows[0]
        if sql.known_fingerprint(conn, ref):
            return ref, None
        fingerprint = sql.fingerprint_of_claim_id(conn, ref)
        if fingerprint is not None:
            return fingerprint, None
        raise ClaimNotFoundError(ref)

    def _entity(self, ref: str) -> str:
        eid = resolve_entity(self._conn, ref)
        if eid is None:
            raise EntityNotFoundError(ref)
        return eid

    def _entry(self, log_id: int) -> dict[str, Any]:
        return sql.log_entry(self._conn, log_id)

    # ------------------------------------------------------------------ adding claims

    def add(
        self,
        subject: str,
        predicate: str,
        *,
        quote: str,
        object: str | None = None,  # noqa: A002 - the claim format's word
        value: str | Mapping[str, Any] | None = None,
        measure: str | None = None,
        time: str | Mapping[str, Any] | None = None,
        title: str | None = None,
        url: str | None = None,
        document: str | None = None,
        subject_type: str | None = None,
        object_type: str | None = None,
        qualifiers: Mapping[str, Any] | None = None,
        who: str | None = None,
        why: str = "",
    ) -> dict[str, Any]:
        """Add a claim by hand, with its citation: the words of the source that say it.

        The claim is stored ``accepted`` with method :data:`ADDED_METHOD`, as its own small
        document whose text is the quote, titled with the source; the citation goes in the
        qualifier ``source`` (``title``, ``url``, ``document``), as the curated atlas cites.

        Args:
            subject: an entity id, name or alias; a new name with ``subject_type``.
            predicate: a predicate of the claim format.
            quote: the source's words that say it (the evidence sentence).
            object: an entity id, name or alias; a new name with ``object_type``.
            value: a value (see :meth:`edit`); with ``measure``.
            measure: what is measured, for ``measure`` claims.
            time: a time (see :meth:`edit`).
            title: the source's title (default: the cited document's).
            url: where the source is.
            document: a stored document the quote is from (id, path or title); the quote must
                be in its text.
            subject_type: the type of a new subject.
            object_type: the type of a new object.
            qualifiers: more qualifiers (the claim format's free object).
            who: the reviewer.
            why: the reason.

        Returns:
            The claim in the claim format, with ``log`` (the log entry).

        Raises:
            ReviewError: no quote, no source, a quote not in the document, a bad predicate,
                value or time, or a measure claim without a value.
            EntityNotFoundError: an unknown subject or object and no type for a new one.
            DocumentNotFoundError: ``document`` names nothing.
        """
        conn = self._conn
        quote = normalize_sentence(quote or "")
        if not quote:
            raise ReviewError("a claim added by hand needs the source's words: give --quote")
        predicate = check_predicate(predicate)
        doc_ref: dict[str, Any] | None = None
        if document is not None:
            doc_id = self.store.resolve_document(document)
            found = sql.document_text(conn, doc_id)
            if found is None:  # pragma: no cover - resolve_document found it
                raise DocumentNotFoundError(document)
            if quote not in normalize_sentence(found[1]):
                raise ReviewError(f"the quote is not in document {doc_id}; copy the sentence exactly")
            doc_ref = {"id": doc_id, "title": found[0]}
            title = title or found[0]
        if not (title or url):
            raise ReviewError("say where the quote is from: give a title, a URL or a stored document")
        entities: dict[str, Entity] = {}
        subject_id = self._entity_or_new(subject, subject_type, entities)
        object_id = self._entity_or_new(object, object_type, entities) if object is not None else None
        quantity = parse_value(value) if value is not None else None
        span = parse_time(time) if time is not None else None
        if predicate == "measure" and (quantity is None or not measure):
            raise ReviewError("a measure claim needs a value and a measure name")
        source: dict[str, Any] = {"title": title or url or ""}
        if url:
            source["url"] = url
        if doc_ref:
            source["document"] = doc_ref["id"]
        claim = Claim(
            subject=subject_id,
            predicate=predicate,
            object=object_id,
            value=quantity,
            measure=check_measure(measure) if measure else None,
            time=span,
            sentence=0,
            span_start=0,
            span_end=len(quote),
            confidence=1.0,
            method=ADDED_METHOD,
            qualifiers={**dict(qualifiers or {}), "source": source},
            status="accepted",
        )
        from kronika.store import claim_fingerprint

        fingerprint = claim_fingerprint(claim, quote)
        spec = json.dumps([fingerprint, source], sort_keys=True, ensure_ascii=False)
        data = (quote + "\n").encode("utf-8")
        who_ = self._who(who)
        meta = SourceText(
            text=quote,
            # Not the source's own title: a stored document of that title is the source itself.
            title=f"{str(source['title'])[:300]} (quoted by {who_})",
            date=None,
            origin="review:" + digest(spec),
            content_hash=hashlib.sha256(data).hexdigest(),
            kind="review",
            doc_id=document_id(spec.encode("utf-8")),
        )
        analysis = DocumentAnalysis(
            quote, [Sentence(0, 0, len(quote), quote)], entities, [], [claim], len(quote.split())
        )
        log_ids: list[int] = []

        def record(conn: sqlite3.Connection) -> None:
            row = sql.first_claim_of_document(conn, meta.doc_id)
            assert row is not None
            log_id = sql.log(
                conn,
                who=who_,
                action="add",
                why=why,
                fingerprint=fingerprint,
                claim_id=row["id"],
                entity_id=row["subject_id"],
                other_id=row["object_id"],
                detail={"claim": sql.claim_summary(conn, row), "source": source},
            )
            sql.decide_claim(conn, fingerprint, log_id=log_id, status="accepted")
            log_ids.append(log_id)

        self.store.write_document(meta, analysis, also=record)
        added = self.store.claims(doc=meta.doc_id)[0]
        return {**added, "log": self._entry(log_ids[0])}

    def _entity_or_new(self, ref: str, type_: str | None, new: dict[str, Entity]) -> str:
        """An existing entity's id, or a new entity's (``type_`` given)."""
        found = resolve_entity(self._conn, ref)
        if found is not None and type_ is None:
            return found
        if type_ is None:
            raise EntityNotFoundError(ref)
        if type_ not in ENTITY_TYPES:
            raise ReviewError(f"unknown entity type {type_!r}; use one of: {', '.join(ENTITY_TYPES)}")
        if found is not None:
            return found
        name = " ".join(ref.split())
        eid = entity_id(type_, name)
        new[eid] = Entity(eid, name, type_)
        return eid

    # ------------------------------------------------------------------ entities

    def merge(self, entity: str, into: str, *, who: str | None = None, why: str = "") -> dict[str, Any]:
        """Merge one entity into another: its claims, mentions and names move; it goes.

        Args:
            entity: the entity to merge away (id, name or alias).
            into: the entity that stays.
            who: the reviewer.
            why: the reason.

        Returns:
            The log entry, with ``claims`` and ``mentions`` moved.

        Raises:
            EntityNotFoundError: either names nothing.
            ReviewError: both name the same entity.
        """
        with self.store.transaction() as conn:
            from_id, into_id = self._entity(entity), self._entity(into)
            if from_id == into_id:
                raise ReviewError(f"{entity!r} and {into!r} are already one entity ({from_id})")
            names = sql.entity_names(conn, (from_id, into_id))
            log_id = sql.log(
                conn,
                who=self._who(who),
                action="merge",
                why=why,
                entity_id=from_id,
                other_id=into_id,
                detail={"entity": names[from_id], "into": names[into_id]},
            )
            moved = sql.merge(conn, from_id, into_id, log_id=log_id)
        return {**self._entry(log_id), **moved}

    def unmerge(self, entity: str, *, who: str | None = None, why: str = "") -> dict[str, Any]:
        """Undo a merge: the merged entity comes back with its names, claims and mentions.

        Args:
            entity: the merged entity: its id, or its name before the merge.
            who: the reviewer.
            why: the reason.

        Returns:
            The log entry, with ``claims`` and ``mentions`` moved back.

        Raises:
            ReviewError: it was not merged (or the name fits several merges).
        """
        with self.store.transaction() as conn:
            from_id = _merged_id(conn, entity)
            into_id = sql.merged_into(conn, from_id)
            log_id = sql.log(
                conn, who=self._who(who), action="unmerge", why=why, entity_id=from_id, other_id=into_id
            )
            moved = sql.unmerge(conn, from_id)
        return {**self._entry(log_id), "claims": moved["claims"], "mentions": moved["mentions"]}

    def split(
        self,
        entity: str,
        alias: str,
        *,
        type: str | None = None,  # noqa: A002 - the claim format's word
        who: str | None = None,
        why: str = "",
    ) -> dict[str, Any]:
        """Split an alias off an entity into its own entity.

        Mentions by that name move to the new entity, and so do claims read from sentences
        that name the old entity only by it; the alias leaves the old entity. Documents read
        later follow the split. (To undo it, merge the new entity back.)

        Args:
            entity: the entity (id, name or alias) that has the alias.
            alias: the name to split off; it becomes the new entity's name.
            type: the new entity's type (default the old one's).
            who: the reviewer.
            why: the reason.

        Returns:
            The log entry, with ``claims`` and ``mentions`` moved; ``other`` is the new entity.

        Raises:
            EntityNotFoundError: ``entity`` names nothing.
            ReviewError: the alias is not one of its names, or is its canonical name.
        """
        with self.store.transaction() as conn:
            eid = self._entity(entity)
            row = sql.entity_snapshot(conn, eid)
            assert row is not None
            norm = normalize_name(alias)
            if not norm:
                raise ReviewError("give the alias to split off")
            if norm == normalize_name(str(row["name"])):
                raise ReviewError(
                    f"{alias!r} is {row['name']!r}'s own name; split off another alias, or merge instead"
                )
            if not sql.names_like(conn, eid, norm):
                raise ReviewError(
                    f"{row['name']!r} is never called {alias!r}; see its aliases with `kronika entities`"
                )
            type_ = type or str(row["type"])
            if type_ not in ENTITY_TYPES:
                raise ReviewError(f"unknown entity type {type_!r}; use one of: {', '.join(ENTITY_TYPES)}")
            name = " ".join(alias.split())
            new_id = entity_id(type_, name)
            if new_id == eid:
                new_id = f"{eid}-{digest(name)[:6]}"
            new = {"id": new_id, "name": name, "type": type_, "aliases": []}
            log_id = sql.log(
                conn,
                who=self._who(who),
                action="split",
                why=why,
                entity_id=eid,
                other_id=new_id,
                detail={"alias": name, "entity": str(row["name"]), "into": new},
            )
            moved = sql.split(conn, eid, name, new, log_id=log_id)
        return {**self._entry(log_id), **moved}

    # ------------------------------------------------------------------ reads

    def log(
        self, *, entity: str | None = None, claim: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The audit log, oldest first: all of it, or what concerns one entity or one claim.

        An entity's log includes decisions on its claims and on entities merged into it.

        Args:
            entity: an entity id, name or alias (or the id of one merged away).
            claim: a claim id or fingerprint (retracted ones too).
            limit: at most this many, the latest.

        Raises:
            EntityNotFoundError: ``entity`` names nothing.
            ClaimNotFoundError: ``claim`` names nothing.
        """
        conn = self._conn
        entity_ids: list[str] | None = None
        fingerprints: list[str] | None = None
        if entity is not None:
            eid = resolve_entity(conn, entity)
            if eid is None:
                eid = _merged_id(conn, entity, missing=None)
            if eid is None:
                raise EntityNotFoundError(entity)
            entity_ids = [eid, *_merged_sources(conn, eid)]
        if claim is not None:
            fingerprints = [self._claim(conn, claim)[0]]
        return sql.log_entries(conn, entity_ids=entity_ids, fingerprints=fingerprints, limit=limit)

    def decision(self, claim: str) -> dict[str, Any] | None:
        """The decision in force on a claim: ``status``, ``rank`` and ``edit`` (None: no decision)."""
        fingerprint, _row = self._claim(self._conn, claim)
        return sql.decision(self._conn, fingerprint)

    def merged_from(self, entity: str) -> list[dict[str, Any]]:
        """Entities merged into this one (``id``, ``name``, ``log_id``), to show and undo."""
        return sql.merged_from(self._conn, self._entity(entity))


# --------------------------------------------------------------------------- helpers


def _merged_id(conn: sqlite3.Connection, ref: str, *, missing: Any = ReviewError) -> Any:
    """The id of a merged-away entity named by its id or its name before the merge."""
    rows = sql.merges(conn)
    norm = normalize_name(ref)
    exact = [r["id"] for r in rows if r["id"] == ref]
    named = [r["id"] for r in rows if normalize_name(r["name"]) == norm]
    found = exact or named
    if len(found) == 1:
        return found[0]
    if missing is not ReviewError:
        return missing
    if not found:
        raise ReviewError(f"{ref!r} is not a merged entity; merged ones are listed on the entity they joined")
    raise ReviewError(f"{ref!r} names {len(found)} merged entities ({', '.join(found)}); give the id")


def _merged_sources(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    """Every entity merged into this one, directly or through others."""
    out: list[str] = []
    frontier = [entity_id]
    while frontier:
        current = frontier.pop()
        for item in sql.merged_from(conn, current):
            if item["id"] not in out:
                out.append(item["id"])
                frontier.append(item["id"])
    return out
