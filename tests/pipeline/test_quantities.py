"""Table tests for the quantity normaliser (kronika.pipeline.quantities).

Each case is a sentence in and the quantities found in it out, as
``(text, amount, unit, comparator, lower, upper)`` tuples. Time expressions are excluded the
way the reader does it: by passing the spans :func:`find_times` found.
"""

from __future__ import annotations

import pytest

from kronika.pipeline.quantities import find_quantities, parse_number
from kronika.pipeline.timex import find_times

Q = tuple[str, float | None, str, str, float | None, float | None]


def found(sentence: str, *, exclude_times: bool = True) -> list[Q]:
    """The quantities of a sentence as tuples, checking offsets on the way."""
    exclude = [(t.start, t.end) for t in find_times(sentence)] if exclude_times else []
    out = []
    for m in find_quantities(sentence, exclude=exclude):
        q = m.quantity
        assert sentence[m.start : m.end] == q.text
        amount = None if q.amount is None else round(q.amount, 6)
        out.append((q.text, amount, q.unit, q.comparator, q.lower, q.upper))
    return out


def eq(text: str, amount: float, unit: str = "count") -> Q:
    return (text, amount, unit, "=", None, None)


def about(text: str, amount: float, unit: str = "count") -> Q:
    return (text, amount, unit, "~", None, None)


def lower(text: str, amount: float, comparator: str = ">", unit: str = "count") -> Q:
    return (text, amount, unit, comparator, amount, None)


def upper(text: str, amount: float, comparator: str = "<", unit: str = "count") -> Q:
    return (text, amount, unit, comparator, None, amount)


def rng(text: str, lo: float, hi: float, unit: str = "count") -> Q:
    return (text, lo, unit, "range", lo, hi)


NUMBERS = [
    ("It has 100 residents.", [eq("100", 100)]),
    ("It has 1,000 residents.", [eq("1,000", 1000)]),
    ("It has 1,000,000 users.", [eq("1,000,000", 1_000_000)]),
    ("The score was 3.2 points.", [eq("3.2", 3.2)]),
    ("1.5 million people", [eq("1.5 million", 1_500_000)]),
    ("25 thousand people", [eq("25 thousand", 25_000)]),
    ("300k users", [eq("300k", 300_000)]),
    ("It had three offices.", [eq("three", 3)]),
    ("Two major shocks followed.", [eq("Two", 2)]),
    ("twenty-five firms", [eq("twenty-five", 25)]),
    ("twenty five firms", [eq("twenty five", 25)]),
    ("a dozen firms", [eq("a dozen", 12)]),
    ("a thousand firms", [eq("a thousand", 1000)]),
    ("two hundred and fifty firms", [eq("two hundred and fifty", 250)]),
    ("three million people", [eq("three million", 3_000_000)]),
    ("half a million people", [eq("half a million", 500_000)]),
    ("one hundred firms", [eq("one hundred", 100)]),
    ("one and a half million people", [eq("one and a half million", 1_500_000)]),
    ("16 000 people", [eq("16 000", 16000)]),
    ("1\u00a0000\u00a0000 users", [eq("1\u00a0000\u00a0000", 1_000_000)]),
    ("million people", []),
    ("hundred firms", []),
    ("agent 007", []),
    ("It was one of the first.", []),
    ("one company", []),
    ("two of them left", []),
    ("the first phase and the second came", []),
    ("a three-year plan", []),
    ("a 5-year plan", []),
]

