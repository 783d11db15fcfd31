"""Reconciliation: facts, conflicts and series, as tables of claims in and groups out."""

from __future__ import annotations

import math
from typing import Any

import pytest

from kronika import reconcile

HTP = {
    "id": "org/high-technologies-park",
    "name": "High Technologies Park",
    "type": "organization",
    "aliases": [],
}
DAINOVA = {"id": "org/dainova", "name": "Dainova", "type": "organization", "aliases": []}
POLAND = {"id": "place/poland", "name": "Poland", "type": "place", "aliases": []}


def year(y: int | None, end: int | None = None, *, open_end: bool = False) -> dict[str, Any] | None:
    """A claim-format time: one year, a span, or an open-ended span."""
    if y is None and end is None:
        return None
    last = None if open_end else (end if end is not None else y)
    return {
        "start": f"{y}-01-01" if y is not None else None,
        "end": f"{last}-12-31" if last is not None else None,
        "precision": "year",
        "text": "",
    }


def val(
    amount: float | None,
    unit: str = "count",
    comparator: str = "=",
    lower: float | None = None,
    upper: float | None = None,
) -> dict[str, Any]:
    if comparator in (">", ">=") and lower is None:
        lower = amount
    if comparator in ("<", "<=") and upper is None:
        upper = amount
    return {"amount": amount, "unit": unit, "comparator": comparator, "lower": lower, "upper": upper}


_counter = iter(range(10**6))


def claim(
    subject: dict[str, Any] = HTP,
    predicate: str = "measure",
    *,
    obj: dict[str, Any] | None = None,
    value: dict[str, Any] | None = None,
    measure: str | None = None,
    time: dict[str, Any] | None = None,
    status: str = "proposed",
    doc: str = "d-1",
    qualifiers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    n = next(_counter)
    return {
        "id": f"c-{n:04d}",
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "value": value,
        "measure": measure,
        "time": time,
        "evidence": {"document": doc, "title": doc, "start": 0, "end": 1, "text": "…"},
        "confidence": 0.8,
        "status": status,
        "method": "test",
        **({"qualifiers": qualifiers} if qualifiers else {}),
    }


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (val(38, "percent"), val(40, "percent", "~"), True),  # "38%" vs "almost 40%"
        (val(1.8e9, "USD"), val(1.8e9, "USD"), True),  # "$1.8 billion" vs "1.8 bn USD"
        (val(1.8e9, "USD"), val(1.81e9, "USD"), True),  # rounding in the source
        (val(1.8e9, "USD"), val(3.2e9, "USD"), False),
        (val(100, comparator=">"), val(180), True),  # "more than 100" allows 180
        (val(400, comparator=">"), val(300), False),
        (val(None, comparator="range", lower=16000, upper=22000), val(20000), True),
        (val(None, comparator="range", lower=16000, upper=22000), val(30000), False),
        (val(50, comparator="<"), val(49), True),
        (val(50, comparator="<"), val(60, comparator=">"), False),
        (val(9, "percent"), val(9, "count"), True),  # different units: not comparable
        (None, val(3), True),
        (val(66.7, "percent", "~"), val(60, "percent"), True),
        (val(66.7, "percent", "~"), val(50, "percent"), False),
    ],
)
def test_values_agree(a: Any, b: Any, agree: bool) -> None:
    assert reconcile.values_agree(a, b) is agree
    assert reconcile.values_agree(b, a) is agree


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        (val(100, comparator=">"), (100.0, math.inf)),
        (val(100, comparator="<="), (-math.inf, 100.0)),
        (val(None, comparator="range", lower=1, upper=2), (1.0, 2.0)),
        (val(100, comparator="~"), (90.0, 110.0)),
        (val(None), None),
        (None, None),
    ],
)
def test_value_interval(value: Any, interval: Any) -> None:
    assert reconcile.value_interval(value) == interval


@pytest.mark.parametrize(
    ("a", "b", "overlap", "same"),
    [
        (year(1991), year(1991), True, True),
        (year(1991), year(1994), False, False),
        (year(1990, 1999), year(1994), True, False),  # "the 1990s" vs "1994"
        (year(2021, open_end=True), year(2024), True, False),  # "after 2020" vs "2024"
        (year(None, 2016), year(2011), True, False),  # "by 2016" vs "2011"
        (None, year(2011), True, True),  # undated agrees with anything
        (year(2020, 2024), year(2020, 2024), True, True),
    ],
)
def test_times(a: Any, b: Any, overlap: bool, same: bool) -> None:
    assert reconcile.times_overlap(a, b) is overlap
    assert reconcile.same_moment(a, b) is same


