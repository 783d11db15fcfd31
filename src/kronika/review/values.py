"""What reviewers type, read and checked: values, times, predicates and measure names.

Values and times use the curated atlas's short notation (:func:`kronika.atlas.parse_value`,
:func:`kronika.atlas.parse_time`), or claim-format objects (from the JSON API).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kronika.errors import ReviewError
from kronika.models import PREDICATES, Quantity, TimeSpan


def parse_value(value: str | Mapping[str, Any]) -> Quantity:
    """A reviewer's value: ``">100"``, ``"3.2e9 USD"``, ``"9%"``, ``"16000..22000"`` or a value object.

    Raises:
        ReviewError: it cannot be read.
    """
    if isinstance(value, Mapping):
        numbers = {k: _number(value.get(k)) for k in ("amount", "lower", "upper")}
        if all(n is None for n in numbers.values()):
            raise ReviewError("a value needs an amount, a lower or an upper bound")
        comparator = str(value.get("comparator") or "=")
        if comparator not in _COMPARATORS:
            raise ReviewError(f"unknown comparator {comparator!r}; use one of: {' '.join(_COMPARATORS)}")
        return Quantity(
            numbers["amount"],
            str(value.get("unit") or "count"),
            comparator,
            numbers["lower"],
            numbers["upper"],
            str(value.get("text") or ""),
        )
    from kronika.atlas import AtlasError
    from kronika.atlas import parse_value as atlas_value

    try:
        return atlas_value(value)
    except AtlasError as exc:
        raise ReviewError(str(exc)) from None


def parse_time(time: str | Mapping[str, Any]) -> TimeSpan:
    """A reviewer's time: ``"2011"``, ``"1960s"``, ``"2020..2024"``, ``"2021.."``, ``"..2016"`` or an object.

    Raises:
        ReviewError: it cannot be read.
    """
    if isinstance(time, Mapping):
        start, end = time.get("start"), time.get("end")
        for bound in (start, end):
            if bound is not None and not _iso_date(str(bound)):
                raise ReviewError(f"not a date: {bound!r}; write YYYY-MM-DD")
        if start is None and end is None:
            raise ReviewError("a time needs a start or an end")
        return TimeSpan(start, end, str(time.get("precision") or "day"), str(time.get("text") or ""))
    from kronika.atlas import AtlasError
    from kronika.atlas import parse_time as atlas_time

    try:
        return atlas_time(time)
    except AtlasError as exc:
        raise ReviewError(str(exc)) from None


_COMPARATORS = ("=", ">", ">=", "<", "<=", "~", "range")


def _number(raw: Any) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ReviewError(f"not a number: {raw!r}")
    try:
        number = float(raw)
    except ValueError:
        raise ReviewError(f"not a number: {raw!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ReviewError(f"not a finite number: {raw!r}")
    return number


def _iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_predicate(predicate: str) -> str:
    """A predicate of the claim format, trimmed.

    Raises:
        ReviewError: not one of :data:`kronika.models.PREDICATES`.
    """
    predicate = predicate.strip()
    if predicate not in PREDICATES:
        raise ReviewError(f"unknown predicate {predicate!r}; use one of: {', '.join(PREDICATES)}")
    return predicate


def check_measure(measure: str) -> str:
    """A measure name in snake_case ("Export revenue" -> ``export_revenue``).

    Raises:
        ReviewError: nothing left, or characters other than letters, digits and underscores.
    """
    cleaned = "_".join(measure.strip().lower().replace("-", " ").split())
    if not cleaned or not cleaned.replace("_", "").isalnum():
        raise ReviewError(f"not a measure name: {measure!r}; use a short snake_case noun such as residents")
    return cleaned


def value_columns(value: Quantity) -> dict[str, Any]:
    """The ``claims`` columns a value fills (for an edit)."""
    return {
        "amount": value.amount,
        "unit": value.unit,
        "comparator": value.comparator,
        "lower": value.lower,
        "upper": value.upper,
        "value_text": value.text,
    }


def time_columns(time: TimeSpan) -> dict[str, Any]:
    """The ``claims`` columns a time fills (for an edit)."""
    return {
        "time_start": time.start,
        "time_end": time.end,
        "time_precision": time.precision,
        "time_text": time.text,
    }
