"""Unit and place shapes: lists of an organisation's units, units it runs, bodies answering to a
parent, members in apposition, staff spread over places, offices that followed.

Sentence in, claims out, with the real model (marked ``model``). The sentences are the team's
own, about invented organisations; none is taken from the development texts.
"""

from __future__ import annotations

from typing import Any

import pytest
from claim_tables import quads as claims
from claim_tables import read

UNIVERSITY = "Nordhavn University of Technology was founded in 1950. "
COMPANY = "Kestrel Systems was founded in Minsk in 2015. "

# (text, expected (subject, predicate, object, year or None for any), unwanted (subject, predicate, object))
CASES: list[tuple[str, set[tuple[str, str, str, str | None]], set[tuple[str, str, str]]]] = [
    # a bullet list of units under a sentence naming their holder
    (
        "About the Kelvar Academy of Sciences\n\nWe unite the country's researchers and our members meet "
        "every year. More than 20 institutes operate under the Academy, among them:\n\n"
        "- the Institute of Applied Optics in Tarvo, founded in 1961;\n"
        "- the Institute for Marine Research and the Institute of Soil Science, both in Halden;\n"
        "- the Kelvar Institute of Geology.\n\nOur work is public.",
        {
            ("Institute of Applied Optics", "part_of", "Academy", None),
            ("Institute for Marine Research", "part_of", "Academy", None),
            ("Institute of Soil Science", "part_of", "Academy", None),
            ("Kelvar Institute of Geology", "part_of", "Academy", None),
        },
        {("Institute of Applied Optics", "part_of", "Tarvo")},
    ),
    # units the subject runs, listed with their places
    (
        UNIVERSITY + "Outside Oslo, Nordhavn University of Technology runs Bergen College in Bergen, "
        "Tromso College on the coast and Alta College in Alta.",
        {
            ("Bergen College", "part_of", "Nordhavn University of Technology", None),
            ("Tromso College", "part_of", "Nordhavn University of Technology", None),
            ("Alta College", "part_of", "Nordhavn University of Technology", None),
        },
        set(),
    ),
    # a definite facility the subject operates
    (
        UNIVERSITY + "The university also operates the national supercomputer centre, which serves schools.",
        {("national supercomputer centre", "part_of", "Nordhavn University of Technology", None)},
        set(),
    ),
    # an office it runs is not a unit; "the body that has run the park" is not the park's parent
    (
        "The Orvo Technology Park opened in 2001. The Park Authority, the state body that has run "
        "the Orvo Technology Park since 2005, will close.",
        set(),
        {("Orvo Technology Park", "part_of", "Park Authority")},
    ),
    # answering to a superior body
    (
        "The Kolvo Radio Works became part of the Ardent Electronics Group, which answered to the "
        "Ministry of Machine Building.",
        {
            ("Kolvo Radio Works", "part_of", "Ardent Electronics Group", None),
            ("Ardent Electronics Group", "part_of", "Ministry of Machine Building", None),
        },
        set(),
    ),
    # attached to
    (
        "The Kolvo Computing Laboratory was later attached to the Institute of Applied Optics.",
        {("Kolvo Computing Laboratory", "part_of", "Institute of Applied Optics", None)},
        set(),
    ),
    # brought into or under a parent; a unit within a parent; named members of a group
    (
        "In 2007 the Kolvo Radio Works was incorporated into the Ardent Electronics Group. Orvo Labs is "
        "a design centre within Orvo Corporation. Ardent Group comprises Kestrel Systems and "
        "Orvo Corporation.",
        {
            ("Kolvo Radio Works", "part_of", "Ardent Electronics Group", "2007"),
            ("Orvo Labs", "part_of", "Orvo Corporation", None),
            ("Kestrel Systems", "part_of", "Ardent Group", None),
        },
        set(),
    ),
    # "into the X Platform" names a product, not the company X
    (
        "Icenium was later folded into the Telerik Platform.",
        set(),
        {("Icenium", "part_of", "Telerik")},
    ),
    # a resident in apposition
    (
        "Kestrel Labs, a resident of the Nordic Tech Park, employs 40 people.",
        {("Kestrel Labs", "part_of", "Nordic Tech Park", None)},
        set(),
    ),
    # part of a possessor's business
    (
        "In 2023 Plantik Software became part of Orvo Corporation's software business.",
        {("Plantik Software", "part_of", "Orvo Corporation", "2023")},
        set(),
    ),
    # the founders move the head office: the company moves
    (
        COMPANY + "In 2020 the founders moved the head office to Warsaw.",
        {
            ("Kestrel Systems", "relocated_to", "Warsaw", "2020"),
            ("Kestrel Systems", "headquartered_in", "Warsaw", None),
        },
        {("founders", "relocated_to", "Warsaw")},
    ),
    # "with A and with B"
    (
        "The Kolvo Institute cooperates with Oslo University and with the Bergen Technical College.",
        {
            ("Kolvo Institute", "partnered_with", "Oslo University", None),
            ("Kolvo Institute", "partnered_with", "Bergen Technical College", None),
        },
        set(),
    ),
    # offices that opened and followed
    (
        COMPANY + "Its first office opened in Warsaw; a second hub in Vilnius followed in 2022.",
        {
            ("Kestrel Systems", "operates_in", "Warsaw", None),
            ("Kestrel Systems", "operates_in", "Vilnius", "2022"),
        },
        set(),
    ),
    # the organisation's people as makers
    (
        "The Kolvo Institute was set up in 1961. In the 1970s its scientists designed automated "
        "control systems for factories.",
        {("Kolvo Institute", "produced", "automated control systems", "1970")},
        set(),
    ),
    # a specific kind of software, read whole
    (
        "Kestrel Systems develops fleet management software for logistics firms.",
        {("Kestrel Systems", "produced", "fleet management software", None)},
        set(),
    ),
    # funding: raised from, led, took part, backed by
    (
        "In 2019 Flo Health raised 5 million dollars from Bulba Ventures and Haxus.",
        {
            ("Bulba Ventures", "invested_in", "Flo Health", "2019"),
            ("Haxus", "invested_in", "Flo Health", "2019"),
        },
        set(),
    ),
    (
        "Flo Health raised 10 million dollars in 2019. The round was led by Bulba Ventures, with "
        "participation from Haxus. Orvo Capital also took part in the round.",
        {
            ("Bulba Ventures", "invested_in", "Flo Health", None),
            ("Haxus", "invested_in", "Flo Health", None),
            ("Orvo Capital", "invested_in", "Flo Health", None),
        },
        set(),
    ),
    (
        "Flo Health, backed by Bulba Ventures, grew fast.",
        {("Bulba Ventures", "invested_in", "Flo Health", None)},
        set(),
    ),
    # investors listed, funded/financed by, money put into, a co-led series
    (
        "Flo Health's investors include Bulba Ventures and Haxus. Orvo Corporation was funded by Bulba "
        "Ventures. Haxus put 3 million dollars into Kestrel Systems.",
        {
            ("Bulba Ventures", "invested_in", "Flo Health", None),
            ("Haxus", "invested_in", "Flo Health", None),
            ("Bulba Ventures", "invested_in", "Orvo Corporation", None),
            ("Haxus", "invested_in", "Kestrel Systems", None),
        },
        set(),
    ),
    (
        "Flo Health raised 10 million dollars in 2019. The Series A was co-led by Bulba Ventures and Haxus.",
        {("Bulba Ventures", "invested_in", "Flo Health", None), ("Haxus", "invested_in", "Flo Health", None)},
        set(),
    ),
    # a company with offices / headquarters in places
    (
        "Gurtam is a software company with offices in Minsk, Vilnius and Dubai. Kestrel Systems, with "
        "headquarters in Vilnius, employs 400 people.",
        {
            ("Gurtam", "operates_in", "Minsk", None),
            ("Gurtam", "operates_in", "Dubai", None),
            ("Kestrel Systems", "headquartered_in", "Vilnius", None),
        },
        set(),
    ),
    # clients in places; an elided second office
    (
        "Itransition delivers projects for clients in Australia. Kestrel Systems opened an office in "
        "Warsaw in 2018 and another in Vilnius in 2020.",
        {
            ("Itransition", "operates_in", "Australia", None),
            ("Kestrel Systems", "operates_in", "Vilnius", "2020"),
        },
        set(),
    ),
    # the organisation's people work in a place
    (
        "Flo Health was founded in 2015. Most of its developers work in Minsk.",
        {("Flo Health", "operates_in", "Minsk", None)},
        set(),
    ),
    # places within places
    (
        "Pinsk is a town in south-western Belarus. The plant stands in the town of Zhodino in Minsk Region.",
        {("Pinsk", "located_in", "Belarus", None), ("Zhodino", "located_in", "Minsk Region", None)},
        set(),
    ),
    # a part of a place, and a street
    (
        "Integral is situated on the outskirts of Minsk. Orvo Corporation is located in the north-east "
        "of Minsk.",
        {("Integral", "located_in", "Minsk", None), ("Orvo Corporation", "located_in", "Minsk", None)},
        set(),
    ),
    # one of the largest firms in a place
    (
        "Orvo Corporation is one of the largest software companies in Latvia.",
        {("Orvo Corporation", "located_in", "Latvia", None)},
        set(),
    ),
    # staff in places, and the rest split between places
    (
        "About 60 of Kestrel Systems's engineers are in Minsk; the rest are split between Poland and "
        "Lithuania.",
        {
            ("Kestrel Systems", "operates_in", "Minsk", None),
            ("Kestrel Systems", "operates_in", "Poland", None),
            ("Kestrel Systems", "operates_in", "Lithuania", None),
        },
        set(),
    ),
]

