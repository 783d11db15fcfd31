"""The library API: ingest, re-ingest, replace, remove, failures, stable ids, export."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.errors import (
    AmbiguousDocumentError,
    DatabaseNotFoundError,
    DocumentNotFoundError,
    EmptyDocumentError,
    UnsupportedFormatError,
)

TEXT_V1 = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n"
TEXT_V2 = "Acme Soft was founded in 2001.\nBeta Labs was founded in 2005.\n"


@pytest.fixture
def kb(db_path: Path, stub_reader: Any) -> Any:
    """A knowledge base in a temporary file, reading with the stub reader."""
    with kronika.open(db_path, reader=stub_reader) as base:
        yield base


def claim_keys(kb: kronika.KnowledgeBase) -> list[tuple[str, str, str | None]]:
    """(subject id, predicate, time start) of every claim."""
    return [(c["subject"]["id"], c["predicate"], (c["time"] or {}).get("start")) for c in kb.claims()]


def test_ingest_text_stores_sentences_entities_and_claims(kb: kronika.KnowledgeBase) -> None:
    report = kb.ingest_text(TEXT_V1, title="Acme", date=dt.date(2024, 1, 2), origin="memo:acme")
    assert (report.read, report.unchanged, report.sentences, report.claims) == (1, 0, 2, 2)
    assert report.entities == 1
    [doc] = kb.documents()
    assert doc["id"] == report.documents[0]
    assert (doc["title"], doc["date"], doc["origin"], doc["claims"]) == ("Acme", "2024-01-02", "memo:acme", 2)
    founded, measure = kb.claims()
    assert founded["predicate"] == "founded"
    assert founded["subject"] == {
        "id": "org/acme-soft",
        "name": "Acme Soft",
        "type": "organization",
        "aliases": [],
    }
    assert founded["time"] == {
        "start": "1999-01-01",
        "end": "1999-12-31",
        "precision": "year",
        "text": "in 1999",
    }
    assert founded["evidence"] == {
        "document": doc["id"],
        "title": "Acme",
        "start": 0,
        "end": 30,
        "text": "Acme Soft was founded in 1999.",
    }
    assert TEXT_V1[0:30] == founded["evidence"]["text"]
    assert founded["id"].startswith("c-")
    assert "qualifiers" not in founded
    assert measure["value"] == {
        "amount": 400,
        "unit": "count",
        "comparator": ">",
        "lower": 400,
        "upper": None,
    }
    assert measure["measure"] == "employees"
    assert measure["qualifiers"] == {"approximate": True}
    assert measure["evidence"]["start"] == 31


def test_ingest_files_and_reingest_unchanged_is_a_no_op(
    kb: kronika.KnowledgeBase, tmp_path: Path, stub_reader: Any
) -> None:
    write(tmp_path / "docs" / "a.txt", TEXT_V1)
    write(tmp_path / "docs" / "b.md", "# Beta\nBeta Labs was founded in 2005.")
    first = kb.ingest([tmp_path / "docs"])
    assert (first.read, first.unchanged, first.failed, first.claims) == (2, 0, [], 3)
    before = kb.claims()
    read_docs = stub_reader.documents
    again = kb.ingest([tmp_path / "docs"])
    assert (again.read, again.unchanged, again.claims) == (0, 2, 0)
    assert stub_reader.documents == read_docs, "unchanged files must not reach the reader"
    assert kb.claims() == before


def test_unchanged_batch_never_builds_the_reader(db_path: Path, tmp_path: Path, stub_reader: Any) -> None:
    path = write(tmp_path / "a.txt", TEXT_V1)
    with kronika.open(db_path, reader=stub_reader) as kb:
        kb.ingest([path])
    with kronika.open(db_path) as kb:
        report = kb.ingest([path])
        assert report.unchanged == 1
        assert kb._reader is None


def test_changed_file_replaces_its_old_claims(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path / "acme.txt", TEXT_V1)
    kb.ingest([path])
    old_id = kb.documents()[0]["id"]
    write(path, TEXT_V2)
    report = kb.ingest([path])
    assert report.read == 1
    docs = kb.documents()
    assert len(docs) == 1 and docs[0]["id"] != old_id
    assert sorted(claim_keys(kb)) == [
        ("org/acme-soft", "founded", "2001-01-01"),
        ("org/beta-labs", "founded", "2005-01-01"),
    ]
    assert kb.stats()["claims"] == 2


def test_file_reverting_to_bytes_stored_elsewhere_drops_its_old_version(
    kb: kronika.KnowledgeBase, tmp_path: Path
) -> None:
    a = write(tmp_path / "a.txt", TEXT_V1)
    b = write(tmp_path / "b.txt", TEXT_V2)
    kb.ingest([a, b])
    write(b, TEXT_V1)
    report = kb.ingest([b])
    assert report.unchanged == 1
    assert [d["origin"] for d in kb.documents()] == [str(a)]


def test_remove_retracts_claims_and_orphan_entities(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", TEXT_V1)
    b = write(tmp_path / "b.txt", TEXT_V2)
    kb.ingest([a, b])
    removed = kb.remove(str(b))
    assert removed["origin"] == str(b) and removed["claims"] == 2
    assert claim_keys(kb) == [("org/acme-soft", "founded", "1999-01-01"), ("org/acme-soft", "measure", None)]
    assert [e["id"] for e in kb.entities()] == ["org/acme-soft"]
    doc_id = kb.documents()[0]["id"]
    kb.remove(doc_id)
    assert kb.stats()["documents"] == kb.stats()["claims"] == kb.stats()["entities"] == 0
    with pytest.raises(DocumentNotFoundError):
        kb.remove(doc_id)


def test_remove_by_title_and_ambiguous_titles(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(TEXT_V1, title="Same")
    kb.ingest_text(TEXT_V2, title="Same")
    kb.ingest_text("Gamma Corp was founded in 2010.", title="Gamma")
    with pytest.raises(AmbiguousDocumentError) as info:
        kb.remove("same")
    assert len(info.value.ids) == 2
    assert kb.remove("gamma")["title"] == "Gamma"


def test_failed_files_leave_nothing_and_the_batch_goes_on(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", TEXT_V1)
    binary = write(tmp_path / "bad.txt", b"\x00\x01\x02")
    latin = write(tmp_path / "latin.md", "Café".encode("latin-1"))
    skipped = write(tmp_path / "notes.docx", b"PK")
    missing = tmp_path / "missing.txt"
    report = kb.ingest([binary, good, latin, skipped, missing])
    assert report.read == 1
    assert report.skipped == [str(skipped)]
    assert [path for path, _ in report.failed] == [str(binary), str(latin), str(missing)]
    assert report.failed[1][1] == "not UTF-8 text: re-save it as UTF-8 or convert it with iconv -t UTF-8"
    assert not report.ok
    assert [d["origin"] for d in kb.documents()] == [str(good)]


def test_a_pipeline_bug_fails_that_document_only(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    paths = [
        write(tmp_path / "1.txt", "Alpha Co was founded in 1990."),
        write(tmp_path / "2.txt", "EXPLODE here."),
        write(tmp_path / "3.txt", "Gamma Co was founded in 1993."),
    ]
    report = kb.ingest(paths)
    assert report.read == 2
    [(path, reason)] = report.failed
    assert path == str(paths[1])
    assert reason.startswith("could not be analysed (RuntimeError: stub pipeline bug)")
    assert sorted(d["origin"] for d in kb.documents()) == [str(paths[0]), str(paths[2])]


def test_interrupt_rolls_back_the_current_document(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    paths = [write(tmp_path / f"{i}.txt", f"Company{'x' * i} Inc was founded in 199{i}.") for i in range(3)]
    calls: list[int] = []

    def progress(done: int, total: int, path: str) -> None:
        calls.append(done)
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kb.ingest(paths, progress=progress)
    assert kb.stats()["documents"] == 2
    report = kb.ingest(paths)
    assert (report.read, report.unchanged) == (1, 2)


def test_progress_reports_every_file(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", TEXT_V1)
    write(tmp_path / "in" / "b.txt", b"\x00")
    write(tmp_path / "in" / "c.md", TEXT_V2)
    seen: list[tuple[int, int, str]] = []
    kb.ingest(
        [tmp_path / "in"], progress=lambda done, total, path: seen.append((done, total, Path(path).name))
    )
    assert seen == [(0, 3, ""), (1, 3, "a.txt"), (2, 3, "b.txt"), (3, 3, "c.md")]


def test_date_overrides_document_metadata(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Title\nPublished 2020-01-01\n" + TEXT_V1)
    kb.ingest([path], date=dt.date(2024, 2, 29))
    assert kb.documents()[0]["date"] == "2024-02-29"


def test_ids_are_stable_across_fresh_databases(tmp_path: Path, stub_reader: Any) -> None:
    path = write(tmp_path / "a.txt", TEXT_V1 + TEXT_V2)
    exports = []
    for name in ("one.db", "two.db"):
        with kronika.open(tmp_path / name, reader=type(stub_reader)()) as kb:
            kb.ingest([path])
            out = io.StringIO()
            kb.export("jsonl", out)
            exports.append(out.getvalue())
    assert exports[0] == exports[1]
    ids = [json.loads(line)["id"] for line in exports[0].splitlines()]
    assert len(ids) == len(set(ids)) == 4


def test_repeated_sentence_gets_distinct_claim_ids(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text("Acme Soft was founded in 1999. Acme Soft was founded in 1999.")
    ids = [c["id"] for c in kb.claims()]
    assert len(ids) == 2 and ids[0] != ids[1]


def test_entities_merge_across_documents_and_lookup_by_alias(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(TEXT_V1, title="one")
    kb.ingest_text("Later, Acme Soft was founded in 1999 again.", title="two")
    acme = kb.entity("ACME SOFT")
    assert acme is not None and acme["id"] == "org/acme-soft" and acme["mentions"] == 3
    assert len(kb.claims(entity="acme soft", predicate="founded")) == 2
    assert kb.claims(entity="no such thing") == []
    assert [e["id"] for e in kb.entities(q="acme")] == ["org/acme-soft"]
    assert kb.entities(type="person") == []
    assert len(kb.claims(doc="two")) == 1


def test_export_jsonl_and_csv(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(TEXT_V1, title="Acme")
    out = io.StringIO()
    assert kb.export("jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["predicate"] for line in lines] == ["founded", "measure"]
    assert list(json.loads(lines[0])) == [
        "id", "subject", "predicate", "object", "value", "measure", "time", "evidence",
        "confidence", "status", "method",
    ]  # fmt: skip
    out = io.StringIO()
    assert kb.export("csv", out) == 2
    header, first, _ = out.getvalue().splitlines()
    assert header.startswith("id,subject_id,subject,")
    assert ",founded," in first
    with pytest.raises(UnsupportedFormatError):
        kb.export("xml", io.StringIO())


def test_ingest_text_rejects_empty_text(kb: kronika.KnowledgeBase) -> None:
    with pytest.raises(EmptyDocumentError):
        kb.ingest_text("  \n")


def test_ingest_text_twice_is_unchanged(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(TEXT_V1)
    report = kb.ingest_text(TEXT_V1)
    assert (report.read, report.unchanged) == (0, 1)


def test_open_without_create_needs_the_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFoundError) as info:
        kronika.open(tmp_path / "none.db", create=False)
    assert "kronika ingest" in str(info.value)
    assert not (tmp_path / "none.db").exists()


def test_report_to_dict(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"")
    data = kb.ingest([bad]).to_dict()
    assert data["failed"] == [{"path": str(bad), "reason": "empty: there is no text to read"}]
    assert json.dumps(data)


@pytest.mark.model
def test_real_reader_ids_are_stable(tmp_path: Path, reader: Any) -> None:
    path = write(tmp_path / "a.txt", "EPAM Systems was founded in 1993 by Arkadiy Dobkin in Minsk.\n")
    exports = []
    for name in ("one.db", "two.db"):
        with kronika.open(tmp_path / name, reader=reader) as kb:
            report = kb.ingest([path])
            assert report.read == 1 and report.sentences >= 1
            out = io.StringIO()
            kb.export("jsonl", out)
            exports.append((out.getvalue(), [e["id"] for e in kb.entities()]))
    assert exports[0] == exports[1]


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes (or UTF-8 text) to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_ingest_mixed_formats(kb: kronika.KnowledgeBase, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", "Alpha Co was founded in 1990.")
    write(tmp_path / "in" / "b.md", "# Beta\n\nBeta Co was founded in 1991.")
    write(
        tmp_path / "in" / "c.html",
        "<html><head><title>Gamma</title><script>Evil Co was founded in 1066.</script></head>"
        "<body><p>Gamma Co was founded in 1992.</p></body></html>",
    )
    report = kb.ingest(tmp_path / "in")
    assert (report.read, report.failed) == (3, [])
    assert sorted(d["kind"] for d in kb.documents()) == ["html", "markdown", "text"]
    assert sorted(c["subject"]["name"] for c in kb.claims(predicate="founded")) == [
        "Alpha Co",
        "Beta Co",
        "Gamma Co",
    ]


def test_in_memory_knowledge_base(stub_reader: Any) -> None:
    with kronika.open(":memory:", reader=stub_reader) as kb:
        kb.ingest_text(TEXT_V1)
        assert kb.stats()["claims"] == 2


def test_a_reader_that_stops_early_fails_the_rest(db_path: Path, tmp_path: Path) -> None:
    class Truncating:
        def read_many(self, docs: Any, workers: int = 1) -> Any:
            for _ in docs:
                return
            yield  # pragma: no cover - makes this a generator

    paths = [write(tmp_path / f"{i}.txt", f"Co{i} was founded in 199{i}.") for i in range(2)]
    with kronika.open(db_path, reader=Truncating()) as kb:
        report = kb.ingest(paths)
    assert report.read == 0
    assert [p for p, _ in report.failed] == [str(p) for p in paths]
    assert "the reader returned nothing" in report.failed[0][1]
