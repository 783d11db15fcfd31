# ruff: noqa: E501
"""Backup and interchange: jsonl export -> import into an empty base -> export again gives the
same bytes (decisions and aliases included); CSV; GraphML read back with networkx; RDF Turtle and
JSON-LD with PROV-O provenance read back with rdflib."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kronika
from kronika.cli import app
from kronika.errors import ImportFormatError, KronikaError
from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Sentence, TimeSpan
from kronika.sources import SourceText

ACME = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\nAcme was founded in 2001.\n"
BETA = 'Beta Labs was founded in 2005.\nBeta Labs employs 40 people.\nHe said "yes\\\\no": Quote Corp was founded in 2010.\n'


def _park(store: Any) -> None:
    """A document naming one entity two ways, for a split."""
    text = "Hi-Tech Park was founded in 2005. Infopark was founded in 2001."
    first, second = text.split(" Infopark")
    s1 = Sentence(1, len(first) + 1, len(text), text[len(first) + 1 :])
    analysis = DocumentAnalysis(
        text,
        [Sentence(0, 0, len(first), first), s1],
        {"org/park": Entity("org/park", "Hi-Tech Park", "organization", aliases=["Infopark", "HTP"])},
        [Mention("org/park", 0, 12, "Hi-Tech Park", 0), Mention("org/park", s1.start, s1.start + 8, "Infopark", 1)],
        [
            Claim("org/park", "founded", time=TimeSpan("2005-01-01", "2005-12-31", "year", "2005"), sentence=0),
            Claim("org/park", "founded", time=TimeSpan("2001-01-01", "2001-12-31", "year", "2001"), sentence=1),
        ],
        12,
    )
    meta = SourceText(text=text, title="Park", date=None, origin="park", content_hash="h", kind="text", doc_id="d-park")
    store.write_document(meta, analysis)


@pytest.fixture
def reviewed(tmp_path: Path, stub_reader: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A base with every kind of decision in it."""
    monkeypatch.setenv("KRONIKA_REVIEWER", "ann")
    path = tmp_path / "reviewed.db"
    with kronika.open(path, reader=stub_reader) as kb:
        kb.ingest_text(ACME, origin="acme", title="Acme notes")
        kb.ingest_text(BETA, origin="beta", title="Beta notes")
        kb.ingest_text("Gone Inc was founded in 1990.\n", origin="gone")
        _park(kb.store)
        founded = {
            (c["subject"]["id"], c["time"]["start"][:4]): c["id"] for c in kb.claims(predicate="founded")
        }
        kb.review.reject(founded[("org/acme", "2001")], why="typo")
        kb.review.rank(founded[("org/acme-soft", "1999")], "preferred", why="registry")
        kb.review.accept(founded[("org/beta-labs", "2005")], who="bob")
        measure = next(c["id"] for c in kb.claims(predicate="measure") if c["value"]["amount"] == 40)
        kb.review.edit(measure, value=">45", time="2020", why="annual report")
        kb.review.merge("Acme", "Acme Soft", why="same")
        kb.review.split("Hi-Tech Park", "Infopark", why="two parks")
        kb.review.add(
            "Beta Labs", "located_in", object="Minsk", object_type="place", quote="Beta Labs is in Minsk.",
            title="Beta site", url="https://beta.example",
        )  # fmt: skip
        kb.remove("gone")
    return path


def export(path: Path, fmt: str = "jsonl") -> str:
    with kronika.open(path) as kb:
        out = io.StringIO()
        kb.export(fmt, out)
        return out.getvalue()


# --------------------------------------------------------------------------- jsonl round trip


