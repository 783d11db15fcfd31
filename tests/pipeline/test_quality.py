"""Quality bars, measured with the shared scorer (skipped when ../shared is absent).

- The article: strict recall >= 0.75 and >= 0.6 of the emitted claims matching gold.
- The team's own texts (tests/data): a floor on mean strict recall, the guard against
  rules that fit one document.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import kronika

DATA = Path(__file__).resolve().parents[1] / "data"


def scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("kronika_shared_score", shared_dir / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def exported_claims(db: Path, paths: list[Path]) -> list[dict[str, Any]]:
    with kronika.open(db) as kb:
        report = kb.ingest(paths)
        assert not report.failed, report.failed
        out = io.StringIO()
        kb.export("jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.mark.model
def test_article_meets_the_bars(shared_dir: Path, tmp_path: Path) -> None:
    score = scorer(shared_dir)
    claims = exported_claims(tmp_path / "a.db", [shared_dir / "corpus" / "belarus-it-history.txt"])
    gold = score.read_jsonl(shared_dir / "eval" / "seed-gold.jsonl")
    result = score.score(gold, claims)
    assert result["recall_strict"] >= 0.75, result["missed_strict"]
    assert result["claims_matching_gold"] >= 0.6


def mean_recall(shared_dir: Path, tmp_path: Path, folder: Path) -> tuple[float, dict[str, float]]:
    score = scorer(shared_dir)
    recalls = {}
    for text in sorted((folder / "texts").glob("*.txt")):
        gold_path = folder / "gold" / f"{text.stem}.jsonl"
        if not gold_path.exists():
            continue
        claims = exported_claims(tmp_path / f"{text.stem}.db", [text])
        recalls[text.stem] = score.score(score.read_jsonl(gold_path), claims)["recall_strict"]
    assert len(recalls) >= 5, recalls
    return sum(recalls.values()) / len(recalls), recalls


@pytest.mark.model
def test_own_texts_recall_floor(shared_dir: Path, tmp_path: Path) -> None:
    mean, recalls = mean_recall(shared_dir, tmp_path, DATA)
    # A floor under today's figure (0.55 over 42 texts on 2026-11-25, fourth session); raise it as the
    # readers improve.
    assert mean >= 0.5, recalls


@pytest.mark.model
def test_heldout_recall_floor(shared_dir: Path, tmp_path: Path) -> None:
    """The held-out texts are scored only, never read for tuning (tests/data/heldout/README.md)."""
    mean, recalls = mean_recall(shared_dir, tmp_path, DATA / "heldout")
    assert mean >= 0.2, recalls


@pytest.mark.model
def test_fresh_recall_floor(shared_dir: Path, tmp_path: Path) -> None:
    """The fresh check set (tests/data/fresh) is for measuring, not fitting: a floor under its
    figure when it was written (0.245 for texts 43-48 on 2026-11-25) catches a rule that breaks
    texts nobody tuned on."""
    mean, recalls = mean_recall(shared_dir, tmp_path, DATA / "fresh")
    assert mean >= 0.2, recalls


@pytest.mark.model
def test_fresh3_recall_floor(shared_dir: Path, tmp_path: Path) -> None:
    """The third check set (tests/data/fresh3: the layouts of real pages), measured only: a floor
    under its figure when it was written (0.260 for texts 55-60 on 2026-11-25)."""
    mean, recalls = mean_recall(shared_dir, tmp_path, DATA / "fresh3")
    assert mean >= 0.2, recalls
