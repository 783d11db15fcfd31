"""Founding, succession and people: shapes of encyclopedia entries and "about us" pages.

Sentence in, claims out: (subject, predicate, object or '', start year or None). The sentences
are the team's own, about invented bodies.
"""

from __future__ import annotations

import pytest
from claim_tables import quads

from kronika.pipeline.reader import DocumentInput, Reader


def claims(reader: Reader, text: str) -> set[tuple[str, str, str, str | None]]:
    return quads(reader.read(DocumentInput(text)))


CASES = [
    # a comma-enclosed participle the parser made the main verb
    (
        "The Research Centre of Radio Engineering (RCRE), set up in Kyiv in 1966, led the design work.",
        {("Research Centre of Radio Engineering", "founded", "Kyiv", "1966")},
    ),
    # an intransitive "opened" with a time
    (
        "Its predecessor, the Gomel Radio Works, opened in March 1951 in a former mill.",
        {("Gomel Radio Works", "founded", "", "1951")},
    ),
    (
        "The Faculty of Robotics (FR), opened in 2007, trains engineers.",
        {("Faculty of Robotics", "founded", "", "2007")},
    ),
    # created under an act: the act's issuer
    (
        "The Vitebsk Technology Park was created under a decree of the President of Belarus in 2004.",
        {("Vitebsk Technology Park", "established_by", "President of Belarus", "2004")},
    ),
    (
        "The Brest Robotics Lab was set up in 2011 pursuant to a resolution of the Council of Ministers.",
        {("Brest Robotics Lab", "established_by", "Council of Ministers", "2011")},
    ),
    # a history traced back to a year; "when" clause takes that year
    (
        "The Kestrel Institute of Robotics is based in Minsk. The institute traces its history to "
        "1965, when the Institute of Cybernetics was set up.",
        {
            ("Kestrel Institute of Robotics", "founded", "", "1965"),
            ("Institute of Cybernetics", "founded", "", "1965"),
        },
    ),
    (
        "The Orsha Radio University is in Orsha. Its history goes back to 1956.",
        {("Orsha Radio University", "founded", "", "1956")},
    ),
    # the present name
    (
        "The Kestrel Institute of Robotics is based in Minsk. In 2002 the Institute of Cybernetics "
        "was merged with two smaller units and received its present name.",
        {("Institute of Cybernetics", "succeeded_by", "Kestrel Institute of Robotics", "2002")},
    ),
    (
        "The Orsha Radio University is in Orsha. In November 1993 the Orsha Radio Institute was "
        "reorganised as a university and given its present name.",
        {("Orsha Radio Institute", "succeeded_by", "Orsha Radio University", "1993")},
    ),
    # renamings: a pronoun in a conjoined clause, "the polytechnic"
    (
        "The Gomel Machine Institute was founded in 1961. In 1988 the institute began to train "
        "specialists in electronics, and in 1991 it was renamed the Gomel Polytechnic Institute. "
        "In 2001 the polytechnic was reorganised as the Gomel Robotics University.",
        {
            ("Gomel Machine Institute", "succeeded_by", "Gomel Polytechnic Institute", "1991"),
            ("Gomel Polytechnic Institute", "succeeded_by", "Gomel Robotics University", "2001"),
        },
    ),
    # founders listed after a colon, parsed as the subject's apposition
    (
        "Telemark Systems was founded in Riga in 2009 by four engineers: Janis Ozols, Peteris "
        "Kalns, Maris Liepa and Juris Berzs.",
        {
            ("Telemark Systems", "founded", "Riga", "2009"),
            ("Telemark Systems", "founded_by", "Janis Ozols", "2009"),
            ("Telemark Systems", "founded_by", "Juris Berzs", "2009"),
        },
    ),
    # an act signed in a relative clause, its number split by the parse
    (
        "Decree No. 45, which President Kirill Orlov signed on 12 April 2023, extends the regime.",
        {
            ("Decree No. 45", "founded", "", "2023"),
            ("Decree No. 45", "established_by", "Kirill Orlov", "2023"),
        },
    ),
    # a state title before a name: the office in the country its adjective (or the text) names
    (
        "Decree No. 45, which Latvian President Kirill Orlov signed on 12 April 2023, extends the regime.",
        {("Kirill Orlov", "holds_position", "Latvia", None)},
    ),
    # a successor in office, told actively with an object pronoun
    (
        "Ivan Petrov headed the Kestrel Institute from 2002 to 2008. Anna Sidorova, who had been "
        "his deputy for six years, succeeded him in 2008.",
        {
            ("Kestrel Institute", "led_by", "Anna Sidorova", "2008"),
            ("Anna Sidorova", "holds_position", "Kestrel Institute", "2008"),
        },
    ),
    # took over as an office
    (
        "The Kestrel Institute is in Minsk. Anna Sidorova took over as director in 2008.",
        {("Kestrel Institute", "led_by", "Anna Sidorova", "2008")},
    ),
    # "who is chief executive": the organisation the text tied the person to
    (
        "Kalsoft was founded in 2015 by Olga Marchenko. Norvik Group bought Kalsoft in 2024. Sales "
        "grew, said Olga Marchenko, who will remain chief executive.",
        {("Kalsoft", "led_by", "Olga Marchenko", None)},
    ),
    # events that are held; programmes that ran
    (
        "In September 2019, at an economic forum held in Brest, the university signed an agreement.",
        {("economic forum", "occurred", "Brest", "2019")},
    ),
    (
        "The decree was prepared after a meeting on the IT industry that Orlov held with officials "
        "on 11 April 2023.",
        {("meeting", "occurred", "", "2023")},
    ),
    (
        "The follow-up programme ROBO-NET, which ran from 2007 to 2010, joined machines in both countries.",
        {("ROBO-NET", "occurred", "", "2007")},
    ),
    # an act cited with its date (also when its number was read as the day)
    (
        "The fund was set up under Resolution No. 47 of 3 March 2011.",
        {("Resolution No. 47", "founded", "", "2011")},
    ),
    (
        "The zone was last overhauled by Order No. 9 of December 2016.",
        {("Order No. 9", "founded", "", "2016")},
    ),
    # a product arriving
    (
        "The ROBO-1 bus carried passengers from 2019; its successor, ROBO-2, followed in 2021.",
        {("ROBO-1", "succeeded_by", "ROBO-2", "2021"), ("ROBO-2", "founded", "", "2021")},
    ),
    ("The Minsk-32 came out in 1968.", {("Minsk-32", "founded", "", "1968")}),
    # a founding year in parentheses, and a fact-box line
    (
        "Kestrel Robotics (founded 1994) is a software firm in Minsk.",
        {("Kestrel Robotics", "founded", "", "1994")},
    ),
    # "the ROLE was X", also with the name parsed as a second subject
    (
        "The Kestrel University of Radio Engineering is in Minsk. From 1967 to 1971 the "
        "vice-rector for research was Ivan Petrov.",
        {("Ivan Petrov", "holds_position", "Kestrel University of Radio Engineering", "1967")},
    ),
    (
        "The Kestrel Institute opened in 1957. Its first director was Anna Sidorova.",
        {("Kestrel Institute", "led_by", "Anna Sidorova", None)},
    ),
    # "whose" after a participle phrase: the noun the participle describes
    (
        "A special design bureau attached to the plant, whose first chief engineer was Ivan Petrov, "
        "developed the machines.",
        {("special design bureau", "led_by", "Ivan Petrov", None)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_founding_people_shapes(
    reader: Reader, text: str, expected: set[tuple[str, str, str, str | None]]
) -> None:
    found = claims(reader, text)
    missing = expected - found
    assert not missing, f"missing {missing}; found {found}"


def test_renamed_pronoun_is_not_the_trained_field(reader: Reader) -> None:
    found = claims(
        reader,
        "The Gomel Machine Institute was founded in 1961. In 1988 the institute began to train "
        "specialists in electronics, and in 1991 it was renamed the Gomel Polytechnic Institute.",
    )
    assert not any(s == "electronics" for s, *_ in found), found


def test_a_shop_opening_hours_is_not_a_founding(reader: Reader) -> None:
    found = claims(reader, "The Vesna store opened at nine and closed at six.")
    assert not any(p == "founded" for _, p, *_ in found), found


def test_founders_after_a_colon_leave_out_the_group_noun(reader: Reader) -> None:
    found = claims(
        reader,
        "Telemark Systems was founded in Riga in 2009 by four engineers: Janis Ozols and Peteris Kalns.",
    )
    assert not any(p == "founded_by" and o == "engineers" for _, p, o, _ in found), found


def test_a_stake_held_is_not_an_event(reader: Reader) -> None:
    found = claims(reader, "In 2002 the state held a stake in the company, and the shares held by it rose.")
    assert not any(p == "occurred" for _, p, *_ in found), found


def test_a_vice_rector_does_not_lead(reader: Reader) -> None:
    found = claims(
        reader,
        "The Kestrel University of Radio Engineering is in Minsk. From 1967 to 1971 the "
        "vice-rector for research was Ivan Petrov.",
    )
    assert not any(p == "led_by" for _, p, *_ in found), found


# -- lives, honours, offices and acts (biographies, news on a government act, "about us") ----

LIVES_CASES = [
    # life dates after the name give the birth year; a death with its place, date and age
    (
        "Ivan Kareltsev (5 May 1928 – 9 June 2003) was a Soviet radio engineer. Kareltsev was born "
        "in Pinsk. He died in Tallinn on 9 June 2003, aged 75.",
        {
            ("Ivan Kareltsev", "located_in", "Pinsk", "1928"),
            ("Ivan Kareltsev", "occurred", "Tallinn", "2003"),
            ("Ivan Kareltsev", "measure", "", "2003"),
        },
    ),
    (
        "Olga Marchuk was born in Grodno in 1945 and died in Vilnius in 2010.",
        {("Olga Marchuk", "occurred", "Vilnius", "2010")},
    ),
    # awards, each with its own year
    (
        "Olga Marchuk received the Lenin Prize in 1979 and the Order of Friendship in 1985.",
        {
            ("Olga Marchuk", "holds_position", "Lenin Prize", "1979"),
            ("Olga Marchuk", "holds_position", "Order of Friendship", "1985"),
        },
    ),
    (
        "In 1981 Olga Marchuk was awarded the State Prize of the USSR.",
        {("Olga Marchuk", "holds_position", "State Prize of the USSR", "1981")},
    ),
    # academy election, a second title hung on the verb; an honorary doctorate
    (
        "Ivan Kareltsev was elected a corresponding member of the Estonian Academy of Sciences in 1972 "
        "and a full member in 1980.",
        {
            ("Ivan Kareltsev", "holds_position", "Estonian Academy of Sciences", "1972"),
            ("Ivan Kareltsev", "holds_position", "Estonian Academy of Sciences", "1980"),
        },
    ),
    (
        "In 1999 Ivan Kareltsev was made an honorary doctor of the Tallinn University of Technology.",
        {("Ivan Kareltsev", "holds_position", "Tallinn University of Technology", "1999")},
    ),
    # teaching at a school; a professor in a department of a named university
    (
        "From 1960 to 1975 Ivan Kareltsev taught at the Riga Polytechnic Institute.",
        {("Ivan Kareltsev", "holds_position", "Riga Polytechnic Institute", "1960")},
    ),
    (
        "Ivan Kareltsev was a professor in the department of physics of the Tartu University "
        "from 1980 to 1991.",
        {("Ivan Kareltsev", "holds_position", "Tartu University", "1980")},
    ),
    # "led by its director, X, who has held the post since Y"
    (
        "Vesna Systems is managed by a general director, Pavel Orlov, who has held the post since 2016.",
        {
            ("Vesna Systems", "led_by", "Pavel Orlov", "2016"),
            ("Pavel Orlov", "holds_position", "Vesna Systems", "2016"),
        },
    ),
    # a unit a relative clause is on; a body founded and then chaired
    (
        "The Kestrel Institute was set up in 1962, and Ivan Kareltsev headed its laboratory of optics, "
        "which he led until 1977.",
        {("laboratory of optics", "led_by", "Ivan Kareltsev", None)},
    ),
    (
        "In 1967 Ivan Kareltsev founded the Baltic Radio Society and chaired it for ten years.",
        {("Baltic Radio Society", "led_by", "Ivan Kareltsev", "1967")},
    ),
    # a board's chair holds a position at the body; a role's "of" further down
    (
        "Vesna Technopark is a limited liability company in Lida. Our supervisory board is chaired by "
        "Maria Ivanova, the vice-rector for research of the Kestrel State University.",
        {
            ("Maria Ivanova", "holds_position", "Vesna Technopark", None),
            ("Maria Ivanova", "holds_position", "Kestrel State University", None),
        },
    ),
    # an act: its issuer, signer (with a title before the name) and drafter
    (
        'Resolution No. 77 of the Council of Ministers, "On the Digital Archive", was signed by Prime '
        "Minister Pavel Orlov. The archive will be kept by the Data Centre, a state body subordinate to "
        "the Ministry of Culture, which drafted the resolution.",
        {
            ("Resolution No. 77", "established_by", "Council of Ministers", None),
            ("Resolution No. 77", "established_by", "Pavel Orlov", None),
            ("Resolution No. 77", "established_by", "Ministry of Culture", None),
            ("Pavel Orlov", "holds_position", "Prime Minister", None),
        },
    ),
    # a named body reorganised into a legal form
    (
        "Vesna Systems was founded in Lida in 1961. In 1995 Vesna Systems was reorganised into an open "
        "joint-stock company.",
        {("Vesna Systems", "succeeded_by", "open joint-stock company", "1995")},
    ),
    # the journal, not its founding editor, was launched
    (
        "Ivan Kareltsev was also the founding editor of the journal Problems of Optics, launched in 1979.",
        {("Problems of Optics", "founded", "", "1979")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIVES_CASES)
def test_lives_and_acts(reader: Reader, text: str, expected: set[tuple[str, str, str, str | None]]) -> None:
    found = claims(reader, text)
    missing = expected - found
    assert not missing, f"missing {missing}; found {found}"


def test_a_board_chair_does_not_lead_the_body(reader: Reader) -> None:
    found = claims(
        reader,
        "Vesna Technopark is a limited liability company in Lida. Our supervisory board is chaired by "
        "Maria Ivanova.",
    )
    assert not any(p == "led_by" for _, p, *_ in found), found


def test_an_academy_title_is_not_an_office_of_the_text_subject(reader: Reader) -> None:
    found = claims(
        reader,
        "Israel is a country. Ivan Kareltsev was elected a corresponding member of the Estonian Academy "
        "of Sciences in 1972.",
    )
    assert not any(p == "holds_position" and o == "Israel" for _, p, o, _ in found), found


def test_a_prime_minister_does_not_lead_his_office(reader: Reader) -> None:
    found = claims(reader, "The decree was signed by Prime Minister Pavel Orlov.")
    assert not any(p == "led_by" for _, p, *_ in found), found


def test_received_an_award_without_a_name_is_nothing(reader: Reader) -> None:
    found = claims(reader, "Olga Marchuk received an award in 1979.")
    assert not any(p == "holds_position" for _, p, *_ in found), found


def test_cofounded_with_names_a_second_founder(reader: Reader) -> None:
    found = claims(
        reader,
        "Kestrel Soft is a Minsk software group. Its chief executive, Ivan Petrov, co-founded the "
        "company in 2009 with Anna Sidorova.",
    )
    assert ("Kestrel Soft", "founded_by", "Anna Sidorova", "2009") in found, found


def test_will_stay_on_as_holds_from_publication(reader: Reader) -> None:
    import datetime as dt

    from kronika.pipeline.reader import DocumentInput

    a = reader.read(
        DocumentInput(
            "Vesna Labs was set up in 2016 by Marko Jovic. Marko Jovic will stay on as managing "
            "director of the Serbian business.",
            date=dt.date(2025, 5, 20),
        )
    )
    held = [
        c.time.start
        for c in a.claims
        if c.predicate == "holds_position" and a.entities[c.subject].name == "Marko Jovic" and c.time
    ]
    assert "2025-05-20" in held, held


SUCCESSION_CASES = [
    (
        "The Gomel Radio Plant was founded in 1958. In 1972 it became the Kalina production association.",
        {("Gomel Radio Plant", "succeeded_by", "Kalina production association", "1972")},
    ),
    (
        "The Gomel Radio Plant was privatised in 1996 as OJSC Kalina Electronics.",
        {("Gomel Radio Plant", "succeeded_by", "OJSC Kalina Electronics", "1996")},
    ),
    (
        "The Gomel Radio Plant was corporatised in 1996, becoming the open joint-stock company Kalina.",
        {("Gomel Radio Plant", "succeeded_by", "Kalina", "1996")},
    ),
    (
        "In 2002 the Gomel Radio Plant and the Mozyr Instrument Works merged to form Kalina Holding.",
        {
            ("Gomel Radio Plant", "succeeded_by", "Kalina Holding", "2002"),
            ("Mozyr Instrument Works", "succeeded_by", "Kalina Holding", "2002"),
        },
    ),
    (
        "Kalina Holding, known until 2001 as the Gomel Radio Plant, makes meters.",
        {("Gomel Radio Plant", "succeeded_by", "Kalina Holding", None)},
    ),
    (
        "In 1993 the Gomel Radio Plant changed its name to Kalina Systems.",
        {("Gomel Radio Plant", "succeeded_by", "Kalina Systems", "1993")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), SUCCESSION_CASES)
def test_new_forms_and_names(
    reader: Reader, text: str, expected: set[tuple[str, str, str, str | None]]
) -> None:
    found = claims(reader, text)
    missing = expected - found
    assert not missing, f"missing {missing}; found {found}"


def test_becoming_a_branch_is_not_a_succession(reader: Reader) -> None:
    found = claims(
        reader,
        "The Gomel Radio Plant was founded in 1958. In 1985 it became the Minsk branch of the "
        "Kalina Systems.",
    )
    assert not any(p == "succeeded_by" for _, p, *_ in found), found
