"""Review over HTTP: the audit log (always), and writes when the server takes them.

``GET /api/review/log`` is read-only and always there. The writes exist only when the app is
made with ``allow_edits=True`` (``kronika serve --allow-edits``):

- **JSON** under ``/api/review/...``: each call needs ``Authorization: Bearer <token>`` (a token
  from ``kronika token create``); the token's name is recorded as the reviewer.
- **HTML forms** on the entity pages post to ``/review/...``. A browser signs in once with a
  token (``/review/sign-in``); the session cookie carries the token's key id signed by a secret
  the server makes at start-up (HttpOnly, SameSite=Strict), and every form carries a CSRF field
  that is a signature of that session. A request from another site has neither, and a forged
  form cannot compute the field. A revoked token ends its sessions at once.

Every route is one library call (:class:`kronika.review.Review`); errors take the app's one
shape (401 without a valid token, 404 for an unknown claim or entity, 400 for a refused decision).
"""

from __future__ import annotations

import secrets
import urllib.parse
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from kronika.auth import Tokens, key_id_of, sign, verify_signature
from kronika.errors import AuthError
from kronika.review import Review
from kronika.web.api import ERRORS
from kronika.web.app import kb_of

SESSION_COOKIE = "kronika_session"
LOGIN_COOKIE = "kronika_login"  # the CSRF nonce of the sign-in form, before there is a session
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ERRORS[400]["model"], "description": "No valid token"},
}

read_router = APIRouter(prefix="/api/review", tags=["review"])
api_router = APIRouter(prefix="/api/review", tags=["review"])
page_router = APIRouter(prefix="/review", include_in_schema=False)
_bearer = HTTPBearer(auto_error=False, description="A token from `kronika token create NAME`.")


def install(app: FastAPI, *, allow_edits: bool) -> None:
    """Add the review routes to the explorer; writes only with ``allow_edits``."""
    app.state.allow_edits = allow_edits
    app.state.secret = secrets.token_bytes(32)
    app.include_router(read_router)
    templates: Jinja2Templates = app.state.templates
    templates.env.globals["review_ctx"] = review_context
    if allow_edits:
        app.include_router(api_router)
        app.include_router(page_router)


# --------------------------------------------------------------------------- the log (read-only)


@read_router.get("/log", summary="The audit log of review decisions", responses=ERRORS)
def review_log(
    request: Request,
    entity: Annotated[str | None, Query(description="Only about this entity (id, name or alias).")] = None,
    claim: Annotated[str | None, Query(description="Only about this claim (id or fingerprint).")] = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 500,
) -> list[dict[str, Any]]:
    """Who decided what, when and why: oldest first, the latest ``limit`` entries."""
    return kb_of(request).review.log(entity=entity, claim=claim, limit=limit)


# --------------------------------------------------------------------------- JSON writes


def api_reviewer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Review:
    """The review API of this request, as the token's owner.

    Raises:
        AuthError: no token, or not a valid one (401).
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthError("a token is needed: send 'Authorization: Bearer kr_…' (kronika token create NAME)")
    kb = kb_of(request)
    tokens = Tokens(kb.store)
    who = tokens.verify(credentials.credentials)
    tokens.touch(credentials.credentials)
    return Review(kb.store, who=who)


Reviewer = Annotated[Review, Depends(api_reviewer)]


class Why(BaseModel):
    """A decision's reason."""

    why: str = Field("", max_length=2000, description="The reason, kept in the audit log.")


class RankBody(Why):
    """A rank for a claim."""

    rank: str = Field(description="preferred, normal or deprecated")


class EditBody(Why):
    """What an edit changes (at least one field)."""

    subject: str | None = Field(None, max_length=500)
    predicate: str | None = Field(None, max_length=100)
    object: str | None = Field(None, max_length=500)
    measure: str | None = Field(None, max_length=100)
    value: str | dict[str, Any] | None = Field(None, description='">100", "3.2e9 USD", or a value object')
    time: str | dict[str, Any] | None = Field(None, description='"2011", "2020..2024", or a time object')


class AddBody(Why):
    """A claim added by hand with its citation."""

    subject: str = Field(max_length=500)
    predicate: str = Field(max_length=100)
    quote: str = Field(min_length=1, max_length=5000, description="The source's words that say it.")
    object: str | None = Field(None, max_length=500)
    measure: str | None = Field(None, max_length=100)
    value: str | dict[str, Any] | None = None
    time: str | dict[str, Any] | None = None
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    document: str | None = Field(None, max_length=500)
    subject_type: str | None = None
    object_type: str | None = None


