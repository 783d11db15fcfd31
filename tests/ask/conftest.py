"""Bases for the question-answering tests.

* :func:`build_base` writes hand-made documents (sentences with the claims they carry) straight
  into a store, without any NLP: fast, deterministic tests of the answering logic.
* ``article_db`` and ``texts_db`` (session-scoped, marked ``model``) are built by the real reader
  from ``../shared/corpus/belarus-it-history.txt`` and ``tests/data/texts``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.ids import document_id, entity_id
from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Quantity, Sentence, TimeSpan
from kronika.sources import SourceText
from kronika.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Doc:
    """A hand-made document: a title and its sentences, each with the claims it carries.

    A claim is a dict: ``s`` subject name, ``p`` predicate, optional ``o`` object name,
    ``t`` time (``"1999"``, ``"..2016"`` by, ``"2021.."`` from, ``"2020..2024"``, ``"now"``),
    ``v`` value ``(comparator, amount, unit)`` or ``("range", low, high, unit)``, ``m`` measure,
    ``q`` qualifiers, ``status``, ``c`` confidence.
    """

    title: str
    sentences: list[tuple[str, list[dict[str, Any]]]]
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _time(spec: str) -> TimeSpan:
    if spec == "now":
        return TimeSpan(None, None, "approximate", "now")
    if ".." not in spec:
        return TimeSpan(f"{spec}-01-01", f"{spec}-12-31", "year", f"in {spec}")
    lo, hi = spec.split("..")
    if lo and hi:
        return TimeSpan(f"{lo}-01-01", f"{hi}-12-31", "year", f"between {lo} and {hi}")
    if hi:
        return TimeSpan(None, f"{hi}-12-31", "year", f"by {hi}")
    return TimeSpan(f"{lo}-01-01", None, "year", f"from {lo}")


def _value(spec: Sequence[Any]) -> Quantity:
    if spec[0] == "range":
        _, low, high, unit = spec
        return Quantity(low, unit, "range", low, high, f"between {low} and {high}")
    comparator, amount, unit = spec
    lower = amount if comparator in (">", ">=") else None
    upper = amount if comparator in ("<", "<=") else None
    return Quantity(amount, unit, comparator, lower, upper, str(amount))


def build_base(store: Store, docs: Sequence[Doc], entities: dict[str, tuple[str, list[str], str]]) -> None:
    """Write hand-made documents into a store.

    Args:
        store: an open store.
        docs: the documents.
        entities: name -> (type, aliases, description) of every entity the documents name.
    """
    ids = {name: entity_id(kind, name) for name, (kind, _, _) in entities.items()}
    for doc in docs:
        text = ""
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        claims: list[Claim] = []
        used: dict[str, Entity] = {}
        for index, (sentence, sentence_claims) in enumerate(doc.sentences):
            start = len(text)
            text += sentence + " "
            sentences.append(Sentence(index, start, start + len(sentence), sentence))
            for name, (kind, aliases, description) in entities.items():
                for form in [name, *aliases]:
                    for m in re.finditer(rf"\b{re.escape(form)}\b", sentence):
                        mentions.append(Mention(ids[name], start + m.start(), start + m.end(), form, index))
                        used[ids[name]] = Entity(ids[name], name, kind, list(aliases), description)
            for spec in sentence_claims:
                for name in (spec["s"], spec.get("o")):
                    if name:
                        kind, aliases, description = entities[name]
                        used[ids[name]] = Entity(ids[name], name, kind, list(aliases), description)
                claims.append(
                    Claim(
                        subject=ids[spec["s"]],
                        predicate=spec["p"],
                        object=ids[spec["o"]] if spec.get("o") else None,
                        value=_value(spec["v"]) if "v" in spec else None,
                        measure=spec.get("m"),
                        time=_time(spec["t"]) if "t" in spec else None,
                        sentence=index,
                        confidence=spec.get("c", 0.8),
                        method="test",
                        qualifiers=spec.get("q", {}),
                        status=spec.get("status", "proposed"),
                    )
                )
        data = text.encode("utf-8")
        source = SourceText(
            text=text,
            title=doc.title,
            date=None,
            origin=f"test:{doc.title}",
            content_hash=hashlib.sha256(data).hexdigest(),
            kind="text",
            doc_id=document_id(data),
        )
        analysis = DocumentAnalysis(text, sentences, used, mentions, claims, len(text.split()))
        store.write_document(source, analysis)


@pytest.fixture(scope="session")
def article_db(tmp_path_factory: pytest.TempPathFactory, reader: Any, shared_dir: Path) -> Path:
    """A base holding the article, read by the real reader (skipped without ../shared)."""
    path = tmp_path_factory.mktemp("ask") / "article.db"
    with kronika.open(path, reader=reader) as kb:
        report = kb.ingest([shared_dir / "corpus" / "belarus-it-history.txt"])
        assert report.ok, report.failed
    return path


@pytest.fixture(scope="session")
def texts_db(tmp_path_factory: pytest.TempPathFactory, reader: Any) -> Path:
    """A base holding the eight fixture texts of tests/data/texts, read by the real reader."""
    path = tmp_path_factory.mktemp("ask") / "texts.db"
    with kronika.open(path, reader=reader) as kb:
        report = kb.ingest([DATA / "texts"])
        assert report.ok, report.failed
    return path


@pytest.fixture
def open_store() -> Iterator[Any]:
    """Open stores by path and close them after the test."""
    opened: list[Store] = []

    def opener(path: Path) -> Store:
        store = Store(path, create=False)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()
