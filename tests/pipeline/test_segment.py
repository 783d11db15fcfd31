"""Sentence boundaries the line-break rule adds to the parser's: text in, sentences out."""

from __future__ import annotations

import pytest

from kronika.pipeline.reader import DocumentInput, Reader

CASES = [
    # a title line repeated as the first words of the entry: the entry's first sentence stays whole
    (
        "Kestrel Systems\n\nKestrel Systems is a software company in Minsk. It was founded in 2001.",
        ["Kestrel Systems", "Kestrel Systems is a software company in Minsk.", "It was founded in 2001."],
    ),
    # headings and a list item end what came before
    (
        "History\n\nThe plant opened in 1958.\n\nProducts\n\n- KT-20 meters\n- Orsha-P terminals\n",
        ["History", "The plant opened in 1958.", "Products", "- KT-20 meters", "- Orsha-P terminals"],
    ),
    # a news dateline is not part of the first sentence
    (
        "VILNIUS – Orvo Bank opened a branch in Kaunas.",
        ["VILNIUS –", "Orvo Bank opened a branch in Kaunas."],
    ),
]


@pytest.mark.parametrize(("text", "sentences"), CASES, ids=[c[0][:30] for c in CASES])
def test_sentences(reader: Reader, text: str, sentences: list[str]) -> None:
    found = [s.text.strip() for s in reader.read(DocumentInput(text)).sentences]
    assert found == sentences
