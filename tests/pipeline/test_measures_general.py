"""Measure shapes of encyclopedia entries, news items and "about us" pages: sentence in, claims out.

The sentences are the team's own, about invented or other organisations and places, written for
the general rules in ``kronika.pipeline.measures`` and its helpers (list items under a heading,
members of a regime, relative times, changes named by a noun). None is taken from the test texts.
A case lists the claims it must produce as (subject name ending, a word of the measure, amount,
year of the time: None when any time will do, "none" when it must have none).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from claim_tables import Want, matching, measures_of, read

from kronika.pipeline.reader import DocumentInput
from kronika.pipeline.timex import find_times

CASES: list[tuple[str, list[Want]]] = [
    # a list of figures under a heading that names the organisation
    (
        "About Norvik\n\nNorvik University is a research university in Tartu.\n\nNorvik in numbers\n\n"
        "- about 12,000 students, more than 1,500 of them international students from some 80 countries\n"
        "- roughly 2,400 employees, about half of them academic staff\n"
        "- 5 schools, 2 regional colleges and 1 sea academy\n",
        [
            Want("Norvik University", "students", 12000),
            Want("Norvik University", "international_students", 1500),
            Want("Norvik University", "countries", 80),
            Want("Norvik University", "employees", 2400),
            Want("Norvik University", "share", 50),
            Want("Norvik University", "schools", 5),
            Want("Norvik University", "colleges", 2),
        ],
    ),
    # a lead-in with a generic member ("a company", "residents") stands for the regime discussed
    (
        "The Kestrel Programme is a special tax regime for software firms in Moldova. It opened in "
        "2019.\n\nTo join the Kestrel Programme, a company needs:\n\n"
        "- at least twelve specialists;\n"
        "- an average monthly salary of at least €1,500;\n"
        "- at least 80% of its income from software.\n\n"
        "In return, residents get:\n\n"
        "- corporate income tax of 6% instead of the usual 12%;\n"
        "- a social contribution of 18%.\n",
        [
            Want("Kestrel Programme", "specialists", 12),
            Want("Kestrel Programme", "salary", 1500),
            Want("Kestrel Programme", "share_of_income", 80),
            Want("Kestrel Programme", "corporate_income_tax_rate", 6),
            Want("Kestrel Programme", "social_contribution_rate", 18),
        ],
    ),
    # a label and a percent in a list: the share of what the label names
    (
        "Brightwave Labs is a software company in Riga.\n\nBrightwave Labs revenue by line:\n\n"
        "- consulting: 40% of revenue\n- licences: 35%\n",
        [Want("Brightwave Labs", "share_consulting", 40), Want("Brightwave Labs", "share_licences", 35)],
    ),
    # companies registered with a park are its residents; "a year earlier" counts from the clause's year
    (
        "Companies registered with Nordic Digital Hub exported $210 million of services in 2022, "
        "against $150 million a year earlier.",
        [
            Want("Nordic Digital Hub", "exports", 210_000_000, "2022"),
            Want("Nordic Digital Hub", "exports", 150_000_000, "2021"),
        ],
    ),
    # residents without an owner of their own are the park's; a count after "compared with" in
    # a time continues the count; parts of a count ("890 of them", "some 400") are its owner's,
    # named by what they do, at the count's time
    (
        "Baltic Code Park admitted 600 new residents in 2021, while 210 applications were rejected. "
        "That left 1,400 residents at the end of December 2021, compared with fewer than 900 twelve "
        "months earlier. Roughly 700 of them sell IT services and some 300 develop their own products.",
        [
            Want("Baltic Code Park", "residents", 600, "2021"),
            Want("Baltic Code Park", "applications", 210, "2021"),
            Want("Baltic Code Park", "residents", 1400, "2021"),
            Want("Baltic Code Park", "residents", 900, "2020"),
            Want("Baltic Code Park", "sell_it_services", 700, "2021"),
            Want("Baltic Code Park", "develop", 300, "2021"),
        ],
    ),
    # a forecast through a raising verb: "is forecast to exceed ... by the end of 2026"
    (
        "Baltic Code Park admitted 600 new residents in 2021. The number of residents is forecast to "
        "exceed 2,000 by the end of 2026.",
        [Want("Baltic Code Park", "residents", 2000, "2026")],
    ),
    # "dozens" is read as at least 12, as "thousands" is at least 1,000
    (
        "Harbour Robotics is a Tallinn company. Harbour Robotics has opened dozens of offices.",
        [Want("Harbour Robotics", "offices", 12)],
    ),
    # "X research has given rise to dozens of start-ups": X's start-ups
    (
        "Norvik University is a research university in Tartu. Norvik University research has "
        "given rise to dozens of start-ups.",
        [Want("Norvik University", "start_ups", 12)],
    ),
    # "the country's" exports are those of the country the text is about, not the last one named
    (
        "Moldova's software sector grew fast in 2022, with advice from consultants in India. Under a "
        "new strategy, the country's IT exports are expected to reach $2 billion by 2030.",
        [Want("Moldova", "exports", 2_000_000_000, "2030")],
    ),
    # a bare month takes the year named earlier in the same sentence
    (
        "The Riga Founders Network passed 300 members in the spring of 2021, and by October it "
        "counted about 420.",
        [Want("Riga Founders Network", "members", 420, "2021")],
    ),
    # a change given as a comparison with the measure just named, at that measure's time
    (
        "Northwind Labs earned $40 million in 2019. That is nearly 45% more than in 2018.",
        [Want("Northwind Labs", "growth", 45, "2019")],
    ),
    (
        "Harbour Soft's revenue reached $8 million in 2021, 30 percent higher than a year earlier.",
        [
            Want("Harbour Soft", "revenue_growth", 30, "2021"),
            Want("Harbour Soft", "revenue", 8_000_000, "2021"),
        ],
    ),
    (
        "Kestrel Data had 900 staff in 2022, 150 more than a year before.",
        [Want("Kestrel Data", "staff_growth", 150, "2022")],
    ),
    (
        "Bluefin Systems's revenue was $5 million in 2020. The figure is 20% lower than in 2021.",
        [Want("Bluefin Systems", "decline", 20, "2020")],
    ),
    # a market's share of an exporter's exports is the exporter's, named by the market
    (
        "Northwind Labs exported services worth $400 million in 2019. Europe remained the largest "
        "market, taking about 49% of exports.",
        [
            Want("Northwind Labs", "share_of_exports_europe", 49),
            Want("Northwind Labs", "exports", 4e8, "2019"),
        ],
    ),
    # a news dateline is not an owner; "worth" takes the verb it hangs on, not the reporting verb
    (
        "RIGA – Companies registered in the Baltic Digital Zone exported goods worth about $1.2 billion "
        "in 2021, the zone's administration said on Monday.",
        [Want("Baltic Digital Zone", "exports", 1_200_000_000, "2021")],
    ),
    # bare "residents" are the park's; "their employees" are the residents'; an exemption is 0%
    (
        "The Orava Tech Park was set up in 2005. Residents pay a levy of 1% of their revenue and are exempt "
        "from value added tax, while their employees' salaries are taxed at 9%.",
        [
            Want("Orava Tech Park", "revenue", 1),
            Want("Orava Tech Park", "value_added_tax", 0),
            Want("Orava Tech Park", "salaries", 9),
        ],
    ),
    # "the institute" is the latest named "Institute of ...", not the academy above it
    (
        "The National Academy of Sciences of Estonia was founded in 1938. In 1957 the Institute of "
        "Cybernetics was set up in Tallinn. By 1970 the institute employed 600 people.",
        [Want("Institute of Cybernetics", "employees", 600, "1970")],
    ),
    # "at the end of the year" is the end of the year the text is about
    (
        "In 2019 the Orava Institute grew fast. It employed more than 800 people at the end of the year.",
        [Want("Orava Institute", "employees", 800, "2019")],
    ),
    # "worth" hung on the reporting verb: the measure verb before the goods
    (
        "Firms registered in the Kaunas Tech Zone exported goods and services worth $410 million in 2020, "
        "the zone said on Friday.",
        [Want("Kaunas Tech Zone", "exports", 410_000_000, "2020")],
    ),
    # "made up of" counts parts; "taught by" lecturers of the same owner, and a share of them
    (
        "The Varna Technical University was founded in 1960. Today the university is made up of seven "
        "faculties. About 9,000 students study at the Varna Technical University, and they are taught by "
        "some 700 lecturers, over half of whom hold a doctoral degree.",
        [
            Want("Varna Technical University", "faculties", 7),
            Want("Varna Technical University", "lecturers", 700),
            Want("Varna Technical University", "share_hold", 50),
        ],
    ),
    # people working in "its institutes", units operating "on our premises"
    (
        "The Academy of Sciences of Moldova was founded in 1961. Around 2,200 people work in its institutes, "
        "roughly 900 of them researchers. More than 40 joint laboratories operate on our premises.",
        [
            Want("Academy of Sciences of Moldova", "employees", 2200),
            Want("Academy of Sciences of Moldova", "researchers", 900),
            Want("Academy of Sciences of Moldova", "laboratories", 40),
        ],
    ),
    # a market's share, then the next markets' ("followed by X with N%", "Y accounted for N%")
    (
        "Companies registered in the Baltic Digital Zone exported services worth $800 million in 2021. "
        "Germany remained the largest market, taking about 38% of exports, followed by France with 21%. "
        "The countries of the Nordic Council accounted for around 9%.",
        [
            Want("Baltic Digital Zone", "share_of_exports_germany", 38),
            Want("Baltic Digital Zone", "share_of_exports_france", 21),
            Want("Baltic Digital Zone", "share_of_exports", 9),
        ],
    ),
    # buyers in a market bought the exporter's exports; "followed by X with $N"
    (
        "Companies registered with the Orava Tech Park exported services worth $300 million in 2022. "
        "Clients in Germany bought $120 million worth of services, followed by France with $70 million.",
        [
            Want("Orava Tech Park", "exports_germany", 120_000_000),
            Want("Orava Tech Park", "exports_france", 70_000_000),
        ],
    ),
    # "these firms" are the members just counted: the park's
    (
        "The Orava Tech Park admitted 200 new residents in 2022. The number of exporting residents grew "
        "to 310, and these firms alone employ more than 9,000 people.",
        [Want("Orava Tech Park", "employees", 9000)],
    ),
    # a multiple is a change: "doubled" is +100%, a forecast "within two years" ends two years on;
    # "the number of residents, now about 190" is the park's
    (
        "The Orava Tech Park was set up in 2005 in Riga.\n\nIts director expects "
        "the number of residents, now about 240, to at least double within two years. Rents in central "
        "Riga doubled. According to the Orava Tech Park administration, the number of residents working "
        "with tokens has tripled since 2015.",
        [
            Want("Orava Tech Park", "residents", 240),
            Want("Orava Tech Park", "residents_growth", 100),
            Want("Riga", "rents_growth", 100),
            Want("Orava Tech Park", "residents_growth", 200),
        ],
    ),
    # units of a product: "50 units were built" after "It was ...", "of which N were built" in a list item
    (
        "The Varna plant also made the Tundra II, a home computer. It was closely modeled on the Apple II, "
        "and only about 40 units were built, in 1983.",
        [Want("Tundra II", "units_built", 40, "1983")],
    ),
    (
        "The Varna plant made several computers.\n\n- Tundra II (1984): the last model of the series, of "
        "which nearly 900 were built\n",
        [Want("Tundra II", "units_built", 900)],
    ),
    # "down from N": the earlier value has no time unless its own phrase gives one; a time right
    # after an amount is its own ("from $5 million in 2019 to $9 million in 2021")
    (
        "The Orava Tech Park was set up in 2005. Its exports reached $900 million in 2022, down from "
        "$1.1 billion. Revenue grew from about $5 million in fiscal 2019 to about $9 million in the year "
        "to March 2021.",
        [
            Want("Orava Tech Park", "exports", 900_000_000, "2022"),
            Want("Orava Tech Park", "exports", 1_100_000_000, "none"),
            Want("Orava Tech Park", "revenue", 5_000_000, "2019"),
            Want("Orava Tech Park", "revenue", 9_000_000, "2021"),
        ],
    ),
    (
        "The Orava Tech Park was set up in 2005. Its staff grew from about 30 people in 2006 to roughly "
        "250 in 2016.",
        [Want("Orava Tech Park", "", 30, "2006"), Want("Orava Tech Park", "staff", 250, "2016")],
    ),
    # "their staff" after bare "residents" is the regime's
    (
        "The Orava Tech Park is a special legal regime for IT companies in Moldova. Since 2021 residents "
        "have been able to shield up to half of their draft-eligible staff from mobilisation.",
        [Want("Orava Tech Park", "staff", 50)],
    ),
    # bare employees are the organisation's; a fraction "of them" hung on the fraction word
    (
        "Kestrel Labs is a maker of route-planning software. Some 90 employees have moved from Chisinau "
        "to Bucharest since 2022. Kestrel Labs employs about 300 people, and more than two-thirds of them "
        "work in Romania.",
        [Want("Kestrel Labs", "employees", 90, "2022"), Want("Kestrel Labs", "share", 66.7)],
    ),
    # "between N and M people" did something in the country: the country's count, not the thing done
    (
        "Moldova has a growing software sector. At the close of 2021, between 25,000 and 30,000 people "
        "wrote software or ran IT projects in the country.",
        [Want("Moldova", "people", 25000, "2021")],
    ),
    # a building's room for people is its owner's capacity
    (
        "Kestrel Labs is a maker of route-planning software. Its new office in Bucharest has room for "
        "about 250 people.",
        [Want("Kestrel Labs", "capacity", 250)],
    ),
    # bare "Revenue" after a sentence about places is the company's, not a place's
    (
        "Kestrel Labs is a maker of route-planning software based in Chisinau. Its tools are used by "
        "over 200 carriers in Romania and Moldova. Revenue rose by 18% in 2020 to about $12 million.",
        [
            Want("Kestrel Labs", "revenue_growth", 18, "2020"),
            Want("Kestrel Labs", "revenue", 12000000, "2020"),
        ],
    ),
    # stakes: the buyer's, its price, and a remaining stake under an option
    (
        "Brightwater Holdings will pay $30 million for a 60% stake in Kestrel Labs and has an option "
        "to buy the remaining 40% by 2028.",
        [
            Want("Brightwater Holdings", "stake", 60),
            Want("Brightwater Holdings", "remaining_stake", 40, "2028"),
        ],
    ),
    (
        "The only outside investor, the fund Lumen Ventures, which acquired a 12% stake in 2017 for "
        "$2 million, will sell its shares.",
        [Want("Lumen Ventures", "stake", 12, "2017"), Want("Lumen Ventures", "stake_price", 2000000, "2017")],
    ),
]


@pytest.mark.parametrize(("text", "wanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_measure_shapes(reader: Any, text: str, wanted: list[Want]) -> None:
    analysis = read(reader, text)
    missing = [w for w in wanted if not matching(analysis, w)]
    assert not missing, f"missing {missing}; found {measures_of(analysis)}"


NOT_MEASURES: list[tuple[str, str]] = [
    # a small count of people is not a measure, even in a list
    ("Kestrel Labs was founded by two engineers in Chisinau.", "engineers"),
    # a street number is an address, not a count
    ("The Orava Institute is located at 24 Liberty Avenue in Kaunas.", "avenue"),
    # a small count of units needs an organisation to own it
    ("Teaching and research are organised in four schools.", "schools"),
    # a capitalised number word inside a name is not a count
    ("The Ten Thousand Coders project, launched together with Kestrel Labs, trains programmers.", "coders"),
]


@pytest.mark.parametrize(("text", "measure"), NOT_MEASURES, ids=[c[0][:40] for c in NOT_MEASURES])
def test_no_junk_measures(reader: Any, text: str, measure: str) -> None:
    found = measures_of(read(reader, text))
    assert not [m for m in found if measure in m[1]], found


TIMES: list[tuple[str, str, str]] = [
    ("revenue of $5 million in 2019, against $3 million a year earlier", "a year earlier", "2018"),
    ("it had 900 users in 2015 and 1,200 users twelve months later", "twelve months later", "2016"),
    ("opened in March 2010; a year later it moved", "a year later", "2011"),
]


@pytest.mark.parametrize(("text", "expr", "year"), TIMES)
def test_relative_time_counts_from_the_sentence(text: str, expr: str, year: str) -> None:
    found = {m.span.text: m.span for m in find_times(text)}
    assert expr in found, found
    assert found[expr].start is not None and found[expr].start[:4] == year


def test_forecast_multiple_ends_years_after_the_document(reader: Any) -> None:
    """ "now about 240" is the document's year; "to double within two years" ends two years on."""
    text = (
        "The Orava Tech Park was set up in 2005 in Riga. Its director expects the number of residents, "
        "now about 240, to at least double within two years."
    )
    analysis = reader.read(DocumentInput(text, title="t", date=dt.date(2017, 12, 22)))
    assert matching(analysis, Want("Orava Tech Park", "residents", 240, "2017")), measures_of(analysis)
    grow = matching(analysis, Want("Orava Tech Park", "residents_growth", 100, "2019"))
    assert grow and grow[0].time is not None and grow[0].time.start is None, measures_of(analysis)


