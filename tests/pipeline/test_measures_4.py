"""Measure owners, times and values in news shapes: sentence in, measure claims out.

The sentences are the team's own, about invented organisations and places, written for the
general rules of ``kronika.pipeline.measures`` and its helpers: a possessive pronoun whose
context answer is a common noun, a time that dates another quantity's earlier value, changes
by a hedged fraction, members of a park rather than of the act that made it, lists of places
with a figure each. None is taken from the test texts. A case lists the claims it must produce
as (subject name ending, a word of the measure, amount, year of the time: None when any time
will do, "none" when it must have none), and may list (subject, amount) pairs it must not make.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import claim_tables
import pytest
from claim_tables import Want, matching, measures_of

from kronika.models import DocumentAnalysis
from kronika.pipeline.reader import DocumentInput


def read(reader: Any, text: str) -> DocumentAnalysis:
    return claim_tables.read(reader, text, date=dt.date(2023, 6, 1))


CASES: list[tuple[str, list[Want], list[tuple[str, float]]]] = [
    # "its" whose context answer is a common noun ("the reforms") stands for the named park; a
    # time after an earlier value ("from $1.5 billion a year earlier") dates that value only
    (
        "The reforms come after a hard year for the Orion Technology Park. Its residents' exports fell to "
        "about $1.2 billion in 2022, from roughly $1.5 billion a year earlier, and the number of people "
        "they employ dropped by about a fifth, to some 31,000.",
        [
            Want("Orion Technology Park", "export", 1.2e9, "2022"),
            Want("Orion Technology Park", "export", 1.5e9, "2021"),
            Want("Orion Technology Park", "employees_decline", 20, "2022"),
            Want("Orion Technology Park", "employees", 31000, "2022"),
        ],
        [("reforms", 31000)],
    ),
    # places with a figure each: "respectively", "X follows with N", "Y, with N, trails"; a part of
    # a count ("7 of the park's 160 residents") however small; "or about 9%" is the count's share;
    # undated figures that break down the count just given hold at its time
    (
        "At the end of 2018 only 7 of the Orion Technology Park's roughly 160 residents were registered "
        "outside Kyiv. By the end of 2022 the figure had risen to 95 out of 1,010, or about 9%. "
        "Lviv and Kharkiv, with 31 and 24 residents respectively, together account for more than "
        "half of the regional companies. Odesa follows with 17 and Dnipro with 15; Vinnytsia, with 8, "
        "trails the other towns.",
        [
            Want("Orion Technology Park", "residents", 7, "2018"),
            Want("Orion Technology Park", "share", 9, "2022"),
            Want("Lviv", "residents", 31, "2022"),
            Want("Kharkiv", "residents", 24, "2022"),
            Want("Odesa", "residents", 17, "2022"),
            Want("Dnipro", "residents", 15, "2022"),
            Want("Vinnytsia", "residents", 8, "2022"),
        ],
        [("lviv", 24)],
    ),
    # a named place's share of a whole, and the places after it "with N% each"
    (
        "Kyiv accounts for about 70% of all software jobs, followed by Lviv and Kharkiv with about 8% "
        "each, and Odesa with less than 5%.",
        [
            Want("Kyiv", "share", 70),
            Want("Lviv", "share", 8),
            Want("Kharkiv", "share", 8),
            Want("Odesa", "share", 5),
        ],
        [("software jobs", 70)],
    ),
    # "with" after an object is the verb's company, not the object's figure
    (
        "The firm employs about 300 people. In 2004 she co-founded Bytewell with two classmates.",
        [],
        [("bytewell", 2)],
    ),
    # counted subjects using "its product" are the owner's users; a workforce "of N" is employees
    (
        "Bytewell makes route-planning software. More than 300 hauliers in 25 countries use its platform.",
        [Want("Bytewell", "users", 300), Want("Bytewell", "countries", 25)],
        [("hauliers", 300)],
    ),
    (
        "Bytewell was founded in Tartu in 2009. By 2016 the company said that more than 2,000 teams in "
        "Europe were using its tool.",
        [Want("Bytewell", "users", 2000, "2016")],
        [],
    ),
    (
        "Orava Tech Park residents employed 5,000 people in 2021, less than a tenth of the Orava Tech "
        "Park's workforce of about 61,000.",
        [Want("Orava Tech Park", "employees", 61000, "2021")],
        [],
    ),
    # "in which the state held N% of the shares": a stake in the antecedent; "it then employed":
    # the sentence's time
    (
        "In March 2004 the plant was turned into a joint-stock company, Bytewell Holding, in which the "
        "state held 75% of the shares; it then employed about 3,000 people.",
        [Want("Bytewell Holding", "stake", 75, "2004"), Want("Bytewell Holding", "employees", 3000, "2004")],
        [("shares", 75)],
    ),
    # a scare-quoted word is no quotation: a present-tense valuation holds at publication
    (
        "Kestrel Labs raised $90 million. The deal values the company at more than $1 billion, making it "
        'the region\'s first "unicorn".',
        [Want("Kestrel Labs", "valuation", 1e9, "2023")],
        [],
    ),
    # "over the next two years" counts on from the publication
    (
        "Kestrel Labs expects to invest about $4 million in the new office over the next two years.",
        [Want("Kestrel Labs", "invest", 4e6)],
        [],
    ),
    # "a rise of about 146%" after a figure and its earlier value: the change, at the figure's time
    (
        "Companies registered with Kestrel Park exported services worth $250 million in 2022, against "
        "$100 million a year earlier, a rise of about 150%.",
        [Want("Kestrel Park", "exports_growth", 150, "2022")],
        [],
    ),
    # "grew by half" is 50%; the members counted are the park's
    (
        "Kestrel Park admitted 300 new residents in 2022. The number of exporting residents grew by half, "
        "to 420.",
        [Want("Kestrel Park", "growth", 50), Want("Kestrel Park", "residents", 420)],
        [],
    ),
    # a change's base does not go on to a number with a subject of its own
    (
        "Kestrel Park exports jump by nearly half as residents pass 750",
        [],
        [("kestrel park", 750)],
    ),
    # a levy in the terms "for residents" is the park's, not the body named before it; "Orava
    # residents" read as one group still names the park
    (
        "Decree No. 14 reorganised the Orava Technology Park. The Orava Council, the body that has run "
        "it since 2006, is to be merged into a new secretariat. The tax terms for residents remain "
        "unchanged, including the levy of 1% of revenue. Lawyers advise about 40 Orava Technology Park "
        "residents.",
        [Want("Orava Technology Park", "levy", 1)],
        [("orava council", 1), ("decree no. 14", 1)],
    ),
    # a pronoun that spends money right after another figure is the spender; a community "of N
    # developers" using its tools is the owner's; offices "in 20 countries"
    (
        "Bytewell moved its head office to Riga. Some 180 employees have relocated. The company says it "
        "spent roughly €3.5 million on the move.",
        [Want("Bytewell", "employees", 180), Want("Bytewell", "spending", 3.5e6)],
        [],
    ),
    (
        "Bytewell was bought by Kestrel Labs in 2015. At the time, Bytewell's tools were used by a "
        "community of some 900,000 developers.",
        [Want("Bytewell", "developers", 900000, "2015")],
        [],
    ),
    (
        "Bytewell has development and delivery centres in more than 15 countries.",
        [Want("Bytewell", "countries", 15)],
        [],
    ),
    # "a third of them" after the previous sentence's count: that count's owner's share
    (
        "Bytewell makes route-planning software. The company now has about 150 employees. Roughly a "
        "third of them still work in Tartu.",
        [Want("Bytewell", "share", 33.33)],
        [("employees", 33.333333)],
    ),
    # "three in four", "four out of five": shares like "one in five"
    (
        "About three in four new companies registered in Armenia in 2022 were founded by Russians.",
        [Want("new companies", "share", 75)],
        [],
    ),
    (
        "Four out of five residents of the Orava Technology Park export software.",
        [Want("residents", "share", 80)],
        [],
    ),
    # a headline's rounded change is left to the body's figure
    (
        "Kestrel Park exports jump by nearly half\n\nKestrel Park exports grew by 45% in 2023.",
        [Want("Kestrel Park", "exports_growth", 45, "2023")],
        [("kestrel park", 50)],
    ),
    # "for its first twelve years" is a stretch of time, not a period measured
    (
        "For its first twelve years the Orava Technology Park was, in practice, a Tartu address.",
        [],
        [("orava technology park", 12)],
    ),
    # the members of a park, not of the legal act that reformed it
    (
        "Decree No. 14 on the Orion Technology Park took effect in May. The decree keeps the tax terms "
        "for Orion Technology Park residents. The number of residents, at just over 900, has barely "
        "changed.",
        [Want("Orion Technology Park", "residents", 900)],
        [("decree no. 14", 900)],
    ),
]


REPORT_TEXT = (
    "Kestrel Park: residents' exports climb to $310 million\n\n"
    "KISHINEV – Companies registered with Kestrel Park, Moldova's technology park, exported services "
    "worth $310 million in 2023, against $150 million a year earlier.\n\n"
    "Where the money comes from\n\n"
    "- outsourcing: 61% of exports\n"
    "- software products: 24%\n\n"
    "Clients in Germany bought $120 million worth of services, followed by Romania with $60 million.\n\n"
    "Kestrel Park employs about 9,000 people."
)


@pytest.mark.parametrize(
    "want",
    [
        # list items and undated past-tense figures of a dated report hold in its lead's year
        Want("Kestrel Park", "share", 61, "2023"),
        Want("Kestrel Park", "share", 24, "2023"),
        Want("Kestrel Park", "export", 120e6, "2023"),
        # a present-tense one still holds when the item was published
        Want("Kestrel Park", "employ", 9000, "2024"),
    ],
    ids=lambda w: f"{w.measure}-{w.amount}",
)
def test_report_period(reader: Any, want: Want) -> None:
    analysis = reader.read(DocumentInput(REPORT_TEXT, title="t", date=dt.date(2024, 2, 2)))
    assert matching(analysis, want), measures_of(analysis)


# -- lists, rates, physical quantities, ages, ratios and a study's period ------------------------
# (measure_lists.py and the study period of measure_owners.py; the team's own sentences)

SHAPE_CASES: list[tuple[str, list[Want], list[tuple[str, float]]]] = [
    # a study-period statement dates the undated figures after it; a list of names with a figure
    # in parentheses each goes on with the measure just given
    (
        "We compared the furniture industry in four countries for 2022. Hungary leads with about "
        "41,000 workers, then Slovakia (17,000), Slovenia (8,000) and Croatia (5,500).",
        [
            Want("Hungary", "workers", 41000, "2022"),
            Want("Slovakia", "workers", 17000, "2022"),
            Want("Slovenia", "workers", 8000, "2022"),
            Want("Croatia", "workers", 5500, "2022"),
        ],
        [("hungary", 17000)],
    ),
    # a density "per 1,000 inhabitants" is one measure (the 1,000 is its base); "twice X's N"
    # gives X the figure and the first owner the ratio; "Y, at N," and "Z (N)" go on with it
    (
        "We looked at data for 2021. Slovenia has the highest density, about 4.4 firms per 1,000 "
        "inhabitants, twice Croatia's 2.2. Hungary (3.1) is in the middle, and Slovakia, at 2.6, "
        "comes next.",
        [
            Want("Slovenia", "per_1000_inhabitants", 4.4, "2021"),
            Want("Croatia", "per_1000_inhabitants", 2.2, "2021"),
            Want("Hungary", "per_1000_inhabitants", 3.1, "2021"),
            Want("Slovakia", "per_1000_inhabitants", 2.6, "2021"),
            Want("Slovenia", "ratio", 2),
        ],
        [("slovenia", 1000)],
    ),
    # values after a measure noun, each "in" a place; "N times as much" is the ratio of the last
    (
        "Average monthly rent ranged from about $400 in Brno to $1,300 in Prague, more than three "
        "times as much. Ostrava ($350) was the cheapest.",
        [
            Want("Brno", "rent", 400),
            Want("Prague", "rent", 1300),
            Want("Prague", "ratio", 3),
            Want("Ostrava", "rent", 350),
        ],
        [],
    ),
    # a share list: "with X at N%", and a name described by an apposition before "at"
    (
        "In Romania, Bucharest's share of tech jobs is 52%, with Cluj-Napoca at 18% and Iasi, home of "
        "a large software campus, at 9%.",
        [Want("Cluj-Napoca", "share", 18), Want("Iași", "share", 9)],
        [("bucharest", 18), ("bucharest", 9)],
    ),
    # "two and a half times as much"
    (
        "Average monthly pay ranged from about $900 in Varna to $2,300 in Sofia, nearly two and a half "
        "times as much.",
        [Want("Sofia", "ratio", 2.5), Want("Varna", "pay", 900)],
        [],
    ),
    # physical specifications: a device's weight, a rate "a minute", a site in hectares, floor
    # space in square metres
    (
        "The Tvel Works occupies a site of 18 hectares, with about 60,000 square metres of floor "
        "space. Its first product, the ZR-5 card punch, appeared in 1971; the device weighed 95 kg. "
        "The later ZR-9, a machine of some 300 kg that punched up to 600 cards a minute, followed "
        "in 1976.",
        [
            Want("Tvel Works", "hectare", 18),
            Want("Tvel Works", "area", 60000),
            Want("ZR-5", "weight", 95),
            Want("ZR-9", "weight", 300),
            Want("ZR-9", "minute", 600),
        ],
        [("tvel works", 95)],
    ),
    # an age at death
    (
        "Anton Lisowski founded the Gdynia Signal Works in 1956. He died in Sopot in 1999, aged 77.",
        [Want("Anton Lisowski", "age", 77, "1999")],
        [],
    ),
    # a figure in two currencies is one claim per amount, same owner, measure and time; a price
    # hung on the bought company's apposition is still the deal's
    (
        "Norvik Systems said that it had agreed to buy Tallow, a design studio in Brno, for "
        "€4.2 million ($4.6 million).",
        [Want("Tallow", "price", 4.2e6, "2023"), Want("Tallow", "price", 4.6e6, "2023")],
        [],
    ),
    (
        "In 2019 Kestrel Foods sold its bakery unit to Ardent Holdings for PLN 30 million (then about "
        "$7.8 million).",
        [Want("Kestrel Foods", "sale", 30e6, "2019"), Want("Kestrel Foods", "sale", 7.8e6, "2019")],
        [],
    ),
    # a passive sale of something unnamed is the buyer's price
    (
        "In 2018 a block of shares was sold to the investment fund Halberd Capital for CZK 90 million "
        "(then about $4.1 million).",
        [Want("Halberd Capital", "price", 90e6, "2018"), Want("Halberd Capital", "price", 4.1e6, "2018")],
        [],
    ),
    # conjoined counts share the owner, each named by its own noun; a distance "from" a place
    (
        "The Gabrovo Technical College has 1,400 students and 90 teachers. Its workshop produces "
        "up to 2,000 castings a year and is 15 km from the town.",
        [
            Want("Gabrovo Technical College", "students", 1400),
            Want("Gabrovo Technical College", "teachers", 90),
            Want("Gabrovo Technical College", "distance", 15),
        ],
        [],
    ),
    # "their number" goes on with the count just given; floor space a building was rebuilt into
    (
        "The Varna Tech Hub opened with 14 resident companies in 2015. Their number rose to 26 by "
        "2020. Its old warehouse was rebuilt into 4,800 square metres of offices.",
        [
            Want("Varna Tech Hub", "resident", 26, "2020"),
            Want("Varna Tech Hub", "area", 4800),
        ],
        [],
    ),
    # a count inside an apposition describing a named organisation is its own
    (
        "The Moravian Software Association, a lobby group of about 70 firms, welcomed the law.",
        [Want("Moravian Software Association", "firms", 70)],
        [],
    ),
    # a change over time is no ratio between owners
    (
        "Slovakia's software exports reached $2.1 billion in 2022, more than three times their 2012 level.",
        [Want("Slovakia", "export", 2.1e9, "2022")],
        [("slovakia", 3)],
    ),
]


@pytest.mark.parametrize(
    ("text", "wants", "nots"), CASES + SHAPE_CASES, ids=[c[0][:40] for c in CASES + SHAPE_CASES]
)
def test_measures(reader: Any, text: str, wants: list[Want], nots: list[tuple[str, float]]) -> None:
    analysis = read(reader, text)
    found = measures_of(analysis)
    for want in wants:
        assert matching(analysis, want), (want, found)
    for subject, amount in nots:
        assert not [m for m in found if m[0].lower() == subject and m[2] == amount], found
