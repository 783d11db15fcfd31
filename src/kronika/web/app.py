"""The explorer's web application: ``make_app(db_path)`` builds it.

JSON lives under ``/api/...`` (:mod:`kronika.web.api`, with an OpenAPI schema at
``/openapi.json`` and docs at ``/api/docs``); HTML pages (:mod:`kronika.web.pages`) render the
same library calls with Jinja2 templates (autoescaped: document text is untrusted). Static
files, vendor libraries included, are served from ``/static``: nothing comes from a CDN.

The app only reads, unless made with ``allow_edits`` (``kronika serve --allow-edits``): then
review decisions can be posted with a token (:mod:`kronika.web.review`). Each worker thread
opens its own connection to the database (SQLite connections are not shared across threads);
WAL mode lets it read while ``kronika ingest`` writes.

Errors have one shape: the library's errors become ``{"ok": false, "error": ..., "status":
...}`` under ``/api`` and an error page with the same status elsewhere.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

import kronika
from kronika.errors import (
    AmbiguousDocumentError,
    AuthError,
    ClaimNotFoundError,
    DatabaseNotFoundError,
    DocumentNotFoundError,
    KronikaError,
)
from kronika.explorer import EntityNotFoundError
from kronika.web import assets, charts

HERE = Path(__file__).resolve().parent


class KBPool:
    """One knowledge base per thread, opened on first use, read-only in spirit.

    Args:
        path: the database file (must exist).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[kronika.KnowledgeBase] = []
        self._lock = threading.Lock()

    def get(self) -> kronika.KnowledgeBase:
        """This thread's knowledge base."""
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = kronika.open(self.path, create=False)
            self._local.kb = kb
            with self._lock:
                self._all.append(kb)
        return kb

    def close(self) -> None:
        """Close every connection opened."""
        with self._lock:
            for kb in self._all:
                kb.close()
            self._all.clear()


def status_of(exc: Exception) -> int:
    """The HTTP status for a library error."""
    if isinstance(exc, AuthError):
        return exc.status
    if isinstance(
        exc, EntityNotFoundError | DocumentNotFoundError | DatabaseNotFoundError | ClaimNotFoundError
    ):
        return 404
    if isinstance(exc, AmbiguousDocumentError):
        return 409
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code
    if isinstance(exc, RequestValidationError):
        return 422
    return 400


def make_templates() -> Jinja2Templates:
    """The Jinja2 environment: autoescaping on, with the chart and formatting helpers."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.globals["chart"] = charts.chart_layout
    env.globals["vendor"] = assets.available
    env.filters["value"] = charts.value_text
    env.filters["when"] = charts.time_text
    env.filters["pred"] = lambda p: str(p or "").replace("_", " ")
    env.filters["plural"] = lambda word, n: (
        word if n == 1 else (word[:-1] + "ies" if word.endswith("y") else word + "s")
    )
    env.filters["entity_url"] = lambda eid: "/entities/" + str(eid)
    return templates


def make_app(db_path: str | os.PathLike[str] = "kronika.db", *, allow_edits: bool = False) -> FastAPI:
    """The explorer for one knowledge base.

    Args:
        db_path: the SQLite file (it must exist: ``kronika demo`` or ``kronika ingest`` make one).
        allow_edits: take review writes (each needs a token; see :mod:`kronika.web.review`).
            Without it the app only reads.

    Returns:
        The FastAPI application.

    Raises:
        DatabaseNotFoundError: the file does not exist.
    """
    path = os.fspath(db_path)
    kronika.open(path, create=False).close()  # fail now, with the library's message, not per request
    pool = KBPool(path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="kronika explorer",
        version=kronika.__version__,
        description="Evidence-first, time-aware knowledge graph of a technology ecosystem: "
        "entities, facts with their evidence, conflicts, series, timeline, graph and map.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.pool = pool
    app.state.db_path = path
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from kronika.web import api, ask, pages, review

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(ask.router)
    review.install(app, allow_edits=allow_edits)

    @app.exception_handler(KronikaError)
    async def library_error(request: Request, exc: KronikaError) -> Response:
        return error_response(request, status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors()
        )
        return error_response(request, 422, f"bad request: {problems}")

    return app


def error_response(request: Request, status: int, message: str) -> Response:
    """The one error shape: JSON under /api, an HTML page elsewhere, same status."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "page": "error"}, status_code=status
    )


def kb_of(request: Request) -> kronika.KnowledgeBase:
    """The knowledge base for this request's thread."""
    pool: KBPool = request.app.state.pool
    return pool.get()


def iter_routes(app: FastAPI) -> Iterator[Any]:
    """The app's routes (for docs and tests)."""
    yield from app.routes
