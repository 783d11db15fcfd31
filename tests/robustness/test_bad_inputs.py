# ruff: noqa: E501 - the table of cases reads best one case a line
"""A corpus of bad inputs, each read by ``kronika ingest`` beside one good file.

Each kind must end in a clear one-line message on stderr (``kronika: PATH: reason``) or a
correct ingest; never a traceback; and nothing partial in the store: the good file is stored
whole, the bad one not at all, and the database passes ``PRAGMA integrity_check``.

Root can read every file, so "unreadable" is simulated by what the operating system will not
read as a file even for root: a folder named like a text file, and a named pipe (FIFO), which a
naive ``open().read()`` would wait on for ever. A permission-denied file is tried too, and
skipped when the tests run as root (root ignores the mode bits).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kronika
from kronika.cli import app

GOOD = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n"
SMALL_LIMIT = 1_000_000  # the tests' max_bytes for the oversized cases, so they stay fast


def _pdf(text: str | None, *, password: str | None = None) -> bytes:
    """A one-page PDF: with ``text`` in a text layer, or a blank page (no text layer)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 10 Tf 10 100 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "!")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _nested_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "Acme Nested was founded in 2001." + "</div>" * depth + "</body></html>"


def _symlink_loop(folder: Path) -> list[Path]:
    loop = folder / "loop"
    loop.mkdir()
    (loop / "inside.txt").write_text("Beta Labs was founded in 2005.\n")
    (loop / "again").symlink_to(loop, target_is_directory=True)  # a folder that contains itself
    (loop / "self.txt").symlink_to(loop / "self.txt")  # a link to itself
    return [loop]


def _fifo(folder: Path) -> list[Path]:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return [path]


def _two_names(folder: Path) -> list[Path]:
    first = folder / "first.txt"
    first.write_text("Gamma Corp was founded in 2010.\n")
    shutil.copy(first, folder / "copy.txt")
    os.link(first, folder / "hardlink.txt")
    (folder / "symlink.txt").symlink_to(first)
    return [folder]


def _write(name: str, data: bytes | str) -> Callable[[Path], list[Path]]:
    def build(folder: Path) -> list[Path]:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return [path]

    return build


