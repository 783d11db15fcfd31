"""``GET /api/ask?q=...``: a question answered from the claims, as JSON.

The same call as ``kronika ask --json`` (:meth:`kronika.KnowledgeBase.ask`): the answer
sentence, its confidence, the supporting claims (claim format) and the evidence sentences.
The HTML question box (``/ask``) renders the same call.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kronika.web.api import ERRORS
from kronika.web.app import kb_of

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/ask", summary="Answer a question from the claims", responses=ERRORS)
def ask(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="The question in plain English.")],
) -> dict[str, Any]:
    """``{"answer", "confidence", "claims", "evidence", "kind", "uncertain", "conflict"}``.

    ``answer`` is a short sentence holding the value asked for; when no claim fits, it says the
    answer is uncertain and quotes the closest evidence (``uncertain`` is true, the confidence
    low). Where sources disagree the answer gives each value with its source (``conflict``).
    """
    return kb_of(request).ask(q)