COMPARATORS = [
    ("more than 400", [lower("more than 400", 400)]),
    ("More than 100 of these companies", [lower("More than 100", 100)]),
    ("over 1,000 resident companies", [lower("over 1,000", 1000)]),
    ("above 50 firms", [lower("above 50", 50)]),
    ("in excess of 20 firms", [lower("in excess of 20", 20)]),
    ("at least 30 firms", [lower("at least 30", 30, ">=")]),
    ("no fewer than 30 firms", [lower("no fewer than 30", 30, ">=")]),
    ("a minimum of 30 firms", [lower("a minimum of 30", 30, ">=")]),
    ("fewer than 30 firms", [upper("fewer than 30", 30)]),
    ("less than 5%", [upper("less than 5%", 5, unit="percent")]),
    ("under 30 firms", [upper("under 30", 30)]),
    ("below 30 firms", [upper("below 30", 30)]),
    ("up to 30 firms", [upper("up to 30", 30, "<=")]),
    ("at most 30 firms", [upper("at most 30", 30, "<=")]),
    ("no more than 30 firms", [upper("no more than 30", 30, "<=")]),
    ("as many as 30 firms", [upper("as many as 30", 30, "<=")]),
    ("about 30 firms", [about("about 30", 30)]),
    ("around 30 firms", [about("around 30", 30)]),
    ("approximately 30 firms", [about("approximately 30", 30)]),
    ("roughly 30 firms", [about("roughly 30", 30)]),
    ("nearly 30 firms", [about("nearly 30", 30)]),
    ("almost 30 firms", [about("almost 30", 30)]),
    ("some 30 firms", [about("some 30", 30)]),
    ("an estimated 30 firms", [about("an estimated 30", 30)]),
    ("close to 30 firms", [about("close to 30", 30)]),
    ("~30 firms", [about("~30", 30)]),
    ("100 or more firms", [lower("100 or more", 100, ">=")]),
    ("50+ firms", [lower("50+", 50, ">=")]),
    ("100 or fewer firms", [upper("100 or fewer", 100, "<=")]),
]

VERBS = [
    ("the number of HTP residents surpassed 100;", [lower("surpassed 100", 100)]),
    ("by 2016, it exceeded 180;", [lower("exceeded 180", 180)]),
    ("sales topped 500 units", [lower("topped 500", 500)]),
    ("sales passed 500 units", [lower("passed 500", 500)]),
    ("export revenue reached $1.8 billion", [eq("$1.8 billion", 1.8e9, "USD")]),
    ("it hit 500 units", [eq("500", 500)]),
    ("exports totalled $2 billion", [eq("$2 billion", 2e9, "USD")]),
    ("exports totaled $2 billion", [eq("$2 billion", 2e9, "USD")]),
    ("exports stood at $2 billion", [eq("$2 billion", 2e9, "USD")]),
    ("exports amounted to $2 billion", [eq("$2 billion", 2e9, "USD")]),
]

RANGES = [
    ("between 16,000 and 22,000 IT specialists left", [rng("between 16,000 and 22,000", 16000, 22000)]),
    ("from 10 to 20 firms", [rng("from 10 to 20", 10, 20)]),
    ("10 to 20 firms", [rng("10 to 20", 10, 20)]),
    ("10–20 firms", [rng("10–20", 10, 20)]),
    ("10-20 percent", [rng("10-20 percent", 10, 20, "percent")]),
    ("10% to 20%", [rng("10% to 20%", 10, 20, "percent")]),
    ("$2-3 billion", [rng("$2-3 billion", 2e9, 3e9, "USD")]),
    ("between $16 and $22 million", [rng("between $16 and $22 million", 16e6, 22e6, "USD")]),
    ("between 500 and 2 million", [rng("between 500 and 2 million", 500, 2e6)]),
    ("fell from 100 to 50", [eq("100", 100), eq("50", 50)]),
    ("10 and 20 firms", [eq("10", 10), eq("20", 20)]),
    ("$10 to €20", [eq("$10", 10, "USD"), eq("€20", 20, "EUR")]),
]

