# ruff: noqa: E501 - the table of exact error lines reads best one case a line
"""``kronika review ...`` through Typer's runner: exit codes and exact output lines."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from kronika.cli import app

ROOT = Path(__file__).resolve().parents[2]
SUBCOMMANDS = ["accept", "reject", "rank", "edit", "add", "merge", "unmerge", "split", "log"]
TEXT = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\nAcme was founded in 2001.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def base(runner: CliRunner, tmp_path: Path, db_path: Path, use_stub_reader: Any, monkeypatch: Any) -> Path:
    monkeypatch.setenv("KRONIKA_REVIEWER", "ann")
    (tmp_path / "acme.txt").write_text(TEXT)
    result = runner.invoke(app, ["ingest", str(tmp_path / "acme.txt"), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


def claim_id(runner: CliRunner, db: Path, predicate: str, year: str | None = None) -> str:
    claims = json.loads(run(runner, "claims", "--db", str(db), "--json", "-p", predicate).stdout)
    found = [c["id"] for c in claims if year is None or c["time"]["start"].startswith(year)]
    assert len(found) == 1
    return str(found[0])


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_review_command_has_help_with_an_example_and_docs(runner: CliRunner, name: str) -> None:
    result = run(runner, "review", name, "-h")
    assert result.exit_code == 0
    assert f"Usage: kronika review {name}" in result.stdout
    assert f"kronika review {name}" in result.stdout.split("Example:")[1]
    section = (ROOT / "docs" / "cli.md").read_text().split("## kronika review")[1]
    group: Any = typer.main.get_command(app)
    for param in group.commands["review"].commands[name].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"`[^`]*{re.escape(opt)}\b", section), f"{name} {opt} is not documented"


def test_reject_rank_and_log_lines(runner: CliRunner, base: Path) -> None:
    db = str(base)
    late = claim_id(runner, base, "founded", "2001")
    result = run(runner, "review", "reject", late, "--db", db, "--why", "a typo")
    assert result.exit_code == 0, result.output
    assert result.stdout == "rejected: Acme founded (in 2001) [1 claim]\n"
    early = claim_id(runner, base, "founded", "1999")
    result = run(runner, "review", "rank", early, "preferred", "--db", db, "--who", "bob")
    assert result.stdout == "ranked preferred: Acme Soft founded (in 1999) [1 claim]\n"
    log = run(runner, "review", "log", "--db", db)
    lines = log.stdout.splitlines()
    assert re.fullmatch(rf"\S+  ann  reject  {late} Acme founded \(in 2001\)", lines[0])
    assert lines[1] == "    why: a typo"
    assert re.fullmatch(rf"\S+  bob  rank  {early} Acme Soft founded \(in 1999\) \[preferred\]", lines[2])
    entries = json.loads(run(runner, "review", "log", "--db", db, "--claim", late, "--json").stdout)
    assert [(e["action"], e["who"], e["why"]) for e in entries] == [("reject", "ann", "a typo")]
    claims = json.loads(run(runner, "claims", "--db", db, "--json", "-p", "founded").stdout)
    assert {c["id"]: (c["status"], c.get("rank")) for c in claims} == {
        late: ("rejected", None),
        early: ("proposed", "preferred"),
    }


def test_edit_add_merge_split_unmerge(runner: CliRunner, base: Path) -> None:
    db = str(base)
    measure = claim_id(runner, base, "measure")
    result = run(runner, "review", "edit", measure, "--db", db, "--value", "450", "--time", "2020")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("edited (amount, comparator, lower, time_end, time_precision, time_start,")
    result = run(
        runner, "review", "add", "Acme Soft", "located_in", "--db", db, "--object", "Minsk",
        "--object-type", "place", "--quote", "Acme Soft is in Minsk.", "--title", "Acme site", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    assert (added["object"]["name"], added["status"]) == ("Minsk", "accepted")
    result = run(runner, "review", "merge", "Acme", "Acme Soft", "--db", db)
    assert result.stdout == "merged Acme (org/acme) into Acme Soft (org/acme-soft): 1 claims, 1 mentions moved\n"
    result = run(runner, "review", "split", "Acme Soft", "Acme", "--db", db)
    assert result.stdout == "split 'Acme' off org/acme-soft into org/acme: 1 claims, 1 mentions moved\n"
    result = run(runner, "review", "log", "--db", db, "--entity", "Acme Soft", "--json")
    assert [e["action"] for e in json.loads(result.stdout)] == ["edit", "add", "merge", "split"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["review", "accept", "c-missing"], 1, "kronika: no claim 'c-missing'; find claim ids with `kronika claims --json`"),
        (["review", "merge", "Nobody", "Acme"], 1, "kronika: no entity is called 'Nobody'; search for it with `kronika entities --query`"),
        (["review", "merge", "Acme", "acme"], 1, "kronika: 'Acme' and 'acme' are already one entity (org/acme)"),
        (["review", "unmerge", "Acme"], 1, "kronika: 'Acme' is not a merged entity; merged ones are listed on the entity they joined"),
        (["review", "split", "Acme", "Acme"], 1, "kronika: 'Acme' is 'Acme''s own name; split off another alias, or merge instead"),
        (["review", "add", "Acme", "founded", "--quote", "x", "--time", "2001"], 1, "kronika: say where the quote is from: give a title, a URL or a stored document"),
        (["review", "add", "Acme", "likes", "--quote", "x", "--title", "t"], 1, "kronika: unknown predicate 'likes'; use one of: founded, founded_by, established_by, part_of, located_in, headquartered_in, relocated_to, operates_in, invested_in, led_by, holds_position, produced, succeeded_by, modeled_on, partnered_with, measure, occurred"),
    ],
)  # fmt: skip
def test_errors_are_one_line(runner: CliRunner, base: Path, args: list[str], code: int, message: str) -> None:
    result = run(runner, *args, "--db", str(base))
    assert result.exit_code == code
    assert result.stderr == message + "\n"
    assert "Traceback" not in result.output


def test_bad_rank_and_missing_arguments_are_usage_errors(runner: CliRunner, base: Path) -> None:
    result = run(runner, "review", "rank", "c-x", "best", "--db", str(base))
    assert result.exit_code == 2
    assert "Invalid value for '{preferred|normal|deprecated}'" in result.stderr or "best" in result.stderr
    assert run(runner, "review", "add", "Acme", "founded", "--db", str(base)).exit_code == 2
    assert run(runner, "review").exit_code in (0, 2)  # a group shows its help
