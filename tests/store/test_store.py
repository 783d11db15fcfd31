"""The SQLite store: schema, transactions, upserts, retraction, queries (real SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kronika.errors import (
    DatabaseNotFoundError,
    DatabaseOpenError,
    NotADatabaseError,
    SchemaVersionError,
    StoreLockedError,
)
from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Quantity, Sentence, TimeSpan
from kronika.sources import SourceText
from kronika.store import SCHEMA_VERSION, Store, claim_fingerprint, normalize_name

TEXT = "Belhard was founded in 1994. The HTP has more than 400 residents."


def meta(doc_id: str = "d-1", origin: str = "/docs/a.txt", title: str = "A", text: str = TEXT) -> SourceText:
    return SourceText(text, title, None, origin, "hash-" + doc_id, "text", doc_id)


def analysis(text: str = TEXT, *, claims: list[Claim] | None = None) -> DocumentAnalysis:
    belhard = Entity("org/belhard", "Belhard", "organization", ["BelHard Group"])
    htp = Entity("org/htp", "High Technologies Park", "organization", ["HTP", "Hi-Tech Park"])
    sentences = [Sentence(0, 0, 28, text[0:28]), Sentence(1, 29, len(text), text[29:])]
    mentions = [Mention("org/belhard", 0, 7, "Belhard", 0), Mention("org/htp", 33, 36, "HTP", 1)]
    if claims is None:
        claims = [
            Claim(
                "org/belhard",
                "founded",
                time=TimeSpan("1994-01-01", "1994-12-31", "year", "in 1994"),
                sentence=0,
                confidence=0.8,
                method="founded:passive",
            ),
            Claim(
                "org/htp",
                "measure",
                value=Quantity(400, "count", ">", 400, None, "more than 400"),
                measure="residents",
                sentence=1,
                confidence=0.7,
                method="measure:count-of-noun",
            ),
        ]
    return DocumentAnalysis(text, sentences, {e.id: e for e in (belhard, htp)}, mentions, claims, 12)


def count(db: Store, table: str) -> int:
    return int(db.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_schema_version_foreign_keys_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as db:
        conn = db.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    # Re-opening does not migrate again.
    with Store(tmp_path / "k.db") as db:
        assert db.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaVersionError, match="newer kronika"):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite at all, just some text that is long enough to be a header" * 10)
    with pytest.raises(NotADatabaseError) as info:
        Store(path)
    assert str(info.value) == f"{path}: not a kronika database (not SQLite); pick another --db file"


@pytest.mark.parametrize("where", ["no/such/folder/k.db", "."])
def test_database_that_cannot_be_opened(tmp_path: Path, where: str) -> None:
    path = tmp_path / where
    with pytest.raises(DatabaseOpenError) as info:
        Store(path)
    assert str(info.value).startswith(f"{path}: cannot open the database (")


def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFoundError):
        Store(tmp_path / "missing.db", create=False)


def test_write_document_stores_everything(db: Store) -> None:
    result = db.write_document(meta(), analysis())
    assert (result.sentences, result.mentions, result.entities, result.claims) == (2, 2, 2, 2)
    assert db.has_document("d-1")
    assert (count(db, "documents"), count(db, "sentences"), count(db, "mentions"), count(db, "claims")) == (
        1,
        2,
        2,
        2,
    )
    stats = db.stats()
    assert stats["claims_by_predicate"] == {"founded": 1, "measure": 1}
    assert stats["entities_by_type"] == {"organization": 2}
    assert stats["words"] == 12


def test_sentences_are_searchable_with_fts5(db: Store) -> None:
    db.write_document(meta(), analysis())
    rows = db.connection.execute(
        "SELECT s.doc_id, s.idx FROM sentences_fts f JOIN sentences s ON s.rowid = f.rowid"
        " WHERE sentences_fts MATCH 'residents'"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("d-1", 1)]
    db.remove_document("d-1")
    assert (
        db.connection.execute(
            "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH 'residents'"
        ).fetchone()[0]
        == 0
    )


def test_a_failure_mid_document_rolls_everything_back(db: Store) -> None:
    bad = analysis()
    bad.sentences.append(Sentence(0, 0, 5, "again"))  # duplicate index: violates the primary key
    with pytest.raises(sqlite3.IntegrityError):
        db.write_document(meta(), bad)
    assert not db.has_document("d-1")
    assert [
        count(db, t) for t in ("documents", "sentences", "entities", "aliases", "mentions", "claims")
    ] == [0] * 6


def test_changed_origin_replaces_the_old_version_in_one_write(db: Store) -> None:
    db.write_document(meta("d-1"), analysis())
    only_founded = analysis(claims=[analysis().claims[0]])
    result = db.write_document(meta("d-2"), only_founded)
    assert result.replaced == ("d-1",)
    assert [d["id"] for d in db.documents()] == ["d-2"]
    assert [c["predicate"] for c in db.claims()] == ["founded"]


def test_rewriting_the_same_id_replaces_it(db: Store) -> None:
    db.write_document(meta(), analysis())
    db.write_document(meta(), analysis())
    assert count(db, "documents") == 1 and count(db, "claims") == 2


def test_entities_are_upserted_with_aliases_unioned(db: Store) -> None:
    db.write_document(meta("d-1", "/a"), analysis())
    other = analysis()
    other.entities["org/htp"] = Entity(
        "org/htp", "Hi Tech Park", "organization", ["ПВТ", "HTP"], "A special zone"
    )
    db.write_document(meta("d-2", "/b"), other)
    htp = db.entity("org/htp")
    assert htp is not None
    assert htp["name"] == "High Technologies Park"
    assert htp["aliases"] == ["HTP", "Hi Tech Park", "Hi-Tech Park", "ПВТ"]
    assert htp["description"] == "A special zone"
    assert htp["mentions"] == 2
    assert db.entity("пвт") == htp
    assert db.entity("the high-technologies park!") == htp


def test_placeholder_entities_for_unnamed_references(db: Store) -> None:
    claims = [Claim("org/belhard", "led_by", object="person/adam-smith", sentence=0, method="x")]
    db.write_document(meta(), analysis(claims=claims))
    person = db.entity("person/adam-smith")
    assert person is not None and person["type"] == "person" and person["name"] == "adam smith"
    # A later document that describes it gives it its real name.
    later = analysis()
    later.entities["person/adam-smith"] = Entity("person/adam-smith", "Adam Smith", "person")
    db.write_document(meta("d-2", "/other"), later)
    assert db.entity("person/adam-smith")["name"] == "Adam Smith"  # type: ignore[index]


def test_remove_document_retracts_and_drops_orphans_but_keeps_registry(db: Store) -> None:
    db.upsert_entities([Entity("place/minsk", "Minsk", "place", lat=53.9, lon=27.56)])
    db.write_document(meta(), analysis())
    summary = db.remove_document("/docs/a.txt")
    assert summary["id"] == "d-1" and summary["claims"] == 2
    assert [count(db, t) for t in ("documents", "sentences", "mentions", "claims")] == [0] * 4
    assert [e["id"] for e in db.entities()] == ["place/minsk"]


def test_claim_dicts_follow_the_claim_format(db: Store) -> None:
    db.write_document(meta(), analysis())
    founded, measure = db.claims()
    assert founded["subject"] == {
        "id": "org/belhard",
        "name": "Belhard",
        "type": "organization",
        "aliases": ["BelHard Group"],
    }
    assert founded["object"] is None and founded["value"] is None
    assert founded["evidence"] == {"document": "d-1", "title": "A", "start": 0, "end": 28, "text": TEXT[:28]}
    assert measure["value"] == {
        "amount": 400,
        "unit": "count",
        "comparator": ">",
        "lower": 400,
        "upper": None,
    }
    assert measure["time"] is None
    assert measure["status"] == "proposed"
    assert measure["method"] == "measure:count-of-noun"


def test_claims_filters(db: Store) -> None:
    db.write_document(meta(), analysis())
    assert [c["predicate"] for c in db.claims(entity="hi-tech park")] == ["measure"]
    assert [c["predicate"] for c in db.claims(entity="BELHARD GROUP")] == ["founded"]
    assert db.claims(entity="Belhard", predicate="measure") == []
    assert len(db.claims(doc="A")) == 2
    assert db.claims(entity="nobody") == []


def test_claim_ids_depend_on_content_not_on_position(db: Store) -> None:
    db.write_document(meta(), analysis())
    first = {c["predicate"]: c["id"] for c in db.claims()}
    moved = analysis()
    moved.claims[0].sentence = 0
    moved.claims.reverse()
    db.write_document(meta(), moved)
    assert {c["predicate"]: c["id"] for c in db.claims()} == first


def test_fingerprint_ignores_whitespace_and_confidence() -> None:
    claim = analysis().claims[0]
    other = Claim(claim.subject, claim.predicate, time=claim.time, confidence=0.1, method="other", sentence=5)
    assert claim_fingerprint(claim, "Belhard  was\nfounded in 1994.") == claim_fingerprint(
        other, "Belhard was founded in 1994."
    )
    later = Claim(claim.subject, claim.predicate, time=TimeSpan("1995-01-01", "1995-12-31", "year", "1995"))
    assert claim_fingerprint(later, "x") != claim_fingerprint(claim, "x")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The High-Technologies Park", "high technologies park"),
        ("Belarus’s", "belarus"),
        ("  EPAM   Systems ", "epam systems"),
        ("Café", "cafe"),
        ("ПВТ", "пвт"),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


def test_entities_listing_filters(db: Store) -> None:
    db.write_document(meta(), analysis())
    assert [e["id"] for e in db.entities(q="tech")] == ["org/htp"]
    assert [e["id"] for e in db.entities(type="organization")] == ["org/belhard", "org/htp"]
    assert db.entities(q="100%_") == []


def test_readers_see_the_last_commit_while_a_writer_works(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with Store(path) as writer, Store(path) as reader:
        writer.write_document(meta("d-1", "/a"), analysis())
        with writer.transaction() as conn:
            conn.execute("DELETE FROM documents")
            assert [d["id"] for d in reader.documents()] == ["d-1"]  # WAL: the old snapshot
        assert reader.documents() == []


def test_a_second_writer_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with Store(path) as first, Store(path, busy_timeout_ms=50) as second:
        with first.transaction():
            with pytest.raises(StoreLockedError) as info:
                second.write_document(meta(), analysis())
            assert "locked by another process" in str(info.value)
        second.write_document(meta(), analysis())
        assert first.has_document("d-1")
