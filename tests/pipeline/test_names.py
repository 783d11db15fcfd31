"""Names the model misses, found from their shape: sentence in, (name, type) mentions out."""

from __future__ import annotations

import pytest

from kronika.pipeline.entities import EntityTable
from kronika.pipeline.reader import Reader


def mentions(reader: Reader, text: str) -> set[tuple[str, str]]:
    doc = reader.nlp(text)
    table = EntityTable(reader.registry)
    found = reader.recognizer.mentions(doc, table)
    out = set()
    for m in found:
        ent = table.get(m.entity_id)
        assert ent is not None
        out.add((doc[m.start : m.end].text, ent.type))
    return out


CASES = [
    # units of institutions, "and" inside a name, a sector word inside a name
    (
        "Outside the capital, the university runs Narva College and Haapsalu College.",
        {("Narva College", "organization"), ("Haapsalu College", "organization")},
    ),
    (
        "It hosts the Centre for Applied Robotics and Cyber Security, opened in 2019.",
        {("Centre for Applied Robotics and Cyber Security", "organization")},
    ),
    (
        "The faculty has two units: the School of Economics and Finance and the School of Law.",
        {("School of Economics and Finance", "organization"), ("School of Law", "organization")},
    ),
    # a person after a title
    ("In 2020 the board appointed Rector Maris Kangur.", {("Maris Kangur", "person")}),
    # products introduced by an apposition, in running text and in list items
    (
        "The studio sells ORBITA, a scheduling platform for clinics.",
        {("ORBITA", "product")},
    ),
    (
        "Products\n\n- Velora 12 (1987): a copy of the Commodore 64 with 64 KB of memory.\n"
        "- Velora 12M: an improved 12 with a faster processor.\n",
        {("Velora 12", "product"), ("Velora 12M", "product")},
    ),
    (
        "Partners\n\n- Baltic Data Works: a software company based in Riga.\n",
        {("Baltic Data Works", "organization")},
    ),
    # a two-word title before a name is not part of it
    (
        "Since 2021 the agency has been run by Director General Olena Marchuk.",
        {("Olena Marchuk", "person")},
    ),
    # a name right after an organisation noun; a maker described in apposition
    (
        "It began as a branch of the Kaunas company Vilmarta.",
        {("Vilmarta", "organization"), ("Kaunas", "place")},
    ),
    (
        "Its rival was Orlik, a Gomel maker founded in 1979.",
        {("Orlik", "organization")},
    ),
    # "X Ventures of <city>": the company and its city
    (
        "Brightwater Ventures of Helsinki also took part.",
        {("Brightwater Ventures", "organization"), ("Helsinki", "place")},
    ),
    # model numbers and hyphenated names built on a known name
    (
        "The SKIF T-500 cluster was installed in 2003, and SKIF-Cyberia followed.",
        {("SKIF T-500", "product"), ("SKIF-Cyberia", "product")},
    ),
    # names after an organisation noun that the model cuts or parses as a verb; a venture in
    # apposition; "and" inside a unit's name before its head; a title of two words
    (
        "In 2016 Dvina and the Korean company Haneul Electronics set up a joint venture, "
        "Haneul-Dvina. Shares went to the Gomel investment group Polesinvestholding.",
        {
            ("Haneul Electronics", "organization"),
            ("Haneul-Dvina", "organization"),
            ("Polesinvestholding", "organization"),
        },
    ),
    (
        "The Vitebsk Science and Technology Park works with the Testing and Certification Centre.",
        {
            ("Vitebsk Science and Technology Park", "organization"),
            ("Testing and Certification Centre", "organization"),
        },
    ),
    ("The plan was approved by Prime Minister Olga Varkova.", {("Olga Varkova", "person")}),
    # people in a list of office holders: a description naming a specialist is not a company,
    # and a given name the model missed still opens a person's name
    (
        "Directors\n\n- Pavel Orlov, a specialist in coding theory, led the institute until 2002.\n"
        "- Sergey Valakhanovich headed the centre from 2002 to 2008.\n",
        {("Pavel Orlov", "person"), ("Sergey Valakhanovich", "person")},
    ),
    # a town the registry lacks, listed with one it knows; a preposition is not a name's word
    (
        "Outside Tallinn, the university runs colleges in Narva and Kuressaare.",
        {("Tallinn", "place"), ("Kuressaare", "place")},
    ),
    # guilds, unions and federations are units with names of their own
    (
        "The Guild of Czech Brewers and the Federation of Latvian Software Firms objected.",
        {
            ("Guild of Czech Brewers", "organization"),
            ("Federation of Latvian Software Firms", "organization"),
        },
    ),
    # a city and a lower-case zone or park after it; an owner's unit is a name of its own
    (
        "We work with the Harbin high-tech zone and the Tartu science park.",
        {("Harbin high-tech zone", "organization"), ("Tartu science park", "organization")},
    ),
    (
        "The Academy's Institute of Mathematics trained the first programmers.",
        {("Institute of Mathematics", "organization")},
    ),
    # a known maker's name and a capitalised product noun name a product
    ("In 2016 the firm launched Wialon Platform, a hosted service.", {("Wialon Platform", "product")}),
    # one-word model codes, alone or after a maker's name; a maker the model calls a place
    (
        "Models\n\n- VT-20: a small terminal, built by Videoton in Hungary.\n"
        "- Horizont Ts-190 (1984): a colour set.\n",
        {("VT-20", "product"), ("Videoton", "organization"), ("Horizont Ts-190", "product")},
    ),
]


