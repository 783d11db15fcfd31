"""Review through the library (``kb.review``): decisions on claims, merges, splits, hand-added claims,
the audit log, and reads that reflect them; decisions survive re-reading and removal."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.errors import ClaimNotFoundError, ReviewError
from kronika.explorer import EntityNotFoundError
from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Sentence, TimeSpan
from kronika.sources import SourceText

ACME = "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n"
ACME_LATER = "Acme Soft was founded in 2001.\n"
BETA = "Beta Labs was founded in 2005.\nBeta Labs employs 40 people.\n"


@pytest.fixture
def kb(db_path: Path, stub_reader: Any) -> Any:
    """A knowledge base in a temporary file, reading with the stub reader, reviewed by "ann"."""
    with kronika.open(db_path, reader=stub_reader) as base:
        yield base


@pytest.fixture(autouse=True)
def reviewer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRONIKA_REVIEWER", "ann")


def claim(kb: kronika.KnowledgeBase, predicate: str, start: str | None = None, doc: str | None = None) -> Any:
    """The one claim of a predicate (and time start)."""
    found = [
        c
        for c in kb.claims(predicate=predicate, doc=doc)
        if start is None or (c["time"] or {}).get("start", "").startswith(start)
    ]
    assert len(found) == 1, found
    return found[0]


def founded_years(kb: kronika.KnowledgeBase, entity: str = "Acme Soft") -> list[str]:
    return sorted(f["time"]["start"][:4] for f in kb.facts(entity=entity, predicate="founded"))


# --------------------------------------------------------------------------- accept, reject, rank, edit


def test_reject_takes_a_claim_out_of_facts_and_logs_who_when_why(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, origin="memo:acme")
    kb.ingest_text(ACME_LATER, origin="memo:later")
    assert founded_years(kb) == ["1999", "2001"]
    assert len(kb.conflicts()) == 1
    wrong = claim(kb, "founded", "2001")
    entry = kb.review.reject(wrong["id"], why="2001 is when it registered")
    assert (entry["action"], entry["who"], entry["why"], entry["claims"]) == (
        "reject",
        "ann",
        "2001 is when it registered",
        1,
    )
    assert entry["at"].endswith("+00:00") and entry["fingerprint"]
    assert claim(kb, "founded", "2001")["status"] == "rejected"  # still stored and listed
    assert founded_years(kb) == ["1999"]
    assert kb.conflicts() == []
    [logged] = kb.review.log(claim=wrong["id"])
    assert logged["detail"]["claim"]["sentence"] == "Acme Soft was founded in 2001."
    assert logged["detail"]["status"] == "rejected"


def test_accept_and_decisions_by_fingerprint_or_id(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME)
    founded = claim(kb, "founded")
    entry = kb.review.accept(founded["id"])
    assert claim(kb, "founded")["status"] == "accepted"
    kb.review.reject(entry["fingerprint"], why="by fingerprint")
    assert claim(kb, "founded")["status"] == "rejected"
    assert kb.review.decision(founded["id"])["status"] == "rejected"
    assert [e["action"] for e in kb.review.log(claim=founded["id"])] == ["accept", "reject"]
    with pytest.raises(ClaimNotFoundError, match="no claim 'c-nope'"):
        kb.review.accept("c-nope")


def test_rank_in_a_conflict_keeps_both_and_marks_them(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, origin="memo:acme")
    kb.ingest_text(ACME_LATER, origin="memo:later")
    early, late = claim(kb, "founded", "1999"), claim(kb, "founded", "2001")
    kb.review.rank(early["id"], "preferred", why="the registry says 1999")
    kb.review.rank(late["id"], "deprecated")
    assert claim(kb, "founded", "1999")["rank"] == "preferred"
    assert claim(kb, "founded", "2001")["rank"] == "deprecated"
    assert "rank" not in claim(kb, "measure")  # normal goes unsaid
    facts = kb.facts(entity="Acme Soft", predicate="founded")
    assert {f["time"]["start"][:4]: f["rank"] for f in facts} == {"1999": "preferred", "2001": "deprecated"}
    [conflict] = kb.conflicts()
    assert conflict["resolved"] is True
    assert len(conflict["facts"]) == 2  # deprecated claims stay visible
    assert conflict["preferred"] == next(f["id"] for f in facts if f["rank"] == "preferred")
    kb.review.rank(early["id"], "normal")
    assert kb.conflicts()[0]["resolved"] is False
    with pytest.raises(ReviewError, match="unknown rank 'best'"):
        kb.review.rank(early["id"], "best")


def test_edit_changes_what_a_claim_says_and_keeps_the_readers_version(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME)
    measure = claim(kb, "measure")
    assert measure["value"]["comparator"] == ">"
    kb.review.edit(measure["id"], value="450", time="2020", why="the annual report")
    edited = claim(kb, "measure")
    assert edited["id"] == measure["id"] and edited["status"] == "accepted"
    assert edited["value"] == {
        "amount": 450, "unit": "count", "comparator": "=", "lower": None, "upper": None,
    }  # fmt: skip
    assert edited["time"]["start"] == "2020-01-01"
    [entry] = kb.review.log(claim=measure["id"])
    assert entry["detail"]["before"]["amount"] == 400 and entry["detail"]["before"]["comparator"] == ">"
    with pytest.raises(ReviewError, match="nothing to change"):
        kb.review.edit(measure["id"])
    with pytest.raises(ReviewError, match="not a time"):
        kb.review.edit(measure["id"], time="last spring")
    with pytest.raises(ReviewError, match="unknown predicate"):
        kb.review.edit(measure["id"], predicate="likes")
    with pytest.raises(EntityNotFoundError):
        kb.review.edit(measure["id"], subject="Nobody Inc")


def test_decisions_survive_reingest_of_a_changed_document_and_removal(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, origin="memo:acme")
    kb.review.reject(claim(kb, "founded")["id"], why="wrong")
    kb.review.edit(claim(kb, "measure")["id"], value="450")
    # The file changes: a new first line, the same sentences (new positions, new document id).
    kb.ingest_text("Company notes.\n" + ACME, origin="memo:acme")
    [doc] = kb.documents()
    assert claim(kb, "founded", doc=doc["id"])["status"] == "rejected"
    assert claim(kb, "measure")["value"]["amount"] == 450
    # Removing the document retracts its claims and keeps the log.
    kb.remove(doc["id"])
    assert kb.claims() == []
    actions = [e["action"] for e in kb.review.log()]
    assert actions == ["reject", "edit", "remove"]
    assert kb.review.log()[-1]["detail"]["reviewed_claims"] == 2
    # Reading it again brings the decisions back.
    kb.ingest_text(ACME, origin="memo:acme")
    assert claim(kb, "founded")["status"] == "rejected"
    assert claim(kb, "measure")["value"]["amount"] == 450
    assert founded_years(kb) == []


def test_decision_on_a_retracted_claim_by_fingerprint(kb: kronika.KnowledgeBase) -> None:
    report = kb.ingest_text(ACME)
    first = kb.review.accept(claim(kb, "founded")["id"])
    kb.remove(report.documents[0])
    again = kb.review.reject(first["fingerprint"], why="decided while it was out")
    assert again["claims"] == 0
    kb.ingest_text(ACME)
    assert claim(kb, "founded")["status"] == "rejected"


# --------------------------------------------------------------------------- merge, unmerge, split


def test_merge_shows_one_entity_and_unmerge_restores_both(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, origin="memo:acme")
    kb.ingest_text("Acme employs 40 people.\nAcme was founded in 1998.\n", origin="memo:short")
    before = {e["id"] for e in kb.entities()}
    assert {"org/acme", "org/acme-soft"} <= before
    entry = kb.review.merge("Acme", into="Acme Soft", why="the same company")
    assert (entry["entity"], entry["other"], entry["claims"]) == ("org/acme", "org/acme-soft", 2)
    ids = {e["id"] for e in kb.entities()}
    assert "org/acme" not in ids
    assert kb.entity("Acme")["id"] == "org/acme-soft"
    assert kb.entity("org/acme")["id"] == "org/acme-soft"  # the old id still leads somewhere
    assert "Acme" in kb.entity("Acme Soft")["aliases"]
    assert {c["subject"]["id"] for c in kb.claims()} == {"org/acme-soft"}
    assert len(kb.conflicts()) == 1  # 1998 and 1999: now about one company
    assert kb.entity_page("Acme Soft")["entity"]["id"] == "org/acme-soft"
    # A document read later that names the merged entity follows the merge.
    kb.ingest_text("Acme was founded in 1997.\n", origin="memo:third")
    assert "org/acme" not in {e["id"] for e in kb.entities()}
    assert {c["subject"]["id"] for c in kb.claims()} == {"org/acme-soft"}
    with pytest.raises(ReviewError, match="already one entity"):
        kb.review.merge("Acme", into="Acme Soft")
    # Undo: both come back, with their own claims and names.
    undone = kb.review.unmerge("Acme", why="two companies after all")
    assert undone["claims"] == 3
    assert {c["subject"]["id"] for c in kb.claims(doc="memo:short")} == {"org/acme"}
    assert kb.entity("Acme")["id"] == "org/acme"
    assert "Acme" not in kb.entity("Acme Soft")["aliases"]
    assert {e["id"] for e in kb.entities()} == before
    assert [e["action"] for e in kb.review.log(entity="Acme Soft")] == ["merge", "unmerge"]
    with pytest.raises(ReviewError, match="not a merged entity"):
        kb.review.unmerge("Acme")


def test_merge_chain_and_undo_in_the_middle(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text("Acme employs 1 people.\n", origin="a")
    kb.ingest_text("Acme Soft employs 2 people.\n", origin="b")
    kb.ingest_text("Acme Group employs 3 people.\n", origin="c")
    kb.review.merge("Acme", into="Acme Soft")
    kb.review.merge("Acme Soft", into="Acme Group")
    assert {c["subject"]["id"] for c in kb.claims()} == {"org/acme-group"}
    assert len(kb.review.log(entity="Acme Group")) == 2
    kb.review.unmerge("org/acme-soft")
    subjects = {c["value"]["amount"]: c["subject"]["id"] for c in kb.claims()}
    assert subjects == {1: "org/acme-soft", 2: "org/acme-soft", 3: "org/acme-group"}


def test_merged_registry_entity_stays_merged_when_the_registry_is_written_again(
    kb: kronika.KnowledgeBase,
) -> None:
    kb.store.upsert_entities([Entity("org/htp", "HTP Registry", "organization", aliases=["Park"])])
    kb.ingest_text("Acme Soft employs 2 people.\n")
    kb.review.merge("HTP Registry", into="Acme Soft")
    kb.store.upsert_entities([Entity("org/htp", "HTP Registry", "organization", aliases=["Park"])])
    assert "org/htp" not in {e["id"] for e in kb.entities()}
    assert kb.entity("Park")["id"] == "org/acme-soft"


def _two_name_document(store: Any, origin: str = "memo:park") -> None:
    """A document where one entity is named two ways: "Hi-Tech Park" and "Infopark"."""
    text = "Hi-Tech Park was founded in 2005. Infopark was founded in 2001. Infopark and Hi-Tech Park grew."
    s0, s1, s2 = text.split(". ")
    sentences = [
        Sentence(0, 0, len(s0) + 1, s0 + "."),
        Sentence(1, len(s0) + 2, len(s0) + 3 + len(s1), s1 + "."),
        Sentence(2, len(s0) + len(s1) + 4, len(text), s2),
    ]
    park = Entity("org/park", "Hi-Tech Park", "organization", aliases=["Infopark"])
    mentions = [
        Mention("org/park", 0, 12, "Hi-Tech Park", 0),
        Mention("org/park", sentences[1].start, sentences[1].start + 8, "Infopark", 1),
        Mention("org/park", sentences[2].start, sentences[2].start + 8, "Infopark", 2),
        Mention("org/park", sentences[2].start + 13, sentences[2].start + 25, "Hi-Tech Park", 2),
    ]
    claims = [
        Claim("org/park", "founded", time=TimeSpan("2005-01-01", "2005-12-31", "year", "2005"), sentence=0),
        Claim("org/park", "founded", time=TimeSpan("2001-01-01", "2001-12-31", "year", "2001"), sentence=1),
        Claim("org/park", "measure", measure="growth", sentence=2),
    ]
    analysis = DocumentAnalysis(text, sentences, {"org/park": park}, mentions, claims, len(text.split()))
    meta = SourceText(
        text=text, title="Park", date=None, origin=origin, content_hash="h", kind="text", doc_id="d-park"
    )
    store.write_document(meta, analysis)


def test_split_an_alias_off_moves_its_mentions_and_claims(kb: kronika.KnowledgeBase) -> None:
    _two_name_document(kb.store)
    assert kb.entity("Infopark")["id"] == "org/park"
    assert len(kb.conflicts()) == 1
    entry = kb.review.split("Hi-Tech Park", "Infopark", why="a different park")
    assert (entry["other"], entry["mentions"], entry["claims"]) == ("org/infopark", 2, 1)
    assert kb.entity("Infopark")["id"] == "org/infopark"
    assert kb.entity("Hi-Tech Park")["aliases"] == []
    by_subject = {(c["subject"]["id"], c["predicate"]) for c in kb.claims()}
    # The sentence naming both stays with the old entity; the one naming only Infopark moves.
    assert by_subject == {("org/park", "founded"), ("org/infopark", "founded"), ("org/park", "measure")}
    assert kb.conflicts() == []
    # Reading the document again follows the split.
    kb.remove("d-park")
    _two_name_document(kb.store)
    assert {(c["subject"]["id"], c["predicate"]) for c in kb.claims()} == by_subject
    assert kb.entity("Hi-Tech Park")["aliases"] == []
    with pytest.raises(ReviewError, match="own name"):
        kb.review.split("Hi-Tech Park", "hi-tech park")
    with pytest.raises(ReviewError, match="never called"):
        kb.review.split("Hi-Tech Park", "Technopolis")


# --------------------------------------------------------------------------- adding claims by hand


def test_add_a_claim_with_its_citation(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, title="Acme notes")
    added = kb.review.add(
        "Acme Soft",
        "located_in",
        object="Minsk",
        object_type="place",
        quote="Acme Soft has its office in Minsk.",
        title="Acme Soft website",
        url="https://acme.example/about",
        why="from the company's site",
    )
    assert (added["status"], added["method"], added["confidence"]) == ("accepted", "review:added", 1.0)
    assert added["object"]["id"] == "place/minsk"
    assert added["evidence"]["text"] == "Acme Soft has its office in Minsk."
    assert added["evidence"]["title"] == "Acme Soft website (quoted by ann)"
    assert added["qualifiers"]["source"] == {"title": "Acme Soft website", "url": "https://acme.example/about"}
    assert added["log"]["action"] == "add" and added["log"]["why"] == "from the company's site"
    assert [f["predicate"] for f in kb.facts(entity="Acme Soft")].count("located_in") == 1
    # Quoting a stored document: the quote must be in it.
    cited = kb.review.add(
        "Acme Soft", "founded", time="1999", quote="Acme Soft was founded in 1999.", document="Acme notes"
    )
    assert cited["qualifiers"]["source"]["title"] == "Acme notes"
    with pytest.raises(ReviewError, match="not in document"):
        kb.review.add(
            "Acme Soft", "founded", time="1990", quote="Acme Soft began in 1990.", document="Acme notes"
        )
    with pytest.raises(ReviewError, match="say where the quote is from"):
        kb.review.add("Acme Soft", "founded", time="1990", quote="It began in 1990.")
    with pytest.raises(ReviewError, match="needs a value"):
        kb.review.add("Acme Soft", "measure", quote="Many people.", title="x")
    with pytest.raises(EntityNotFoundError):
        kb.review.add("Nobody", "founded", time="1990", quote="Nobody began in 1990.", title="x")
    # A claim added by hand can be rejected like any other.
    kb.review.reject(added["id"])
    assert "located_in" not in [f["predicate"] for f in kb.facts(entity="Acme Soft")]


# --------------------------------------------------------------------------- reads reflect decisions


def test_export_and_pages_reflect_decisions(kb: kronika.KnowledgeBase) -> None:
    kb.ingest_text(ACME, origin="memo:acme")
    kb.ingest_text(ACME_LATER, origin="memo:later")
    kb.review.rank(claim(kb, "founded", "2001")["id"], "deprecated")
    kb.review.reject(claim(kb, "measure")["id"])
    out = io.StringIO()
    kb.export("jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    claims_out = [line for line in lines if "record" not in line]
    assert {(c["predicate"], c["status"], c.get("rank", "normal")) for c in claims_out} == {
        ("founded", "proposed", "normal"),
        ("measure", "rejected", "normal"),
        ("founded", "proposed", "deprecated"),
    }
    page = kb.entity_page("Acme Soft")
    assert page["review"]["log"][-1]["action"] == "reject"
    founded = next(g for g in page["groups"] if g["predicate"] == "founded")
    assert sorted(f["rank"] for f in founded["facts"]) == ["deprecated", "normal"]
