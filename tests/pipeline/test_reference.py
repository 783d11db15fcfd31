"""Back-references: short forms, "the company", "it" across sentences. Text in, claims out."""

from __future__ import annotations

import pytest

from kronika.pipeline.reader import DocumentInput, Reader

CASES = [
    # "Poland's government" is the registry's Government of Poland
    (
        "WARSAW – Poland's government launched a visa programme for IT specialists in 2020.",
        [("visa programme", "established_by", "Government of Poland")],
    ),
    # "it" is not the partner named beside it in its own clause
    (
        "Kvarts is a Gomel maker of radios. With the Korean group Haneul it opened an office in "
        "Minsk in 2014.",
        [("Kvarts", "operates_in", "Minsk")],
    ),
    # a description in apposition is the named company, not the sector word inside it
    (
        "Baltsoft was set up in 2001 as the testing arm of Orbis Group, the Latvian IT group founded "
        "in 1995 by Janis Berzins.",
        [("Orbis Group", "founded_by", "Janis Berzins")],
    ),
    # a numbered act is named by its number; "the edict" later is that act
    (
        'In March the cabinet discussed Edict No. 47 "On the Free Economic Zone". The edict was '
        "signed by Viktor Orlov in 2011.",
        [("Edict No. 47", "established_by", "Viktor Orlov")],
    ),
    # the first word of a company's name is the company, even when the model calls it a person;
    # "The company was a resident of the Park" keeps the company as what "it" refers to next
    (
        "Kovalsoft Group is a software company. Founded in Minsk in 2006 by Andrei Zhuk, Kovalsoft "
        "builds custom software for banks. The company was a resident of the Orava Tech Park from 2012 "
        "until 2022. In 2022 it transferred its headquarters to Warsaw.",
        [
            ("Kovalsoft Group", "founded_by", "Andrei Zhuk"),
            ("Kovalsoft Group", "headquartered_in", "Warsaw"),
        ],
    ),
    # the organisation a text opens with is its subject; a shorter "Institute of X" is the same one
    (
        "Tartu Institute of Cybernetics\n\nThe Tartu Institute of Cybernetics is a research institute of "
        "the Estonian Academy of Sciences. The Academy was set up in 1938. Its Institute of Mathematics "
        "trained the first programmers. The Institute of Cybernetics was founded in 1960. After 1982 "
        "the institute was headed by Juri Tamm.",
        [("Tartu Institute of Cybernetics", "led_by", "Juri Tamm")],
    ),
    # a biography: its subject is "he" when the last sentence's subject was not a person; a name in
    # another language in parentheses is the same person; the surname alone is the person
    (
        "Andrus Kallas\n\nAndrus Kallas (Russian: Andrei Kallas; born 1970) is an Estonian entrepreneur. "
        "Kallas was born in Tartu. In 2001 he co-founded Orbis Soft with Mari Tamm. The firm grew fast. "
        "From 2010 to 2015 he was chairman of the Estonian Software Association.",
        [
            ("Estonian Software Association", "led_by", "Andrus Kallas"),
            ("Orbis Soft", "founded_by", "Andrus Kallas"),
        ],
    ),
    # "the studio" is the entity the text called a studio, not the buyer it opened with
    (
        "Kestrel Interactive buys Orava Games\n\nKestrel Interactive, a Finnish publisher, has agreed to "
        "buy Orava Games, a Minsk-founded games studio. The studio is now headquartered in Limassol.",
        [("Orava Games", "headquartered_in", "Limassol")],
    ),
]


@pytest.mark.parametrize(("text", "wanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_back_references(reader: Reader, text: str, wanted: list[tuple[str, str, str]]) -> None:
    a = reader.read(DocumentInput(text))
    found = {
        (a.entities[c.subject].name, c.predicate, a.entities[c.object].name) for c in a.claims if c.object
    }
    missing = [w for w in wanted if w not in found]
    assert not missing, found