# --------------------------------------------------------------------------- facts


def test_agreeing_claims_form_one_fact_with_all_evidence() -> None:
    curated = claim(
        value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024), status="accepted", doc="d-atlas"
    )
    read = claim(value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024), doc="d-article")
    other_year = claim(value=val(3.2e9, "USD"), measure="export_revenue", time=year(2023), doc="d-article")
    facts = reconcile.facts([read, curated, other_year])
    assert len(facts) == 2
    fact_2024 = next(f for f in facts if f["time"]["start"] == "2024-01-01")
    assert [c["id"] for c in fact_2024["claims"]] == [curated["id"], read["id"]]  # accepted first
    assert fact_2024["status"] == "accepted"
    assert fact_2024["sources"] == 2
    assert fact_2024["conflict"] is None


@pytest.mark.parametrize(
    ("claims", "n_facts"),
    [
        # The same relation, with and without a time: one fact.
        (
            [
                claim(DAINOVA, "founded_by", obj=POLAND),
                claim(DAINOVA, "founded_by", obj=POLAND, time=year(1991)),
            ],
            1,
        ),
        # Different objects: two facts.
        ([claim(DAINOVA, "operates_in", obj=POLAND), claim(DAINOVA, "operates_in", obj=HTP)], 2),
        # "the 1990s" and "1994": one founding fact, the precise year speaks for it.
        ([claim(DAINOVA, "founded", time=year(1990, 1999)), claim(DAINOVA, "founded", time=year(1994))], 1),
        # Two founding years: two facts.
        ([claim(DAINOVA, "founded", time=year(1991)), claim(DAINOVA, "founded", time=year(1994))], 2),
        # Bounds by year: a series of three points, not one fact.
        (
            [
                claim(value=val(100, comparator=">"), measure="residents", time=year(2011)),
                claim(value=val(180, comparator=">"), measure="residents", time=year(None, 2016)),
                claim(value=val(400, comparator=">"), measure="residents", time=year(2021, open_end=True)),
            ],
            3,
        ),
        # Measure synonyms are grouped through the alias table.
        (
            [
                claim(value=val(1000, comparator=">"), measure="resident_companies"),
                claim(value=val(1000, comparator=">"), measure="residents"),
            ],
            1,
        ),
        # A rejected claim is no evidence.
        ([claim(DAINOVA, "founded", time=year(1991), status="rejected")], 0),
    ],
)
def test_fact_grouping(claims: list[dict[str, Any]], n_facts: int) -> None:
    facts = reconcile.facts(claims, measure_aliases={"resident_companies": "residents"})
    assert len(facts) == n_facts


def test_fact_time_is_the_most_precise() -> None:
    facts = reconcile.facts(
        [claim(DAINOVA, "founded", time=year(1990, 1999)), claim(DAINOVA, "founded", time=year(1994))]
    )
    assert facts[0]["time"]["start"] == "1994-01-01"


# --------------------------------------------------------------------------- conflicts