def test_jsonl_backup_restores_byte_for_byte(reviewed: Path, tmp_path: Path) -> None:
    first = export(reviewed)
    lines = [json.loads(line) for line in first.splitlines()]
    records = [line for line in lines if "record" in line]
    claims = [line for line in lines if "record" not in line]
    assert {r["record"] for r in records} == {"review", "decision", "merge", "split", "claim"}
    assert all("predicate" not in r for r in records)  # readers of claims skip them
    assert [r["action"] for r in records if r["record"] == "review"] == [
        "reject", "rank", "accept", "edit", "merge", "split", "add", "remove",
    ]  # fmt: skip
    assert any(c["subject"]["aliases"] == ["Acme"] for c in claims)  # the merge's alias
    restored = tmp_path / "restored.db"
    with kronika.open(restored) as kb:
        counts = kb.import_jsonl(first.splitlines(keepends=True), name="backup.jsonl")
    assert counts["claims"] == len(claims) and counts["reviews"] == 8
    assert export(restored) == first
    # The restored base still knows its decisions: the rejected sentence read again is rejected,
    # the merged name still leads to the entity it joined, the log is whole.
    with kronika.open(restored, reader=type("R", (), {})()) as kb:
        assert kb.entity("Acme")["id"] == "org/acme-soft"
        assert [e["action"] for e in kb.review.log(entity="Acme Soft")][:2] == ["reject", "rank"]
        assert kb.review.unmerge("Acme")["claims"] >= 1


def test_restored_decisions_apply_to_documents_read_later(reviewed: Path, tmp_path: Path, stub_reader: Any) -> None:
    restored = tmp_path / "restored.db"
    with kronika.open(restored, reader=stub_reader) as kb:
        kb.import_jsonl(export(reviewed).splitlines())
        kb.ingest_text("Acme was founded in 2001.\nNew Co was founded in 2020.\n", origin="later")
        later = kb.claims(doc="later", predicate="founded")
        by_year = {c["time"]["start"][:4]: c for c in later}
        assert by_year["2001"]["status"] == "rejected"
        assert by_year["2001"]["subject"]["id"] == "org/acme-soft"  # merged on arrival
        assert by_year["2020"]["status"] == "proposed"


