"""The ``kronika`` command through Typer's runner: exit codes and exact output lines."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kronika.cli import app

COMMANDS = ["ingest", "export", "entities", "claims", "documents", "stats", "remove"]
TEXT = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two readable files, one binary file and one unsupported file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "acme.txt").write_text(TEXT)
    (folder / "beta.md").write_text("---\ntitle: Beta\n---\nBeta Labs was founded in 2005.\n")
    return folder


@pytest.fixture
def filled(runner: CliRunner, corpus: Path, db_path: Path, use_stub_reader: Any) -> Path:
    """A database with the corpus ingested."""
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str, flag: str) -> None:
    result = run(runner, command, flag)
    assert result.exit_code == 0
    assert "Usage: kronika " + command in result.stdout
    assert "Example:" in result.stdout
    assert f"kronika {command}" in result.stdout.split("Example:")[1]


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = run(runner)
    assert "Usage: kronika" in result.output
    for command in COMMANDS:
        assert command in result.output


# --------------------------------------------------------------------------- ingest


def test_ingest_prints_a_summary(
    runner: CliRunner, corpus: Path, db_path: Path, use_stub_reader: Any
) -> None:
    (corpus / "notes.docx").write_bytes(b"PK")
    result = run(runner, "ingest", str(corpus), "--db", str(db_path))
    assert result.exit_code == 0
    assert result.stderr == ""
    first, second = result.stdout.splitlines()
    assert first == "documents: 2 read, 0 unchanged, 1 skipped, 0 failed"
    assert re.fullmatch(r"extracted: 3 sentences, 2 entities, 3 claims \(\d+ words in \d+\.\d s\)", second)
    again = run(runner, "ingest", str(corpus), "--db", str(db_path))
    assert again.exit_code == 0
    assert again.stdout.splitlines()[0] == "documents: 0 read, 2 unchanged, 1 skipped, 0 failed"


def test_ingest_reports_each_failed_file_on_one_line(
    runner: CliRunner, corpus: Path, db_path: Path, use_stub_reader: Any
) -> None:
    binary = corpus / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    missing = corpus.parent / "missing.md"
    result = run(runner, "ingest", str(corpus), str(missing), "--db", str(db_path), "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"kronika: {binary}: looks like a binary file (it contains NUL bytes), not text; "
        "convert it to .txt, .md, .html or .pdf first",
        f"kronika: {missing}: no such file or folder; check the path",
    ]
    docs = json.loads(run(runner, "documents", "--db", str(db_path), "--json").stdout)
    assert sorted(Path(d["origin"]).name for d in docs) == ["acme.txt", "beta.md"]


def test_ingest_json_report(runner: CliRunner, corpus: Path, db_path: Path, use_stub_reader: Any) -> None:
    result = run(runner, "ingest", str(corpus / "acme.txt"), "--db", str(db_path), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["read"], report["claims"], report["failed"]) == (1, 2, [])


def test_ingest_date_sets_the_publication_date(
    runner: CliRunner, corpus: Path, db_path: Path, use_stub_reader: Any
) -> None:
    assert (
        run(runner, "ingest", str(corpus), "--db", str(db_path), "--date", "2024-02-29", "-q").exit_code == 0
    )
    docs = json.loads(run(runner, "documents", "--db", str(db_path), "--json").stdout)
    assert {d["date"] for d in docs} == {"2024-02-29"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ingest", "a.txt", "--date", "2024-13-01"],
            "Invalid value for '--date': '2024-13-01' is not a calendar date",
        ),
        (
            ["ingest", "a.txt", "--date", "May 2024"],
            "Invalid value for '--date': expected YYYY-MM-DD, got 'May 2024'",
        ),
        (["ingest", "a.txt", "--workers", "0"], "Invalid value for '--workers'"),
        (["ingest"], "Missing argument"),
        (["export", "--format", "xml"], "Invalid value for '--format'"),
        (["nonsense"], "No such command"),
    ],
)
def test_wrong_usage_exits_2(runner: CliRunner, db_path: Path, args: list[str], message: str) -> None:
    result = run(runner, *args, "--db", str(db_path)) if args != ["nonsense"] else run(runner, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.output
    assert not db_path.exists()


def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(
    runner: CliRunner, tmp_path: Path, db_path: Path, use_stub_reader: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha Co was founded in 1990.")
    (folder / "b.txt").write_text("INTERRUPT now. Beta Co was founded in 1991.")
    (folder / "c.txt").write_text("Gamma Co was founded in 1992.")
    result = run(runner, "ingest", str(folder), "--db", str(db_path))
    assert result.exit_code == 130
    assert result.stderr == "kronika: interrupted; re-run to finish\n"
    docs = json.loads(run(runner, "documents", "--db", str(db_path), "--json").stdout)
    assert [Path(d["origin"]).name for d in docs] == ["a.txt"]
    (folder / "b.txt").write_text("Beta Co was founded in 1991.")
    rerun = run(runner, "ingest", str(folder), "--db", str(db_path))
    assert rerun.exit_code == 0
    assert rerun.stdout.splitlines()[0] == "documents: 2 read, 1 unchanged, 0 skipped, 0 failed"


def test_progress_bar_on_a_terminal_and_not_with_quiet(
    corpus: Path, db_path: Path, use_stub_reader: Any
) -> None:
    # TTY_COMPATIBLE=1 makes rich treat the captured stderr as a terminal.
    runner = CliRunner(env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 0
    assert "2/2" in result.stderr and "reading" in result.stderr
    assert result.stdout.startswith("documents: 2 read")
    quiet = runner.invoke(app, ["ingest", str(corpus), "--db", str(db_path), "--quiet"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_sigterm_stops_like_ctrl_c(
    runner: CliRunner, tmp_path: Path, db_path: Path, use_stub_reader: Any
) -> None:
    import os
    import signal

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha Co was founded in 1990.")
    (folder / "b.txt").write_text("Beta Co was founded in 1991.")
    original = use_stub_reader.analyse

    def analyse(text: str) -> Any:
        if text.startswith("Beta"):
            os.kill(os.getpid(), signal.SIGTERM)
        return original(text)

    use_stub_reader.analyse = analyse
    result = run(runner, "ingest", str(folder), "--db", str(db_path))
    assert result.exit_code == 143
    assert result.stderr == "kronika: interrupted; re-run to finish\n"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    docs = json.loads(run(runner, "documents", "--db", str(db_path), "--json").stdout)
    assert [Path(d["origin"]).name for d in docs] == ["a.txt"]


# --------------------------------------------------------------------------- read commands


@pytest.mark.parametrize("command", ["entities", "claims", "documents", "stats", "export"])
def test_read_commands_need_an_existing_database(runner: CliRunner, tmp_path: Path, command: str) -> None:
    db = tmp_path / "none.db"
    result = run(runner, command, "--db", str(db))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"kronika: {db}: no such knowledge base; create it with `kronika ingest PATH... --db {db}`\n"
    )
    assert result.stdout == ""
    assert not db.exists()


def test_not_a_database(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("hello " * 200)
    result = run(runner, "stats", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"kronika: {db}: not a kronika database (not SQLite); pick another --db file\n"


def test_export_jsonl_to_stdout(runner: CliRunner, filled: Path) -> None:
    result = run(runner, "export", "--db", str(filled), "--format", "jsonl")
    assert result.exit_code == 0
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(claims) == 3
    assert {c["predicate"] for c in claims} == {"founded", "measure"}
    assert all(c["evidence"]["text"] for c in claims)
    again = run(runner, "export", "--db", str(filled))
    assert again.stdout == result.stdout


def test_export_to_a_file(runner: CliRunner, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run(runner, "export", "--db", str(filled), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote 3 claims to {out}\n"
    assert out.read_text().splitlines()[0].startswith("id,subject_id,")


def test_json_outputs(runner: CliRunner, filled: Path) -> None:
    entities = json.loads(run(runner, "entities", "--db", str(filled), "--json").stdout)
    assert [e["id"] for e in entities] == ["org/acme-soft", "org/beta-labs"]
    claims = json.loads(run(runner, "claims", "--db", str(filled), "--entity", "ACME SOFT", "--json").stdout)
    assert [c["predicate"] for c in claims] == ["founded", "measure"]
    founded = json.loads(
        run(runner, "claims", "--db", str(filled), "--predicate", "founded", "--json").stdout
    )
    assert len(founded) == 2
    stats = json.loads(run(runner, "stats", "--db", str(filled), "--json").stdout)
    assert (stats["documents"], stats["claims"], stats["entities"]) == (2, 3, 2)
    orgs = json.loads(run(runner, "entities", "--db", str(filled), "--type", "person", "--json").stdout)
    assert orgs == []


def test_tables(runner: CliRunner, filled: Path) -> None:
    entities = run(runner, "entities", "--db", str(filled))
    assert entities.exit_code == 0 and "Acme Soft" in entities.stdout and "2 entities" in entities.stdout
    claims = run(runner, "claims", "--db", str(filled))
    assert "3 claims" in claims.stdout and "> 400 count" in claims.stdout
    documents = run(runner, "documents", "--db", str(filled))
    assert "2 documents" in documents.stdout and "Beta" in documents.stdout
    stats = run(runner, "stats", "--db", str(filled))
    assert "claims: founded" in stats.stdout


def test_remove(runner: CliRunner, filled: Path, corpus: Path) -> None:
    result = run(runner, "remove", str(corpus / "beta.md"), "--db", str(filled))
    assert result.exit_code == 0
    assert re.fullmatch(r"removed 'Beta' \(d-[0-9a-f]{16}\): 1 claim retracted\n", result.stdout)
    missing = run(runner, "remove", "Beta", "--db", str(filled))
    assert missing.exit_code == 1
    assert missing.stderr == "kronika: no document 'Beta'; list them with `kronika documents`\n"


@pytest.mark.model
def test_article_ingest_and_export(
    runner: CliRunner, shared_dir: Path, db_path: Path, reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kronika.pipeline.reader as reader_module

    monkeypatch.setattr(reader_module, "make_reader", lambda *a, **k: reader)
    article = shared_dir / "corpus" / "belarus-it-history.txt"
    result = run(runner, "ingest", str(article), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("documents: 1 read, 0 unchanged, 0 skipped, 0 failed\n")
    export = run(runner, "export", "--db", str(db_path), "--format", "jsonl")
    assert export.exit_code == 0
    for line in export.stdout.splitlines():
        claim = json.loads(line)
        assert claim["evidence"]["text"] in article.read_text()


WORKER_SCRIPT = """
import sys, time
import spacy
import kronika.pipeline.reader as reader_module
from kronika.models import DocumentAnalysis, Sentence


