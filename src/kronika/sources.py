"""Reading files into plain text with a title and a date: .txt, .md, .html and .pdf.

The first stage of the flow (``read``): bytes on disk become a :class:`SourceText`.
Nothing here runs NLP or touches the store. Every way a file can be unusable raises a
specific :class:`~kronika.errors.SourceError` whose message names the file and the fix.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html
import io
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.errors import (
    BinaryFileError,
    EmptyDocumentError,
    EncodingError,
    FileTooLargeError,
    PdfEncryptedError,
    PdfInvalidError,
    PdfNoTextError,
    SourceNotFoundError,
    UnreadableFileError,
    UnsupportedFileError,
)
from kronika.ids import document_id

#: Largest file (or PDF text) read by default: 20 MB.
DEFAULT_MAX_BYTES = 20_000_000
#: A PDF file may be this many times larger than ``max_bytes`` (images, fonts) before we refuse it.
PDF_FILE_FACTOR = 10

#: File extensions read, and the kind of document each one gives.
KINDS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(KINDS)

# How many non-empty lines at the top of a text file may carry its date.
_DATE_LINES = 12
_TITLE_MAX = 200
_DATE_LINE = re.compile(
    r"^[\s*_>]*(?:published|date|dated|posted|updated)(?:\s+on)?[\s*_]*:?[\s*_]*(\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class SourceText:
    """A file read into text, before any analysis.

    Attributes:
        text: the document's plain text (line ends normalised to ``\\n``).
        title: the document's title (its first line, metadata, or the file name).
        date: its publication date, when the file says so.
        origin: where it came from: the absolute path, or what a library caller passed.
        content_hash: SHA-256 (hex) of the file's bytes.
        kind: ``text``, ``markdown``, ``html`` or ``pdf``.
        doc_id: the document id, derived from the bytes (:func:`kronika.ids.document_id`).
    """

    text: str
    title: str
    date: dt.date | None
    origin: str
    content_hash: str
    kind: str
    doc_id: str


def is_supported(path: Path) -> bool:
    """Whether kronika reads files with this path's extension."""
    return path.suffix.lower() in KINDS


def iter_paths(paths: Iterable[Path | str], *, include_unsupported: bool = False) -> Iterator[Path]:
    """Expand files and folders into the files to read, in a deterministic order.

    Paths named explicitly are yielded as given (even when missing or unsupported, so the
    caller can report them). Folders are walked recursively in sorted order; inside them,
    hidden entries (``.git``, ``.DS_Store``) are ignored, and so are unsupported files
    unless ``include_unsupported``. Symbolic links are followed, but a folder already
    visited (a link loop) is not entered twice. A file reached twice is yielded once.

    Args:
        paths: files and folders.
        include_unsupported: also yield files in folders whose type kronika does not read.

    Yields:
        File paths.
    """
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()

    def visit_file(path: Path) -> Iterator[Path]:
        real = os.path.realpath(path)
        if real not in seen_files:
            seen_files.add(real)
            yield path

    def walk(folder: Path) -> Iterator[Path]:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif include_unsupported or is_supported(entry):
                yield from visit_file(entry)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from walk(path)
        else:
            yield from visit_file(path)


