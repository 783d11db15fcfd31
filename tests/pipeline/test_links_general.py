"""Link predicates in general shapes: parts, acquisitions, successors, copies and partners.

Sentence in, claims out, with the real model (marked ``model``). The sentences are the team's
own, about invented companies and machines (with a few well-known product names the registry
knows); none is taken from the development texts.
"""

from __future__ import annotations

from typing import Any

import pytest
from claim_tables import quads as claims
from claim_tables import read

from kronika.pipeline.reader import DocumentInput

UNIVERSITY = (
    "Nordhavn University of Technology was founded in 1950. "
    "We teach engineers at Nordhavn University of Technology. "
)

# (text, expected (subject, predicate, object, year or None for any), unwanted (subject, predicate, object))
CASES: list[tuple[str, set[tuple[str, str, str, str | None]], set[tuple[str, str, str]]]] = [
    # "became part of Y in <year>": the year of joining
    (
        "Quillsoft Inc. became part of Brightway Games in 2009.",
        {("Quillsoft Inc", "part_of", "Brightway Games", "2009")},
        set(),
    ),
    # a subsidiary in a second clause whose subject is the first clause's, with "since"
    (
        "Best known for its chat app, Quillsoft Inc. is headquartered in Oslo and has been a "
        "subsidiary of the Swedish company Brightway Games since March 2015.",
        {("Quillsoft Inc", "part_of", "Brightway Games", "2015")},
        {("subsidiary of the Swedish company Brightway", "part_of", "Brightway Games")},
    ),
    # "set up as the arm of Y"
    (
        "Quillsoft Inc. was set up in 2001 as the software arm of Brightway Games.",
        {("Quillsoft Inc", "part_of", "Brightway Games", None)},
        {("software arm", "part_of", "Brightway Games")},
    ),
    # "agreed to buy": the year of the agreement
    (
        "In January 2019 Brightway Games agreed to buy Quillsoft Inc. for about $2 billion in cash; "
        "the deal was completed in June.",
        {("Quillsoft Inc", "part_of", "Brightway Games", "2019")},
        set(),
    ),
    # "its successor, Y"
    (
        "The MESM was built in 1950. Its successor, the BESM, followed in 1953.",
        {("MESM", "succeeded_by", "BESM", "1953")},
        set(),
    ),
    # "Y was the successor of X"
    (
        "The BESM, an improved machine, was the successor of the MESM.",
        {("MESM", "succeeded_by", "BESM", None)},
        set(),
    ),
    # a fronted "founded as X" names the old body of a reorganisation
    (
        "Founded in 1961 as the Computing Laboratory of Oslo University, it was reorganised into "
        "the Institute of Informatics in March 1968.",
        {("Computing Laboratory of Oslo University", "succeeded_by", "Institute of Informatics", "1968")},
        set(),
    ),
    # a renaming takes the name, not the gloss after it; what was made is the named machine
    (
        "The MESM was first built in 1951. There the MESM was renamed Vektor 82, the first personal "
        "computer made in series in Norway.",
        {("MESM", "succeeded_by", "Vektor 82", None), ("Norway", "produced", "Vektor 82", None)},
        {("MESM", "succeeded_by", "personal computer"), ("Norway", "produced", "personal computer")},
    ),
    # a people's succession in an office is not a successor organisation
    (
        "Anna Berg was succeeded by Karl Olsen as director of Quillsoft Inc.",
        set(),
        {("Anna Berg", "succeeded_by", "Karl Olsen")},
    ),
    # "It was modeled on Y" with a pronoun subject
    (
        "The Vektor-1 was closely modeled on the IBM System/360.",
        {("Vektor-1", "modeled_on", "IBM System/360", None)},
        set(),
    ),
    # "which copied Y"
    (
        "The MESM was succeeded by the BESM, which copied the IBM System/370.",
        {("MESM", "succeeded_by", "BESM", None), ("BESM", "modeled_on", "IBM System/370", None)},
        set(),
    ),
    # "a clone of Y and <a gloss>": the named target only
    (
        "The BESM, a clone of the IBM System/360 and the most common machine in Norway, was popular.",
        {("BESM", "modeled_on", "IBM System/360", None)},
        {("BESM", "modeled_on", "most common machine in Norway")},
    ),
    # an organisation's own page: "partners such as A, B and C", "our institutes work with Y"
    (
        UNIVERSITY + "Our labs were furnished by partners such as Nokia, Siemens and Ericsson.",
        {
            ("Nordhavn University of Technology", "partnered_with", "Nokia", None),
            ("Nordhavn University of Technology", "partnered_with", "Ericsson", None),
        },
        {("Ericsson", "partnered_with", "Nokia")},
    ),
    (
        UNIVERSITY + "Our institutes work closely with the European Space Agency.",
        {("Nordhavn University of Technology", "partnered_with", "European Space Agency", None)},
        set(),
    ),
    # a second buyer in a later "by" phrase takes the time of its own phrase
    (
        "Quillsoft Inc. was acquired by Helix Corp. in 2005 and later by Orbital Systems, which paid "
        "$2 billion for it in 2011.",
        {
            ("Quillsoft Inc", "part_of", "Helix Corp", "2005"),
            ("Quillsoft Inc", "part_of", "Orbital Systems", "2011"),
        },
        set(),
    ),
    # a gapped second object with its own year
    (
        "Helix Corp. took over Vantage Labs, a Danish consultancy, in 2015, and Corvid Software Inc., "
        "a studio based in Oslo, in 2018.",
        {
            ("Vantage Labs", "part_of", "Helix Corp", "2015"),
            ("Corvid Software Inc", "part_of", "Helix Corp", "2018"),
        },
        set(),
    ),
    # bought from a seller: part of the seller before, of the buyer after
    (
        "In 2016 Quillsoft Inc. was bought from the media group Brightway Games by Orbital Systems "
        "for $3 billion.",
        {
            ("Quillsoft Inc", "part_of", "Brightway Games", None),
            ("Quillsoft Inc", "part_of", "Orbital Systems", "2016"),
        },
        set(),
    ),
    # listings and indexes
    (
        "Helix Corp. has been listed on the Warsaw Stock Exchange since October 2020.",
        {("Helix Corp", "part_of", "Warsaw Stock Exchange", "2020")},
        set(),
    ),
    (
        "In 2021 Helix Corp. was added to the S&P 500 index.",
        {("Helix Corp", "part_of", "S&P 500 index", "2021")},
        set(),
    ),
    (
        "In June 2013 Helix Holding floated on the New York Stock Exchange under the ticker HLX.",
        {("Helix Holding", "part_of", "New York Stock Exchange", "2013")},
        set(),
    ),
    # made things: a name glossed as a made thing, "the company behind", a misparsed apposition
    (
        "In 2004 the Nordic Grid Institute built Vektorgrid, the country's first national computing cluster.",
        {("Nordic Grid Institute", "produced", "Vektorgrid", "2004")},
        set(),
    ),
    (
        "Lumio Labs, the company behind the sleep-tracking app Dozy, has raised $20 million.",
        {("Lumio Labs", "produced", "Dozy", None)},
        set(),
    ),
    (
        "Orbital Systems acquired Quillsoft Inc., the developer of the Jotter app, in 2019.",
        {
            ("Quillsoft Inc", "produced", "Jotter app", None),
            ("Quillsoft Inc", "part_of", "Orbital Systems", "2019"),
        },
        set(),
    ),
    # products too general to count, and a retailer's goods
    (
        "Helix Corp. produces more than 2,000 types of products and sells electronics, toys and clothes.",
        set(),
        {("Helix Corp", "produced", "types of products"), ("Helix Corp", "produced", "toys")},
    ),
    (
        "Helix Corp. makes electronic and mechanical products.",
        {("Helix Corp", "produced", "electronic and mechanical products", None)},
        set(),
    ),
    # where a body came from: "on the basis of", "grew out of", "formerly known as", "founded as"
    (
        "The Nordic Robotics Institute was established in 1965 on the basis of the Vektor Computing "
        "Laboratory.",
        {("Vektor Computing Laboratory", "succeeded_by", "Nordic Robotics Institute", "1965")},
        set(),
    ),
    (
        "The Institute of Informatics grew out of the Computing Laboratory of Oslo University.",
        {("Computing Laboratory of Oslo University", "succeeded_by", "Institute of Informatics", None)},
        set(),
    ),
    (
        "Helix Corp., formerly known as Nordsoft, is based in Oslo.",
        {("Nordsoft", "succeeded_by", "Helix Corp", None)},
        set(),
    ),
    (
        "The Institute for Robotics, founded in 1957 as the Computing Centre of Oslo University, "
        "is based in Oslo.",
        {("Computing Centre of Oslo University", "succeeded_by", "Institute for Robotics", None)},
        set(),
    ),
    # "founded as" a description is no predecessor
    (
        "Quillsoft Inc. was founded in 2005 as a small outsourcing company.",
        set(),
        {("small outsourcing company", "succeeded_by", "Quillsoft Inc")},
    ),
    # a named policy signed "on Thursday" in a dated news item; a policy taking effect
    (
        'Prime Minister Anna Berg on Tuesday signed Decree No. 47 "On Open Data", a set of rules for '
        "state registers.",
        {
            ("Decree No. 47", "founded", "", None),
            ("Decree No. 47", "established_by", "Anna Berg", None),
        },
        set(),
    ),
    (
        "The Digital Services Act took effect in March 2021.",
        {("Digital Services Act", "founded", "", "2021")},
        set(),
    ),
    # created by an act of a body: the body, not the act
    (
        "The Vektor Computer Plant was created by a resolution of the Council of Ministers of "
        "Norway of 12 May 1956.",
        {
            ("Vektor Computer Plant", "founded", "", "1956"),
            ("Vektor Computer Plant", "established_by", "Council of Ministers of Norway", "1956"),
        },
        {("Vektor Computer Plant", "established_by", "resolution")},
    ),
    # "formed the core of Y" is a part of Y, not a founding
    (
        "The Vektor Computer Plant was founded in 1956. Since the 1970s it has formed the core of "
        "the Nordic Production Association of Computing Equipment (NPACE).",
        {
            (
                "Vektor Computer Plant",
                "part_of",
                "Nordic Production Association of Computing Equipment",
                "1970",
            )
        },
        {("core", "founded_by", "Vektor Computer Plant")},
    ),
    # a unit that split off as an independent body; a conversion into a named company
    (
        "A special design bureau attached to the Vektor Plant designed its machines; in the early "
        "1970s the bureau became an independent body, the Oslo Research Institute of Computers "
        "(ORIC), with Lars Olsen as its first director.",
        {
            ("bureau", "succeeded_by", "Oslo Research Institute of Computers", "1970"),
            ("Oslo Research Institute of Computers", "founded", "", "1970"),
        },
        {("Vektor Plant", "succeeded_by", "Oslo Research Institute of Computers")},
    ),
    (
        "Nordic Computing Association turned to personal computers in the 1990s. It was later turned "
        "into an open joint-stock company, OJSC NCA, which makes electronic products.",
        {("Nordic Computing Association", "succeeded_by", "OJSC NCA", None)},
        set(),
    ),
    # the same body under a new status is no successor
    (
        "Quillsoft Inc. was founded in 1990. In 1996 the company became a public company, Quillsoft "
        "Holdings.",
        set(),
        {("Quillsoft Inc", "succeeded_by", "Quillsoft Holdings")},
    ),
    # a "Products" heading over a bullet list: the text's organisation made each item
    (
        "Vektor Computer Plant\n\nThe Vektor Computer Plant was a maker of computers in Norway. "
        "The Vektor Computer Plant was founded in 1956.\n\nProducts\n\n"
        "- Vektor-1 (1960): a vacuum-tube machine, the plant's first product\n"
        "- Vektor-2 (1962) and Vektor-22 (1965): transistor machines\n"
        "- VS-1020 and VS-1022: the first models of the series, made from the early 1970s\n",
        {
            ("Vektor Computer Plant", "produced", "Vektor-1", "1960"),
            ("Vektor Computer Plant", "produced", "Vektor-22", "1965"),
            ("Vektor Computer Plant", "produced", "VS-1022", "1970"),
        },
        {("Vektor Computer Plant", "produced", "Vektor-1 (1960)")},
    ),
    # "other products include A, for X, and B"; "best known for Y, a system"
    (
        "Helix Corp. is a software company. It is best known for Wialon, a fleet-management system "
        "used by transport firms. Other products include NimBus, for public transport, and "
        "Hecterra, for agriculture.",
        {
            ("Helix Corp", "produced", "Wialon", None),
            ("Helix Corp", "produced", "NimBus", None),
            ("Helix Corp", "produced", "Hecterra", None),
        },
        set(),
    ),
    # new residents of a park, and the largest employers in it
    (
        "Nordic Tech Park was created in 2005 in Oslo. Nordic Tech Park has 700 residents. During "
        "2019 Nordic Tech Park registered 312 new residents. Among the newcomers were Kvist "
        "Robotics, a Bergen-based maker of warehouse robots, and Dalvik Labs, which develops "
        "software for hospitals. The largest employers in Nordic Tech Park are outsourcing firms "
        "such as Helix Corp. and Vantage Labs. The largest companies in Norway are Equinor and Telenor.",
        {
            ("Kvist Robotics", "part_of", "Nordic Tech Park", "2019"),
            ("Dalvik Labs", "part_of", "Nordic Tech Park", "2019"),
            ("Helix Corp", "part_of", "Nordic Tech Park", None),
            ("Vantage Labs", "part_of", "Nordic Tech Park", None),
        },
        {("Bergen", "part_of", "Nordic Tech Park"), ("Equinor", "part_of", "Norway")},
    ),
    # "machines of the X family": the named family; a later object takes its own time
    (
        "The Vektor Computer Plant was founded in 1956. It built the Vektor-1 in the 1950s and, from "
        "the 1970s, machines of the IBM System/360, the Nordic family of mainframes.",
        {
            ("Vektor Computer Plant", "produced", "IBM System/360", "1970"),
            ("Vektor Computer Plant", "produced", "Vektor-1", "1950"),
        },
        {
            ("Vektor Computer Plant", "produced", "machines"),
            ("Vektor Computer Plant", "produced", "Nordic family of mainframes"),
        },
    ),
    # units listed after "made up of": a parse that glues later names to the subject
    (
        "Nordhavn University of Technology was founded in 1950. Today the university is made up "
        "of nine faculties, including the Faculty of Computer Systems and Networks, the Faculty of "
        "Information Technologies and Control and the Faculty of Infocommunications.",
        {
            (
                "Faculty of Computer Systems and Networks",
                "part_of",
                "Nordhavn University of Technology",
                None,
            ),
            ("Faculty of Infocommunications", "part_of", "Nordhavn University of Technology", None),
        },
        {
            (
                "Faculty of Computer Systems and Networks",
                "part_of",
                "Faculty of Information Technologies and Control",
            )
        },
    ),
    # investors: a stake taken in a company, investors named in a copula, a round's leader
    (
        "Nordic Bolt took a 20% stake in Kestrel Robotics in 2018.",
        {("Nordic Bolt", "invested_in", "Kestrel Robotics", "2018")},
        set(),
    ),
    (
        "Arvo Labs and Tamm Group became investors in Kestrel Robotics.",
        {
            ("Arvo Labs", "invested_in", "Kestrel Robotics", None),
            ("Tamm Group", "invested_in", "Kestrel Robotics", None),
        },
        set(),
    ),
    (
        "Kestrel Robotics raised a $5 million seed round led by Baltic Ventures in 2019.",
        {("Baltic Ventures", "invested_in", "Kestrel Robotics", "2019")},
        set(),
    ),
    # "the only investor in Y, the fund X, which bought a stake in 2019": X hangs on Y
    (
        "The only outside investor in Kestrel Robotics, the Malta-registered fund Gray Harbour Capital, "
        "which bought a 12% stake in 2017, will sell its shares.",
        {("Gray Harbour Capital", "invested_in", "Kestrel Robotics", "2017")},
        set(),
    ),
    # a stake paid for in a deal names no company it is in
    (
        "Nordic Bolt will pay $30 million for an 80% stake.",
        set(),
        {("Nordic Bolt", "invested_in", "Nordic Bolt")},
    ),
    # study: "studied at", "graduated from", "completed an MBA at"
    (
        "Jonas Berg studied at the Warsaw University of Technology from 2001 to 2006.",
        {("Jonas Berg", "part_of", "Warsaw University of Technology", "2001")},
        set(),
    ),
    (
        "Jonas Berg graduated from Uppsala University in 1999, and in 2004 he completed an MBA at "
        "the Copenhagen Business School.",
        {
            ("Jonas Berg", "part_of", "Uppsala University", "1999"),
            ("Jonas Berg", "part_of", "Copenhagen Business School", "2004"),
        },
        set(),
    ),
    # a university that trains engineers is no student of anything
    (
        "Nordhavn University of Technology trains engineers at its campus in Aalborg University.",
        set(),
        {("Nordhavn University of Technology", "part_of", "Aalborg University")},
    ),
    # advisers in a deal; an unnamed party is no deal
    (
        "Lindqvist Partners, a Riga-based law firm, advised Kestrel Robotics on the sale.",
        {("Lindqvist Partners", "partnered_with", "Kestrel Robotics", None)},
        set(),
    ),
    (
        "The academy advises the government on science policy.",
        set(),
        {("academy", "partnered_with", "government"), ("Academy", "partnered_with", "Government")},
    ),
    # without a first-person page, anonymous partners have no owner
    (
        "Nordhavn University of Technology was founded in 1950. Its labs were furnished by partners "
        "such as Nokia and Siemens.",
        set(),
        {("Siemens", "partnered_with", "Nokia")},
    ),
    # "launched X, a back-end platform": the description is not a second thing founded
    (
        "Kestrel is a Minsk software company. In 2017 Kestrel launched telmo, a back-end platform for "
        "telematics.",
        {("telmo", "founded_by", "Kestrel", "2017")},
        {("back-end platform", "founded_by", "Kestrel"), ("back-end platform", "founded", "")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "unwanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_link_shapes(
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


def test_weekday_in_dated_news(reader: Any) -> None:
    """ "on Tuesday" in a news item dated Friday 14 June 2019 is Tuesday 11 June."""
    import datetime as dt

    text = 'Prime Minister Anna Berg on Tuesday signed Decree No. 47 "On Open Data".'
    found = claims(reader.read(DocumentInput(text, title="t", date=dt.date(2019, 6, 14))))
    assert any(f[1] == "established_by" and f[2].endswith("Anna Berg") and f[3] == "2019" for f in found), (
        found
    )
    times = {
        c.time.start
        for c in reader.read(DocumentInput(text, title="t", date=dt.date(2019, 6, 14))).claims
        if c.predicate == "founded" and c.time
    }
    assert times == {"2019-06-11"}


def test_round_and_deal_in_dated_news(reader: Any) -> None:
    """A dated news item's "has raised ... in a round led by X" and "has agreed to buy Y" happen
    when the item is published."""
    import datetime as dt

    text = (
        "Kestrel Robotics, a drone maker, has raised $20 million in a Series B round led by the venture "
        "firm Northstar Capital. Fjordline Group has agreed to buy Tamm Group, the two companies said."
    )
    found = claims(reader.read(DocumentInput(text, title="t", date=dt.date(2024, 3, 12))))
    assert ("Northstar Capital", "invested_in", "Kestrel Robotics", "2024") in found, found
    assert ("Tamm Group", "part_of", "Fjordline Group", "2024") in found, found