MONEY = [
    ("a record $3.2 billion in 2023", [eq("$3.2 billion", 3.2e9, "USD")]),
    ("$1.8 bn", [eq("$1.8 bn", 1.8e9, "USD")]),
    ("$1.8bn", [eq("$1.8bn", 1.8e9, "USD")]),
    ("1.8 bn USD", [eq("1.8 bn USD", 1.8e9, "USD")]),
    ("USD 1.8 billion", [eq("USD 1.8 billion", 1.8e9, "USD")]),
    ("US$500 million", [eq("US$500 million", 5e8, "USD")]),
    ("€40 million", [eq("€40 million", 4e7, "EUR")]),
    ("£2m", [eq("£2m", 2e6, "GBP")]),
    ("2 million euros", [eq("2 million euros", 2e6, "EUR")]),
    ("2 million dollars", [eq("2 million dollars", 2e6, "USD")]),
    ("BYN 5 million", [eq("BYN 5 million", 5e6, "BYN")]),
    ("5 million Belarusian rubles", [eq("5 million Belarusian rubles", 5e6, "BYN")]),
    ("500 million rubles", [eq("500 million rubles", 5e8, "RUB")]),
    ("100 PLN", [eq("100 PLN", 100, "PLN")]),
    ("100 zł", [eq("100 zł", 100, "PLN")]),
    ("$300k", [eq("$300k", 3e5, "USD")]),
    ("$1 trillion", [eq("$1 trillion", 1e12, "USD")]),
    ("more than $400 million", [lower("more than $400 million", 4e8, unit="USD")]),
    ("a 2m wall", []),
]

PERCENT = [
    ("9%", [eq("9%", 9, "percent")]),
    ("a reduced personal income tax rate (9%) for employees", [eq("9%", 9, "percent")]),
    ("35 percent", [eq("35 percent", 35, "percent")]),
    ("35 per cent", [eq("35 per cent", 35, "percent")]),
    ("35 %", [eq("35 %", 35, "percent")]),
    ("almost 40%", [about("almost 40%", 40, "percent")]),
    ("35% of which are foreign", [eq("35%", 35, "percent")]),
    ("contributing to 2% of GDP", [eq("2%", 2, "percent")]),
    ("five percent", [eq("five percent", 5, "percent")]),
    ("up 3 percentage points", [eq("3 percentage points", 3, "percentage_point")]),
]

FRACTIONS = [
    ("two-thirds of specialists", [eq("two-thirds", 66.666667, "percent")]),
    ("two thirds of specialists", [eq("two thirds", 66.666667, "percent")]),
    ("about two-thirds of Belarusian IT specialists", [about("about two-thirds", 66.666667, "percent")]),
    ("half of them", [eq("half", 50, "percent")]),
    ("a half", [eq("a half", 50, "percent")]),
    ("more than half of them", [lower("more than half", 50, unit="percent")]),
    ("a third of firms", [eq("a third", 33.333333, "percent")]),
    ("one-third", [eq("one-third", 33.333333, "percent")]),
    ("one third of firms", [eq("one third", 33.333333, "percent")]),
    ("a quarter of firms", [eq("a quarter", 25, "percent")]),
    ("three quarters of firms", [eq("three quarters", 75, "percent")]),
    ("three-quarters", [eq("three-quarters", 75, "percent")]),
    ("cut exports by roughly a fifth in 2022", [about("roughly a fifth", 20, "percent")]),
    ("a fall of about a fifth", [about("about a fifth", 20, "percent")]),
    ("earn about a third less than developers", [about("about a third", 33.333333, "percent")]),
    ("handed to a third party", []),
    ("the number grew by half, to 551", [eq("half", 50, "percent"), eq("551", 551)]),
    ("a third country", []),
    ("the third quarter", []),
    ("half", []),
    ("one and a half years", []),
]

MULTITUDES = [
    ("Thousands of units were produced annually", [lower("Thousands", 1000, ">=")]),
    ("thousands of units", [lower("thousands", 1000, ">=")]),
    ("hundreds of firms", [lower("hundreds", 100, ">=")]),
    ("dozens of firms", [lower("dozens", 12, ">=")]),
    ("tens of thousands of people", [lower("tens of thousands", 10000, ">=")]),
    ("hundreds of thousands of people", [lower("hundreds of thousands", 100000, ">=")]),
    ("millions of people", [lower("millions", 1e6, ">=")]),
    ("millions of dollars", [lower("millions of dollars", 1e6, ">=", "USD")]),
    ("several hundred firms", [lower("several hundred", 100, ">=")]),
    ("a few thousand firms", [lower("a few thousand", 1000, ">=")]),
    ("a couple of million dollars", [lower("a couple of million dollars", 2e6, ">=", "USD")]),
]