class SlowReader:
    def __init__(self):
        self.nlp = spacy.blank("en")

    def read_many(self, docs, workers=1):
        pairs = ((d.text, d) for d in docs)
        for doc, item in self.nlp.pipe(pairs, as_tuples=True, n_process=workers, batch_size=1):
            time.sleep(0.2)
            yield DocumentAnalysis(item.text, [Sentence(0, 0, 3, item.text[:3])], {}, [], [], len(doc))


reader_module.make_reader = SlowReader
from kronika.cli import main

sys.argv = ["kronika", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(("sig", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_to_the_main_process_stops_worker_processes_too(tmp_path: Path, sig: str, code: int) -> None:
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    # Texts larger than a pipe's buffer (64 kB): the case where exiting used to hang on spaCy's queues.
    for i in range(8):
        (folder / f"{i:02}.txt").write_text(f"Document {i}. " + "Acme Soft was founded in 1999. " * 2500)
    script = tmp_path / "run.py"
    script.write_text(WORKER_SCRIPT)
    db = tmp_path / "k.db"
    args = [sys.executable, str(script), "ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet"]
    # SIGINT is ignored in background jobs of non-interactive shells; give the child the default.
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    def stored() -> int:
        if not db.exists():
            return 0
        with sqlite3.connect(db) as conn:
            try:
                return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            except sqlite3.OperationalError:
                return 0

    deadline = time.monotonic() + 60
    while stored() < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(getattr(signal, sig))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err.decode()
    assert err.decode() == "kronika: interrupted; re-run to finish\n"
    assert 2 <= stored() < 8
    if sig == "SIGINT":
        return  # the re-run is the same either way; once is enough
    rerun = subprocess.run(args, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert stored() == 8
