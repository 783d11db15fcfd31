"""``Reader.read_many`` with worker processes gives what one process gives, in input order."""

from __future__ import annotations

from typing import Any

from kronika.pipeline.reader import DocumentInput, _chunks

TEXTS = [
    "Northwind Labs, a software company based in Tartu, was founded in 2011 by Mari Kask.",
    "In 2019 the company opened an office in Riga.",
    "Bluefin Systems moved its headquarters from Vilnius to Warsaw in 2022.",
    "By 2020 more than 400 firms had joined the park.",
    "Kestrel Data was acquired by Orbis Group for $120 million in 2018.",
    "",
    "The institute employed about 1,200 people in the 1980s.",
    "Harbour Soft, led by Ivo Linn, has offices in Tallinn, Helsinki and Stockholm.",
    "Exports grew by 25% in 2021, to $3.2 billion.",
]


def _key(analysis: Any) -> list[tuple[Any, ...]]:
    return [(c.subject, c.predicate, c.object, c.time, c.value, c.method) for c in analysis.claims]


def test_workers_read_as_one_process_does(reader: Any) -> None:
    docs = [DocumentInput(text=t, title=f"t{i}") for i, t in enumerate(TEXTS)]
    one = list(reader.read_many(docs, workers=1))
    two = list(reader.read_many(docs, workers=2))
    assert len(two) == len(docs)
    assert [a.text for a in two] == TEXTS
    assert [_key(a) for a in two] == [_key(a) for a in one]
    assert any(_key(a) for a in two)


def test_chunks_keep_order_and_respect_size_and_budget() -> None:
    docs = [DocumentInput(text="x" * n) for n in (10, 10, 10, 10, 10, 500, 10, 10)]
    chunks = list(_chunks(docs, 4, 100))
    assert [d for c in chunks for d in c] == docs
    assert [len(c) for c in chunks] == [4, 2, 2]


def test_chunks_send_the_last_documents_one_by_one() -> None:
    docs = [DocumentInput(text="x" * 10) for _ in range(11)]
    chunks = list(_chunks(docs, 4, 1000, tail=3))
    assert [d for c in chunks for d in c] == docs
    assert [len(c) for c in chunks] == [4, 4, 1, 1, 1]
    few = docs[:2]
    assert list(_chunks(few, 4, 1000, tail=3)) == [[few[0]], [few[1]]]
