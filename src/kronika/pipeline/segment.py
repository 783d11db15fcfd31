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
    """Mark the token after a line break as a sentence start where the break ends a unit.

    A blank line (paragraph), a line that ends a sentence, a short line without final
    punctuation (a heading or title) and a list item always end what came before. A single
    line break inside a hard-wrapped paragraph does not: the parser decides there.

    Args:
        doc: a tokenised document, before the parser runs.

    Returns:
        The same document with ``is_sent_start`` set after such line breaks.
    """
    line_start = 0
    for token in doc[:-1]:
        text_ws = token.text_with_ws
        if "\n" in token.text or text_ws.endswith("\n"):
            nxt = doc[token.i + 1]
            line = doc[line_start : token.i + 1]
            words = [t for t in line if not t.is_space]
            last = words[-1].text if words else ""
            blank = (
                "\n\n" in token.text
                or "\n\n" in text_ws
                or (token.i > 0 and doc[token.i - 1].text_with_ws.endswith("\n"))
            )
            ends = last[-1:] in (".", "!", "?", ":", ";", '"', "”", "»", ")") if last else True
            titled = sum(1 for t in words if t.is_title or t.is_upper or not t.is_alpha)
            heading = (
                len(words) <= 10
                and not ends
                and (nxt.is_title or nxt.is_upper or not nxt.is_alpha)
                and (titled * 2 >= len(words) or len(words) <= 3)
            )
            item = nxt.text in ("-", "*", "•", "–", "—") or (
                nxt.like_num and token.i + 2 < len(doc) and doc[token.i + 2].text in (".", ")")
            )
            if blank or ends or heading or item or not words:
                nxt.is_sent_start = True
                if item and token.i + 2 < len(doc):
                    doc[token.i + 2].is_sent_start = False  # "- first item" stays whole
                # "Kestrel Systems\n\nKestrel Systems is ...": a name that opens a paragraph
                # is not a sentence of its own (the parser, seeing the title repeated, may cut it)
                k = nxt.i + 1
                while k < len(doc) and k - nxt.i <= 3 and doc[k - 1].is_alpha and doc[k - 1].is_title:
                    if not (doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper)):
                        break
                    doc[k].is_sent_start = False
                    k += 1
            else:
                nxt.is_sent_start = False  # a hard-wrapped line goes on
            line_start = token.i + 1
            continue
        # A news dateline ("MINSK/VILNIUS, June 20 —") is not part of the first sentence.
        if token.text in ("—", "–", "--") and 1 <= token.i - line_start <= 8 and doc[line_start].is_upper:
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
