"""kronika: evidence-first, time-aware knowledge graphs of technology ecosystems.

Open a knowledge base, ingest documents, read claims::

    import kronika

    with kronika.open("kronika.db") as kb:
        kb.ingest(["article.txt"])
        claims = kb.claims(entity="HTP")
"""

from __future__ import annotations

from kronika.errors import KronikaError
from kronika.kb import IngestReport, KnowledgeBase, ProgressCallback, open
from kronika.models import (
    ENTITY_TYPES,
    PREDICATES,
    Claim,
    DocumentAnalysis,
    Entity,
    Mention,
    Quantity,
    Sentence,
    TimeSpan,
)

__version__ = "0.1.0"

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "Claim",
    "DocumentAnalysis",
    "Entity",
    "IngestReport",
    "KnowledgeBase",
    "KronikaError",
    "Mention",
    "ProgressCallback",
    "Quantity",
    "Sentence",
    "TimeSpan",
    "__version__",
    "open",
]
