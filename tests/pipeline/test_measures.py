"""Measure patterns: sentence in, measure claims out (real model, marked ``model``).

The sentences are the team's own, written for the frames in ``kronika.pipeline.measures`` and
its helper modules; none is taken from the article or from the test texts under tests/data.
A case lists the claims it must produce as (subject name, a word of the measure, amount,
year of the time, None when any time will do, or "none" when it must have no time), and may
list measures it must not make.
"""

from __future__ import annotations

from typing import Any

import pytest
from claim_tables import Want, measures_of, read, year_is
from claim_tables import matching as _matching

CASES: list[tuple[str, list[Want]]] = [
    # "our" on an organisation's own page is the organisation; people employed are employees
    (
        "Intellias is a software company based in Lviv. Together our teams employ more than 3,000 people.",
        [Want("Intellias", "employees", 3000)],
    ),
    # two counts in one clause belong to its subject; a founding-free "since" dates them
    (
        "Since 2017 the Startup Visa programme has been granted to more than 4,500 founders "
        "from over 90 countries.",
        [
            Want("Startup Visa programme", "founders", 4500, "2017"),
            Want("Startup Visa programme", "countries", 90),
        ],
    ),
    # a population in an apposition
    (
        "Lithuania, a country of 2.8 million people, hosts many fintech firms.",
        [Want("Lithuania", "population", 2.8e6)],
    ),
    # money after a verb of raising: the subject raised it
    ("Veriff raised about $100 million in 2021.", [Want("Veriff", "funding_raised", 1e8, "2021")]),
    # a change by a percent, owned by the place named in the counted phrase
    (
        "In 2023, the number of registered startups in Armenia grew by roughly 25%.",
        [Want("Armenia", "startups_growth", 25, "2023")],
    ),
    # "one in four" is a share of 25% of a population
    (
        "Roughly one in four software engineers in Armenia worked for a foreign client in 2022.",
        [Want("", "share", 25, "2022")],
    ),
    # a target: "raising X to $N by YEAR"
    (
        "The government aims to raise Moldova's IT exports to $500 million by 2027.",
        [Want("Moldova", "exports_target", 5e8, "2027")],
    ),
    # "the company" is the previous sentence's company; "its revenue for that year"
    (
        "Itransition was founded in Minsk in 1998. By 2020 the company employed 3,200 engineers, "
        "and its revenue for that year was $410 million.",
        [Want("Itransition", "engineers", 3200, "2020"), Want("Itransition", "revenue", 4.1e8, "2020")],
    ),
    # the founding year does not date a later count
    (
        "Founded in 1999, Kaspian Soft now has more than 2,000 clients.",
        [Want("Kaspian Soft", "clients", 2000, "none")],
    ),
    # "over 40 of them companies with foreign owners": a part of the same owner's residents
    (
        "As of 2022, the Tbilisi Tech Park had more than 300 residents, over 40 of them companies "
        "with foreign owners.",
        [
            Want("Tbilisi Tech Park", "residents", 300, "2022"),
            Want("Tbilisi Tech Park", "foreign_owners", 40, "2022"),
        ],
    ),
    # "They" is the previous sentence's measure noun; the change of it gets its own name
    (
        "Exports of software from Serbia held up in 2022. They rose to $2.7 billion in 2022 "
        "before falling by about 5% in 2023.",
        [Want("Serbia", "exports", 2.7e9, "2022"), Want("Serbia", "exports_decline", 5, "2023")],
    ),
    # a relative pronoun stands for the counted noun's owner
    (
        "In 2021 Yandex hosted 1,200 interns, who together wrote more than 18,000 tests.",
        [Want("Yandex", "interns", 1200, "2021"), Want("Yandex", "tests", 18000, "2021")],
    ),
    # a price "for" money is the acquired company's
    (
        "In 2017 Google acquired AIMatter for $40 million.",
        [Want("AIMatter", "acquisition_price", 4e7, "2017")],
    ),
    # a tax rate: "its residents" are a regime's; the rate the sentence calls standard is nobody's here
    (
        "The Innovation Zone is a special tax regime. "
        "Its residents pay 6% personal income tax instead of 13%.",
        [Want("Innovation Zone", "personal_income_tax_rate", 6)],
    ),
    # "a tax on X" names the rate after X
    ("Diia City residents may choose a 9% tax on dividends.", [Want("Diia City", "dividends_tax_rate", 9)]),
    # a percent of change for a possessive owner
    (
        "Between 2015 and 2020, Poland's IT exports grew by roughly 50%.",
        [Want("Poland", "exports_growth", 50, "2015")],
    ),
    # a valuation beside its noun belongs to the clause's subject
    (
        "In 2019 SoftServe became a unicorn with a valuation above $1 billion.",
        [Want("SoftServe", "valuation", 1e9, "2019")],
    ),
    # "worth": the verb names the measure; "the industry" is the country the text is about
    (
        "Ukraine's IT firms are growing. By 2022 the industry employed about 300,000 specialists and "
        "exported $7.3 billion worth of services.",
        [Want("Ukraine", "specialists", 300000, "2022"), Want("Ukraine", "exports", 7.3e9, "2022")],
    ),
    # the standard rate is the country's, the regime's rate its own
    (
        "Lithuania's government wants more startups. Companies in the Vilnius Tech Park pay a corporate "
        "income tax of 0% until 2030, compared with the standard rate of 15%.",
        [
            Want("Vilnius Tech Park", "corporate_income_tax_rate", 0),
            Want("Lithuania", "corporate_income_tax_rate", 15),
        ],
    ),
    # "with a population of N": the number is the population of "the city of X", that is X
    (
        "The city of Kaunas, with a population of around 300,000, hosts 40 IT firms.",
        [Want("Kaunas", "population", 300000), Want("Kaunas", "firms", 40)],
    ),
    # a count after a measure noun is a measure of that noun's owner
    (
        "Sales of the Elbrus-8S processor reached 10,000 units in 2020.",
        [Want("Elbrus-8S processor", "sales_units", 10000, "2020")],
    ),
    # the founding year of the main clause does not date a count in a relative clause
    (
        "Playrix, which employs over 3,000 people, was founded in Vologda in 2004.",
        [Want("Playrix", "employees", 3000, "none")],
    ),
    # bare "people" are counted for what they attended, not as an owner of their own
    (
        "More than 2,500 people attended the conference, which was held in Riga in 2019.",
        [Want("conference", "people_attended", 2500, "2019")],
    ),
    # money invested "in" startups is an investment, not "startups"
    (
        "The fund invested €50 million in 30 startups between 2018 and 2021.",
        [Want("fund", "investment", 5e7, "2018")],
    ),
    # "the sector's revenue" is the country's
    (
        "Estonia is home to 1,400 startups. The sector's revenue rose to €2 billion in 2022.",
        [Want("Estonia", "revenue", 2e9, "2022")],
    ),
    # a number hung on the wrong noun of a coordination; a share "of them" is the same owner's
    (
        "Quillsoft is a software firm. By 2020 PandaDoc had more than 20,000 paying customers and "
        "about 300 employees, roughly half of them in Minsk.",
        [
            Want("PandaDoc", "paying_customers", 20000, "2020"),
            Want("PandaDoc", "employees", 300, "2020"),
            Want("PandaDoc", "share_employees_in_minsk", 50, "2020"),
        ],
    ),
    # people who study at an organisation are its students; "including" counts a part of them
    (
        "Today about 12,000 students study at Tartu University, including more than 1,500 "
        "international students.",
        [
            Want("Tartu University", "students", 12000),
            Want("Tartu University", "international_students", 1500),
        ],
    ),
    # "a faculty of N lecturers": the lecturers of the text's organisation; "of whom" a share of them
    (
        "Tartu University is old. About 9,000 students study there. They are taught by a faculty of "
        "roughly 1,500 lecturers, nearly two-thirds of whom hold doctoral degrees.",
        [
            Want("Tartu University", "lecturers", 1500),
            Want("Tartu University", "share_hold_doctoral_degrees", 66.7),
        ],
    ),
    # a relative clause on a measure noun: the antecedent is what reached the amount
    (
        "Moldova's IT exports, which reached $800 million in 2022, kept growing.",
        [Want("Moldova", "exports", 8e8, "2022")],
    ),
    # a transitive change: the object changed; the amount after "to" is its new value
    (
        "Armenia's tech sector is growing. Weak demand cut exports by 10% in 2023, to about $2 billion.",
        [Want("Armenia", "exports_decline", 10, "2023"), Want("Armenia", "exports", 2e9, "2023")],
    ),
    # a share of GDP is the country's, not the sector's
    (
        "Armenia's tech sector is growing. In 2021 the sector generated about 3% of gross domestic product.",
        [Want("Armenia", "share_of_gdp", 3, "2021")],
    ),
    # after a change, "it" continues the measure that changed; export revenue is the country's
    (
        "Latvia's economy changed. Export revenue rose by 20% a year between 2016 and 2018, and by "
        "2018 it had passed $1 billion.",
        [
            Want("Latvia", "export_revenue_growth", 20, "2016"),
            Want("Latvia", "export_revenue", 1e9, "2018"),
        ],
    ),
    # "the platform" is the organisation just named
    (
        "Bitpanda is a crypto exchange based in Vienna. By 2021 the platform said it had more than "
        "3 million users.",
        [Want("Bitpanda", "users", 3e6, "2021")],
    ),
    # "X made Y a unicorn, and it served ...": "it" is not the unnamed subject of the first clause
    (
        "In 2019 a funding round made Pipedrive a unicorn, and by 2022 it served more than "
        "100,000 customers.",
        [Want("Pipedrive", "customers", 100000, "2022")],
    ),
    # "downloaded N times" counts downloads; people who open it every month are monthly users;
    # "N of them" in the next sentence is a part of the same owner's, named by what they do
    (
        "Lumo Health makes the app Lumo. The app has been downloaded more than 20 million times, and "
        "about 4 million people open it every month, the company said. More than 300,000 of them pay "
        "for a premium subscription.",
        [
            Want("Lumo Health", "downloads", 2e7),
            Want("Lumo Health", "monthly_active_users", 4e6),
            Want("Lumo Health", "premium_subscription", 3e5),
        ],
    ),
    # a count after a verb whose subject is a measure noun belongs to the measure's owner
    (
        "Kvant Electronics is a chipmaker in Gdansk. By 2022 the workforce had shrunk to fewer than "
        "900 employees.",
        [Want("Kvant Electronics", "employees", 900, "2022")],
    ),
]


