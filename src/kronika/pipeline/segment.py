"""Segmentation: documents into sentences.

spaCy's parser finds sentence boundaries; this stage adds the ones it cannot see: a line
break that ends a paragraph, a heading or a list item always ends a sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NEWLINE_BOUNDARIES = "kronika_newline_boundaries"


@Language.component(NEWLINE_BOUNDARIES)
def newline_boundaries(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start (the parser keeps preset starts).

    Args:
        doc: a tokenised document, before the parser runs.

    Returns:
        The same document with ``is_sent_start`` set after line breaks.
    """
    line_start = 0
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n" or token.text_with_ws.endswith("\n"):
            doc[token.i + 1].is_sent_start = True
            line_start = token.i + 1
            continue
        # A news dateline ("MINSK/VILNIUS, June 20 —") is not part of the first sentence.
        if token.text in ("—", "–", "--") and 2 <= token.i - line_start <= 8 and doc[line_start].is_upper:
            doc[token.i + 1].is_sent_start = True
    return doc


def add_segmenter(nlp: Language) -> None:
    """Insert the line-break rule before the parser (idempotent)."""
    if NEWLINE_BOUNDARIES not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(NEWLINE_BOUNDARIES, before=before)
        else:
            nlp.add_pipe(NEWLINE_BOUNDARIES, first=True)