# Section 2: shapes from plant histories, "about" pages, resolutions and news (own sentences).
CASES += [
    # a named body "under" a ministry, noun-attached and hung on the verb
    (
        "The plant was established in April 1966 as the Kolvo Plant of Radio Parts, under the USSR "
        "Ministry of Radio Industry.",
        {("Kolvo Plant of Radio Parts", "part_of", "Ministry of the Radio Industry of the USSR", "1966")},
        set(),
    ),
    (
        "Export licences are issued by the Centre for Export Control under the Ministry of Trade.",
        {("Centre for Export Control", "part_of", "Ministry of Trade", None)},
        set(),
    ),
    # "under" a policy or a brand is no parent
    (
        "Kestrel Systems registered with Orvo Park under the Decree No. 8. The company sells its "
        "products under the Orvo brand.",
        set(),
        {("Orvo Park", "part_of", "Decree No. 8"), ("company", "part_of", "Orvo")},
    ),
    # transferred to a ministry; a business transferred is no body
    (
        "After independence the Kolvo Radio Works was transferred to the Ministry of Industry of Latvia. "
        "In 2022 its business in both countries was transferred to Orvo Studio.",
        {("Kolvo Radio Works", "part_of", "Ministry of Industry of Latvia", None)},
        {("business", "part_of", "Orvo Studio")},
    ),
    # a products heading, an introducing sentence, model codes first in each item with their years
    (
        "Kestrel Systems is an electronics maker in Orsha.\n\nProducts\n\nSince the late 1990s the "
        "plant has concentrated on metering equipment:\n\n- KE-100 single-phase electricity meters "
        "(from 1998);\n- Orsha-P payment terminals for shops (from 2008);\n- contract assembly of "
        "circuit boards.",
        {
            ("Kestrel Systems", "produced", "KE-100", "1998"),
            ("Kestrel Systems", "produced", "Orsha-P", "2008"),
        },
        set(),
    ),
    # units after "is made up of N units:"; a unit named by its place is a branch there
    (
        "Orvo Technopark is a company in Kaunas.\n\nThe technopark is made up of three units:\n\n"
        "- the business incubator, which hosts up to 25 start-ups;\n- the Centre for Prototyping and "
        "Testing, equipped with 3D printers;\n- the Kaunas branch.",
        {
            ("Centre for Prototyping and Testing", "part_of", "Orvo Technopark", None),
            ("Orvo Technopark", "operates_in", "Kaunas", None),
        },
        {("Centre for Prototyping and Testing", "produced", "Orvo Technopark")},
    ),
    # a place word before an organisation noun beside the name; "in P, at ORG"
    (
        "In 2017 a block of shares was sold to the Riga investment group Orvo Capital. After the war he "
        "did his postgraduate work in Riga, at the Institute of Solid State Physics.",
        {
            ("Orvo Capital", "located_in", "Riga", None),
            ("Institute of Solid State Physics", "located_in", "Riga", None),
        },
        set(),
    ),
    # a country before "at ORG" does not locate it
    ("She worked in Belarus at Google.", set(), {("Google", "located_in", "Belarus")}),
    # an organisation helping firms in a place works there
    (
        "Kestrel Park is a limited liability company that helps young technology firms in the Vitebsk "
        "Region turn research into products. The Orvo Fund supports start-ups in Latvia and Estonia.",
        {
            ("Kestrel Park", "operates_in", "Vitebsk Region", None),
            ("Orvo Fund", "operates_in", "Latvia", None),
            ("Orvo Fund", "operates_in", "Estonia", None),
        },
        set(),
    ),
    # a joint venture is part of each partner
    (
        "In 2014 the Kestrel Group and the Chinese company Orvo Electronics set up a joint venture, Orvo "
        "Meters, to assemble payment terminals in Minsk.",
        {
            ("Orvo Meters", "part_of", "Orvo Electronics", "2014"),
            ("Orvo Meters", "part_of", "Kestrel Group", "2014"),
        },
        set(),
    ),
    # goods whose makers are named in a clause are not the text's company's sales
    (
        "Kestrel Systems makes lasers. About 50 companies make lasers, and nine in ten of the lasers they "
        "build are sold abroad, mostly to universities in Germany. In 2012 Kestrel Systems was entered "
        "in the register of the country's innovation infrastructure.",
        set(),
        {("Kestrel Systems", "operates_in", "Germany"), ("Kestrel Systems", "operates_in", "register")},
    ),
]