def test_numbered_acts_are_policies_with_their_titles(reader: Reader) -> None:
    doc = reader.nlp(
        'The zone was set up under Edict No. 47 "On the Free Economic Zone", which the president '
        "signed in 2011, and Resolution #312 of the cabinet. Law 2020 is not a number."
    )
    table = EntityTable(reader.registry)
    spans = reader.recognizer.mentions(doc, table)
    found = {doc[m.start : m.end].text: table.get(m.entity_id) for m in spans}
    edict = found['Edict No. 47 "On the Free Economic Zone"']
    assert edict is not None and edict.name == "Edict No. 47" and edict.type == "policy"
    assert "On the Free Economic Zone" in edict.aliases
    resolution = found["Resolution #312"]
    assert resolution is not None and resolution.name == "Resolution No. 312"
    doc = reader.nlp('Resolution No. 77 of the Council of Ministers, "On Digital Signatures", took effect.')
    table = EntityTable(reader.registry)
    spans = reader.recognizer.mentions(doc, table)
    named = {doc[m.start : m.end].text: table.get(m.entity_id) for m in spans}
    act = named["Resolution No. 77"]
    assert act is not None and "On Digital Signatures" in act.aliases
    assert "Council of Ministers" in named and "Digital Signatures" not in named
    assert not any(e is not None and e.name.startswith("Law") for e in found.values())


def test_a_short_name_in_parentheses_is_the_same_thing(reader: Reader) -> None:
    text = "Narach Science and Technology Park (Narach Technopark) opened in 2013. Narach Technopark grew."
    doc = reader.nlp(text)
    table = EntityTable(reader.registry)
    ids = {(doc[m.start : m.end].text, m.entity_id) for m in reader.recognizer.mentions(doc, table)}
    assert {eid for _, eid in ids} == {"org/narach-science-and-technology-park"}, ids
    assert "Narach Technopark" in table.entities["org/narach-science-and-technology-park"].aliases


def test_a_headline_short_name_and_the_full_name_are_one_company(reader: Reader) -> None:
    text = (
        "Lesna Software buys Serbian testing firm\n\nWARSAW – Lesna Software Group, an outsourcing "
        "company, said on Wednesday that it would buy a Serbian firm. In 2019 Lesna opened an office "
        "in Riga. In 1996 the plant was corporatised as OJSC Kalina."
    )
    doc = reader.nlp(text)
    table = EntityTable(reader.registry)
    found = {(doc[m.start : m.end].text.strip(), m.entity_id) for m in reader.recognizer.mentions(doc, table)}
    ids = {eid for name, eid in found if name.startswith("Lesna")}
    assert len(ids) == 1, found
    assert ("OJSC Kalina", "org/ojsc-kalina") in found, found


def test_a_state_body_without_its_country_is_the_country_s_body(reader: Reader) -> None:
    doc = reader.nlp(
        "MINSK – Belarus is changing its rules. The Council of Ministers adopted a resolution drafted "
        "by the Ministry of Education, and the National Bank welcomed it."
    )
    table = EntityTable(reader.registry)
    ids = {m.entity_id for m in reader.recognizer.mentions(doc, table)}
    assert {
        "org/government-of-belarus",
        "org/ministry-of-education-of-belarus",
        "org/national-bank-of-belarus",
    } <= ids, ids