def _big_text(folder: Path) -> list[Path]:
    """A 50 MB text, written in chunks (refused by the default 20 MB limit)."""
    path = folder / "big.txt"
    chunk = ("Acme Soft was founded in 1999. " * 1000 + "\n").encode()
    with path.open("wb") as handle:
        for _ in range(50_000_000 // len(chunk) + 1):
            handle.write(chunk)
    return [path]


def _long_line(folder: Path) -> list[Path]:
    """A single 5 MB line: no newline and no full stop, so one 5 MB "sentence" with 156,250 claims
    (it took 15 minutes before fingerprints hashed long sentences once)."""
    path = folder / "line.txt"
    path.write_text(("Delta Soft employs 9 people and " * 160_000)[:5_000_000] + "done.", encoding="utf-8")
    return [path]


def _directory_named_txt(folder: Path) -> list[Path]:
    path = folder / "folder.txt"
    path.mkdir()
    return [path]


def _missing(folder: Path) -> list[Path]:
    return [folder / "missing.txt"]


#: kind → (builder, expected): "ingested", "unchanged" (a second name of stored bytes),
#: "skipped" (a type kronika does not read) or a regular expression for the stderr line's reason.
CASES: dict[str, tuple[Callable[[Path], list[Path]], str]] = {
    "empty file": (_write("empty.txt", b""), r"empty: there is no text to read"),
    "only whitespace": (_write("blank.md", " \n\t\n"), r"empty: there is no text to read"),
    "binary": (_write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), r"looks like a binary file"),
    "NUL bytes in text": (_write("nul.txt", b"Acme Soft was \x00founded in 1999.\n"), r"contains NUL bytes"),
    "invalid UTF-8": (_write("latin1.txt", "Caf\u00e9 Soft was founded in 1999.\n".encode("latin-1")), r"not UTF-8 text: re-save it as UTF-8"),
    "UTF-16 with BOM": (_write("utf16.txt", "\ufeffZeta Soft was founded in 1998.\n".encode("utf-16-le")), "ingested"),
    "UTF-16 BOM, odd bytes": (_write("bad16.txt", b"\xff\xfeA\x00B"), r"starts like UTF-16 but is not valid UTF-16"),
    "50 MB text": (_big_text, r"too large \(50(\.\d)? MB > 20 MB limit\); split it into smaller files"),
    "single 5 MB line": (_long_line, "ingested"),
    "deeply nested HTML": (_write("nested.html", _nested_html(50_000)), "ingested"),
    "HTML full of scripts and iframes": (
        _write("scripts.html", "<html><head><script>x()</script></head><body>" + "<script>alert(1)</script><iframe src='https://e.example'></iframe>" * 500 + "</body></html>"),
        r"empty: there is no text to read",
    ),
    "HTML scripts around text": (
        _write("mixed.html", "<html><body><script>alert(1)</script><p>Eta Labs was founded in 2003.</p><iframe src=x></iframe></body></html>"),
        "ingested",
    ),
    "PDF without a text layer": (_write("scan.pdf", _pdf(None)), r"a PDF without a text layer \(scanned pages\?\); run OCR"),
    "encrypted PDF": (_write("secret.pdf", _pdf("Theta Soft was founded in 1997.", password="pw")), r"an encrypted PDF; save an unprotected copy"),
    "PDF with text": (_write("text.pdf", _pdf("Iota Soft was founded in 1996.")), "ingested"),
    "damaged PDF": (_write("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"), r"not a readable PDF"),
    # The folder that contains itself is walked once; the file linked to itself gets a line.
    "symlink loop in a folder": (_symlink_loop, r"self\.txt: cannot be read \(Too many levels of symbolic links\); check the path"),
    # A folder is a folder whatever its name: walked, and nothing in it.
    "folder named like a file": (_directory_named_txt, "skipped"),
    "named pipe (FIFO)": (_fifo, r"is not a regular file \(a pipe, socket or device\)"),
    "path that does not exist": (_missing, r"no such file or folder; check the path"),
    "unsupported type": (_write("report.docx", b"PK\x03\x04 not really"), "skipped"),
    "same file under four names": (_two_names, "names"),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _store_state(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        state = {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "titles": sorted(r[0] for r in conn.execute("SELECT title FROM documents")),
            # Nothing partial: every sentence, mention and claim belongs to a stored document.
            "orphans": conn.execute(
                "SELECT (SELECT COUNT(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents))"
                " + (SELECT COUNT(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents))"
                " + (SELECT COUNT(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents))"
            ).fetchone()[0],
            "empty_documents": conn.execute(
                "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
            ).fetchone()[0],
        }
    finally:
        conn.close()
    return state


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_input(kind: str, runner: CliRunner, tmp_path: Path, db_path: Path, use_stub_reader: Any) -> None:
    build, expected = CASES[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    targets = build(folder)
    result = runner.invoke(app, ["ingest", str(folder / "good.txt"), *map(str, targets), "--db", str(db_path), "--json"])
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    state = _store_state(db_path)
    assert state["integrity"] == "ok" and state["orphans"] == 0 and state["empty_documents"] == 0
    assert "Acme Soft was founded in 1999." in state["titles"]  # the good file is whole
    if kind == "symlink loop in a folder":
        assert "Beta Labs was founded in 2005." in state["titles"]  # what the loop holds is read once
        targets = [targets[0] / "self.txt"]
    if expected in ("ingested", "skipped", "names"):
        assert result.exit_code == 0, result.output
        assert errors == []
        if expected == "ingested":
            assert len(state["titles"]) == 2
        elif expected == "skipped":
            assert len(state["titles"]) == 1
        else:
            # Four names, one set of bytes: stored once.
            assert len(state["titles"]) == 2 and "Gamma Corp was founded in 2010." in state["titles"]
    else:
        assert result.exit_code == 1, result.output
        assert len(errors) == 1, errors
        [line] = errors
        assert line.startswith(f"kronika: {targets[0]}: "), line
        assert re.search(expected, line), line
        assert len(state["titles"]) == (2 if kind == "symlink loop in a folder" else 1)  # nothing of the bad file


def test_a_file_that_vanishes_mid_run(tmp_path: Path, stub_reader: Any) -> None:
    """The second file is deleted after the first is done (between listing and reading)."""
    files = [tmp_path / f"{n}.txt" for n in ("a", "b", "c")]
    for n, path in enumerate(files):
        path.write_text(f"Company{'ABC'[n]} was founded in 200{n}.\n")

    def progress(done: int, total: int, path: str) -> None:
        if done == 1 and files[1].exists():
            files[1].unlink()

    with kronika.open(tmp_path / "kb.db", reader=stub_reader) as kb:
        report = kb.ingest(files, progress=progress)
        assert report.read == 2
        assert report.failed == [(str(files[1]), "no such file or folder; check the path")]
        assert len(kb.documents()) == 2


def test_a_file_that_vanishes_while_being_read(tmp_path: Path, stub_reader: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is there when checked and gone when opened (a race with another program)."""
    path = tmp_path / "race.txt"
    path.write_text("Racing Soft was founded in 2001.\n")
    real_open = Path.open

    def vanishing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path and path.exists():
            path.unlink()
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", vanishing_open)
    with kronika.open(tmp_path / "kb.db", reader=stub_reader) as kb:
        report = kb.ingest([path])
    assert report.read == 0 and len(report.failed) == 1
    assert report.failed[0][1].startswith("cannot be read (No such file or directory)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode bits")
def test_permission_denied(tmp_path: Path, stub_reader: Any) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    with kronika.open(tmp_path / "kb.db", reader=stub_reader) as kb:
        report = kb.ingest([path])
    assert report.failed == [(str(path), "permission denied; check the file's permissions")]


def test_whole_corpus_in_one_folder(runner: CliRunner, tmp_path: Path, db_path: Path, use_stub_reader: Any) -> None:
    """Every kind at once in one folder (walked recursively): the batch goes on past each failure."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    for kind, (build, _expected) in CASES.items():
        if kind in ("50 MB text", "single 5 MB line", "path that does not exist"):
            continue  # tried alone above; here they would only slow the run
        sub = folder / re.sub(r"\W+", "-", kind)
        sub.mkdir()
        build(sub)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith("kronika: ") for line in lines), lines
    failing = [k for k, (_b, e) in CASES.items() if e not in ("ingested", "skipped", "names")]
    assert len(lines) == len(failing) - 2, lines  # minus two failing kinds left out
    state = _store_state(db_path)
    assert state["integrity"] == "ok" and state["orphans"] == 0
    # good, UTF-16, nested HTML, mixed HTML, text PDF, the loop's file, Gamma (its copy and hard link
    # are unchanged bytes, its symbolic link the same file), the .docx skipped.
    assert "documents: 7 read, 2 unchanged, 1 skipped, 12 failed" in result.stdout
