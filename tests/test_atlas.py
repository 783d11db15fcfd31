"""The curated atlas: its schema, its parsers, its document, and its coverage of the article."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika import atlas as atlas_module
from kronika.atlas import AtlasError, load_atlas, parse_time, parse_value
from kronika.registry import load_registry


def test_shipped_atlas_has_no_problems() -> None:
    atlas = load_atlas()
    assert atlas.problems == []
    assert len(atlas.facts) >= 97
    assert atlas.sources and atlas.measures and atlas.headline_series


def test_every_fact_cites_a_known_source_and_paragraph() -> None:
    atlas = load_atlas()
    for fact in atlas.facts:
        assert fact.source in atlas.sources
        assert fact.paras and all(p >= 1 for p in fact.paras)


def test_atlas_entities_are_not_in_the_registry() -> None:
    registry = load_registry()
    for record in load_atlas().entities:
        assert record["id"] not in registry, f"{record['id']} is in the registry: drop it from entities.yaml"


def test_eras_span_years() -> None:
    eras = [f for f in load_atlas().facts if f.qualifiers.get("era")]
    assert len(eras) >= 3
    for era in eras:
        assert era.predicate == "occurred" and era.time is not None and era.time.start is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (100, (100, "count", "=", None, None)),
        (">100", (100, "count", ">", 100, None)),
        (">=1000", (1000, "count", ">=", 1000, None)),
        ("~66.7%", (66.7, "percent", "~", None, None)),
        ("16000..22000", (16000, "count", "range", 16000, 22000)),
        ("1.8e9 USD", (1.8e9, "USD", "=", None, None)),
        ("9%", (9, "percent", "=", None, None)),
        ("1,000 hectare", (1000, "hectare", "=", None, None)),
        ("<5", (5, "count", "<", None, 5)),
    ],
)
def test_parse_value(raw: object, expected: tuple[Any, ...]) -> None:
    q = parse_value(raw)
    assert (q.amount, q.unit, q.comparator, q.lower, q.upper) == expected


@pytest.mark.parametrize("raw", ["about 100", ">1..2", "1.8e9 Usd", "", True, None])
def test_parse_value_rejects(raw: object) -> None:
    with pytest.raises(AtlasError):
        parse_value(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1991, ("1991-01-01", "1991-12-31", "year")),
        ("1960s", ("1960-01-01", "1969-12-31", "decade")),
        ("2020..2024", ("2020-01-01", "2024-12-31", "year")),
        ("2021..", ("2021-01-01", None, "year")),
        ("..2016", (None, "2016-12-31", "year")),
    ],
)
def test_parse_time(raw: object, expected: tuple[Any, ...]) -> None:
    t = parse_time(raw)
    assert (t.start, t.end, t.precision) == expected


@pytest.mark.parametrize("raw", ["1961s", "2024..2020", "soon", "..", "1960s..1970"])
def test_parse_time_rejects(raw: object) -> None:
    with pytest.raises(AtlasError):
        parse_time(raw)


def write_atlas(tmp_path: Path, facts: str, entities: str = "[]") -> Path:
    (tmp_path / "sources.yaml").write_text("- {id: src, title: A source}\n", encoding="utf-8")
    (tmp_path / "entities.yaml").write_text(entities, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text("source: src\nfacts:\n" + facts, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("facts", "problem"),
    [
        ("  - {subject: org/dainova, predicate: founded, time: 1991}\n", "para is required"),
        ("  - {subject: org/nobody-at-all, predicate: founded, para: 1}\n", "unknown entity"),
        ("  - {subject: org/dainova, predicate: invented, para: 1}\n", "unknown predicate"),
        ("  - {subject: org/dainova, predicate: located_in, para: 1}\n", "needs an object"),
        ("  - {subject: org/dainova, predicate: measure, value: 3, para: 1}\n", "`measure` name"),
        ("  - {subject: org/dainova, predicate: founded, para: 1, source: other}\n", "unknown source"),
        ("  - {subject: org/dainova, predicate: founded, para: 1, colour: red}\n", "unknown field"),
        (
            "  - {subject: org/dainova, predicate: founded, para: 1}\n"
            "  - {subject: org/dainova, predicate: founded, para: 2}\n",
            "appears twice",
        ),
    ],
)
def test_validation_names_the_problem(tmp_path: Path, facts: str, problem: str) -> None:
    atlas = load_atlas(write_atlas(tmp_path, facts))
    assert any(problem in p for p in atlas.problems), atlas.problems


def test_atlas_entity_record_is_checked(tmp_path: Path) -> None:
    entities = "- {id: org/x-corp, name: X Corp, type: place}\n"
    atlas = load_atlas(
        write_atlas(tmp_path, "  - {subject: org/x-corp, predicate: founded, para: 1}\n", entities)
    )
    assert any("org/x-corp" in p for p in atlas.problems)


def test_document_lines_state_facts_with_citations() -> None:
    meta, analysis, entities = atlas_module.atlas_document()
    assert meta.origin == atlas_module.ATLAS_ORIGIN and meta.kind == "atlas"
    assert len(analysis.claims) == len(load_atlas().facts)
    ids = {e.id for e in entities}
    for claim in analysis.claims:
        sentence = analysis.sentences[claim.sentence]
        assert claim.status == "accepted" and claim.confidence == 1.0
        assert claim.subject in ids and (claim.object is None or claim.object in ids)
        assert claim.qualifiers["source"]["paragraphs"]
        assert re.search(r"\[belarus-it-history, paragraphs? [\d, ]+\]$", sentence.text)
        assert analysis.text[sentence.start : sentence.end] == sentence.text
        assert claim.span_start is not None and claim.span_end is not None
        assert sentence.start <= claim.span_start < claim.span_end <= sentence.end
    for mention in analysis.mentions:
        assert analysis.text[mention.start : mention.end] == mention.text


def test_install_is_idempotent(db_path: Path) -> None:
    with kronika.open(db_path) as kb:
        first = atlas_module.install_atlas(kb.store)
        second = atlas_module.install_atlas(kb.store)
        assert not first["unchanged"] and second["unchanged"]
        assert kb.stats()["claims"] == first["facts"]
        [doc] = kb.documents()
        assert doc["kind"] == "atlas"
        htp = kb.entity("HTP")
        assert htp is not None and htp["id"] == "org/high-technologies-park" and htp["description"]
        assert kb.entity("place/poland")["lat"] is not None  # type: ignore[index]


# --------------------------------------------------------------------------- against the article


@pytest.mark.shared
def test_atlas_covers_every_gold_fact(shared_dir: Path, db_path: Path, tmp_path: Path) -> None:
    """Every fact of the article's gold checklist is in the atlas (strict recall 1.0)."""
    out = tmp_path / "atlas.jsonl"
    with kronika.open(db_path) as kb, out.open("w", encoding="utf-8") as fh:
        atlas_module.install_atlas(kb.store)
        kb.export("jsonl", fh)
    result = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            str(shared_dir / "eval" / "seed-gold.jsonl"),
            str(out),
            "--misses",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "recall strict 1.000" in result.stdout, result.stdout


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.shared
def test_atlas_copies_no_sentence_of_the_article(shared_dir: Path) -> None:
    """No run of eight words of the article's body appears in the atlas's own words."""
    article = (shared_dir / "corpus" / "belarus-it-history.txt").read_text(encoding="utf-8")
    body = article.split("\n", 1)[1]  # the title line is cited, on purpose
    words = _words(body)
    runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    meta, _analysis, _entities = atlas_module.atlas_document()
    own = meta.text.split("\n", 3)[3]
    own_words = _words(own)
    entity_text = json.dumps(load_atlas().entities)
    for text_words in (own_words, _words(entity_text)):
        for i in range(len(text_words) - 7):
            assert tuple(text_words[i : i + 8]) not in runs, " ".join(text_words[i : i + 8])