CASES += [
    # "in P, at ORG" with the parser making the work the subject; "to ORG in P" hung on the verb
    (
        "After the war he studied physics at the Kaunas University of Technology, and then did his "
        "postgraduate work in Riga, at the Institute of Solid State Physics. His archive was handed to "
        "the Institute of Baltic History in Tallinn in 2014.",
        {
            ("Institute of Solid State Physics", "located_in", "Riga", None),
            ("Institute of Baltic History", "located_in", "Tallinn", None),
        },
        set(),
    ),
    # an office opened for another organisation does not place that organisation
    (
        "Kestrel Systems opened an office for Orvo Corporation in Riga.",
        {("Kestrel Systems", "operates_in", "Riga", None)},
        {("Orvo Corporation", "located_in", "Riga")},
    ),
    # a country the company moved its head office to, in a "where" clause; staff are no seat
    (
        "Poland, where Kestrel Systems moved its head office in 2021, is home to 520 of them. Latvia, "
        "where Orvo Corporation moved its staff in 2022, has 300.",
        {
            ("Kestrel Systems", "relocated_to", "Poland", "2021"),
            ("Kestrel Systems", "headquartered_in", "Poland", None),
        },
        {("Orvo Corporation", "relocated_to", "Latvia"), ("Orvo Corporation", "headquartered_in", "Latvia")},
    ),
    # "in a city, in a region"; a list of cities is no nesting
    (
        "Anna Berg was born in Slutsk, in the Minsk Region, into the family of a teacher. Kestrel Systems "
        "has offices in Riga, in Tallinn and in Vilnius.",
        {("Slutsk", "located_in", "Minsk Region", None)},
        {("Riga", "located_in", "Tallinn"), ("Tallinn", "located_in", "Vilnius")},
    ),
]