@pytest.mark.parametrize(
    ("claims", "kinds"),
    [
        # Two founding years.
        ([claim(DAINOVA, "founded", time=year(1991)), claim(DAINOVA, "founded", time=year(1994))], ["time"]),
        # A decade and a year inside it agree.
        ([claim(DAINOVA, "founded", time=year(1990, 1999)), claim(DAINOVA, "founded", time=year(1994))], []),
        # Two values for one year.
        (
            [
                claim(value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024)),
                claim(value=val(2.5e9, "USD"), measure="export_revenue", time=year(2024)),
            ],
            ["value"],
        ),
        # Two values for two years: a series, no conflict.
        (
            [
                claim(value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024)),
                claim(value=val(3.2e9, "USD"), measure="export_revenue", time=year(2023)),
            ],
            [],
        ),
        # "38%" and "almost 40%" agree.
        (
            [
                claim(value=val(38, "percent"), measure="share_foreign", time=year(2024)),
                claim(value=val(40, "percent", "~"), measure="share_foreign", time=year(2024)),
            ],
            [],
        ),
        # "$1.8 billion" and "1.8 bn USD" agree.
        (
            [
                claim(value=val(1800000000, "USD"), measure="export_revenue", time=year(2024)),
                claim(value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024)),
            ],
            [],
        ),
        # A bound and a value inside it agree; a value below a lower bound does not.
        (
            [
                claim(value=val(400, comparator=">"), measure="residents", time=year(2022)),
                claim(value=val(450), measure="residents", time=year(2022)),
            ],
            [],
        ),
        (
            [
                claim(value=val(400, comparator=">"), measure="residents", time=year(2022)),
                claim(value=val(350), measure="residents", time=year(2022)),
            ],
            ["value"],
        ),
        # An undated value is never in conflict.
        (
            [
                claim(value=val(1.8e9, "USD"), measure="export_revenue"),
                claim(value=val(3.2e9, "USD"), measure="export_revenue", time=year(2023)),
            ],
            [],
        ),
        # Two different record years.
        (
            [
                claim(
                    value=val(3.2e9, "USD"),
                    measure="export_revenue",
                    time=year(2023),
                    qualifiers={"record": True},
                ),
                claim(
                    value=val(3.0e9, "USD"),
                    measure="export_revenue",
                    time=year(2022),
                    qualifiers={"record": True},
                ),
            ],
            ["record"],
        ),
    ],
)
def test_conflicts(claims: list[dict[str, Any]], kinds: list[str]) -> None:
    found = reconcile.conflicts(claims)
    assert [c["kind"] for c in found] == kinds
    for conflict in found:
        assert len(conflict["facts"]) >= 2
        assert all(f["claims"] for f in conflict["facts"])


def test_conflicting_facts_are_marked() -> None:
    facts = reconcile.facts(
        [claim(DAINOVA, "founded", time=year(1991)), claim(DAINOVA, "founded", time=year(1994))]
    )
    assert facts[0]["conflict"] is not None
    assert facts[0]["conflict"] == facts[1]["conflict"]


# --------------------------------------------------------------------------- series


def test_series_keeps_bounds_and_orders_by_year() -> None:
    claims = [
        claim(value=val(400, comparator=">"), measure="residents", time=year(2021, open_end=True)),
        claim(value=val(100, comparator=">"), measure="residents", time=year(2011)),
        claim(value=val(180, comparator=">"), measure="residents", time=year(None, 2016)),
        claim(value=val(35, "percent"), measure="share_foreign"),
        claim(DAINOVA, "founded", time=year(1991)),
    ]
    [residents, share] = reconcile.series(claims)
    assert residents["measure"] == "residents"
    assert [p["year"] for p in residents["points"]] == [2011, 2016, 2021]
    assert [(p["low"], p["high"]) for p in residents["points"]] == [(100, None), (180, None), (400, None)]
    assert residents["points"][0]["value"]["comparator"] == ">"
    assert share["points"] == [] and len(share["undated"]) == 1


def test_series_shows_conflicting_points_side_by_side() -> None:
    claims = [
        claim(value=val(1.8e9, "USD"), measure="export_revenue", time=year(2024)),
        claim(value=val(2.5e9, "USD"), measure="export_revenue", time=year(2024)),
    ]
    [one] = reconcile.series(claims, measure="export_revenue")
    assert len(one["points"]) == 2
    assert one["points"][0]["conflict"] == one["points"][1]["conflict"] is not None


def test_series_range_point() -> None:
    claims = [
        claim(
            value=val(None, comparator="range", lower=16000, upper=22000),
            measure="emigrants",
            time=year(2020, 2024),
        )
    ]
    [one] = reconcile.series(claims)
    point = one["points"][0]
    assert (point["year"], point["low"], point["high"]) == (2022, 16000, 22000)


@pytest.mark.parametrize(
    ("time", "as_of", "holds"),
    [(year(2005), 2004, False), (year(2005), 2005, True), (None, 1900, True), (year(None, 2010), 2000, True)],
)
def test_holds_as_of(time: Any, as_of: int, holds: bool) -> None:
    assert reconcile.holds_as_of(claim(DAINOVA, "founded", time=time), as_of) is holds