def read_source(
    path: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    origin: str | None = None,
) -> SourceText:
    """Read one file into a :class:`SourceText`.

    Args:
        path: a .txt, .md, .markdown, .html, .htm or .pdf file.
        max_bytes: the largest file (for PDF: the largest extracted text) accepted.
        origin: what to record as the document's origin; default the absolute path.

    Returns:
        The document's text, title, date and identity.

    Raises:
        UnsupportedFileError: the extension is not one kronika reads.
        SourceNotFoundError: the path does not exist.
        UnreadableFileError: a folder, no permission, or an I/O error.
        EmptyDocumentError: no text in it.
        BinaryFileError: NUL bytes in a file that is not UTF-16.
        EncodingError: neither UTF-8 nor UTF-16 with a BOM (nor, for HTML, its declared charset).
        FileTooLargeError: larger than ``max_bytes``.
        PdfEncryptedError: a password-protected PDF.
        PdfNoTextError: a PDF with no text layer.
        PdfInvalidError: a damaged PDF.
    """
    path = Path(path)
    if not os.path.lexists(path):
        raise SourceNotFoundError(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFileError(path)
    limit = max_bytes * PDF_FILE_FACTOR if kind == "pdf" else max_bytes
    data = _read_bytes(path, limit)
    if not data.strip():
        raise EmptyDocumentError(path)
    if kind == "pdf":
        text, title, date = _read_pdf(path, data, max_bytes)
    elif kind == "html":
        text, title, date = _read_html(path, data)
    else:
        text, title, date = _read_text(path, data, markdown=kind == "markdown")
    if not text.strip():
        raise EmptyDocumentError(path)
    return SourceText(
        text=text,
        title=_clip(title) or path.stem,
        date=date,
        origin=origin if origin is not None else os.path.abspath(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        kind=kind,
        doc_id=document_id(data),
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, after checking it exists, is a file and is not too large."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise SourceNotFoundError(path) from exc
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot be read ({exc.strerror or exc}); check the path") from exc
    if path.is_dir():
        raise UnreadableFileError(path, "is a folder with nothing kronika reads in it")
    if not path.is_file():
        # A named pipe, socket or device: reading it could block for ever or never end.
        raise UnreadableFileError(path, "is not a regular file (a pipe, socket or device); copy it to a file")
    if size > limit:
        raise FileTooLargeError(path, size, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError as exc:
        raise UnreadableFileError(path, "permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise FileTooLargeError(path, len(data), limit)
    return data


def decode_text(path: Path, data: bytes, *, declared: str | None = None) -> str:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or ``declared``.

    Line ends are normalised to ``\\n`` so character offsets mean the same everywhere.

    Raises:
        BinaryFileError: NUL bytes outside UTF-16.
        EncodingError: none of the encodings fit.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(
                path, "starts like UTF-16 but is not valid UTF-16; re-save it as UTF-8"
            ) from exc
    else:
        if b"\x00" in data:
            raise BinaryFileError(path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fallback = _decode_declared(data, declared)
            if fallback is None:
                raise EncodingError(path) from exc
            text = fallback
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """Decode with an encoding the file declares (HTML's charset), or None."""
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def _read_text(path: Path, data: bytes, *, markdown: bool) -> tuple[str, str, dt.date | None]:
    """Plain text and Markdown: the title is the first non-empty line, the date a 'Published' line."""
    text = decode_text(path, data)
    title = ""
    date: dt.date | None = None
    if markdown:
        front = _FRONT_MATTER.match(text)
        if front:
            # YAML front matter (Jekyll, Hugo): read title/date, keep it out of the analysed text.
            for line in front.group(1).splitlines():
                key, _, value = line.partition(":")
                value = value.strip().strip("'\"")
                if key.strip().lower() == "title" and value:
                    title = value
                elif key.strip().lower() == "date" and not date:
                    date = _iso_date(value[:10])
            text = text[front.end() :]
    lines = [line for line in text.split("\n") if line.strip()]
    if not title and lines:
        title = lines[0].strip().lstrip("#").strip().strip("*_").strip()
    if date is None:
        for line in lines[:_DATE_LINES]:
            match = _DATE_LINE.match(line)
            if match and (date := _iso_date(match.group(1))):
                break
    return text, title, date


def _read_html(path: Path, data: bytes) -> tuple[str, str, dt.date | None]:
    """HTML: the main text by trafilatura, with its title and date; a plain strip as fallback."""
    import trafilatura

    head = data[:4096]
    match = _CHARSET.search(head)
    declared = match.group(1).decode("ascii", "ignore") if match else None
    markup = decode_text(path, data, declared=declared)
    # trafilatura logs "empty HTML tree" and the like at WARNING/ERROR; those are ours to report.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    result = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # No guessing a date from numbers in the body text: only the page's own metadata.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = ""
    title = ""
    date: dt.date | None = None
    if result is not None and not isinstance(result, dict):
        text = (result.text or "").strip()
        title = (result.title or "").strip()
        date = _iso_date(str(result.date or "")[:10])
    title_match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    page_title = html.unescape(re.sub(r"\s+", " ", title_match.group(1))).strip() if title_match else ""
    if not text:
        text = _strip_markup(markup)
    return text, title or page_title, date


def _strip_markup(markup: str) -> str:
    """Plain text of an HTML page without scripts, styles or tags (the fallback extractor)."""
    body = re.sub(r"(?is)<(script|style|noscript|template|head)\b.*?</\1\s*>", " ", markup)
    body = re.sub(r"(?is)<!--.*?-->", " ", body)
    body = re.sub(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr|section|article)\s*>", "\n", body)
    body = html.unescape(re.sub(r"(?s)<[^>]+>", " ", body))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in body.split("\n"))
    return "\n".join(line for line in lines if line)


def _read_pdf(path: Path, data: bytes, max_bytes: int) -> tuple[str, str, dt.date | None]:
    """PDF: the text of every page by pypdf, with /Title and /CreationDate from its metadata."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only to set permissions.
            try:
                if not reader.decrypt(""):
                    raise PdfEncryptedError(path)
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise PdfEncryptedError(path) from exc
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title or "").strip() if meta else ""
        try:
            created = meta.creation_date if meta else None
        except (ValueError, TypeError):
            created = None
    except (PdfEncryptedError, FileTooLargeError):
        raise
    except FileNotDecryptedError as exc:
        raise PdfEncryptedError(path) from exc
    except (PdfReadError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise PdfInvalidError(path) from exc
    text = "\n\n".join(page for page in pages if page).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PdfNoTextError(path)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise FileTooLargeError(path, size, max_bytes)
    if not title:
        title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return text, title, created.date() if created else None


def _iso_date(value: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD``, or None."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _clip(title: str) -> str:
    """A title on one line, at most 200 characters."""
    title = re.sub(r"\s+", " ", title).strip()
    return title if len(title) <= _TITLE_MAX else title[: _TITLE_MAX - 1].rstrip() + "…"