CASES += [
    # a model the organisation is said to have, with its launch year; a common noun is no model
    (
        "Kestrel Systems was founded in 1976. The company's dot-matrix printer DPM-80, introduced in 1984 "
        "and weighing just 11 kg, sold well. Kestrel Systems's customers liked it.",
        {("Kestrel Systems", "produced", "DPM-80", "1984")},
        {("Kestrel Systems", "produced", "customers")},
    ),
    # the named series before a common noun built in a place
    (
        "The plant moved on to printers for the ES EVM computers built in Minsk.",
        {("Minsk", "produced", "ES EVM", None)},
        {("Minsk", "produced", "computers")},
    ),
    # shares sold to a buyer: the buyer invested in the company of the stake
    (
        "Kestrel Systems was founded in 1995. The state's stake in Kestrel Systems itself was cut to 34% "
        "in 2017, when a block of shares was sold to the Riga investment group Orvo Capital for $3 "
        "million. In 2019 a 20% stake in Kestrel Systems was sold to Baltic Growth Fund.",
        {
            ("Orvo Capital", "invested_in", "Kestrel Systems", "2017"),
            ("Orvo Capital", "located_in", "Riga", None),
            ("Baltic Growth Fund", "invested_in", "Kestrel Systems", "2019"),
        },
        set(),
    ),
    # a company selling shares is no investment by the buyer in a named third party
    (
        "Kestrel Systems sold its Orvo Labs shares to Baltic Growth Fund.",
        set(),
        {("Baltic Growth Fund", "invested_in", "Kestrel Systems")},
    ),
]

