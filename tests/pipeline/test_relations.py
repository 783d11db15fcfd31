"""Relation patterns: sentence in, claims out (real model, marked ``model``).

The sentences are the team's own, in shapes the patterns are meant to generalise over; none is
taken from the article the project was first built on.
"""

from __future__ import annotations

from typing import Any

import pytest
from claim_tables import read, triples

from kronika.models import DocumentAnalysis


def years(analysis: DocumentAnalysis, predicate: str) -> set[tuple[str | None, str | None]]:
    return {
        (
            c.time.start[:4] if c.time and c.time.start else None,
            c.time.end[:4] if c.time and c.time.end else None,
        )
        for c in analysis.claims
        if c.predicate == predicate
    }


CASES = [
    # apposition with a participle: founded, year and founders
    (
        "Gurtam, a telematics company founded in 2002 by Aliaksandr Kuushynau, is based in Minsk.",
        {("Gurtam", "founded", ""), ("Gurtam", "located_in", "Minsk")},
    ),
    # passive with an agent
    (
        "The Vilnius Tech Fund was established by the Lithuanian government in 2019.",
        {("Vilnius Tech Fund", "established_by", "Lithuanian government")},
    ),
    # led by
    (
        "Acme Robotics, led by Marta Kowalska, opened an office in Warsaw.",
        {("Acme Robotics", "led_by", "Marta Kowalska"), ("Acme Robotics", "operates_in", "Warsaw")},
    ),
    # demonym: headquarters country
    ("The Estonian company Bolt hired engineers in Tallinn.", {("Bolt", "headquartered_in", "Estonia")}),
    # moved headquarters
    (
        "In 2022, Flo Health moved its headquarters to London.",
        {("Flo Health", "relocated_to", "London"), ("Flo Health", "headquartered_in", "London")},
    ),
    # acquisition
    ("Google acquired AIMatter in 2017.", {("AIMatter", "part_of", "Google")}),
    # replacement
    ("The old mainframes were replaced by the Elbrus series.", set()),
    # in collaboration with
    (
        "The chips were designed by Belarusian engineers in collaboration with Intel.",
        {("Belarusian engineers", "partnered_with", "Intel")},
    ),
    # ownership and membership
    ("Itransition is a subsidiary of Gartner Holdings.", {("Itransition", "part_of", "Gartner Holdings")}),
    ("Gurtam is owned by Wialon Holdings.", {("Gurtam", "part_of", "Wialon Holdings")}),
    (
        "In 2015, Synesis joined the Belarusian Chamber of Commerce.",
        {("Synesis", "part_of", "Belarusian Chamber of Commerce")},
    ),
    (
        "The Institute of Physics belongs to the National Academy of Sciences of Belarus.",
        {("Institute of Physics", "part_of", "National Academy of Sciences of Belarus")},
    ),
    # headquarters and presence
    ("IBA Group has its headquarters in Prague.", {("IBA Group", "headquartered_in", "Prague")}),
    (
        "Intetics has offices in Minsk, Kharkiv and Naperville.",
        {("Intetics", "operates_in", "Minsk"), ("Intetics", "operates_in", "Kharkiv")},
    ),
    ("EPAM employs thousands of engineers in Poland.", {("EPAM Systems", "operates_in", "Poland")}),
    ("ScienceSoft serves clients in the United States.", {("ScienceSoft", "operates_in", "United States")}),
    # movement
    ("In 2022 Gismart relocated its staff to Cyprus.", {("Gismart", "relocated_to", "Cyprus")}),
    ("Hundreds of developers emigrated to Lithuania in 2021.", {("developers", "relocated_to", "Lithuania")}),
    # succession and renaming
    (
        "In 1993 the Minsk Radioengineering Institute was renamed the Belarusian State University of "
        "Informatics and Radioelectronics.",
        {
            (
                "Minsk Radioengineering Institute",
                "succeeded_by",
                "Belarusian State University of Informatics and Radioelectronics",
            )
        },
    ),
    # makers and products
    ("Wargaming developed World of Tanks.", {("Wargaming", "produced", "World of Tanks")}),
    ("Viber, developed by Viber Media, became popular in Belarus.", {("Viber Media", "produced", "Viber")}),
    # agreements
    (
        "EPAM and Google signed a partnership agreement in 2018.",
        {("EPAM Systems", "partnered_with", "Google")},
    ),
    ("MSQRD was founded by Yury Gurski and Eugene Nevgen.", {("MSQRD", "founded_by", "Yury Gurski")}),
    (
        "Production of the Minsk-22 started in 1965 at the Ordzhonikidze plant.",
        {("Ordzhonikidze plant", "produced", "Minsk-22")},
    ),
    ("The university has partnerships with Huawei and EPAM.", {("university", "partnered_with", "Huawei")}),
    (
        "Lithuania welcomed thousands of Belarusian IT specialists after 2020.",
        {("Belarusian IT specialists", "relocated_to", "Lithuania")},
    ),
    (
        "Many relocated companies chose Vilnius as their new base.",
        {("relocated companies", "relocated_to", "Vilnius")},
    ),
    (
        "Sergei Levteev is the chairman of IBA Group.",
        {("Sergei Levteev", "holds_position", "IBA Group"), ("IBA Group", "led_by", "Sergei Levteev")},
    ),
    (
        "The Institute of Mathematics of the National Academy of Sciences of Belarus was founded in 1959.",
        {("Institute of Mathematics", "part_of", "National Academy of Sciences of Belarus")},
    ),
    # a list under a place modifier
    (
        "Several Kyiv universities, such as Kyiv Polytechnic Institute, train programmers.",
        {("Kyiv Polytechnic Institute", "located_in", "Kyiv")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_relation_patterns(reader: Any, text: str, expected: set[tuple[str, str, str]]) -> None:
    found = triples(read(reader, text))
    missing = {
        e
        for e in expected
        if not any(f[1] == e[1] and f[0].endswith(e[0]) and f[2].endswith(e[2]) for f in found)
    }
    assert not missing, f"missing {missing}; found {found}"


def test_founding_year_and_open_spans(reader: Any) -> None:
    a = read(reader, "ScienceSoft was founded in 1989. It operated in Latvia until 2015.")
    assert ("1989", "1989") in years(a, "founded")
    assert (None, "2015") in years(a, "operates_in")


def test_measures_keep_bounds_and_time(reader: Any) -> None:
    a = read(
        reader, "In 2019, the number of Astana Hub participants surpassed 500; by 2023, it exceeded 1,400."
    )
    values = sorted(
        (c.value.comparator, c.value.lower, c.time.end[:4] if c.time and c.time.end else None)
        for c in a.claims
        if c.predicate == "measure" and c.value
    )
    assert (">", 500.0, "2019") in values
    assert (">", 1400.0, "2023") in values
    assert all(c.measure and "participant" in c.measure for c in a.claims if c.predicate == "measure")


def test_money_and_share(reader: Any) -> None:
    a = read(
        reader, "In 2021, EPAM's revenue reached $3.76 billion, contributing to 5% of the sector's exports."
    )
    money = [c for c in a.claims if c.predicate == "measure" and c.value and c.value.unit == "USD"]
    assert money and money[0].value is not None and money[0].value.amount == 3_760_000_000
    assert a.entities[money[0].subject].name.startswith("EPAM")
    assert money[0].measure == "revenue"


def test_range_of_a_population(reader: Any) -> None:
    a = read(reader, "Between 2021 and 2023, between 5,000 and 7,000 Armenian developers left Yerevan.")
    ranges = [c for c in a.claims if c.value and c.value.comparator == "range"]
    assert ranges and ranges[0].value is not None
    assert (ranges[0].value.lower, ranges[0].value.upper) == (5000, 7000)
    assert ranges[0].time is not None and ranges[0].time.start == "2021-01-01"


def test_every_claim_has_evidence_and_method(reader: Any) -> None:
    text = "Wargaming, founded in Minsk in 1998, moved its headquarters to Nicosia in 2011."
    a = read(reader, text)
    assert a.claims
    for c in a.claims:
        assert c.method and ":" in c.method
        assert 0 < c.confidence <= 1
        s = a.sentences[c.sentence]
        assert text[s.start : s.end] == s.text


def test_same_input_same_output(reader: Any) -> None:
    text = "Tieto, a Finnish company, opened an office in Minsk in 2006."
    first, second = read(reader, text), read(reader, text)
    assert [c.key() for c in first.claims] == [c.key() for c in second.claims]
    assert sorted(first.entities) == sorted(second.entities)
