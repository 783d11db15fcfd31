"""The HTML pages: the same library calls as the API, rendered with Jinja2 templates.

Document text is untrusted: templates autoescape everything and never mark it safe.
Interactive pieces (graph, timeline, map) read their data from a JSON block in the page and
fall back to tables when the vendor libraries are missing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from kronika.models import ENTITY_TYPES
from kronika.store.explore import RELATION_PREDICATES
from kronika.web.app import kb_of

router = APIRouter(include_in_schema=False)

AsOf = Annotated[int | None, Query(ge=1, le=9999)]


def render(request: Request, template: str, page: str, **context: Any) -> Response:
    """A page from a template, with the page name for the navigation."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {"page": page, **context})


def _year(value: str | None) -> int | None:
    """A year from a form field; empty or malformed means none."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= 9999 else None


def _split(values: list[str] | None) -> list[str] | None:
    items = [v for text in values or [] for v in text.split(",") if v.strip()]
    return items or None


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> Response:
    """The overview."""
    return render(request, "overview.html", "overview", data=kb_of(request).overview())


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: str | None = None, q: str | None = None) -> Response:
    """Entities, by type or name."""
    kb = kb_of(request)
    rows = kb.search(q, limit=200)["entities"] if q else kb.entities(type=type or None)[:500]
    if q and type:
        rows = [r for r in rows if r["type"] == type]
    return render(request, "entities.html", "entities", rows=rows, type=type, q=q or "", types=ENTITY_TYPES)


@router.get("/entities/{ref:path}", response_class=HTMLResponse)
def entity_page(request: Request, ref: str, as_of: Annotated[str | None, Query()] = None) -> Response:
    """One entity."""
    data = kb_of(request).entity_page(ref, as_of=_year(as_of))
    return render(request, "entity.html", "entity", data=data, as_of=_year(as_of))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    entity: str | None = None,
    type: Annotated[list[str] | None, Query()] = None,
    predicate: Annotated[list[str] | None, Query()] = None,
) -> Response:
    """The timeline."""
    data = kb_of(request).timeline(entity=entity or None, types=_split(type), predicates=_split(predicate))
    return render(
        request,
        "timeline.html",
        "timeline",
        data=data,
        entity=entity or "",
        chosen_types=_split(type) or [],
        chosen_predicates=_split(predicate) or [],
        types=ENTITY_TYPES,
    )


@router.get("/graph", response_class=HTMLResponse)
def graph_page(
    request: Request,
    entity: str | None = None,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    type: Annotated[list[str] | None, Query()] = None,
    predicate: Annotated[list[str] | None, Query()] = None,
    as_of: Annotated[str | None, Query()] = None,
) -> Response:
    """The graph."""
    data = kb_of(request).graph(
        entity=entity or None,
        depth=depth,
        predicates=_split(predicate),
        types=_split(type),
        as_of=_year(as_of),
    )
    return render(
        request,
        "graph.html",
        "graph",
        data=data,
        entity=entity or "",
        depth=depth,
        as_of=_year(as_of),
        chosen_types=_split(type) or [],
        chosen_predicates=_split(predicate) or [],
        types=ENTITY_TYPES,
        predicates=RELATION_PREDICATES,
    )


@router.get("/series", response_class=HTMLResponse)
def series_page(request: Request, subject: str | None = None, measure: str | None = None) -> Response:
    """Series charts: one subject's, or the headline ones."""
    data = kb_of(request).series(subject=subject or None, measure=measure or None)
    return render(request, "series.html", "series", data=data, subject=subject or "", measure=measure or "")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, as_of: Annotated[str | None, Query()] = None) -> Response:
    """The map."""
    data = kb_of(request).map(as_of=_year(as_of))
    return render(request, "map.html", "map", data=data, as_of=_year(as_of))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> Response:
    """Search results."""
    data = kb_of(request).search(q) if q.strip() else None
    return render(request, "search.html", "search", data=data, q=q)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request) -> Response:
    """Conflicts to look at."""
    return render(request, "conflicts.html", "conflicts", data=kb_of(request).conflicts(limit=200))


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> Response:
    """Every document."""
    return render(request, "documents.html", "documents", rows=kb_of(request).documents())


@router.get("/documents/{ref:path}", response_class=HTMLResponse)
def document_page(request: Request, ref: str, claim: str | None = None) -> Response:
    """One document with its mentions and claim spans marked."""
    return render(request, "document.html", "document", data=kb_of(request).document_page(ref, claim=claim))


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "") -> Response:
    """Questions: filled in by the question-answering work (``kb.ask``) when it is there."""
    kb = kb_of(request)
    ask = getattr(kb, "ask", None)
    answer = ask(q) if ask is not None and q.strip() else None
    return render(request, "ask.html", "ask", q=q, answer=answer, available=ask is not None)