NOT_QUANTITIES = [
    "In 2011, the park grew.",
    "the 1960s",
    "the 1st and 2nd and 21st centuries",
    "a developing 5G network",
    "open 24/7",
    "Python 3.8.0 and 10.0.0.1",
    "call +375 17 123 45 67",
    "call 555-123-4567",
    "at 10:30",
    "COVID-19",
    "Q1 and H2",
    "Decree No. 8 and issue #12",
    "The first occurred in 2020.",
    "anti–money laundering",
    "Each republic had a role.",
    "someone said hundreds",
]


def _cases(table: list[tuple[str, list[Q]]]) -> list[object]:
    return [pytest.param(sentence, expected, id=sentence) for sentence, expected in table]


@pytest.mark.parametrize("sentence, expected", _cases(NUMBERS))
def test_numbers(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(COMPARATORS))
def test_comparators(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(VERBS))
def test_verbs(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(RANGES))
def test_ranges(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(MONEY))
def test_money(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(PERCENT))
def test_percent(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(FRACTIONS))
def test_fractions(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence, expected", _cases(MULTITUDES))
def test_multitudes(sentence: str, expected: list[Q]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_not_quantities(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.xfail(strict=True, reason="numbers in product names are read as counts")
def test_product_names_are_not_counts() -> None:
    assert found("Windows 10 users") == []


@pytest.mark.xfail(strict=True, reason="a bare 'one' is never matched, even before a noun")
def test_one_before_a_noun() -> None:
    assert found("It opened one office.") == [eq("one", 1)]


def test_article_sentence() -> None:
    sentence = (
        "In 2011, the number of HTP residents surpassed 100; "
        "by 2016, it exceeded 180; after 2020, more than 400."
    )
    assert found(sentence) == [
        lower("surpassed 100", 100),
        lower("exceeded 180", 180),
        lower("more than 400", 400),
    ]


def test_exclude_is_respected() -> None:
    sentence = "In 2011 it had 100 residents."
    assert [m.quantity.text for m in find_quantities(sentence)] == ["2011", "100"]
    assert [m.quantity.text for m in find_quantities(sentence, exclude=[(0, 7)])] == ["100"]
    # a comparator word may not reach back into an excluded span
    assert [m.quantity.text for m in find_quantities("up to 2010 100 firms", exclude=[(0, 10)])] == ["100"]
    # nor may "between" of a range
    assert [m.quantity.text for m in find_quantities("between 5 and 6", exclude=[(0, 3)])] == ["5", "6"]


def test_to_dict_writes_whole_numbers_as_ints() -> None:
    (m,) = find_quantities("more than 400")
    assert m.quantity.to_dict() == {
        "amount": 400,
        "unit": "count",
        "comparator": ">",
        "lower": 400,
        "upper": None,
        "text": "more than 400",
    }


PARSE = [
    ("1,000", 1000),
    ("3.2", 3.2),
    ("100", 100),
    ("twenty-five", 25),
    ("a thousand", 1000),
    ("1.5 million", 1_500_000),
    ("1.8 bn", 1.8e9),
    ("300k", 300_000),
    ("a dozen", 12),
    ("two hundred and fifty", 250),
    ("one hundred twenty-three thousand four hundred fifty-six", 123_456),
    ("half a million", 500_000),
    ("zero", 0),
    ("Three", 3),
]


@pytest.mark.parametrize("words, expected", PARSE, ids=[w for w, _ in PARSE])
def test_parse_number(words: str, expected: float) -> None:
    assert parse_number(words) == pytest.approx(expected)


@pytest.mark.parametrize(
    "words", ["", "two three", "twenty twenty", "a", "a two", "thousand million", "first", "x", "1,00"]
)
def test_parse_number_rejects(words: str) -> None:
    assert parse_number(words) is None