class MergeBody(Why):
    """Two entities to merge."""

    entity: str = Field(max_length=500, description="The entity merged away.")
    into: str = Field(max_length=500, description="The entity that stays.")


class UnmergeBody(Why):
    """A merge to undo."""

    entity: str = Field(max_length=500, description="The merged entity's id or former name.")


class SplitBody(Why):
    """An alias to split off."""

    entity: str = Field(max_length=500)
    alias: str = Field(max_length=500)
    type: str | None = None


@api_router.post("/claims/{claim}/accept", summary="Accept a claim", responses=WRITE_ERRORS)
def accept(claim: str, review: Reviewer, body: Why | None = None) -> dict[str, Any]:
    """The claim is right; returns the log entry."""
    return review.accept(claim, why=(body.why if body else ""))


@api_router.post("/claims/{claim}/reject", summary="Reject a claim", responses=WRITE_ERRORS)
def reject(claim: str, review: Reviewer, body: Why | None = None) -> dict[str, Any]:
    """The claim is wrong: it leaves facts and answers and stays listed; returns the log entry."""
    return review.reject(claim, why=(body.why if body else ""))


@api_router.post("/claims/{claim}/rank", summary="Rank a claim", responses=WRITE_ERRORS)
def rank(claim: str, body: RankBody, review: Reviewer) -> dict[str, Any]:
    """preferred, normal or deprecated; returns the log entry."""
    return review.rank(claim, body.rank, why=body.why)


@api_router.post("/claims/{claim}/edit", summary="Edit a claim", responses=WRITE_ERRORS)
def edit(claim: str, body: EditBody, review: Reviewer) -> dict[str, Any]:
    """Correct what the claim says; returns the log entry (the reader's version in ``detail.before``)."""
    return review.edit(
        claim,
        subject=body.subject,
        predicate=body.predicate,
        object=body.object,
        measure=body.measure,
        value=body.value,
        time=body.time,
        why=body.why,
    )


@api_router.post("/claims", summary="Add a claim by hand", responses=WRITE_ERRORS)
def add(body: AddBody, review: Reviewer) -> dict[str, Any]:
    """A claim with its citation; returns it in the claim format, with its log entry."""
    data = body.model_dump()
    why = data.pop("why")
    return review.add(data.pop("subject"), data.pop("predicate"), why=why, **data)


@api_router.post("/entities/merge", summary="Merge two entities", responses=WRITE_ERRORS)
def merge(body: MergeBody, review: Reviewer) -> dict[str, Any]:
    """The first entity's claims, mentions and names move to the second; returns the log entry."""
    return review.merge(body.entity, body.into, why=body.why)


@api_router.post("/entities/unmerge", summary="Undo a merge", responses=WRITE_ERRORS)
def unmerge(body: UnmergeBody, review: Reviewer) -> dict[str, Any]:
    """The merged entity comes back; returns the log entry."""
    return review.unmerge(body.entity, why=body.why)


@api_router.post("/entities/split", summary="Split an alias off", responses=WRITE_ERRORS)
def split(body: SplitBody, review: Reviewer) -> dict[str, Any]:
    """The alias becomes its own entity; returns the log entry."""
    return review.split(body.entity, body.alias, type=body.type, why=body.why)


# --------------------------------------------------------------------------- browser sessions


def _session_key(request: Request) -> str | None:
    """The token key id a valid session cookie carries."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    key_id, _, signature = raw.partition(".")
    if key_id and verify_signature(request.app.state.secret, "session", key_id, signature):
        return key_id
    return None


def review_context(request: Request) -> dict[str, Any]:
    """What the pages need to show review forms: ``enabled``, ``who`` (signed in) and ``csrf``."""
    enabled = bool(getattr(request.app.state, "allow_edits", False))
    if not enabled:
        return {"enabled": False, "who": None, "csrf": ""}
    key_id = _session_key(request)
    who = None
    if key_id is not None:
        try:
            who = Tokens(kb_of(request).store).name_of_key(key_id)
        except AuthError:
            who = None
    csrf = sign(request.app.state.secret, "csrf", request.cookies.get(SESSION_COOKIE, "")) if who else ""
    return {"enabled": True, "who": who, "csrf": csrf, "next": _here(request)}


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _local(target: str | None) -> str:
    """A redirect target on this site only (no scheme, no host, no //)."""
    target = target or "/"
    parts = urllib.parse.urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(ch) < 0x20 for ch in target):
        return "/"  # browsers read "\\" as "/" and drop tabs and newlines: "/\\evil", "/\t/evil"
    return target


