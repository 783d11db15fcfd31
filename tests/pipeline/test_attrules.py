"""The lookup-table attribute rules give exactly the annotations of the model's own ruler."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kronika.pipeline.attrules import FACTORY, CompiledAttributeRuler, compile_attribute_ruler
from kronika.pipeline.reader import MODEL_NAME

TEXTS = Path(__file__).resolve().parents[1] / "data" / "texts"

SENTENCES = [
    "I'd have said it wasn't there, but they've gotta let's go.",
    "There is a park. Here it is: the one that we built, and him and her and y'all.",
    "Gonna do it? He does not, she did, and it's been being done.",
    "Nothin' ain't new;  ol' 'em \n\n spaces and\ttabs.",
]


@pytest.fixture(scope="module")
def pair() -> tuple[spacy.language.Language, spacy.language.Language]:
    plain = spacy.load(MODEL_NAME)
    fast = spacy.load(MODEL_NAME)
    assert compile_attribute_ruler(fast)
    return plain, fast


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, str(t.head.i)) for t in doc]


def test_pipeline_has_the_compiled_rules(pair: tuple[spacy.language.Language, ...]) -> None:
    _plain, fast = pair
    assert FACTORY in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert isinstance(fast.get_pipe(FACTORY), CompiledAttributeRuler)


def test_same_annotations_on_hard_sentences(pair: tuple[spacy.language.Language, ...]) -> None:
    plain, fast = pair
    for text in SENTENCES:
        assert _annotations(fast(text)) == _annotations(plain(text)), text


def test_same_annotations_on_test_texts(pair: tuple[spacy.language.Language, ...]) -> None:
    plain, fast = pair
    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))][:8]
    assert texts
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(b) == _annotations(a)


def test_unsupported_rules_keep_the_model_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})  # an attribute the table does not read
    assert not compile_attribute_ruler(nlp)
    assert "attribute_ruler" in nlp.pipe_names