def test_jsonl_round_trip_through_the_cli(reviewed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    backup = tmp_path / "backup.jsonl"
    result = runner.invoke(app, ["export", "--db", str(reviewed), "-o", str(backup)])
    assert result.exit_code == 0, result.output
    restored = tmp_path / "restored.db"
    result = runner.invoke(app, ["import", str(backup), "--db", str(restored)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported ")
    again = runner.invoke(app, ["export", "--db", str(restored)])
    assert again.stdout == backup.read_text()
    # Importing into a base that holds documents is refused, with one line.
    result = runner.invoke(app, ["import", str(backup), "--db", str(restored)])
    assert result.exit_code == 1
    assert result.stderr == f"kronika: {restored}: the base already holds documents; import into an empty base (a new --db file)\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "backup.jsonl:1: not JSON (Expecting value); nothing was imported"),
        ('{"id": "c-1"}\n', "backup.jsonl:1: not a claim: no predicate; nothing was imported"),
        ('\n{"record": "gossip"}\n', "backup.jsonl:2: unknown record 'gossip'; nothing was imported"),
        ("[1, 2]\n", "backup.jsonl:1: not a JSON object; nothing was imported"),
    ],
)
def test_import_errors_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    backup = tmp_path / "backup.jsonl"
    backup.write_text(content)
    result = CliRunner().invoke(app, ["import", str(backup), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr == f"kronika: {tmp_path}/{message}\n"


def test_a_bad_line_imports_nothing(reviewed: Path, tmp_path: Path) -> None:
    lines = export(reviewed).splitlines()
    lines.insert(3, '{"id": "c-x", "predicate": "founded", "subject": {"id": "a", "name": "A", "type": "organization"},'
                    ' "evidence": {"document": "d-1"}, "confidence": "high", "status": "proposed", "method": "m"}')  # fmt: skip
    with kronika.open(tmp_path / "x.db") as kb:
        with pytest.raises(ImportFormatError, match=r"<input>:4: not a claim: no confidence"):
            kb.import_jsonl(lines)
        assert kb.stats()["claims"] == 0
        kb.import_jsonl(export(reviewed).splitlines())
        with pytest.raises(KronikaError, match="already holds documents"):
            kb.import_jsonl(export(reviewed).splitlines())


@pytest.mark.model
def test_the_article_round_trips_and_needs_no_fingerprint_records(
    reader: Any, shared_dir: Path, tmp_path: Path
) -> None:
    """The real reader's claims give their fingerprints back from their lines alone."""
    base = tmp_path / "article.db"
    with kronika.open(base, reader=reader) as kb:
        kb.ingest([shared_dir / "corpus" / "belarus-it-history.txt"])
    first = export(base)
    # No reviews, no records: the export is claims only (and their fingerprints come back).
    assert not [line for line in first.splitlines() if "record" in json.loads(line)]
    restored = tmp_path / "restored.db"
    with kronika.open(restored) as kb:
        kb.import_jsonl(first.splitlines())
    assert export(restored) == first


# --------------------------------------------------------------------------- CSV, GraphML, RDF


def test_csv_has_a_row_per_claim(reviewed: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(reviewed, "csv"))))
    claims = [c for c in map(json.loads, export(reviewed).splitlines()) if "record" not in c]
    assert [r["id"] for r in rows] == [c["id"] for c in claims]
    assert {r["status"] for r in rows} == {"proposed", "accepted", "rejected"}


def test_graphml_reads_back_with_networkx(reviewed: Path, tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "graph.graphml"
    path.write_text(export(reviewed, "graphml"))
    graph = nx.read_graphml(path)
    claims = [c for c in map(json.loads, export(reviewed).splitlines()) if "record" not in c]
    relations = [c for c in claims if c.get("object")]
    entities = {c["subject"]["id"] for c in claims} | {c["object"]["id"] for c in relations}
    assert set(graph.nodes) == entities
    assert graph.number_of_edges() == len(relations)
    assert graph.nodes["org/acme-soft"]["name"] == "Acme Soft" and "Acme" in graph.nodes["org/acme-soft"]["aliases"]
    [(source, target, data)] = list(graph.edges(data=True))
    assert (source, target, data["predicate"], data["status"]) == ("org/beta-labs", "place/minsk", "located_in", "accepted")
    assert data["sentence"] == "Beta Labs is in Minsk."


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's json-ld parser
def test_rdf_turtle_and_jsonld_read_back_with_rdflib_and_carry_provenance(reviewed: Path) -> None:
    import rdflib
    from rdflib.compare import isomorphic
    from rdflib.namespace import PROV, RDF, RDFS

    turtle = rdflib.Graph().parse(data=export(reviewed, "ttl"), format="turtle")
    jsonld = rdflib.Graph().parse(data=export(reviewed, "jsonld"), format="json-ld")
    assert len(turtle) > 100
    assert isomorphic(turtle, jsonld)
    kr = rdflib.Namespace("https://kronika.dev/ns#")
    claims = [c for c in map(json.loads, export(reviewed).splitlines()) if "record" not in c]
    for claim in claims:
        node = rdflib.URIRef("urn:kronika:claim/" + claim["id"])
        assert (node, RDF.type, PROV.Entity) in turtle
        doc = rdflib.URIRef("urn:kronika:document/" + claim["evidence"]["document"])
        assert (node, PROV.wasDerivedFrom, doc) in turtle
        assert str(turtle.value(node, PROV.value)) == claim["evidence"]["text"]
        assert str(turtle.value(node, kr.status)) == claim["status"]
        reading = turtle.value(node, PROV.wasGeneratedBy)
        assert (reading, PROV.used, doc) in turtle
    # The reviewer's decision is an activity associated with a person.
    rejected = next(c for c in claims if c["status"] == "rejected")
    node = rdflib.URIRef("urn:kronika:claim/" + rejected["id"])
    review = turtle.value(node, PROV.wasInfluencedBy)
    person = turtle.value(review, PROV.wasAssociatedWith)
    assert (person, RDF.type, PROV.Person) in turtle and str(turtle.value(person, RDFS.label)) == "ann"
    assert str(turtle.value(review, RDFS.comment)) == "typo"
    # Direct triples only for claims that stand: the accepted location, not rejected or deprecated ones.
    minsk = rdflib.URIRef("urn:kronika:entity/place/minsk")
    assert (rdflib.URIRef("urn:kronika:entity/org/beta-labs"), kr.located_in, minsk) in turtle
    # Hostile text survives as data: the quote with double quotes round-trips.
    assert 'He said "yes\\\\no": Quote Corp was founded in 2010.' in {str(o) for o in turtle.objects(None, PROV.value)}


def test_unknown_format(reviewed: Path) -> None:
    from kronika.errors import UnsupportedFormatError

    with kronika.open(reviewed) as kb, pytest.raises(UnsupportedFormatError, match="graphml, ttl, jsonld"):
        kb.export("xml", io.StringIO())
