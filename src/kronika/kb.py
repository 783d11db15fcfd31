"""The library API: a knowledge base you open, fill with documents and query.

Example::

    import kronika

    with kronika.open("kronika.db") as kb:
        report = kb.ingest(["articles/"])
        for claim in kb.claims(entity="HTP", predicate="founded"):
            print(claim["time"], claim["evidence"]["text"])

The CLI and the web app are thin layers over :class:`KnowledgeBase`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from kronika import export as _export
from kronika.errors import EmptyDocumentError, SourceError, UnsupportedFileError, UnsupportedFormatError
from kronika.explorer import ExplorerMixin
from kronika.ids import document_id
from kronika.models import DocumentAnalysis
from kronika.sources import DEFAULT_MAX_BYTES, SourceText, is_supported, iter_paths, read_source
from kronika.store import Store

if TYPE_CHECKING:
    from kronika.pipeline.reader import DocumentInput
    from kronika.review import Review


class ProgressCallback(Protocol):
    """Called as ingest goes: ``(done_docs, total_docs, current_path)``.

    It is called once with ``done_docs == 0`` before the first file, then after each
    file is finished (read, unchanged, skipped or failed).
    """

    def __call__(self, done: int, total: int, path: str, /) -> None: ...


class DocumentReader(Protocol):
    """What :class:`KnowledgeBase` needs from the pipeline (see :mod:`kronika.pipeline.reader`)."""

    def read_many(self, docs: Iterable[DocumentInput], workers: int = 1) -> Iterator[DocumentAnalysis]:
        """Yield one analysis per input, in order."""
        ...


@dataclasses.dataclass
class IngestReport:
    """What one :meth:`KnowledgeBase.ingest` did.

    Attributes:
        read: documents read and stored.
        unchanged: files whose exact bytes were already stored (nothing done).
        skipped: files of a type kronika does not read.
        failed: ``(path, reason)`` for each file that could not be read; nothing of it was stored.
        documents: ids of the documents stored.
        sentences: sentences stored.
        entities: distinct entities the stored documents mention or make claims about.
        claims: claims stored.
        words: words read (for throughput).
        seconds: wall-clock time taken.
    """

    read: int = 0
    unchanged: int = 0
    skipped: list[str] = dataclasses.field(default_factory=list)
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    documents: list[str] = dataclasses.field(default_factory=list)
    sentences: int = 0
    entities: int = 0
    claims: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        data = dataclasses.asdict(self)
        data["failed"] = [{"path": path, "reason": reason} for path, reason in self.failed]
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclasses.dataclass
class _Pending:
    """A document handed to the reader and not yet written."""

    shown: str
    source: SourceText
    input: DocumentInput


class KnowledgeBase(ExplorerMixin):
    """A kronika knowledge base: documents, entities and claims in one SQLite file.

    Use :func:`open` rather than the constructor.

    Args:
        store: the opened store.
        reader: the document reader; by default the spaCy pipeline, created on first use.
        max_bytes: the largest file ingest accepts.
    """

    def __init__(
        self, store: Store, *, reader: DocumentReader | None = None, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self._reader = reader

    @property
    def path(self) -> str:
        """The database file."""
        return self.store.path

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def reader(self) -> DocumentReader:
        """The document reader, created once (loading spaCy takes a few seconds)."""
        if self._reader is None:
            from kronika.pipeline.reader import make_reader

            self._reader = make_reader()
        return self._reader

    # ------------------------------------------------------------------ writes

    def ingest(
        self,
        paths: Iterable[Path | str] | Path | str,
        *,
        workers: int = 1,
        date: dt.date | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Read files and folders into the knowledge base.

        Unchanged bytes are skipped before any NLP. Each document is written in its own
        transaction, replacing an older version of the same file. A file that cannot be
        read is reported in :attr:`IngestReport.failed` and the batch goes on; nothing
        of it is stored. Ctrl-C (``KeyboardInterrupt``) propagates after the current
        document's transaction rolls back; what was committed stays.

        Args:
            paths: files and folders (folders are read recursively).
            workers: processes for the NLP work.
            date: publication date for every document, overriding their metadata.
            progress: called as files are done, for progress bars.

        Returns:
            What was read, unchanged, skipped and failed, with counts.
        """
        started = time.perf_counter()
        if isinstance(paths, str | Path):
            paths = [paths]
        files = list(iter_paths(paths, include_unsupported=True))
        report = IngestReport()
        self._run(self._sources(files, report, date), len(files), report, workers, progress)
        report.seconds = time.perf_counter() - started
        return report

    def ingest_text(
        self,
        text: str,
        *,
        title: str = "",
        date: dt.date | None = None,
        origin: str = "",
        kind: str = "text",
    ) -> IngestReport:
        """Read a text given as a string (for library users and tests).

        Args:
            text: the document's text.
            title: its title; default its first line.
            date: its publication date.
            origin: where it came from; a later text with the same origin replaces it.
            kind: the document kind recorded.

        Returns:
            The report; ``report.documents`` holds the document id.

        Raises:
            EmptyDocumentError: the text is empty.
        """
        started = time.perf_counter()
        if not text.strip():
            raise EmptyDocumentError(origin or title or "<text>")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        data = text.encode("utf-8")
        first_line = next((line.strip().lstrip("#").strip() for line in text.split("\n") if line.strip()), "")
        source = SourceText(
            text=text,
            title=title or first_line[:200],
            date=date,
            origin=origin,
            content_hash=hashlib.sha256(data).hexdigest(),
            kind=kind,
            doc_id=document_id(data),
        )
        report = IngestReport()
        shown = origin or title or "<text>"

        def one() -> Iterator[tuple[str, SourceText | None]]:
            if self._unchanged(source):
                report.unchanged += 1
            else:
                yield shown, source

        self._run(one(), 1, report, 1, None)
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, document: str, *, who: str | None = None) -> dict[str, Any]:
        """Delete a document and retract its claims (the review log keeps their history).

        Args:
            document: its id, origin path or title.
            who: who removes it, for the review log (default: the reviewer's name).

        Returns:
            The removed document's summary.

        Raises:
            DocumentNotFoundError: nothing matches.
            AmbiguousDocumentError: the title names several documents.
        """
        from kronika.review import default_reviewer

        return self.store.remove_document(document, who=who or default_reviewer())

    @property
    def review(self) -> Review:
        """Review decisions: accept, reject, edit, rank, add, merge, unmerge, split, log.

        See :class:`kronika.review.Review`.
        """
        from kronika.review import Review

        return Review(self.store)

    # ------------------------------------------------------------------ reads

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document with its counts."""
        return self.store.documents()

    def entities(self, type: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        """Entities, optionally of one type and/or matching ``q`` in a name or alias."""
        return self.store.entities(type=type, q=q)

    def entity(self, ref: str) -> dict[str, Any] | None:
        """One entity by id, name or alias, or None."""
        return self.store.entity(ref)

    def claims(
        self, entity: str | None = None, predicate: str | None = None, doc: str | None = None
    ) -> list[dict[str, Any]]:
        """Claims in the claim format.

        Args:
            entity: an entity id, name or alias (case-insensitive): claims about or pointing at it.
            predicate: only this predicate.
            doc: only claims from this document (id, origin or title).
        """
        return self.store.claims(entity=entity, predicate=predicate, doc=doc)

    def stats(self) -> dict[str, Any]:
        """Counts of what is stored."""
        return self.store.stats()

    def ask(self, question: str) -> dict[str, Any]:
        """Answer a question in plain English from the claims (see :mod:`kronika.ask`).

        Returns:
            ``{"answer", "confidence", "claims", "evidence", "kind", "uncertain", "conflict"}``.
        """
        from kronika.ask import ask

        return ask(self.store.connection, question).to_dict()

    def export(self, format: str = "jsonl", out: IO[str] | None = None) -> int:
        """Write every claim, in a deterministic order.

        Args:
            format: ``jsonl`` (the claim format, one object per line, then the review records
                a backup needs), ``csv``, ``graphml``, ``ttl`` or ``jsonld`` (RDF with PROV-O
                provenance); see :mod:`kronika.interchange`.
            out: a text stream; default standard output.

        Returns:
            The number of claims written.

        Raises:
            UnsupportedFormatError: an unknown format.
        """
        from kronika import interchange

        if format not in _export.FORMATS:
            raise UnsupportedFormatError(format, _export.FORMATS)
        return interchange.export(self.store, format, out if out is not None else sys.stdout)

    def import_jsonl(self, lines: Iterable[str], *, name: str = "<input>") -> dict[str, int]:
        """Read a ``jsonl`` export (claims and review records) into this base, which must be empty.

        Returns:
            Counts of ``claims``, ``documents``, ``entities`` and ``reviews`` imported.

        Raises:
            ImportFormatError: a line is not in the format (nothing is imported).
            KronikaError: the base already holds documents.
        """
        from kronika import interchange

        return interchange.import_jsonl(self.store, lines, name=name)

    # ------------------------------------------------------------------ ingest internals

    def _unchanged(self, source: SourceText) -> bool:
        """Whether these bytes are stored already; retires the origin's older version if so."""
        if not self.store.has_document(source.doc_id):
            return False
        if source.origin and any(
            i != source.doc_id for i in self.store.document_ids_for_origin(source.origin)
        ):
            # The file now holds bytes stored from elsewhere: its own old version goes.
            self.store.retire_origin(source.origin, keep=source.doc_id)
        return True

    def _sources(
        self, files: list[Path], report: IngestReport, date: dt.date | None
    ) -> Iterator[tuple[str, SourceText | None]]:
        """Read files in order, recording skips and failures; yield what needs analysis.

        Files needing no analysis (skipped, failed, unchanged) are yielded with ``None`` so
        progress can count them in order.
        """
        queued: set[str] = set()
        for path in files:
            shown = str(path)
            if path.exists() and not path.is_dir() and not is_supported(path):
                report.skipped.append(shown)
                yield shown, None
                continue
            try:
                source = read_source(path, max_bytes=self.max_bytes)
            except UnsupportedFileError:
                report.skipped.append(shown)
                yield shown, None
                continue
            except SourceError as exc:
                report.failed.append((shown, exc.reason))
                yield shown, None
                continue
            except Exception as exc:  # noqa: BLE001 - a bug in a parser must not end the batch
                report.failed.append((shown, _bug("read", exc)))
                yield shown, None
                continue
            if date is not None:
                source = dataclasses.replace(source, date=date)
            if source.doc_id in queued or self._unchanged(source):
                report.unchanged += 1
                yield shown, None
                continue
            queued.add(source.doc_id)
            yield shown, source

    def _run(
        self,
        sources: Iterator[tuple[str, SourceText | None]],
        total: int,
        report: IngestReport,
        workers: int,
        progress: ProgressCallback | None,
    ) -> None:
        """Stream sources through the reader in order and write each analysis."""
        from kronika.pipeline.reader import DocumentInput

        done = 0
        pending: deque[_Pending] = deque()
        entity_ids: set[str] = set()

        def tick(shown: str) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total, shown)

        source_errors: list[BaseException] = []
        exhausted: list[bool] = []

        def inputs() -> Iterator[DocumentInput]:
            try:
                for shown, source in sources:
                    if source is None:
                        tick(shown)
                        continue
                    item = DocumentInput(
                        text=source.text, title=source.title, date=source.date, origin=source.origin
                    )
                    pending.append(_Pending(shown, source, item))
                    yield item
                exhausted.append(True)
            except GeneratorExit:
                raise
            except BaseException as exc:
                source_errors.append(exc)
                raise

        def write(item: _Pending, analysis: DocumentAnalysis) -> None:
            self.store.write_document(item.source, analysis)
            report.read += 1
            report.documents.append(item.source.doc_id)
            report.sentences += len(analysis.sentences)
            report.claims += len(analysis.claims)
            report.words += analysis.word_count
            entity_ids.update(analysis.entities)
            entity_ids.update(m.entity_id for m in analysis.mentions)
            for claim in analysis.claims:
                entity_ids.add(claim.subject)
                if claim.object:
                    entity_ids.add(claim.object)
            tick(item.shown)

        if progress is not None:
            progress(0, total, "")
        source_iter = inputs()
        results: Iterator[DocumentAnalysis] | None = None
        while True:
            if results is None:
                # Only now load the model: a batch of unchanged files never pays for spaCy.
                first = next(source_iter, None)
                if first is None:
                    break
                results = iter(self.reader.read_many(_Feed(first, source_iter), workers=workers))
            try:
                analysis = next(results)
            except StopIteration:
                # A reader that stops early is a bug too: what it never answered is reported,
                # not lost, and the rest of the batch still goes through.
                while pending:
                    item = pending.popleft()
                    report.failed.append(
                        (item.shown, _bug("analysed", RuntimeError("the reader returned nothing")))
                    )
                    tick(item.shown)
                if exhausted:
                    break
                results = None
                continue
            except Exception:
                # A pipeline bug: find the documents in flight that trigger it, one by one,
                # report those, and go on with the rest of the batch.
                if source_errors or not pending:
                    raise
                for item in list(pending):
                    pending.popleft()
                    try:
                        single = next(iter(self.reader.read_many([item.input], workers=1)))
                    except Exception as inner:  # noqa: BLE001
                        report.failed.append((item.shown, _bug("analysed", inner)))
                        tick(item.shown)
                        continue
                    write(item, single)
                results = None
                continue
            if not pending:
                raise RuntimeError("the reader yielded more analyses than it was given documents")
            write(pending.popleft(), analysis)
        report.entities = len(entity_ids)


