"""The fresh question sets of ``tests/data/qa`` against bases read by the real reader, with floors a
little under the accuracy measured, so that a regression is caught.

The TUNE halves were tuned on; the CHECK halves are measured only, never tuned on (see
``tests/data/qa/README.md``). The article sets skip when ``../shared`` is absent. Scoring is the
rule of ``../shared/eval/ask_eval.py``: an accepted answer occurs in the answer as whole words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.ask import ask
from kronika.store import Store

from .test_bases import right

QA = Path(__file__).resolve().parents[1] / "data" / "qa"

#: set -> floor. Measured at the end of the session that wrote them: article-tune 30/30,
#: article-check 25/30, texts-tune 14/15, texts-check 12/15; article-more (a later set, tuned on)
#: 33/40.
FLOORS: dict[str, float] = {
    "article-tune": 0.9,
    "article-more": 0.75,
    "article-check": 0.75,
    "texts-tune": 0.85,
    "texts-check": 0.7,
}


def _score(db: Path, name: str) -> tuple[float, list[str]]:
    rows = [
        json.loads(line) for line in (QA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    with Store(db, create=False) as store:
        misses = [
            r["id"] for r in rows if not right(ask(store.connection, r["question"]).answer, r["answers"])
        ]
    return 1 - len(misses) / len(rows), misses


@pytest.mark.shared
@pytest.mark.parametrize("name", ["article-tune", "article-check", "article-more"])
def test_article_sets(article_db: Path, name: str) -> None:
    accuracy, misses = _score(article_db, name)
    assert accuracy >= FLOORS[name], f"{name}: accuracy {accuracy:.3f}; missed {misses}"


@pytest.mark.parametrize("name", ["texts-tune", "texts-check"])
def test_texts_sets(texts_db: Path, name: str) -> None:
    accuracy, misses = _score(texts_db, name)
    assert accuracy >= FLOORS[name], f"{name}: accuracy {accuracy:.3f}; missed {misses}"
