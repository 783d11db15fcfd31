"""Property tests for the time and quantity normalisers: they never crash and keep their invariants."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.pipeline.quantities import find_quantities, parse_number
from kronika.pipeline.timex import find_times, normalise_time

ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PRECISIONS = {"day", "month", "year", "decade", "century", "approximate"}
COMPARATORS = {"=", ">", ">=", "<", "<=", "~", "range"}

# Pieces that make arbitrary text look like the input the normalisers are written for.
PIECES = [
    "In", "in", "by", "after", "before", "since", "from", "between", "and", "to", "until", "the",
    "early", "mid-", "late", "1990s", "'90s", "20th", "century", "first", "decade", "of", "turn",
    "millennium", "March", "5,", "2020", "1994", "2099", "1800", "1799", "–", "-", "that", "year",
    "following", "now", "recent", "years", "last", "ago", "two", "Q1", "spring", "more", "than",
    "over", "about", "at", "least", "up", "$", "€", "US$", "3.2", "1,000", "billion", "million",
    "bn", "k", "m", "%", "percent", "per", "cent", "two-thirds", "a", "third", "half", "thousands",
    "tens", "of", "dozen", "twenty-five", "one", "surpassed", "exceeded", "+", "or", "5G", "24/7",
    "3.8.0", "No.", "employees", "(", ")", ",", ".", ";", "ſince", "İn", "K", "١٢٣٤", "２０２０",
]  # fmt: skip
sentences = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=25).map("".join),
)
doc_dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
context_years = st.one_of(st.none(), st.integers(min_value=-5, max_value=12000))


@settings(max_examples=200, deadline=None)
@given(sentences, doc_dates, context_years)
def test_find_times_invariants(text: str, doc_date: dt.date | None, context_year: int | None) -> None:
    matches = find_times(text, doc_date=doc_date, context_year=context_year)
    previous_end = 0
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "matches overlap or are out of order"
        previous_end = m.end
        span = m.span
        assert text[m.start : m.end] == span.text
        assert span.precision in PRECISIONS
        for bound in (span.start, span.end):
            assert bound is None or ISO.fullmatch(bound), bound
        if span.start is not None and span.end is not None:
            assert span.start <= span.end


@settings(max_examples=200, deadline=None)
@given(sentences, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=3))
def test_find_quantities_invariants(text: str, raw_exclude: list[tuple[int, int]]) -> None:
    exclude = [(start, start + length) for start, length in raw_exclude]
    matches = find_quantities(text, exclude=exclude)
    previous_end = 0
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "matches overlap or are out of order"
        previous_end = m.end
        assert not any(m.start < end and start < m.end for start, end in exclude if start < end)
        q = m.quantity
        assert text[m.start : m.end] == q.text
        assert q.comparator in COMPARATORS
        assert q.unit
        assert q.amount is not None
        if q.comparator in (">", ">="):
            assert q.lower == q.amount and q.upper is None
        elif q.comparator in ("<", "<="):
            assert q.upper == q.amount and q.lower is None
        elif q.comparator == "range":
            assert q.lower is not None and q.upper is not None
            assert q.lower <= q.upper and q.amount == q.lower
        else:
            assert q.lower is None and q.upper is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_number_never_crashes(words: str) -> None:
    value = parse_number(words)
    assert value is None or value >= 0


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1800, max_value=2099), st.sampled_from(["in", "In", "during", "as of"]))
def test_year_round_trip(year: int, preposition: str) -> None:
    span = normalise_time(f"{preposition} {year}")
    assert span is not None
    assert (span.start, span.end, span.precision) == (f"{year}-01-01", f"{year}-12-31", "year")
    assert span.text == f"{preposition} {year}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1800, max_value=2099))
def test_after_year_is_open_ended(year: int) -> None:
    span = normalise_time(f"after {year}")
    assert span is not None
    assert (span.start, span.end) == (f"{year + 1}-01-01", None)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1800, max_value=2099))
def test_by_year_has_open_start(year: int) -> None:
    span = normalise_time(f"by {year}")
    assert span is not None
    assert (span.start, span.end) == (None, f"{year}-12-31")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1800, max_value=2098), st.integers(min_value=0, max_value=50))
def test_year_range_round_trip(first: int, length: int) -> None:
    last = min(first + length, 2099)
    span = normalise_time(f"between {first} and {last}")
    assert span is not None
    assert (span.start, span.end) == (f"{first}-01-01", f"{last}-12-31")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=180, max_value=209))
def test_decade_round_trip(decade: int) -> None:
    span = normalise_time(f"the {decade}0s")
    assert span is not None
    assert span.end is not None and span.start is not None
    assert span.start.startswith(f"{decade}0-01-01")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "$", "€"]))
def test_numbers_round_trip(number: int, currency: str) -> None:
    written = f"{currency}{number:,}"
    matches = find_quantities(f"It was {written} in all.")
    assert [m.quantity.text for m in matches] == [written]
    assert matches[0].quantity.amount == number