PUBLISHED_CASES: list[tuple[str, Want]] = [
    # an undated present-tense statement in a dated item holds when it was published
    (
        "Kestrel Labs, which has about 450 employees, makes route-planning software.",
        Want("Kestrel Labs", "employ", 450, "2021"),
    ),
    ("Kestrel Labs employs some 450 people in Chisinau.", Want("Kestrel Labs", "employ", 450, "2021")),
    # a past-tense statement is not the publication's
    ("Kestrel Labs employed some 450 people in Chisinau.", Want("Kestrel Labs", "employ", 450, "none")),
    # a past clause's time beside a present one is not the present one's
    (
        "Kestrel Labs employs about 450 people, and its revenue grew by 12% last year.",
        Want("Kestrel Labs", "employ", 450, "2021"),
    ),
    (
        "Kestrel Labs, which was founded in 2009, has about 450 employees.",
        Want("Kestrel Labs", "employ", 450, "2021"),
    ),
    # "up from N a year earlier" dates N, not the count before it
    (
        "Kestrel Labs employs about 450 people, up from roughly 380 a year earlier.",
        Want("Kestrel Labs", "employ", 450, "2021"),
    ),
    # a statement with a time of its own keeps it
    (
        "Kestrel Labs employs some 450 people, up from 300 in 2019.",
        Want("Kestrel Labs", "employ", 300, "2019"),
    ),
]