CASES += [
    # premises in a city (through an apposition and an address); a site run in a city
    (
        "About us\n\nKestrel Technopark helps new firms. We were set up in 2011. Our main building, a "
        "former workshop at 43 Mira Avenue in Kaunas, has been rebuilt into offices, and since 2022 we "
        "have also run a small coworking space in Vilnius for residents.",
        {
            ("Kestrel Technopark", "located_in", "Kaunas", None),
            ("Kestrel Technopark", "operates_in", "Vilnius", "2022"),
        },
        set(),
    ),
    # a place in a clause on the premises is not where they stand
    (
        "Orvo Corporation operates a plant in Daugavpils. Its campus, which hosts students from Riga, "
        "is large.",
        {("Orvo Corporation", "operates_in", "Daugavpils", None)},
        {("Orvo Corporation", "located_in", "Riga")},
    ),
]

CASES += [
    # a site named after its organisation, in a place, with what it makes (the clause on the place)
    (
        "Latvia leads thanks to one plant: the Orvo Corporation factory in Daugavpils, which makes radio "
        "base stations and accounts for a third of exports.",
        {
            ("Orvo Corporation", "operates_in", "Daugavpils", None),
            ("Orvo Corporation", "produced", "radio base stations", None),
        },
        set(),
    ),
    # a place before the site noun names no organisation
    ("The Minsk office in Warsaw was closed.", set(), {("Minsk", "operates_in", "Warsaw")}),
]


@pytest.mark.parametrize(("text", "expected", "unwanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_unit_and_place_shapes(
    reader: Any,
    text: str,
    expected: set[tuple[str, str, str, str | None]],
    unwanted: set[tuple[str, str, str]],
) -> None:
    found = claims(read(reader, text))
    missing = {
        e
        for e in expected
        if not any(
            f[1] == e[1] and f[0].endswith(e[0]) and f[2].endswith(e[2]) and (e[3] is None or f[3] == e[3])
            for f in found
        )
    }
    assert not missing, f"missing {missing}; found {found}"
    wrong = {f for f in found if (f[0], f[1], f[2]) in unwanted}
    assert not wrong, f"unwanted {wrong}"