#: The largest form body read (a decision's fields are small).
MAX_FORM_BYTES = 64 * 1024


async def form_fields(request: Request) -> dict[str, str]:
    """A posted HTML form's fields (``application/x-www-form-urlencoded``; the first of repeats).

    Parsed here rather than with python-multipart: the forms are small and never upload files.

    Raises:
        AuthError: another content type (415) or a body over :data:`MAX_FORM_BYTES` (413).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise AuthError("send the form as application/x-www-form-urlencoded", 415)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise AuthError("the form is too large", 413)
    try:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise AuthError("the form could not be read", 400) from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value[:5000])
    return fields


Fields = Annotated[dict[str, str], Depends(form_fields)]


def form_reviewer(request: Request, fields: dict[str, str]) -> Review:
    """The review API of a form post: a signed-in session and its CSRF field.

    Raises:
        AuthError: no session (401), or a missing or wrong CSRF field (403).
    """
    key_id = _session_key(request)
    if key_id is None:
        raise AuthError("sign in with a token first (/review/sign-in)")
    session = request.cookies.get(SESSION_COOKIE, "")
    if not verify_signature(request.app.state.secret, "csrf", session, fields.get("csrf", "")):
        raise AuthError("the form's CSRF check failed; reload the page and try again", 403)
    kb = kb_of(request)
    return Review(kb.store, who=Tokens(kb.store).name_of_key(key_id))


@page_router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> Response:  # noqa: A002 - the usual name
    """A form to sign in with a token."""
    nonce = secrets.token_urlsafe(16)
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        "review_sign_in.html",
        {"page": "review", "next": _local(next), "csrf": sign(request.app.state.secret, "login", nonce)},
    )
    response.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="strict", path="/review")
    return response


@page_router.post("/sign-in")
def sign_in(request: Request, fields: Fields) -> Response:
    """Check the token and start a session."""
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or not verify_signature(request.app.state.secret, "login", nonce, fields.get("csrf", "")):
        raise AuthError("the sign-in form's CSRF check failed; open /review/sign-in again", 403)
    token = fields.get("token", "")
    Tokens(kb_of(request).store).verify(token)
    key_id = key_id_of(token)
    assert key_id is not None
    response = RedirectResponse(_local(fields.get("next")), status_code=303)
    value = f"{key_id}.{sign(request.app.state.secret, 'session', key_id)}"
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="strict", path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/review")
    return response


@page_router.post("/sign-out")
def sign_out(request: Request, fields: Fields) -> Response:
    """End the session."""
    form_reviewer(request, fields)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


_CLAIM_ACTIONS = ("accept", "reject", "preferred", "normal", "deprecated")


@page_router.post("/claims/{claim}")
def claim_form(request: Request, claim: str, fields: Fields) -> Response:
    """Accept, reject or rank a claim from a page (fields ``action``, ``why``, ``next``), then go back."""
    review = form_reviewer(request, fields)
    action, why = fields.get("action", ""), fields.get("why", "")
    if action == "accept":
        review.accept(claim, why=why)
    elif action == "reject":
        review.reject(claim, why=why)
    elif action in _CLAIM_ACTIONS:
        review.rank(claim, action, why=why)
    else:
        raise AuthError(f"unknown action {action!r}", 400)
    return RedirectResponse(_local(fields.get("next")), status_code=303)


@page_router.post("/entities")
def entity_form(request: Request, fields: Fields) -> Response:
    """Merge, unmerge or split from an entity page (fields ``action``, ``entity``, ``into``,
    ``alias``, ``why``, ``next``), then go to the entity that stays."""
    review = form_reviewer(request, fields)
    action, entity, why = fields.get("action", ""), fields.get("entity", ""), fields.get("why", "")
    target = fields.get("next")
    if action == "merge":
        entry = review.merge(entity, fields.get("into", ""), why=why)
        target = "/entities/" + urllib.parse.quote(str(entry["other"]))
    elif action == "unmerge":
        review.unmerge(entity, why=why)
    elif action == "split":
        review.split(entity, fields.get("alias", ""), why=why)
    else:
        raise AuthError(f"unknown action {action!r}", 400)
    return RedirectResponse(_local(target), status_code=303)
