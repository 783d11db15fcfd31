"""``kronika ask`` through Typer's runner, ``GET /api/ask`` through the app's test client, and the
start-up cost of one ``kronika ask`` process (ask_eval runs one per question)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.store import Store

from .conftest import Doc, build_base

ENTITIES = {
    "Acme Soft": ("organization", ["Acme"], "Software house in Minsk."),
    "Ivan Petrov": ("person", [], ""),
}
DOCS = [
    Doc(
        "Acme memo",
        [
            (
                "Acme Soft was founded in 1999 by Ivan Petrov.",
                [
                    {"s": "Acme Soft", "p": "founded", "t": "1999"},
                    {"s": "Acme Soft", "p": "founded_by", "o": "Ivan Petrov", "t": "1999"},
                ],
            ),
            ("Acme Soft sells coffee machines to offices.", []),
        ],
    )
]


@pytest.fixture
def base(db_path: Path) -> Path:
    with Store(db_path) as store:
        build_base(store, DOCS, ENTITIES)
    return db_path


def test_json_answer(base: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "--db", str(base), "--json", "Who founded Acme?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["answer"] == "Acme Soft was founded by Ivan Petrov in 1999."
    assert data["kind"] == "entity" and not data["uncertain"]
    assert 0.5 < data["confidence"] <= 1
    assert data["claims"][0]["predicate"] == "founded_by"
    assert data["evidence"][0]["text"] == "Acme Soft was founded in 1999 by Ivan Petrov."


def test_human_answer(base: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "--db", str(base), "When was Acme founded?"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Acme Soft was founded in 1999."
    assert lines[1].startswith("(confidence ")
    assert lines[2] == "  - Acme memo: Acme Soft was founded in 1999 by Ivan Petrov."


def test_uncertain_answer_says_so(base: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "--db", str(base), "--json", "What does Acme sell to offices?"])
    data = json.loads(result.output)
    assert data["uncertain"] and data["confidence"] <= 0.3
    assert "coffee machines" in data["evidence"][0]["text"]


def test_missing_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "--db", str(tmp_path / "none.db"), "Who?"])
    assert result.exit_code == 1
    assert result.output.startswith("kronika: ") and "none.db" in result.output
    assert "Traceback" not in result.output


def test_empty_question_is_a_usage_error(base: Path) -> None:
    result = CliRunner().invoke(app, ["ask", "--db", str(base), "  "])
    assert result.exit_code == 2
    assert result.output.startswith("kronika: the question is empty")


def test_web_api(base: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from kronika.web.app import make_app

        with TestClient(make_app(base)) as client:
            ok = client.get("/api/ask", params={"q": "Who founded Acme?"})
            missing = client.get("/api/ask")
            page = client.get("/ask", params={"q": "Who founded Acme?"})
    assert ok.status_code == 200 and "Ivan Petrov" in ok.json()["answer"]
    assert missing.status_code == 422 and missing.json()["ok"] is False
    assert page.status_code == 200 and "Ivan Petrov" in page.text


def test_process_start_is_fast(base: Path) -> None:
    """One ``kronika ask`` process (start-up included) stays well under a second; spaCy is never loaded."""
    code = (
        "import sys, time; t = time.perf_counter(); sys.argv = ['kronika', 'ask', '--db', sys.argv[1], "
        "'--json', 'Who founded Acme?']\n"
        "from kronika.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules, file=sys.stderr)"
    )
    started = time.perf_counter()
    out: Any = subprocess.run(
        [sys.executable, "-c", code, str(base)], capture_output=True, text=True, timeout=60
    )
    elapsed = time.perf_counter() - started
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["answer"].startswith("Acme Soft was founded by Ivan Petrov")
    assert out.stderr.strip().endswith("False"), "asking must not import spaCy"
    assert elapsed < 3.0  # generous for loaded CI machines; typically about 0.3 s
