"""The HTML pages without a browser: they render, escape document text, and degrade gracefully."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kronika.cli import app as cli_app
from kronika.web import assets, charts


def page(client: Any, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return str(response.text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Headline series"),
        ("/entities", "High Technologies Park"),
        ("/entities?type=place", "Minsk"),
        ("/entities/org/high-technologies-park", "Hi-Tech Park"),
        ("/entities/HTP?as_of=2004", "did not exist yet"),
        ("/timeline", "timeline-data"),
        ("/timeline?type=event&predicate=occurred", "Soviet electronics era"),
        ("/graph", "graph-data"),
        ("/graph?entity=HTP&depth=2&type=person&predicate=founded_by&as_of=2010", "neighbourhood"),
        ("/series", "HTP residents"),
        ("/series?subject=HTP&measure=residents", "more than"),
        ("/map", "map-data"),
        ("/map?as_of=2021", "As of"),
        ("/search?q=Tsepkalo", "Valery Tsepkalo"),
        ("/search", "Search"),
        ("/conflicts", "Dainova"),
        ("/documents", "Kronika atlas"),
        ("/ask?q=When+was+HTP+founded", "Ask"),
    ],
)
def test_pages_render(client: Any, url: str, expected: str) -> None:
    assert expected in page(client, url)


def test_every_page_has_the_question_box(client: Any) -> None:
    html = page(client, "/")
    assert re.search(r'<form class="ask-box" action="/ask" method="get"', html)


def test_entity_page_facts_expand_to_highlighted_evidence(client: Any) -> None:
    html = page(client, "/entities/org/dainova")
    assert '<details class="fact' in html
    assert '<mark class="span">' in html
    assert "conflict" in html
    assert 'href="/documents/d-' in html


def test_document_text_is_escaped(client: Any) -> None:
    docs = client.get("/api/documents").json()
    memo = next(d for d in docs if d["title"] == "Markup memo")
    html = page(client, f"/documents/{memo['id']}")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    search = page(client, "/search?q=alert")
    assert "<script>alert" not in search
    entity = page(client, "/entities/Belhard")
    assert "<script>alert" not in entity


def test_errors_are_pages_with_the_status(client: Any) -> None:
    html = page(client, "/entities/nobody-at-all", 404)
    assert "no entity is called" in html
    page(client, "/documents/d-missing", 404)


def test_charts_are_drawn_on_the_server(client: Any) -> None:
    html = page(client, "/")
    assert html.count('<circle class="pt') >= 6
    assert 'class="bound"' in html  # "more than" drawn as an arrow
    assert 'class="bar"' in html  # 16,000–22,000 drawn as a range bar


def test_pages_fall_back_to_tables_without_vendor_assets(client: Any) -> None:
    env = client.app.state.templates.env
    original = env.globals["vendor"]
    env.globals["vendor"] = lambda: {"graph": False, "timeline": False, "map": False}
    try:
        for url, table in (
            ("/graph", "graph-table"),
            ("/timeline", "timeline-table"),
            ("/map", "map-tables"),
        ):
            html = page(client, url)
            assert "/static/vendor/" not in html
            assert f'id="{table}"' in html
    finally:
        env.globals["vendor"] = original
    assert env.globals["vendor"] is assets.available


def test_static_files_are_local(client: Any) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/graph.js").status_code == 200
    for name in ("/", "/graph", "/map", "/timeline"):
        assert not re.search(r'(src|href)="https?://', page(client, name))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"amount": 400, "unit": "count", "comparator": ">", "lower": 400, "upper": None}, "> 400"),
        (
            {"amount": 16000, "unit": "count", "comparator": "range", "lower": 16000, "upper": 22000},
            "16,000–22,000",
        ),
        ({"amount": 1.8e9, "unit": "USD", "comparator": "=", "lower": None, "upper": None}, "1.8 bn USD"),
        ({"amount": 66.7, "unit": "percent", "comparator": "~", "lower": None, "upper": None}, "≈ 66.7%"),
    ],
)
def test_value_text(value: dict[str, Any], text: str) -> None:
    assert charts.value_text(value) == text


@pytest.mark.parametrize(
    ("time", "text"),
    [
        ({"start": "1960-01-01", "end": "1969-12-31", "precision": "decade"}, "1960s"),
        ({"start": "2011-01-01", "end": "2011-12-31", "precision": "year"}, "2011"),
        ({"start": "2021-01-01", "end": None, "precision": "year"}, "from 2021"),
        ({"start": None, "end": "2016-12-31", "precision": "year"}, "by 2016"),
        ({"start": "2020-01-01", "end": "2020-04-30", "precision": "month"}, "2020-01–2020-04"),
    ],
)
def test_time_text(time: dict[str, Any], text: str) -> None:
    assert charts.time_text(time) == text


def test_chart_layout_bounds_and_conflicts() -> None:
    point = {
        "year": 2011,
        "low": 100.0,
        "high": None,
        "value": {"comparator": ">"},
        "time": None,
        "claims": [],
    }
    twin_a = {
        "year": 2024,
        "low": 1.0,
        "high": 1.0,
        "value": {"comparator": "="},
        "conflict": "x-1",
        "claims": [],
    }
    twin_b = {
        "year": 2024,
        "low": 2.0,
        "high": 2.0,
        "value": {"comparator": "="},
        "conflict": "x-1",
        "claims": [],
    }
    layout = charts.chart_layout({"unit": "count", "points": [point, twin_a, twin_b]})
    lower, a, b = layout["marks"]
    assert lower["kind"] == "lower" and lower["y2"] < lower["y"]  # the arrow points up
    assert a["conflict"] and a["x"] != b["x"]  # side by side
    assert charts.chart_layout({"points": []})["marks"] == []


# --------------------------------------------------------------------------- the CLI


def test_demo_builds_the_base_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    first = runner.invoke(cli_app, ["demo", "--db", str(db), "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "atlas: " in first.output and "(written)" in first.output
    second = runner.invoke(cli_app, ["demo", "--db", str(db), "--no-serve"])
    assert second.exit_code == 0 and "(already there)" in second.output
    assert re.search(r"1 documents, \d+ entities, \d+ claims", second.output)


def test_serve_needs_an_existing_base(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert "no such knowledge base" in result.output


def test_serve_and_demo_have_help() -> None:
    for command in ("serve", "demo"):
        result = CliRunner().invoke(cli_app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output and "--port" in result.output