def test_two_places_joined_by_a_hyphen_stay_apart(reader: Reader) -> None:
    found = mentions(reader, "The China-Belarus park opened in 2012.")
    assert {("China", "place"), ("Belarus", "place")} <= found, found


def test_two_companies_joined_by_a_hyphen_are_one_venture(reader: Reader) -> None:
    found = mentions(reader, "With Haier it runs a joint venture, Haier-Horizont, in Minsk.")
    assert ("Haier-Horizont", "organization") in found, found


@pytest.mark.parametrize(
    "text", ["COVID-19 closed the offices in 2020.", "Visitors came to EXPO-2017 in Astana."]
)
def test_codes_that_are_not_models(reader: Reader, text: str) -> None:
    assert not {m for m in mentions(reader, text) if m[1] == "product"}


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_shaped_names(reader: Reader, text: str, expected: set[tuple[str, str]]) -> None:
    found = mentions(reader, text)
    missing = expected - found
    assert not missing, f"missing {missing} in {found}"


SHOUTED_AND_POSSESSIVE = [
    # a dateline or headline in capitals names the place; a possessive ending is not in a name
    ("VILNIUS – The fund opened on Monday.", {("VILNIUS", "place")}),
    ("Northwind Labs's revenue grew in 2020.", {("Northwind Labs", "organization")}),
    # a name ending in a company word is an organisation whatever the model says
    (
        "In 2018 Kestrel acquired Corvid Innovation, a design studio in Boston.",
        {("Corvid Innovation", "organization")},
    ),
    # a capitalised name headed by park/zone/hub is an organisation, a place inside it is part of it
    ("Companies in the Orion Tech Park pay less.", {("Orion Tech Park", "organization")}),
    ("Tartu Science Park hosts 200 firms.", {("Tartu Science Park", "organization")}),
    ("In 2019 the Minsk IT Hub signed a deal.", {("Minsk IT Hub", "organization")}),
    # "&" binds one name (a law firm, a partnership); "and" may join two
    ("The deal was advised by Halvorsen & Pikk.", {("Halvorsen & Pikk", "organization")}),
]


@pytest.mark.parametrize(("text", "expected"), SHOUTED_AND_POSSESSIVE)
def test_shouted_and_possessive_names(reader: Reader, text: str, expected: set[tuple[str, str]]) -> None:
    found = mentions(reader, text)
    assert expected <= found, found


NOT_NAMES = [
    # a bare unit noun is a back-reference; a year after a name is not a model number
    ("College fees rose in 2021.", "College"),
    ("The company said Belsoft 2021 results were strong.", "Belsoft 2021"),
    ("It employs 16 engineers.", "16 engineers"),
]


@pytest.mark.parametrize(("text", "name"), NOT_NAMES)
def test_not_names(reader: Reader, text: str, name: str) -> None:
    assert all(found != name for found, _type in mentions(reader, text))


def test_a_name_the_text_treats_as_a_company_is_one(reader: Reader) -> None:
    # the model reads "Milena" as a person; the text founds it and has it buy a company
    text = (
        "Milena was founded in Tartu in 2004 by two engineers, Mart Kask and Jaan Tamm. "
        "In 2010 Milena bought Fiddler."
    )
    doc = reader.nlp(text)
    assert any(e.text == "Milena" and e.label_ == "PERSON" for e in doc.ents)
    table = EntityTable(reader.registry)
    found = reader.recognizer.mentions(doc, table)
    types = {(doc[m.start : m.end].text, table.get(m.entity_id).type) for m in found}  # type: ignore[union-attr]
    assert ("Milena", "organization") in types and ("Milena", "person") not in types
    assert ("Mart Kask", "person") in types and ("Tartu", "place") in types


def test_case_sensitive_names_of_several_words_match_only_as_written(reader: Reader) -> None:
    from kronika.pipeline.entities import EntityRecognizer
    from kronika.registry import Registry

    registry = Registry(
        [
            {
                "id": "org/game-stream",
                "name": "Game Stream",
                "type": "organization",
                "case_sensitive": ["Game Stream"],
            }
        ]
    )
    recognizer = EntityRecognizer(registry, reader.nlp.vocab)

    def found(text: str) -> list[str]:
        doc = reader.nlp(text)
        return [m.entity_id for m in recognizer.mentions(doc, EntityTable(registry))]

    assert "org/game-stream" in found("In 2020 Game Stream opened a studio in Minsk.")
    assert "org/game-stream" not in found("The game stream was watched by millions.")
