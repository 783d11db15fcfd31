"""The question parser: what a question asks, its times, cues and modifiers (no database)."""

from __future__ import annotations

import pytest

from kronika.ask.periods import find_times
from kronika.ask.question import parse

TARGETS = [
    ("When was Belhard established?", "time"),
    ("In what year was the HTP launched?", "time"),
    ("In which decade did the Minsk computers appear?", "time"),
    ("Until what year did NTT System operate in Belarus?", "time"),
    ("Who founded Dainova?", "entity"),
    ("Whose systems was the ES EVM modeled on?", "entity"),
    ("Where is Ciklum headquartered?", "entity"),
    ("Which Finnish company opened an office in Belarus?", "entity"),
    ("How many residents did HTP have in 2016?", "quantity"),
    ("How much did exports fall from 2023 to 2024?", "quantity"),
    ("What share of HTP residents are foreign?", "quantity"),
    ("What proportion of specialists chose Poland?", "quantity"),
    ("What happened in 2017?", "events"),
    ("Which events took place in 2020?", "events"),
    ("What is Belhard?", "describe"),
    ("Tell me about Dainova", "describe"),
    ("Who is Valery Tsepkalo?", "describe"),
    ("How many years after Infopark was the HTP created?", "years_between"),
    ("How many years passed between the founding of Dainova and Belhard?", "years_between"),
    ("Was Dainova founded in 1991?", "yesno"),
    ("Which was founded first, Dainova or Belhard?", "compare"),
    ("Why did the companies leave?", "why"),
]


@pytest.mark.parametrize(("question", "target"), TARGETS, ids=[t[0] for t in TARGETS])
def test_target(question: str, target: str) -> None:
    assert parse(question).target == target


TIMES = [
    ("in 2011", ("2011-01-01", "2011-12-31", "in")),
    ("by 2016", (None, "2016-12-31", "by")),
    ("after 2020", ("2021-01-01", None, "after")),
    ("since 2005", ("2005-01-01", None, "since")),
    ("before 2001", (None, "2000-12-31", "before")),
    ("until 2010", (None, "2010-12-31", "until")),
    ("between 2020 and 2024", ("2020-01-01", "2024-12-31", "range")),
    ("from 2023 to 2024", ("2023-01-01", "2024-12-31", "range")),
    ("in the 1960s", ("1960-01-01", "1969-12-31", "in")),
    ("in the early 1990s", ("1990-01-01", "1993-12-31", "in")),
    ("in early 2020", ("2020-01-01", "2020-04-30", "in")),
    ("in September 2020", ("2020-09-01", "2020-09-30", "in")),
    ("in the first decade of the 21st century", ("2001-01-01", "2010-12-31", "in")),
    ("today", (None, None, "now")),
]


@pytest.mark.parametrize(("text", "expected"), TIMES, ids=[t[0] for t in TIMES])
def test_times(text: str, expected: tuple[str | None, str | None, str]) -> None:
    [found] = find_times(f"What happened {text}?")
    assert (found.start, found.end, found.kind) == expected


def test_two_points_of_a_difference() -> None:
    q = parse("How much did exports fall from 2023 to 2024?")
    assert q.change == "difference" and q.direction == -1
    assert q.times[0].points == (2023, 2024)


def test_sum_and_change_nouns() -> None:
    assert parse("How much did the HTP export in 2023 and 2024 combined?").change == "sum"
    q = parse("What was the growth in HTP residents from 2011 to 2016?")
    assert (q.target, q.change) == ("quantity", "difference")


def test_percent_change() -> None:
    assert parse("By what percentage did exports fall between 2023 and 2024?").change == "percent_change"


CUES = [
    ("Who founded Dainova?", "founded_by"),
    ("When was the Park launched?", "founded"),
    ("Who led NTT System?", "led_by"),
    ("Who heads the ministry?", "led_by"),
    ("Under which university was Infopark established?", "part_of"),
    ("Which company bought Viber?", "part_of"),
    ("Where did the companies relocate?", "relocated_to"),
    ("In favor of which line was the Minsk series phased out?", "succeeded_by"),
    ("Whose systems was ES EVM modeled on?", "modeled_on"),
    ("With which organization did the institutes collaborate?", "partnered_with"),
    ("What advisory post did Tsepkalo hold?", "holds_position"),
    ("Which Polish firm invested in Belarus?", "invested_in"),
    ("What did Dainova produce?", "produced"),
    ("Which company opened an office in Belarus?", "operates_in"),
    ("Where is SAP headquartered?", "headquartered_in"),
]


@pytest.mark.parametrize(("question", "predicate"), CUES, ids=[c[0] for c in CUES])
def test_strongest_cue(question: str, predicate: str) -> None:
    votes = parse(question).predicates
    assert votes.get(predicate) == max(votes.values()), votes


def test_modifiers() -> None:
    q = parse("In which year did HTP's export revenue reach a record?")
    assert (q.target, q.extreme) == ("time", "max")
    q = parse("According to dev.by, how many IT specialists left Belarus between 2020 and 2024?")
    assert q.according_to == "dev.by" and q.unit == "count"
    q = parse("How many resident companies does HTP host today, according to official data?")
    assert (q.according_to or "").startswith("official") and q.times[-1].kind == "now"
    q = parse("Which neighboring countries did they move to?")
    assert q.plural and q.types == ("place",)
    q = parse("What advisory post did Valery Tsepkalo hold?")
    assert q.role
    assert parse("Until what year did NTT operate in Belarus?").edge == "end"
    assert parse("What was the export revenue in 2024?").unit == "money"
