"""Table tests for the time-expression normaliser (kronika.pipeline.timex).

Each case is a sentence in and the time expressions found in it out, as
``(text, start, end, precision)`` tuples; ``start``/``end`` are ISO dates or None.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kronika.pipeline.timex import find_times, normalise_time

DOC = dt.date(2025, 6, 15)

Found = tuple[str, str | None, str | None, str]


def found(sentence: str, **kwargs: Any) -> list[Found]:
    """The matches of a sentence as (text, start, end, precision), checking offsets on the way."""
    out = []
    for m in find_times(sentence, **kwargs):
        assert sentence[m.start : m.end] == m.span.text
        out.append((m.span.text, m.span.start, m.span.end, m.span.precision))
    return out


def year(y: int, text: str, precision: str = "year") -> Found:
    return (text, f"{y}-01-01", f"{y}-12-31", precision)


def years(a: int, b: int, text: str, precision: str = "year") -> Found:
    return (text, f"{a}-01-01", f"{b}-12-31", precision)


# --------------------------------------------------------------------------- years and prepositions

YEARS = [
    ("In 2011, the number of residents surpassed 100.", [year(2011, "In 2011")]),
    ("Belhard was established in 1994.", [year(1994, "in 1994")]),
    ("1994 was a turning point.", [year(1994, "1994")]),
    ("Infopark opened in 2001.", [year(2001, "in 2001")]),
    ("Sales grew during 2019.", [year(2019, "during 2019")]),
    ("As of 2023 the park had 1,000 residents.", [year(2023, "As of 2023")]),
    ("It was done throughout 2018.", [year(2018, "throughout 2018")]),
    ("Windows 2000 ran on them.", [year(2000, "2000")]),
    ("the 2020 elections", [year(2020, "2020")]),
    ("The company's 2019 results were good.", [year(2019, "2019")]),
    ("2021's growth", [year(2021, "2021")]),
    ("In 1800 and in 2099.", [year(1800, "In 1800"), year(2099, "in 2099")]),
    ("In 2020 and 2021 it grew.", [year(2020, "In 2020"), year(2021, "2021")]),
    ("In 2020 companies left.", [year(2020, "In 2020")]),
    ("up to 2000 companies", []),
]

OPEN_ENDED = [
    ("by 2016, it exceeded 180", [("by 2016", None, "2016-12-31", "year")]),
    ("It operated until 2010.", [("until 2010", None, "2010-12-31", "year")]),
    ("It operated till 2010.", [("till 2010", None, "2010-12-31", "year")]),
    ("It operated up to 2010.", [("up to 2010", None, "2010-12-31", "year")]),
    ("It operated through 2010.", [("through 2010", None, "2010-12-31", "year")]),
    ("It was built before 2000.", [("before 2000", None, "1999-12-31", "year")]),
    ("It was built prior to 2000.", [("prior to 2000", None, "1999-12-31", "year")]),
    ("after 2020, more than 400", [("after 2020", "2021-01-01", None, "year")]),
    ("It has grown since 2015.", [("since 2015", "2015-01-01", None, "year")]),
    ("Residents from 2015 paid less.", [("from 2015", "2015-01-01", None, "year")]),
    ("Starting in 2015, it paid less.", [("Starting in 2015", "2015-01-01", None, "year")]),
    ("It was ready by the end of 2020.", [("by the end of 2020", None, "2020-12-31", "approximate")]),
    ("It grew after the 1990s.", [("after the 1990s", "2000-01-01", None, "decade")]),
    ("It grew since the 1990s.", [("since the 1990s", "1990-01-01", None, "decade")]),
    ("It was founded around 2010.", [year(2010, "around 2010", "approximate")]),
    ("It was founded circa 1890.", [year(1890, "circa 1890", "approximate")]),
]

RANGES = [
    ("between 2020 and 2024, 16,000 people left", [years(2020, 2024, "between 2020 and 2024")]),
    ("from 2020 to 2024", [years(2020, 2024, "from 2020 to 2024")]),
    ("from 2020 until 2024", [years(2020, 2024, "from 2020 until 2024")]),
    ("in 2020–2024", [years(2020, 2024, "in 2020–2024")]),
    ("2020-2024", [years(2020, 2024, "2020-2024")]),
    ("2020 to 2024", [years(2020, 2024, "2020 to 2024")]),
    ("1998 - 2003", [years(1998, 2003, "1998 - 2003")]),
    ("the 2020-24 plan", [years(2020, 2024, "2020-24")]),
    ("the 1998/99 season", [years(1998, 1999, "1998/99")]),
    ("1999-00", [years(1999, 2000, "1999-00")]),
    (
        "from March 2020 to June 2021",
        [("from March 2020 to June 2021", "2020-03-01", "2021-06-30", "month")],
    ),
    ("between 2020 and 2024, between 16,000 and 22,000", [years(2020, 2024, "between 2020 and 2024")]),
    (
        "from 2015 to the present",
        [("from 2015 to the present", "2015-01-01", "2025-12-31", "year")],
        {"doc_date": DOC},
    ),
    ("from 2024 to 2020", [("from 2024", "2024-01-01", None, "year"), year(2020, "2020")]),
    ("the 1960s and 1970s", [years(1960, 1969, "the 1960s", "decade"), years(1970, 1979, "1970s", "decade")]),
    ("2019/2020", [years(2019, 2020, "2019/2020")]),
    (
        "from the early 1990s until the mid-2000s",
        [years(1990, 2006, "from the early 1990s until the mid-2000s", "approximate")],
    ),
    ("the 1990s-2000s", [years(1990, 2009, "the 1990s-2000s", "decade")]),
    ("January-March 2021", [("January-March 2021", "2021-01-01", "2021-03-31", "month")]),
    ("Jan–Mar 2021", [("Jan–Mar 2021", "2021-01-01", "2021-03-31", "month")]),
    ("from March to May 2020", [("from March to May 2020", "2020-03-01", "2020-05-31", "month")]),
    ("between May and June 2020", [("between May and June 2020", "2020-05-01", "2020-06-30", "month")]),
    ("March and May 2020", [("May 2020", "2020-05-01", "2020-05-31", "month")]),
    ("in 2015 and 2016", [year(2015, "in 2015"), year(2016, "2016")]),
]

DECADES = [
    ("a flagship initiative of the 1960s", [years(1960, 1969, "the 1960s", "decade")]),
    ("the chaos of the 1990s", [years(1990, 1999, "the 1990s", "decade")]),
    ("companies founded in the 1990s", [years(1990, 1999, "in the 1990s", "decade")]),
    ("1990s technology", [years(1990, 1999, "1990s", "decade")]),
    ("the 1990's", [years(1990, 1999, "the 1990's", "decade")]),
    ("in the '90s", [years(1990, 1999, "in the '90s", "decade")]),
    ("in the ’90s", [years(1990, 1999, "in the ’90s", "decade")]),
    ("the 90s", [years(1990, 1999, "the 90s", "decade")]),
    ("the nineties", [years(1990, 1999, "the nineties", "decade")]),
    ("the 2000s", [years(2000, 2009, "the 2000s", "decade")]),
    ("the 2010s", [years(2010, 2019, "the 2010s", "decade")]),
    ("the 2020s", [years(2020, 2029, "the 2020s", "decade")]),
    ("the 1800s", [years(1800, 1899, "the 1800s", "century")]),
    ("the early 1990s", [years(1990, 1993, "the early 1990s", "approximate")]),
    ("mid-1990s", [years(1994, 1996, "mid-1990s", "approximate")]),
    ("the mid 1990s", [years(1994, 1996, "the mid 1990s", "approximate")]),
    ("the late 1990s", [years(1997, 1999, "the late 1990s", "approximate")]),
    ("the mid-to-late 1990s", [years(1994, 1999, "the mid-to-late 1990s", "approximate")]),
    ("the early-to-mid 2000s", [years(2000, 2006, "the early-to-mid 2000s", "approximate")]),
    ("the end of the 1990s", [years(1997, 1999, "the end of the 1990s", "approximate")]),
    ("the beginning of the 2000s", [years(2000, 2003, "the beginning of the 2000s", "approximate")]),
    ("the first half of the 1980s", [years(1980, 1984, "the first half of the 1980s", "approximate")]),
    ("the early 1900s", [years(1900, 1939, "the early 1900s", "approximate")]),
    ("people in their 90s", []),
]

CENTURIES = [
    ("the 20th century", [years(1901, 2000, "the 20th century", "century")]),
    ("the 21st century", [years(2001, 2100, "the 21st century", "century")]),
    ("in the nineteenth century", [years(1801, 1900, "in the nineteenth century", "century")]),
    ("the twenty-first century", [years(2001, 2100, "the twenty-first century", "century")]),
    ("the early 20th century", [years(1901, 1940, "the early 20th century", "approximate")]),
    (
        "the second half of the 20th century",
        [years(1951, 2000, "the second half of the 20th century", "approximate")],
    ),
    (
        "In the first decade of the 21st century, it grew",
        [years(2001, 2010, "In the first decade of the 21st century", "decade")],
    ),
    (
        "the second decade of the 21st century",
        [years(2011, 2020, "the second decade of the 21st century", "decade")],
    ),
    (
        "the last decade of the 20th century",
        [years(1991, 2000, "the last decade of the 20th century", "decade")],
    ),
    (
        "the first decade of the new millennium",
        [years(2001, 2010, "the first decade of the new millennium", "decade")],
    ),
    (
        "At the turn of the millennium, Belarus",
        [years(1999, 2001, "the turn of the millennium", "approximate")],
    ),
    ("the turn of the century", [years(1999, 2001, "the turn of the century", "approximate")]),
    (
        "the turn of the century",
        [years(1899, 1901, "the turn of the century", "approximate")],
        {"context_year": 1905},
    ),
    ("the turn of the 20th century", [years(1899, 1901, "the turn of the 20th century", "approximate")]),
    ("21st-century skills", []),
    ("in the 20th and 21st centuries", [years(1901, 2100, "in the 20th and 21st centuries", "century")]),
]

MONTHS_AND_DAYS = [
    # a document's number before "of <month>" is no day
    ("Order No. 14 of June 2016 was revoked.", [("June 2016", "2016-06-01", "2016-06-30", "month")]),
    ("March 2020", [("March 2020", "2020-03-01", "2020-03-31", "month")]),
    ("in February 2024", [("in February 2024", "2024-02-01", "2024-02-29", "month")]),
    ("Sept. 2019", [("Sept. 2019", "2019-09-01", "2019-09-30", "month")]),
    ("May of 2021", [("May of 2021", "2021-05-01", "2021-05-31", "month")]),
    ("On March 5, 2020, it opened.", [("March 5, 2020", "2020-03-05", "2020-03-05", "day")]),
    ("March 5th 2020", [("March 5th 2020", "2020-03-05", "2020-03-05", "day")]),
    ("5 March 2020", [("5 March 2020", "2020-03-05", "2020-03-05", "day")]),
    ("the 5th of March, 2020", [("the 5th of March, 2020", "2020-03-05", "2020-03-05", "day")]),
    ("2020-03-05", [("2020-03-05", "2020-03-05", "2020-03-05", "day")]),
    ("since 2020-03-05", [("since 2020-03-05", "2020-03-05", None, "day")]),
    ("February 30, 2020", [("2020", "2020-01-01", "2020-12-31", "year")]),
    ("on March 5", [("March 5", "2011-03-05", "2011-03-05", "day")], {"context_year": 2011}),
    ("on March 5", []),
    ("in March", [("in March", "2011-03-01", "2011-03-31", "month")], {"context_year": 2011}),
    ("in March", []),
    ("They march on.", []),
    ("You may 2020 go", [year(2020, "2020")]),
    ("in the spring of 2020", [("in the spring of 2020", "2020-03-01", "2020-05-31", "approximate")]),
    ("summer 2019", [("summer 2019", "2019-06-01", "2019-08-31", "approximate")]),
    ("the fall of 1991", [("the fall of 1991", "1991-09-01", "1991-11-30", "approximate")]),
    ("winter 2021/22", [("winter 2021/22", "2021-12-01", "2022-02-28", "approximate")]),
    ("winter of 2021", [("winter of 2021", "2021-01-01", "2021-12-31", "approximate")]),
    ("Q1 2021", [("Q1 2021", "2021-01-01", "2021-03-31", "approximate")]),
    ("in Q3 of 2020", [("in Q3 of 2020", "2020-07-01", "2020-09-30", "approximate")]),
    ("2021 Q4", [("2021 Q4", "2021-10-01", "2021-12-31", "approximate")]),
    ("H1 2022", [("H1 2022", "2022-01-01", "2022-06-30", "approximate")]),
    ("the first quarter of 2021", [("the first quarter of 2021", "2021-01-01", "2021-03-31", "approximate")]),
]

PARTS_OF_YEAR = [
    ("in early 2020", [("in early 2020", "2020-01-01", "2020-04-30", "approximate")]),
    ("Early 2020", [("Early 2020", "2020-01-01", "2020-04-30", "approximate")]),
    ("mid-2020", [("mid-2020", "2020-05-01", "2020-08-31", "approximate")]),
    ("mid 2020", [("mid 2020", "2020-05-01", "2020-08-31", "approximate")]),
    ("late 2020", [("late 2020", "2020-09-01", "2020-12-31", "approximate")]),
    ("end of 2020", [("end of 2020", "2020-09-01", "2020-12-31", "approximate")]),
    ("at the end of 2020", [("the end of 2020", "2020-09-01", "2020-12-31", "approximate")]),
    ("the beginning of 2020", [("the beginning of 2020", "2020-01-01", "2020-04-30", "approximate")]),
    ("the start of 2020", [("the start of 2020", "2020-01-01", "2020-04-30", "approximate")]),
    ("the middle of 2020", [("the middle of 2020", "2020-05-01", "2020-08-31", "approximate")]),
    ("the first half of 2020", [("the first half of 2020", "2020-01-01", "2020-06-30", "approximate")]),
    ("the second half of 2020", [("the second half of 2020", "2020-07-01", "2020-12-31", "approximate")]),
    ("as late as 2020", [year(2020, "2020")]),
    ("mid-to-late 2020", [("mid-to-late 2020", "2020-05-01", "2020-12-31", "approximate")]),
]

CONTEXT = [
    ("That year, a decree launched HTP.", [year(2005, "That year")], {"context_year": 2005}),
    ("That year, a decree launched HTP.", []),
    ("the same year", [year(2005, "the same year")], {"context_year": 2005}),
    ("in the same year", [year(2005, "in the same year")], {"context_year": 2005}),
    ("later that same year", [year(2005, "that same year")], {"context_year": 2005}),
    ("the following year", [year(2006, "the following year")], {"context_year": 2005}),
    ("the next year", [year(2006, "the next year")], {"context_year": 2005}),
    ("a year later", [year(2006, "a year later")], {"context_year": 2005}),
    ("two years later", [year(2007, "two years later")], {"context_year": 2005}),
    ("the previous year", [year(2004, "the previous year")], {"context_year": 2005}),
    ("a year earlier", [year(2004, "a year earlier")], {"context_year": 2005}),
    ("a decade earlier", [year(1995, "a decade earlier", "approximate")], {"context_year": 2005}),
    ("the following year", []),
    ("in the following years", [], {"context_year": 2005}),
    ("a year later", []),
    (
        "at the end of the year",
        [("the end of the year", "2005-09-01", "2005-12-31", "approximate")],
        {"context_year": 2005},
    ),
    (
        "by the end of the year",
        [("by the end of the year", None, "2005-12-31", "approximate")],
        {"context_year": 2005},
    ),
    (
        "in the first half of the year",
        [("in the first half of the year", "2005-01-01", "2005-06-30", "approximate")],
        {"context_year": 2005},
    ),
    (
        "at the end of the year",
        [("the end of the year", "2025-09-01", "2025-12-31", "approximate")],
        {"doc_date": DOC},
    ),
    ("at the end of the year", []),
]

RELATIVE = [
    ("It now hosts over 1,000 companies.", [year(2025, "now")], {"doc_date": DOC}),
    ("It now hosts over 1,000 companies.", [("now", None, None, "approximate")]),
    ("all of which remain active today.", [year(2025, "today")], {"doc_date": DOC}),
    ("today’s tech giants", [("today", None, None, "approximate")]),
    ("It is currently growing.", [year(2025, "currently")], {"doc_date": DOC}),
    ("At present it grows.", [year(2025, "At present")], {"doc_date": DOC}),
    ("Nowadays it grows.", [year(2025, "Nowadays")], {"doc_date": DOC}),
    (
        "In recent years, Belarus has advanced.",
        [years(2021, 2025, "In recent years", "approximate")],
        {"doc_date": DOC},
    ),
    ("In recent years, Belarus has advanced.", [("In recent years", None, None, "approximate")]),
    ("recent years", [years(2021, 2025, "recent years", "approximate")], {"doc_date": DOC}),
    ("last year", [year(2024, "last year")], {"doc_date": DOC}),
    ("last year", []),
    ("this year", [year(2025, "this year")], {"doc_date": DOC}),
    ("next year", [year(2026, "next year")], {"doc_date": DOC}),
    ("last month", [("last month", "2025-05-01", "2025-05-31", "month")], {"doc_date": DOC}),
    ("three years ago", [year(2022, "three years ago")], {"doc_date": DOC}),
    (
        "over the past five years",
        [years(2020, 2025, "the past five years", "approximate")],
        {"doc_date": DOC},
    ),
    ("the past decade", [years(2015, 2025, "the past decade", "approximate")], {"doc_date": DOC}),
    (
        "to invest $3 million over the next two years",
        [years(2025, 2027, "the next two years", "approximate")],
        {"doc_date": DOC},
    ),
    ("in the coming decade", [years(2025, 2035, "in the coming decade", "approximate")], {"doc_date": DOC}),
    ("over the next two years", []),
    ("It has raised $5M to date.", [("to date", None, "2025-12-31", "year")], {"doc_date": DOC}),
    ("until now", [("until now", None, "2025-12-31", "year")], {"doc_date": DOC}),
    ("the present study", [], {"doc_date": DOC}),
]

NOT_TIMES = [
    # a year inside a model code
    "The works built TK-1960 lathes and the later RM-2010 presses.",
    "It grew for two decades.",
    "It ran for 10 years.",
    "for decades everything was state-owned",
    "Thousands of units were produced annually.",
    "It employs 2000 employees.",
    "They founded 1500 companies.",
    "It made 1200 units.",
    "It cost $2000.",
    "It cost € 2019.",
    "It grew 2000%.",
    "It grew 2000 percent.",
    "It grew 2000 per cent.",
    "1,994 people",
    "12005 items",
    "version 3.2019",
    "2019.5 points",
    "a developing 5G network",
    "between 1500 and 2000 companies",
    "from 1500 to 2000",
    "Decree No. 2005 was signed.",
    "the 2000 employees of the firm",
    "call 2020-555-1234",
    "the first phase",
    "In later years, it was phased out.",
    "FY2020",
]


KNOWN_GAPS = [
    pytest.param(
        "At the start of the new decade, the sector faced two shocks.",
        [("the start of the new decade", "2020-01-01", "2023-12-31", "approximate")],
        {"context_year": 2017},
        marks=pytest.mark.xfail(strict=True, reason="'the new decade' needs the decade after context_year"),
        id="the start of the new decade",
    ),
    pytest.param(
        "by the end of the decade",
        [("by the end of the decade", None, "2019-12-31", "approximate")],
        {"context_year": 2015},
        marks=pytest.mark.xfail(strict=True, reason="'the decade' is not resolved against context_year"),
        id="by the end of the decade",
    ),
    pytest.param(
        "In later years, the Minsk series was phased out.",
        [("In later years", "1970-01-01", None, "approximate")],
        {"context_year": 1969},
        marks=pytest.mark.xfail(strict=True, reason="vague relative periods ('later years') are not read"),
        id="In later years",
    ),
]


@pytest.mark.parametrize("sentence, expected, kwargs", KNOWN_GAPS)
def test_known_gaps(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


def _cases(table: list[Any]) -> list[Any]:
    return [pytest.param(c[0], c[1], c[2] if len(c) > 2 else {}, id=c[0]) for c in table]


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(YEARS))
def test_years(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(OPEN_ENDED))
def test_open_ended(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(RANGES))
def test_ranges(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(DECADES))
def test_decades(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(CENTURIES))
def test_centuries(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(MONTHS_AND_DAYS))
def test_months_and_days(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(PARTS_OF_YEAR))
def test_parts_of_year(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(CONTEXT))
def test_context(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence, expected, kwargs", _cases(RELATIVE))
def test_relative(sentence: str, expected: list[Found], kwargs: dict[str, Any]) -> None:
    assert found(sentence, **kwargs) == expected


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_not_times(sentence: str) -> None:
    assert found(sentence, doc_date=DOC) == []


def test_article_sentence() -> None:
    sentence = (
        "In 2011, the number of HTP residents surpassed 100; "
        "by 2016, it exceeded 180; after 2020, more than 400."
    )
    assert [(m.start, m.end) for m in find_times(sentence)] == [(0, 7), (52, 59), (78, 88)]
    assert found(sentence) == [
        year(2011, "In 2011"),
        ("by 2016", None, "2016-12-31", "year"),
        ("after 2020", "2021-01-01", None, "year"),
    ]


NORMALISE = [
    ("the early 1990s", ("1990-01-01", "1993-12-31", "approximate", "the early 1990s")),
    ("by 2016", (None, "2016-12-31", "year", "by 2016")),
    ("after 2020", ("2021-01-01", None, "year", "after 2020")),
    (
        "the first decade of the 21st century",
        ("2001-01-01", "2010-12-31", "decade", "the first decade of the 21st century"),
    ),
    ("around 2010 or so", ("2010-01-01", "2010-12-31", "approximate", "around 2010")),
]


@pytest.mark.parametrize("expr, expected", NORMALISE, ids=[c[0] for c in NORMALISE])
def test_normalise_time(expr: str, expected: tuple[str | None, str | None, str, str]) -> None:
    span = normalise_time(expr)
    assert span is not None
    assert (span.start, span.end, span.precision, span.text) == expected


def test_normalise_time_picks_longest_and_none() -> None:
    span = normalise_time("2011 and the early 1990s")
    assert span is not None and span.text == "the early 1990s"
    assert normalise_time("two decades") is None
    assert normalise_time("that year") is None
    span = normalise_time("that year", context_year=2005)
    assert span is not None and span.start == "2005-01-01"


def test_bad_context_year_is_ignored() -> None:
    assert find_times("the following year", context_year=99999) == []
    assert find_times("now", doc_date=dt.date(9999, 12, 31))[0].span.start == "9999-01-01"
    # the day after 9999-12-31 does not exist: the preposition is left out rather than crash
    assert find_times("after now", doc_date=dt.date(9999, 12, 31))[0].span.text == "now"