@pytest.mark.parametrize(("text", "wanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_measure_frames(reader: Any, text: str, wanted: list[Want]) -> None:
    analysis = read(reader, text)
    missing = [w for w in wanted if not _matching(analysis, w, every_bound=False)]
    assert not missing, f"missing {missing}; found {measures_of(analysis)}"


NOT_MEASURES: list[tuple[str, str]] = [
    # a definition prices nobody
    ("Unicorns, startups valued at $1 billion or more, include Bolt and Wise.", "valu"),
    # a price is not a measure of the buyer
    ("In 2018 Northwind Labs acquired Quillsoft for $120 million.", "labs"),
    # a number on another noun does not continue the sentence's last measure
    ("In 2021 Acme Robotics hired 400 engineers and opened 12 offices.", "engineers_offices"),
]


@pytest.mark.parametrize(("text", "measure"), NOT_MEASURES, ids=[c[0][:40] for c in NOT_MEASURES])
def test_no_junk_measures(reader: Any, text: str, measure: str) -> None:
    found = measures_of(read(reader, text))
    assert not [m for m in found if measure in m[1]], found


def test_one_in_n_is_a_share(reader: Any) -> None:
    analysis = read(
        reader, "Roughly one in five new firms registered in Latvia in 2021 had a foreign founder."
    )
    shares = [
        c for c in analysis.claims if c.predicate == "measure" and c.value and c.value.unit == "percent"
    ]
    assert shares, measures_of(analysis)
    assert shares[0].value is not None and shares[0].value.amount == pytest.approx(20.0)
    assert shares[0].value.comparator == "~"
    assert year_is(shares[0], "2021", every_bound=False)


def test_continuation_keeps_its_unit(reader: Any) -> None:
    analysis = read(reader, "In 2020 SoftServe's revenue reached $2 billion; by 2022 it exceeded $3 billion.")
    found = measures_of(analysis)
    assert any(m[1] == "revenue" and m[2] == pytest.approx(3e9) for m in found), found