class _Feed:
    """``first`` followed by ``rest``: the iterator handed to the reader.

    A plain iterator, not a generator, on purpose: when a reader's generator dies of an
    exception, Python closes the generators it was consuming (``yield from`` forwards
    ``close()``), which would end the whole batch. This object has no ``close`` to forward.
    """

    def __init__(self, first: DocumentInput, rest: Iterator[DocumentInput]) -> None:
        self._first: DocumentInput | None = first
        self._rest = rest

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> DocumentInput:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return next(self._rest)


def _bug(stage: str, exc: BaseException) -> str:
    """The reason line for an unexpected exception while handling one file."""
    return f"could not be {stage} ({type(exc).__name__}: {exc}); this is a bug in kronika, please report it"


def open(  # noqa: A001 - kronika.open mirrors sqlite3.connect / shelve.open
    path: Path | str = "kronika.db",
    *,
    create: bool = True,
    reader: DocumentReader | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> KnowledgeBase:
    """Open (or create) a knowledge base.

    Args:
        path: the SQLite file (``":memory:"`` for a throw-away one).
        create: create the file when missing; when False a missing file raises.
        reader: a document reader to use instead of the default spaCy pipeline.
        max_bytes: the largest file :meth:`KnowledgeBase.ingest` accepts.

    Returns:
        The knowledge base; close it, or use it as a context manager.

    Raises:
        DatabaseNotFoundError: ``create`` is False and the file does not exist.
        NotADatabaseError: the file is not SQLite.
        SchemaVersionError: the file was written by a newer kronika.
    """
    return KnowledgeBase(Store(os.fspath(path), create=create), reader=reader, max_bytes=max_bytes)
