"""The year a text is at: "that year", "later that year" take the last year the text named."""

from __future__ import annotations

import pytest

from kronika.pipeline.reader import DocumentInput, Reader

CASES = [
    # a month and year ("In April 2022") moves the text to that year
    (
        "Kestrel Games opened a studio in 2015. In April 2022 it announced that it was leaving Belarus. "
        "The Minsk studio was closed later that year, and many of its employees relocated to Vilnius.",
        ("relocated_to", "Vilnius", "2022"),
    ),
    # a year that names a thing ("their 2015 level") does not
    (
        "Orbis Soft opened an office in Riga in 2019. Sales were above their 2015 level. "
        "That year it also opened an office in Tallinn.",
        ("operates_in", "Tallinn", "2019"),
    ),
    # a comparison with a year before ("up from ... a year earlier") does not move the text back
    (
        "Orbis Soft opened an office in Riga in 2019. Its revenue rose to $40 million, up from "
        "$31 million a year earlier. That year it also opened an office in Tallinn.",
        ("operates_in", "Tallinn", "2019"),
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:40] for c in CASES])
def test_context_year(reader: Reader, text: str, want: tuple[str, str, str]) -> None:
    a = reader.read(DocumentInput(text))
    predicate, obj, year = want
    found = [
        (c.predicate, a.entities[c.object].name, c.time.start[:4] if c.time and c.time.start else None)
        for c in a.claims
        if c.object is not None
    ]
    assert (predicate, obj, year) in found, found
