"""Place patterns in general shapes: closed offices, office lists, head offices, appositions.

Sentences are the team's own, about invented companies; expected claims are (subject, predicate,
object) triples that must appear, and triples that must not.
"""

from __future__ import annotations

from typing import Any

import pytest

from kronika.models import DocumentAnalysis
from kronika.pipeline.reader import DocumentInput


def read(reader: Any, text: str) -> DocumentAnalysis:
    return reader.read(DocumentInput(text, title="t"))


def triples(analysis: DocumentAnalysis) -> set[tuple[str, str, str]]:
    out = set()
    for c in analysis.claims:
        subj = analysis.entities[c.subject].name
        obj = analysis.entities[c.object].name if c.object else ""
        out.add((subj, c.predicate, obj))
    return out


CASES = [
    # a closed office: the owner operated there until the closing year
    (
        "In 2019 Brightcode Labs closed its Tallinn office.",
        {("Brightcode Labs", "operates_in", "Tallinn")},
        set(),
    ),
    # closing offices listed after the verb, the list partly misparsed
    (
        "In 2021 Brightcode Labs shut its offices in Vienna and Graz.",
        {("Brightcode Labs", "operates_in", "Vienna"), ("Brightcode Labs", "operates_in", "Graz")},
        set(),
    ),
    # a passive closing refers to the company the text is about
    (
        "Brightcode opened offices in Lyon and Munich in 2012. The Munich office was closed in 2016.",
        {("Brightcode", "operates_in", "Munich"), ("Brightcode", "operates_in", "Lyon")},
        set(),
    ),
    # "as well as in ..." adds to an office list
    (
        "Brightcode Labs had offices in Boston and Austin, as well as in Madrid, Milan and Oslo.",
        {
            ("Brightcode Labs", "operates_in", "Boston"),
            ("Brightcode Labs", "operates_in", "Madrid"),
            ("Brightcode Labs", "operates_in", "Oslo"),
        },
        set(),
    ),
    # "based in" hung on the object of "maker of ...": the company is located there
    (
        "Veltrix is a Finnish maker of industrial sensors and controllers based in Oulu.",
        {("Veltrix", "located_in", "Oulu")},
        {("industrial sensors", "located_in", "Oulu"), ("controllers", "located_in", "Oulu")},
    ),
    # "moved its head office to P": relocation and headquarters
    (
        "In 2015 Brightcode Labs moved its head office to Helsinki.",
        {
            ("Brightcode Labs", "relocated_to", "Helsinki"),
            ("Brightcode Labs", "headquartered_in", "Helsinki"),
        },
        set(),
    ),
    # "whose ... centre is in P"
    (
        "Brightcode Labs, whose largest engineering centre is in Tampere, hired 200 people.",
        {("Brightcode Labs", "operates_in", "Tampere")},
        set(),
    ),
    # "its main office is in P": headquarters
    (
        "Brightcode Labs says its main office is in Porto.",
        {("Brightcode Labs", "headquartered_in", "Porto")},
        set(),
    ),
    # a country's possessive on the named organisation itself
    (
        "Ostara Bank, Poland's largest lender, opened a branch in Gdansk.",
        {("Ostara Bank", "located_in", "Poland"), ("Ostara Bank", "operates_in", "Gdansk")},
        set(),
    ),
    # a bulleted list of cities under country headings, introduced by the owner's centres
    (
        "Kovalsoft has engineering centres in nine countries. The main ones are:\n\n"
        "- Spain: Madrid and Valencia\n- Italy: Milan\n- Norway: Oslo\n\nIt also sells in Japan.",
        {
            ("Kovalsoft", "operates_in", "Madrid"),
            ("Kovalsoft", "operates_in", "Milan"),
            ("Kovalsoft", "operates_in", "Oslo"),
        },
        set(),
    ),
    # a common noun alone names no particular organisation
    (
        "Most of the revenue is earned by firms based in the capital.",
        set(),
        {("firms", "located_in", "capital")},
    ),
    # people working somewhere do not make an organisation operate there
    (
        "Engineers at Brightcode Labs worked in Bergen for a decade.",
        set(),
        {("Engineers", "operates_in", "Bergen")},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected", "absent"), CASES)
def test_place_patterns(
    reader: Any,
    text: str,
    expected: set[tuple[str, str, str]],
    absent: set[tuple[str, str, str]],
) -> None:
    found = triples(read(reader, text))
    assert expected <= found, f"missing {expected - found}; found {found}"
    assert not (absent & found), f"unwanted {absent & found}"


@pytest.mark.model
def test_closed_office_holds_until_the_closing_year(reader: Any) -> None:
    a = read(reader, "In 2019 Brightcode Labs closed its Tallinn office.")
    spans = {
        (c.time.start, c.time.end[:4] if c.time and c.time.end else None)
        for c in a.claims
        if c.predicate == "operates_in" and c.time is not None
    }
    assert (None, "2019") in spans