@pytest.mark.parametrize(("text", "want"), PUBLISHED_CASES, ids=[c[0][:40] for c in PUBLISHED_CASES])
def test_present_tense_holds_at_publication(reader: Any, text: str, want: Want) -> None:
    analysis = reader.read(DocumentInput(text, title="t", date=dt.date(2021, 6, 1)))
    assert matching(analysis, want), measures_of(analysis)


NOT_STAKES: list[str] = [
    # a market share is no stake; a share "of" something is not taken by the verb
    "Kestrel Labs holds a 30% share of the Moldovan route-planning market.",
    "Kestrel Labs bought 30% of its chips from Taiwan.",
]

NOT_OWNERS: list[tuple[str, str]] = [
    # bare people own nothing they make
    ("About 4,000 people wrote code for the Kestrel project.", "code"),
]


@pytest.mark.parametrize(("text", "owner"), NOT_OWNERS, ids=[t[0][:40] for t in NOT_OWNERS])
def test_not_the_owner(reader: Any, text: str, owner: str) -> None:
    found = measures_of(read(reader, text))
    assert not [m for m in found if m[0].lower() == owner], found


@pytest.mark.parametrize("text", NOT_STAKES, ids=[t[:40] for t in NOT_STAKES])
def test_no_stake(reader: Any, text: str) -> None:
    found = measures_of(read(reader, text))
    assert not [m for m in found if "stake" in m[1]], found
