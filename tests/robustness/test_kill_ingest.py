"""``kill -9`` at random moments of an ingest, 20 times, then a run that finishes the rest.

A child process ingests a folder of 600 small documents with the stub reader (one transaction
per document, WAL mode) and prints each file's path as soon as its write has committed. The
parent kills it with SIGKILL at a random moment: after a random number of committed documents
(0 to 40, so some kills land while the database is being created) plus a random fraction of a
document's time. After each kill:

- the store opens and ``PRAGMA integrity_check`` says ``ok``;
- it holds exactly the documents whose commit completed: every document printed as committed
  is there, and at most one more (committed, killed before it printed), the next in order;
- every stored document is whole (its two sentences, its mentions and its two claims) and
  nothing belongs to a document that is not stored.

The next child picks up where the last stopped (stored bytes are skipped). After the 20th kill
an uninterrupted run finishes the rest: all 600 documents, each whole.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kronika.ids import document_id

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = 600
KILLS = 20

CHILD = textwrap.dedent(
    """
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("root_conftest", sys.argv[3])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import kronika

    def progress(done, total, path):
        if path:
            sys.stdout.write(path + "\\n")
            sys.stdout.flush()

    with kronika.open(sys.argv[1], reader=module.StubReader()) as kb:
        report = kb.ingest([sys.argv[2]], progress=progress)
    sys.stdout.write("DONE %d %d\\n" % (report.read, report.unchanged))
    """
)


def _corpus(folder: Path) -> dict[str, str]:
    """600 files; returns path → document id."""
    folder.mkdir()
    ids = {}
    for n in range(DOCUMENTS):
        name = "Co" + "".join("abcdefghij"[int(d)] for d in f"{n:04d}")  # letters only, for the stub
        text = f"{name} Soft was founded in {1900 + n % 120}.\n{name} Soft employs {n + 1} people.\n"
        path = folder / f"{n:04d}.txt"
        path.write_text(text)
        ids[str(path)] = document_id(text.encode())
    return ids


def _state(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        docs = {r[0] for r in conn.execute("SELECT id FROM documents")}
        per_doc = {
            r[0]: (r[1], r[2], r[3])
            for r in conn.execute(
                "SELECT d.id, (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id),"
                " (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id),"
                " (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id) FROM documents d"
            )
        }
        orphans = conn.execute(
            "SELECT (SELECT COUNT(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents))"
            " + (SELECT COUNT(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents))"
            " + (SELECT COUNT(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents))"
            " + (SELECT COUNT(*) FROM claims WHERE subject_id NOT IN (SELECT id FROM entities))"
        ).fetchone()[0]
        fts = conn.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH 'soft'").fetchone()[
            0
        ]
    finally:
        conn.close()
    return {"integrity": integrity, "docs": docs, "per_doc": per_doc, "orphans": orphans, "fts": fts}


def _child(db: Path, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(corpus), str(ROOT / "tests" / "conftest.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_kill_9_at_random_moments_then_finish(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    ids = _corpus(tmp_path / "corpus")
    order = sorted(ids)
    db = tmp_path / "kb.db"
    committed: list[str] = []  # paths printed as done (committed, or already stored), every run
    kills_during_writes = 0
    for kill in range(KILLS):
        child = _child(db, tmp_path / "corpus")
        assert child.stdout is not None
        wait_for = rng.randint(0, 40) if kill else 0
        seen = 0
        while seen < wait_for:
            line = child.stdout.readline()
            if not line or line.startswith("DONE"):
                break
            path = line.strip()
            if path not in committed:  # files stored by an earlier run are reported too
                seen += 1
            committed.append(path)
        time.sleep(rng.random() * 0.004)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        # Read what is left through the same buffered stream readline() used (communicate()
        # would read the pipe underneath it and miss lines already buffered).
        rest = child.stdout.read()
        _err = child.stderr.read() if child.stderr else ""
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        committed += [line for line in rest.splitlines() if line and not line.startswith("DONE")]
        assert child.returncode == -signal.SIGKILL, f"kill {kill}: the child ended by itself: {_err[-500:]}"
        if not db.exists():
            assert not committed  # killed before it made the file
            continue
        state = _state(db)
        assert state["integrity"] == "ok", f"kill {kill}: {state['integrity']}"
        assert state["orphans"] == 0, f"kill {kill}"
        printed = {ids[p] for p in committed}
        stored = state["docs"]
        assert printed <= stored, f"kill {kill}: committed documents are missing"
        extra = stored - printed
        assert len(extra) <= 1, f"kill {kill}: {len(extra)} documents stored that were never reported"
        if extra:
            # The one committed just before the kill: the next file in order.
            done = set(committed)
            nxt = next((p for p in order if p not in done), None)
            assert nxt is not None and extra == {ids[nxt]}
            committed.append(nxt)
            kills_during_writes += 1
        assert all(v == (2, 2, 2) for v in state["per_doc"].values()), f"kill {kill}: a partial document"
        assert state["fts"] == 2 * len(stored)
    assert 0 < len(set(committed)) < DOCUMENTS, "the kills should leave work for the last run"
    print(
        f"{KILLS} kills: {len(set(committed))} documents committed before the last run,"
        f" {kills_during_writes} committed but not yet reported when killed"
    )
    # An uninterrupted run finishes the rest.
    child = _child(db, tmp_path / "corpus")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err[-2000:]
    read, unchanged = map(int, out.splitlines()[-1].split()[1:])
    assert (read + unchanged, unchanged) == (DOCUMENTS, len(set(committed)))
    state = _state(db)
    assert state["integrity"] == "ok" and state["orphans"] == 0
    assert state["docs"] == set(ids.values())
    assert all(v == (2, 2, 2) for v in state["per_doc"].values())
