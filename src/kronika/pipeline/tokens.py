"""One list of a document's tokens, made once and shared by the passes that walk the whole document.

spaCy builds a new ``Token`` object every time a document is indexed or iterated; the recogniser's
passes each walk every token, so a shared list saves building the same objects again and again.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "kronika.tokens"


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens as a list, built on the first call and kept in ``doc.user_data``."""
    found = doc.user_data.get(_KEY)
    if found is None or len(found) != len(doc):
        found = list(doc)
        doc.user_data[_KEY] = found
    return found


def span_tokens(span: Span) -> list[Token]:
    """A sentence's (or any span's) tokens, from the document's shared list."""
    return tokens(span.doc)[span.start : span.end]
