"""Place patterns in general shapes: closed offices, office lists, head offices, appositions.

Sentences are the team's own, about invented companies; expected claims are (subject, predicate,
object) triples that must appear, and triples that must not.
"""

from __future__ import annotations

from typing import Any

import pytest
from claim_tables import read, triples

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
    # buyers with a place name the market, not the buyers themselves
    (
        "Brightcode Labs sells its scanners to hospitals in Germany and Austria.",
        {("Brightcode Labs", "operates_in", "Germany"), ("Brightcode Labs", "operates_in", "Austria")},
        {("Brightcode Labs", "operates_in", "hospitals")},
    ),
    (
        "Brightcode Labs sells to Chilean banks and retailers.",
        {("Brightcode Labs", "operates_in", "Chile")},
        set(),
    ),
    (
        "Brightcode Labs survived by selling radios abroad, mainly in Africa.",
        {("Brightcode Labs", "operates_in", "Africa")},
        set(),
    ),
    (
        "Brightcode Labs is active in Chile and Peru.",
        {("Brightcode Labs", "operates_in", "Chile"), ("Brightcode Labs", "operates_in", "Peru")},
        set(),
    ),
    # goods sold to buyers somewhere: the company the text is about sells there
    (
        "Brightcode Labs was founded in 2002. Its first product, Scanly, was a scanner app sold online "
        "to users in Chile and Peru.",
        {("Brightcode Labs", "operates_in", "Chile"), ("Brightcode Labs", "operates_in", "Peru")},
        set(),
    ),
    # companies sold to buyers: no market
    (
        "Brightcode Labs grew. Others had already been sold to foreign giants.",
        set(),
        {("Brightcode Labs", "operates_in", "foreign giants")},
    ),
    # a market named as the owner's biggest
    (
        "Brightcode Labs grew fast. Brazil is its largest market.",
        {("Brightcode Labs", "operates_in", "Brazil")},
        set(),
    ),
    (
        "Brightcode Labs was founded in 2001. Its main markets are Brazil and Chile.",
        {("Brightcode Labs", "operates_in", "Brazil"), ("Brightcode Labs", "operates_in", "Chile")},
        set(),
    ),
    # leaving a market: operates there until the year of leaving
    ("Brightcode Labs pulled out of Brazil in 2022.", {("Brightcode Labs", "operates_in", "Brazil")}, set()),
    (
        "Brightcode Labs withdrew from Brazil and Chile in 2021.",
        {("Brightcode Labs", "operates_in", "Brazil"), ("Brightcode Labs", "operates_in", "Chile")},
        set(),
    ),
    (
        "In March 2022 Brightcode Labs said it would leave the Brazilian market.",
        {("Brightcode Labs", "operates_in", "Brazil")},
        set(),
    ),
    (
        "Brightcode Labs, which announced its exit from Brazil in March 2022, grew.",
        {("Brightcode Labs", "operates_in", "Brazil")},
        set(),
    ),
    # a group leaving "the country" moves abroad
    (
        "In 2022 some 50,000 IT workers left the country.",
        {("IT specialists", "relocated_to", "abroad")},
        set(),
    ),
    # appositive descriptions: a demonym or a city on the organisation noun
    (
        "Kelvara Systems, an American maker of testing tools, was bought in 2015.",
        {("Kelvara Systems", "headquartered_in", "United States")},
        set(),
    ),
    (
        "Tradewise Group, the US engineering company, opened a centre in Lima in 2022.",
        {
            ("Tradewise Group", "headquartered_in", "United States"),
            ("Tradewise Group", "operates_in", "Lima"),
        },
        set(),
    ),
    (
        "Orbix Partners, a Madrid consultancy specialising in risk software, was acquired in 2016.",
        {("Orbix Partners", "headquartered_in", "Madrid")},
        set(),
    ),
    (
        "Orbix Systems, the Austin, Texas, software company, opened an office.",
        {("Orbix Systems", "headquartered_in", "Austin")},
        {("Orbix Systems", "headquartered_in", "Texas")},
    ),
    ("Orbix Systems is a Swedish investment firm.", {("Orbix Systems", "headquartered_in", "Sweden")}, set()),
    ("Vortex Group is a Russian-owned company.", set(), {("Vortex Group", "headquartered_in", "Russia")}),
    # "based in" on the description of a name the recogniser reads as a plural group
    (
        "In 2008 Summit Partners, a growth-equity firm based in Boston, invested in Telerik.",
        {("Summit Partners", "located_in", "Boston")},
        set(),
    ),
    # "X, the P-based group; Y, ...": the name before the comma, not the next one
    (
        "Among the better-known residents are Orbix, the Lisbon-based e-commerce and payments group; "
        "Payme, a mobile payments service; and Tradewise Group.",
        {("Orbix", "located_in", "Lisbon")},
        {("Payme", "located_in", "Lisbon")},
    ),
    (
        "The mobile operator Kelvara and the Krakow-founded outsourcer Tradewise Group followed in 2023.",
        {("Tradewise Group", "located_in", "Krakow")},
        set(),
    ),
    # a head office is the headquarters, not one more office
    (
        "Brightcode Labs has its head office in Munich.",
        {("Brightcode Labs", "headquartered_in", "Munich")},
        {("Brightcode Labs", "operates_in", "Munich")},
    ),
    # a move with the destinations in an aside
    (
        "Brightcode Labs grew. Between late 2020 and 2021 about 250 employees and their families relocated, "
        "most of them to Kyiv, Warsaw and Lisbon.",
        {("employees", "relocated_to", "Kyiv"), ("employees", "relocated_to", "Lisbon")},
        set(),
    ),
    # "the Kyiv team moved": the company the text is about moved
    (
        "Brightcode Labs grew. In 2022, the Kyiv team moved again, this time to Poland and Portugal.",
        {("Brightcode Labs", "relocated_to", "Poland"), ("Brightcode Labs", "relocated_to", "Portugal")},
        set(),
    ),
    # a place after the organisation's parenthesised short name
    (
        "The Institute of Applied Optics (IAO) in Minsk built the device.",
        {("Institute of Applied Optics", "located_in", "Minsk")},
        set(),
    ),
    ("The High Technologies Park (HTP) in 2005 admitted 50 firms.", set(), set()),
    # "A and B, both in P"
    (
        "The work was done at the Institute of Optics and the Institute of Acoustics, both in Tartu.",
        {("Institute of Optics", "located_in", "Tartu"), ("Institute of Acoustics", "located_in", "Tartu")},
        set(),
    ),
    # "It also has sales offices in ..." after a list of places: the company the text is about
    (
        "Brightcode Labs has engineering centres in nine countries. The main ones are:\n\n"
        "- Spain: Madrid and Valencia\n- Italy: Milan\n\n"
        "It also has sales offices in London, Frankfurt and Singapore.",
        {("Brightcode Labs", "operates_in", "London"), ("Brightcode Labs", "operates_in", "Singapore")},
        set(),
    ),
    # "Offices in A and B followed": more offices of the company the text is about
    (
        "Brightcode Labs opened development centres in Kyiv and Odesa. Offices in Bucharest and Krakow "
        "followed in the late 2000s.",
        {("Brightcode Labs", "operates_in", "Bucharest"), ("Brightcode Labs", "operates_in", "Krakow")},
        set(),
    ),
    # "X is a N in P, in the south-west of Q": located in both
    (
        "Corvalis Tech is a private university in Graz, in the south-east of Austria.",
        {("Corvalis Tech", "located_in", "Graz"), ("Corvalis Tech", "located_in", "Austria")},
        set(),
    ),
    # a maker named with the place it made something in
    (
        "The ES-900 was built by Orbix in Lyon, France.",
        {("Orbix", "located_in", "Lyon")},
        set(),
    ),
    # "headquartered in A, with a second office in B": the company operates in B
    (
        "Brightcode Labs is now headquartered in Lyon, France, with a second office in Porto.",
        {("Brightcode Labs", "operates_in", "Porto"), ("Brightcode Labs", "headquartered_in", "Lyon")},
        set(),
    ),
    # a birthplace: the person is located there
    (
        "Anna Kowal was born in Gdansk in 1981.",
        {("Anna Kowal", "located_in", "Gdansk")},
        set(),
    ),
    # a second move with its own time ("and in 2021 to Madrid"); an organisation in a "where" clause
    (
        "Anna Kowal founded Orbix in 2010. In 2019 she moved to Berlin, and in 2021 to Madrid, "
        "where she has since been a partner at Orbix Capital.",
        {
            ("Anna Kowal", "relocated_to", "Berlin"),
            ("Anna Kowal", "relocated_to", "Madrid"),
            ("Orbix Capital", "located_in", "Madrid"),
        },
        set(),
    ),
    # "teams work from A and B": the company the text is about operates there
    (
        "Brightcode Labs grew fast. Smaller teams work from Porto and Sofia.",
        {("Brightcode Labs", "operates_in", "Porto"), ("Brightcode Labs", "operates_in", "Sofia")},
        set(),
    ),
    (
        "Tervola Systems operates from Dubai.",
        {("Tervola Systems", "operates_in", "Dubai")},
        set(),
    ),
    # a possessed site as the subject of "based/headquartered in"
    (
        "Brightcode Labs was founded in 2001. Its head office is located in Graz.",
        {("Brightcode Labs", "headquartered_in", "Graz")},
        set(),
    ),
    (
        "Brightcode Labs was founded in 2001. Its development centre is located in Graz.",
        {("Brightcode Labs", "operates_in", "Graz")},
        {("Brightcode Labs", "headquartered_in", "Graz")},
    ),
    # "X's Graz office" names a presence without a verb of opening
    (
        "In early September 2020 officers searched Brightcode's Graz office and detained four employees.",
        {("Brightcode", "operates_in", "Graz")},
        set(),
    ),
    # an appositive the parser made a second subject: "X, a holding company registered in L, ..."
    (
        "Orbix Holdings, a holding company registered in Luxembourg, has been listed on the stock "
        "exchange since October 2020.",
        {("Orbix Holdings", "located_in", "Luxembourg")},
        set(),
    ),
    # "firms that have set up in P": they operate there; "set up a company in P" is a founding
    (
        "Orbix is one of many Estonian software firms that have set up in Portugal since 2019.",
        {("Estonian software firms", "operates_in", "Portugal")},
        set(),
    ),
    # a product used by buyers in a place: its maker operates there
    (
        "Brightcode Labs grew. Its apps are used by banks in Chile and Peru.",
        {("Brightcode Labs", "operates_in", "Chile"), ("Brightcode Labs", "operates_in", "Peru")},
        set(),
    ),
    (
        "Brightcode Labs grew. Its apps are used by 300 retailers, among them chains in Austria.",
        {("Brightcode Labs", "operates_in", "Austria")},
        set(),
    ),
    # a demonym on a time phrase is not the company's country
    (
        "Throughout the Soviet period Orbix Systems supplied designers.",
        set(),
        {("Orbix Systems", "headquartered_in", "Soviet Union")},
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


@pytest.mark.model
def test_leaving_a_market_ends_the_presence(reader: Any) -> None:
    a = read(
        reader, "Brightcode Labs stopped serving clients in Brazil, one of its largest markets, in 2022."
    )
    spans = {
        (c.time.start if c.time else None, c.time.end[:4] if c.time and c.time.end else None)
        for c in a.claims
        if c.predicate == "operates_in"
    }
    assert (None, "2022") in spans
    assert ("2022-01-01", "2022") not in spans


@pytest.mark.model
def test_a_reported_exit_takes_the_report_time(reader: Any) -> None:
    a = read(
        reader,
        "Brightcode Labs grew. In April 2022 it announced that it was exiting Russia and Belarus; "
        "its business in both countries was transferred to Orbix Systems.",
    )
    ends = {c.time.end[:7] for c in a.claims if c.predicate == "operates_in" and c.time and c.time.end}
    assert ends == {"2022-04"}
