"""The JSON API under ``/api``: each route is one library call (see :mod:`kronika.explorer`).

Claims are in the claim format (``docs/claims.md``); facts, conflicts and series are the
reconciled views. Errors are ``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from kronika.web.app import kb_of

router = APIRouter(prefix="/api", tags=["api"])


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    ok: bool = False
    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input"},
    404: {"model": ErrorBody, "description": "No such entity or document"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}
AsOf = Annotated[int | None, Query(ge=1, le=9999, description="World time: only what holds in this year.")]
Csv = Annotated[str | None, Query(description="Comma-separated values.")]


def _split(text: str | None) -> list[str] | None:
    items = [t.strip() for t in (text or "").split(",") if t.strip()]
    return items or None


@router.get("/overview", summary="What the base holds", responses=ERRORS)
def overview(request: Request) -> dict[str, Any]:
    """Counts, documents, eras, headline series, conflicts to look at and the busiest entities."""
    return kb_of(request).overview()


@router.get("/entities", summary="Entities, optionally of one type or matching a name", responses=ERRORS)
def entities(
    request: Request,
    q: Annotated[str | None, Query(description="Part of a name or alias.")] = None,
    type: Annotated[str | None, Query(description="organization, person, place, ...")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Entities with their aliases and counts, by name."""
    kb = kb_of(request)
    if q:
        found = kb.search(q, limit=limit)["entities"]
        return [e for e in found if type is None or e["type"] == type]
    return kb.entities(type=type)[:limit]


@router.get("/entities/{ref:path}", summary="One entity's page", responses=ERRORS)
def entity(request: Request, ref: str, as_of: AsOf = None) -> dict[str, Any]:
    """An entity (by id, name or alias) with its facts by predicate, each with its evidence;
    conflicts, series, related entities and documents."""
    return kb_of(request).entity_page(ref, as_of=as_of)


@router.get("/facts", summary="Facts: agreeing claims grouped", responses=ERRORS)
def facts(
    request: Request,
    entity: Annotated[str | None, Query(description="An entity id, name or alias.")] = None,
    predicate: str | None = None,
) -> list[dict[str, Any]]:
    """Facts about an entity, or of one predicate, each with every claim that supports it."""
    return kb_of(request).facts(entity=entity, predicate=predicate)


@router.get("/conflicts", summary="Conflicts to look at", responses=ERRORS)
def conflicts(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    """Facts on one subject, predicate (and measure) and time that cannot all be true."""
    return kb_of(request).conflicts(limit=limit)


@router.get("/series", summary="Measure series over time", responses=ERRORS)
def series(
    request: Request,
    subject: Annotated[str | None, Query(description="An entity id, name or alias.")] = None,
    measure: Annotated[str | None, Query(description="A measure, such as residents.")] = None,
) -> list[dict[str, Any]]:
    """The measure facts of a subject (and measure) by year, bounds kept; the headline series by default."""
    return kb_of(request).series(subject=subject, measure=measure)


@router.get("/timeline", summary="Dated facts and eras", responses=ERRORS)
def timeline(
    request: Request,
    entity: str | None = None,
    type: Csv = None,
    predicate: Csv = None,
) -> dict[str, Any]:
    """Every dated fact and event (filterable by entity, subject type and predicate) and the eras."""
    return kb_of(request).timeline(entity=entity, types=_split(type), predicates=_split(predicate))


@router.get("/graph", summary="Entities and relations as a network", responses=ERRORS)
def graph(
    request: Request,
    entity: Annotated[str | None, Query(description="Centre on this entity (its neighbourhood).")] = None,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    predicate: Csv = None,
    type: Csv = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Nodes and edges, for the whole base or one entity's neighbourhood."""
    return kb_of(request).graph(
        entity=entity, depth=depth, predicates=_split(predicate), types=_split(type), as_of=as_of
    )


@router.get("/map", summary="Places and movements", responses=ERRORS)
def world_map(request: Request, as_of: AsOf = None) -> dict[str, Any]:
    """Places with what is located there, and relocations as flows between places."""
    return kb_of(request).map(as_of=as_of)


@router.get("/search", summary="Full-text search", responses=ERRORS)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Sentences (SQLite FTS5, hits marked as segments) and entities by name or alias."""
    return kb_of(request).search(q, limit=limit)


@router.get("/documents", summary="Documents", responses=ERRORS)
def documents(request: Request) -> list[dict[str, Any]]:
    """Every document with its counts."""
    return kb_of(request).documents()


@router.get("/documents/{ref:path}", summary="One document with its spans marked", responses=ERRORS)
def document(request: Request, ref: str, claim: str | None = None) -> dict[str, Any]:
    """The text as segments with mentions and claim spans; ``claim`` brings one claim forward."""
    return kb_of(request).document_page(ref, claim=claim)


@router.get("/claims", summary="Claims in the claim format", responses=ERRORS)
def claims(
    request: Request,
    entity: str | None = None,
    predicate: str | None = None,
    document: str | None = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
) -> list[dict[str, Any]]:
    """Claims about an entity, of a predicate or from a document (the interchange format)."""
    return kb_of(request).claims(entity=entity, predicate=predicate, doc=document)[:limit]
