"""Series charts drawn on the server as SVG geometry (no JavaScript needed), and value formats.

:func:`chart_layout` turns one series (see :func:`kronika.reconcile.series`) into positions a
template draws: a point per fact, bounds as arrows ("more than 400" points up from 400,
"less than" down), ranges as bars between their ends, spans of years as horizontal whiskers,
approximate values as a dashed ring, and conflicting points side by side in red.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

WIDTH, HEIGHT = 560, 260
MARGIN = {"left": 64, "right": 20, "top": 18, "bottom": 34}
ARROW = 26


def _fmt(n: float, unit: str) -> str:
    if unit == "percent":
        return f"{n:g}%"
    if abs(n) >= 1e9:
        text = f"{n / 1e9:g} bn"
    elif abs(n) >= 1e6:
        text = f"{n / 1e6:g} m"
    else:
        text = f"{n:,.0f}" if float(n).is_integer() else f"{n:.3g}"
    return text if unit in ("count", "") else f"{text} {unit}"


def value_text(value: Mapping[str, Any] | None) -> str:
    """A claim-format value in a few characters: "> 400", "16,000–22,000", "1.8 bn USD", "≈ 66.7%"."""
    if not value:
        return ""
    unit = value.get("unit") or "count"
    comparator = value.get("comparator") or "="

    def one(n: Any) -> str:
        return "?" if n is None else _fmt(float(n), unit)

    if comparator == "range":
        return f"{one(value.get('lower'))}–{one(value.get('upper'))}"
    signs = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "≈ ", "=": ""}
    return signs.get(comparator, comparator + " ") + one(value.get("amount"))


def time_text(time: Mapping[str, Any] | None) -> str:
    """A claim-format time in words: "2011", "1960s", "2020–2024", "from 2021", "by 2016"."""
    if not time:
        return ""
    start, end = str(time.get("start") or ""), str(time.get("end") or "")
    if not start and not end:
        return str(time.get("text") or "")
    if start and end:
        a, b = start[:4], end[:4]
        if time.get("precision") == "decade" and a.endswith("0") and int(b) - int(a) == 9:
            return f"{a}s"
        if a == b:
            if time.get("precision") in ("month", "day") or (start[5:] != "01-01" or end[5:] != "12-31"):
                return start[:7] if start[:7] == end[:7] else f"{start[:7]}–{end[:7]}"
            return a
        return f"{a}–{b}"
    return f"from {start[:4]}" if start else f"by {end[:4]}"


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def chart_layout(entry: Mapping[str, Any], width: int = WIDTH, height: int = HEIGHT) -> dict[str, Any]:
    """Positions for drawing one series.

    Args:
        entry: a series (``points`` with ``year``, ``low``, ``high``, ``value``, ``time``,
            ``status``, ``conflict``, ``claims``).
        width: the SVG width.
        height: the SVG height.

    Returns:
        ``width``, ``height``, ``plot`` (the plot box), ``xticks`` and ``yticks`` (``pos``,
        ``label``), and ``marks``: one per point with ``x``, ``y``, ``kind`` (``point``,
        ``lower``, ``upper``, ``range``), ``y2`` (the other end of a bar or arrow), ``x1``/``x2``
        (a span of years), ``approx``, ``conflict``, ``accepted``, ``label``, ``title`` and
        ``href`` (the first evidence sentence). Empty ``marks`` when nothing is dated.
    """
    points = [p for p in entry.get("points", []) if p.get("year") is not None]
    unit = str(entry.get("unit") or "count")
    left, right = MARGIN["left"], width - MARGIN["right"]
    top, bottom = MARGIN["top"], height - MARGIN["bottom"]
    layout: dict[str, Any] = {
        "width": width,
        "height": height,
        "plot": {"left": left, "right": right, "top": top, "bottom": bottom},
        "xticks": [],
        "yticks": [],
        "marks": [],
    }
    if not points:
        return layout
    years = [float(p["year"]) for p in points]
    for p in points:
        time = p.get("time") or {}
        for key in ("start", "end"):
            if time.get(key):
                years.append(float(time[key][:4]))
    x_low, x_high = min(years) - 1, max(years) + 1.6  # room for the last label
    values = [v for p in points for v in (p.get("low"), p.get("high")) if v is not None]
    y_high = max(values) * 1.25 if values else 1.0
    y_low = min(0.0, min(values)) if values else 0.0
    if y_high <= y_low:
        y_high = y_low + 1

    def x(year: float) -> float:
        return round(left + (year - x_low) / (x_high - x_low) * (right - left), 1)

    def y(value: float) -> float:
        return round(bottom - (value - y_low) / (y_high - y_low) * (bottom - top), 1)

    span = x_high - x_low
    step = 1 if span <= 12 else 2 if span <= 24 else 5 if span <= 60 else 10
    first = int(math.ceil(x_low / step) * step)
    layout["xticks"] = [
        {"pos": x(t), "label": str(t)} for t in range(first, int(x_high) + 1, step) if t <= x_high
    ]
    layout["yticks"] = [{"pos": y(t), "label": _fmt(t, unit)} for t in _ticks(y_low, y_high)]
    # Points sharing a year (conflicting values, or a value and a bound) sit side by side.
    same_year: dict[float, int] = {}
    for p in points:
        same_year[p["year"]] = same_year.get(p["year"], 0) + 1
    seen: dict[float, int] = {}
    for p in points:
        n = same_year[p["year"]]
        i = seen.get(p["year"], 0)
        seen[p["year"]] = i + 1
        offset = (i - (n - 1) / 2) * 14
        cx = x(float(p["year"])) + offset
        low, high = p.get("low"), p.get("high")
        value = p.get("value") or {}
        comparator = value.get("comparator") or "="
        if low is not None and high is not None and low != high:
            kind, cy, y2 = "range", y(high), y(low)
        elif low is not None and high is None:
            kind, cy = "lower", y(low)
            y2 = max(top, cy - ARROW)
        elif high is not None and low is None:
            kind, cy = "upper", y(high)
            y2 = min(bottom, cy + ARROW)
        else:
            kind, cy, y2 = "point", y(low if low is not None else 0), None
        time = p.get("time") or {}
        x1 = x2 = None
        if time.get("start") and time.get("end") and time["start"][:4] != time["end"][:4]:
            x1, x2 = x(float(time["start"][:4])) + offset, x(float(time["end"][:4])) + offset
        elif time.get("start") and not time.get("end"):
            x1, x2 = cx, min(right, cx + 18)  # "from 2021": an open span to the right
        elif time.get("end") and not time.get("start"):
            x1, x2 = max(left, cx - 18), cx  # "by 2016": open to the left
        claims = p.get("claims") or []
        first_claim = claims[0] if claims else {}
        evidence = first_claim.get("evidence") or {}
        href = None
        if evidence.get("document"):
            anchor = evidence.get("sentence", 0)
            href = f"/documents/{evidence['document']}?claim={first_claim.get('id')}#s{anchor}"
        label = value_text(value)
        layout["marks"].append(
            {
                "x": round(cx, 1),
                "y": cy,
                "y2": y2,
                "x1": x1,
                "x2": x2,
                "kind": kind,
                "approx": comparator == "~",
                "conflict": p.get("conflict"),
                "accepted": p.get("status") == "accepted",
                "label": label,
                "title": f"{time_text(p.get('time'))}: {label} ({len(claims)} claims)",
                "href": href,
            }
        )
    return layout
