"""Shared fixtures: the spaCy reader (once per session), ../shared, a stub reader and databases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kronika.ids import entity_id
from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Quantity, Sentence, TimeSpan
from kronika.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
#: The eval kit and the article live beside the repository, not in it.
SHARED_DIR = REPO_ROOT.parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the ``reader`` fixture as ``model``, so ``-m "not model"`` skips it."""
    for item in items:
        if "reader" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def reader() -> Any:
    """The real reader (spaCy's en_core_web_sm plus kronika's stages), built once per session.

    Tests using it are marked ``model``.
    """
    from kronika.pipeline.reader import make_reader

    return make_reader()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (the article and the eval kit); skips when it is absent."""
    if not (SHARED_DIR / "eval").is_dir():
        pytest.skip(f"{SHARED_DIR} is absent: the article and the eval kit live there")
    return SHARED_DIR


@pytest.fixture
def db() -> Iterator[Store]:
    """A fresh in-memory store (real SQLite)."""
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a temporary-file database (not created yet)."""
    return tmp_path / "test.db"


# --------------------------------------------------------------------------- stub reader

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*")
_FOUNDED = re.compile(r"\b([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*) was founded in (\d{4})")
_EMPLOYS = re.compile(r"\b([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*) employs (more than )?(\d+) people")
_SKIP_NAMES = {"The", "In", "It", "A", "An"}


class StubReader:
    """A small deterministic reader for plumbing tests: regexes, no model.

    Sentences end at ``.!?`` or a line end; capitalised words are organizations;
    "X was founded in YYYY" gives a ``founded`` claim and "X employs (more than) N people"
    a ``measure`` claim. A text containing ``EXPLODE`` raises, like a pipeline bug;
    one containing ``INTERRUPT`` raises ``KeyboardInterrupt``, like Ctrl-C.
    """

    def __init__(self) -> None:
        self.calls = 0
        self.documents = 0

    def read_many(self, docs: Iterable[Any], workers: int = 1) -> Iterator[DocumentAnalysis]:
        """Yield one analysis per input, in order."""
        self.calls += 1
        for doc in docs:
            self.documents += 1
            yield self.analyse(doc.text)

    def analyse(self, text: str) -> DocumentAnalysis:
        """The analysis of one text."""
        if "EXPLODE" in text:
            raise RuntimeError("stub pipeline bug")
        if "INTERRUPT" in text:
            raise KeyboardInterrupt
        sentences: list[Sentence] = []
        entities: dict[str, Entity] = {}
        mentions: list[Mention] = []
        claims: list[Claim] = []
        for match in _SENTENCE.finditer(text):
            raw = match.group(0)
            stripped = raw.strip()
            if not stripped:
                continue
            start = match.start() + (len(raw) - len(raw.lstrip()))
            index = len(sentences)
            sentences.append(Sentence(index, start, start + len(stripped), stripped))
            for name in _NAME.finditer(stripped):
                if name.group(0) in _SKIP_NAMES:
                    continue
                eid = entity_id("organization", name.group(0))
                entities.setdefault(eid, Entity(eid, name.group(0), "organization"))
                mentions.append(Mention(eid, start + name.start(), start + name.end(), name.group(0), index))
            for found in _FOUNDED.finditer(stripped):
                year = found.group(2)
                claims.append(
                    Claim(
                        subject=entity_id("organization", found.group(1)),
                        predicate="founded",
                        time=TimeSpan(f"{year}-01-01", f"{year}-12-31", "year", f"in {year}"),
                        sentence=index,
                        span_start=start + found.start(),
                        span_end=start + found.end(),
                        confidence=0.8,
                        method="stub:founded-in",
                    )
                )
            for emp in _EMPLOYS.finditer(stripped):
                amount = float(emp.group(3))
                more = bool(emp.group(2))
                claims.append(
                    Claim(
                        subject=entity_id("organization", emp.group(1)),
                        predicate="measure",
                        value=Quantity(
                            amount, "count", ">" if more else "=", amount if more else None, None, ""
                        ),
                        measure="employees",
                        sentence=index,
                        confidence=0.7,
                        method="stub:employs",
                        qualifiers={"approximate": True} if more else {},
                    )
                )
        return DocumentAnalysis(text, sentences, entities, mentions, claims, len(text.split()))


@pytest.fixture
def stub_reader() -> StubReader:
    """A fresh :class:`StubReader`."""
    return StubReader()


@pytest.fixture
def use_stub_reader(monkeypatch: pytest.MonkeyPatch, stub_reader: StubReader) -> StubReader:
    """Make ``make_reader()`` (what the CLI uses) return the stub reader."""
    import kronika.pipeline.reader as reader_module

    monkeypatch.setattr(reader_module, "make_reader", lambda *args, **kwargs: stub_reader)
    return stub_reader
