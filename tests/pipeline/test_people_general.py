"""People: office-holder lists, possessive offices, entailed leadership. Sentence in, claims out."""

from __future__ import annotations

import pytest
from claim_tables import quads

from kronika.pipeline.reader import DocumentInput, Reader


def claims(reader: Reader, text: str) -> set[tuple[str, str, str, str | None]]:
    return quads(reader.read(DocumentInput(text)), objects_only=True)


CASES = [
    (
        "The Baltic Institute of Informatics was founded in 1961.\n\nDirectors since 1991:\n\n"
        "- Aivars Kalnins, 1991–2004\n- Ilze Berzina, since 2004\n",
        {
            ("Aivars Kalnins", "holds_position", "Baltic Institute of Informatics", "1991"),
            ("Baltic Institute of Informatics", "led_by", "Aivars Kalnins", "1991"),
            ("Baltic Institute of Informatics", "led_by", "Ilze Berzina", "2004"),
        },
    ),
    (
        "Norvik Labs was founded in Tartu in 2010. "
        "Marta Sepp, Norvik Labs's chief executive, said sales grew.",
        {
            ("Marta Sepp", "holds_position", "Norvik Labs", None),
            ("Norvik Labs", "led_by", "Marta Sepp", None),
        },
    ),
    (
        "Kovalsoft is a software firm. Piotr Nowak has led Kovalsoft since 2015.",
        {
            ("Kovalsoft", "led_by", "Piotr Nowak", "2015"),
            ("Piotr Nowak", "holds_position", "Kovalsoft", "2015"),
        },
    ),
    (
        "Nordsoft is a Riga company. At the time Nordsoft was run by two of its founders, Peteris Ozols "
        "and Liga Zarina, who served as co-chief executives.",
        {("Nordsoft", "led_by", "Peteris Ozols", None), ("Nordsoft", "led_by", "Liga Zarina", None)},
    ),
    # an office in an apposition carries the time written inside it
    (
        "The Orava Plant was set up in 1958. Ivan Petrov, its director from 1958, oversaw the works.",
        {
            ("Orava Plant", "led_by", "Ivan Petrov", "1958"),
            ("Ivan Petrov", "holds_position", "Orava Plant", "1958"),
        },
    ),
    # "whose first chief engineer was X", "with X as its first director"
    (
        "The Tartu Design Bureau, whose first chief engineer was Juri Tamm, designed its machines.",
        {
            ("Tartu Design Bureau", "led_by", "Juri Tamm", None),
            ("Juri Tamm", "holds_position", "Tartu Design Bureau", None),
        },
    ),
    (
        "In 1972 the bureau became an independent body, the Tartu Institute of Computers, with Juri Tamm as "
        "its first director.",
        {("Tartu Institute of Computers", "led_by", "Juri Tamm", "1972")},
    ),
    # "the company's founder and CEO, X": both roles
    (
        "Kestrel Labs grew fast. The company's founder and CEO, Mari Kask, said it would hire.",
        {("Kestrel Labs", "founded_by", "Mari Kask", None), ("Kestrel Labs", "led_by", "Mari Kask", None)},
    ),
    # names the model calls companies ("Vadim Goldberg") are people when they start with a given
    # name; a second agent ("and then by Y") leads from when the first one's term ended
    (
        "The Narva Institute was founded in 1957. After 1982 the institute was headed by Volodymyr "
        "Mykhalevych from 1982 to 1994 and then by Ivan Sergienko.",
        {
            ("Narva Institute", "led_by", "Volodymyr Mykhalevych", "1982"),
            ("Narva Institute", "led_by", "Ivan Sergienko", "1994"),
        },
    ),
    # a minister of something holds (and leads) the Ministry of it
    (
        '"We are growing," Aram Petrosyan, Armenia\'s minister of high-tech industry, said on Tuesday.',
        {
            ("Aram Petrosyan", "holds_position", "Ministry of High-Tech Industry", None),
            ("Ministry of High-Tech Industry", "led_by", "Aram Petrosyan", None),
        },
    ),
    # the time of "led since 2019" reaches the office held
    (
        "Orava Hub is a technopark. Since 2019 it has been led by its Chief Executive Officer, "
        "Aigerim Sadykova.",
        {("Aigerim Sadykova", "holds_position", "Orava Hub", "2019")},
    ),
    # an office named without an organisation on an organisation's page is its office; a
    # vice-rector "at" another university holds a position there and leads nothing
    (
        "Narva Technical University was founded in 1966. Juri Tamm was rector until October 2020.",
        {("Narva Technical University", "led_by", "Juri Tamm", None)},
    ),
    (
        "Ivo Linn, previously vice-rector for academic affairs at the Tartu Technical University, spoke.",
        {("Ivo Linn", "holds_position", "Tartu Technical University", None)},
    ),
    # "the brothers Pavel and Ihar X": both are founders
    (
        "Orava Games is a studio. Orava was founded in 2013 by the brothers Pavel and Ihar Rabinovich.",
        {
            ("Orava Games", "founded_by", "Pavel Rabinovich", "2013"),
            ("Orava Games", "founded_by", "Ihar Rabinovich", "2013"),
        },
    ),
    # "X was rector until 2020, when he was succeeded by Y": Y holds and leads it from 2020
    (
        "Narva Technical University was founded in 1966. Juri Tamm was rector until October 2020, when he "
        "was succeeded by Ivo Linn.",
        {
            ("Narva Technical University", "led_by", "Ivo Linn", "2020"),
            ("Ivo Linn", "holds_position", "Narva Technical University", "2020"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_people_patterns(reader: Reader, text: str, expected: set[tuple[str, str, str, str | None]]) -> None:
    found = claims(reader, text)
    missing = expected - found
    assert not missing, f"missing {missing}; found {found}"


def test_a_chief_operating_officer_does_not_lead(reader: Reader) -> None:
    found = claims(
        reader, "Novatek was founded in 2006. Anna Lis serves as the company's chief operating officer."
    )
    assert ("Anna Lis", "holds_position", "Novatek", None) in found
    assert not any(p == "led_by" for _s, p, _o, _t in found)


def test_topic_tie_goes_to_the_name_met_first(reader: Reader) -> None:
    from kronika.pipeline.context import DocContext
    from kronika.pipeline.entities import EntityTable

    doc = reader.nlp("Zorvex Group hired staff. Baltsoft Ltd grew. Zorvex Group and Baltsoft Ltd merged.")
    table = EntityTable(reader.registry)
    mentions = reader.recognizer.mentions(doc, table)
    ctx = DocContext(doc, table, mentions, None)
    names = {table.get(m.entity_id).name for m in mentions}  # type: ignore[union-attr]
    assert {"Zorvex Group", "Baltsoft Ltd"} <= names
    topic = ctx.topic_org()
    assert topic is not None and table.get(topic).name == "Zorvex Group"  # type: ignore[union-attr]
