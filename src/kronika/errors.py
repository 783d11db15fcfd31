"""Every exception kronika raises, with its user-facing message.

The library raises these; only the CLI and the HTTP layer turn them into output
(a line on stderr and an exit status, or a JSON error). Each message says what
happened and what to do next.

Hierarchy::

    KronikaError
    ├── SourceError                  a file could not be read into a document (has .path, .reason)
    │   ├── UnsupportedFileError     not .txt/.md/.markdown/.html/.htm/.pdf
    │   ├── UnreadableFileError      the operating system would not let us read it
    │   │   └── SourceNotFoundError  the path does not exist
    │   ├── EmptyDocumentError       no bytes, or only whitespace
    │   ├── BinaryFileError          NUL bytes: not a text file
    │   ├── EncodingError            bytes are not UTF-8 (or UTF-16 with a BOM)
    │   ├── FileTooLargeError        more than the configured maximum
    │   ├── PdfEncryptedError        a PDF that needs a password
    │   ├── PdfNoTextError           a PDF without a text layer (scanned images)
    │   └── PdfInvalidError          a damaged or not-really-PDF file
    ├── StoreError                   the knowledge base file cannot be used
    │   ├── DatabaseNotFoundError    a read command on a database that does not exist
    │   ├── NotADatabaseError        the file is not an SQLite database
    │   ├── DatabaseOpenError        the file cannot be opened or created (folder, permissions)
    │   ├── SchemaVersionError       the database was written by a newer kronika
    │   └── StoreLockedError         another process holds the write lock too long
    ├── DocumentNotFoundError        remove/lookup of a document that is not stored
    ├── AmbiguousDocumentError       a title that names more than one document
    ├── UnsupportedFormatError       an export format kronika does not write
    ├── ClaimNotFoundError           a review names a claim id or fingerprint that is not stored
    ├── ReviewError                  a review decision that cannot be made as asked (says why)
    ├── AuthError                    a write without a valid token (has .status: 401 or 403)
    │   └── TokenNotFoundError       `token revoke` of a name that has no token
    └── ImportFormatError            an import file line that is not in the claim format
"""

from __future__ import annotations

from pathlib import Path


class KronikaError(Exception):
    """Base class of every error kronika raises on purpose.

    Anything else escaping the library is a bug and keeps its traceback.
    """


# --------------------------------------------------------------------------- sources


class SourceError(KronikaError):
    """A file could not be read into a document.

    Attributes:
        path: the file, as given by the user.
        reason: what is wrong and what to do, without the file name.
    """

    reason_text = "could not be read"

    def __init__(self, path: Path | str, reason: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason or self.reason_text
        super().__init__(f"{self.path}: {self.reason}")


class UnsupportedFileError(SourceError):
    """Raised for a file whose extension kronika does not read."""

    reason_text = "not a supported file type; kronika reads .txt, .md, .markdown, .html, .htm and .pdf"


class UnreadableFileError(SourceError):
    """Raised when the operating system refuses to read the file (permissions, a directory, I/O)."""

    reason_text = "cannot be read; check that it is a regular file and that you have permission to read it"


class SourceNotFoundError(UnreadableFileError):
    """Raised for a path that does not exist (or a broken symbolic link)."""

    reason_text = "no such file or folder; check the path"


class EmptyDocumentError(SourceError):
    """Raised for a file with no bytes, or with no text once decoded and extracted."""

    reason_text = "empty: there is no text to read"


class BinaryFileError(SourceError):
    """Raised for a file with NUL bytes that is not UTF-16: it is binary, not text."""

    reason_text = (
        "looks like a binary file (it contains NUL bytes), not text; "
        "convert it to .txt, .md, .html or .pdf first"
    )


class EncodingError(SourceError):
    """Raised when a text file is neither UTF-8 nor UTF-16 with a byte-order mark."""

    reason_text = "not UTF-8 text: re-save it as UTF-8 or convert it with iconv -t UTF-8"


class FileTooLargeError(SourceError):
    """Raised for a file (or a PDF's text) larger than the configured maximum."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            path,
            f"too large ({_mb(size)} > {_mb(limit)} limit); split it into smaller files "
            "or raise the limit (max_bytes)",
        )


class PdfEncryptedError(SourceError):
    """Raised for a PDF that cannot be opened without a password."""

    reason_text = "an encrypted PDF; save an unprotected copy (for example with qpdf --decrypt) and read that"


class PdfNoTextError(SourceError):
    """Raised for a PDF whose pages carry no text layer (for example scanned images)."""

    reason_text = "a PDF without a text layer (scanned pages?); run OCR on it (for example ocrmypdf) first"


class PdfInvalidError(SourceError):
    """Raised for a .pdf file that pypdf cannot parse."""

    reason_text = "not a readable PDF (damaged or not really a PDF); re-export it from its source"


# --------------------------------------------------------------------------- store


class StoreError(KronikaError):
    """The knowledge base file cannot be used."""


class DatabaseNotFoundError(StoreError):
    """Raised when a read needs a database file that does not exist."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: no such knowledge base; create it with `kronika ingest PATH... --db {self.path}`"
        )


class NotADatabaseError(StoreError):
    """Raised when the database file exists but is not an SQLite database."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: not a kronika database (not SQLite); pick another --db file")


class DatabaseOpenError(StoreError):
    """Raised when SQLite cannot open or create the file (a missing folder, a folder, no permission)."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: cannot open the database ({detail}); check that its folder exists and is writable"
        )


class SchemaVersionError(StoreError):
    """Raised when the database's schema is newer than this version of kronika understands."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: written by a newer kronika (schema {found}, this one knows up to {supported}); "
            "upgrade kronika"
        )


class StoreLockedError(StoreError):
    """Raised when another process keeps the database locked past the busy timeout."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: the database is locked by another process; wait for it and retry")


# --------------------------------------------------------------------------- lookups and exports


class DocumentNotFoundError(KronikaError):
    """Raised when no stored document has the given id, origin path or title."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no document {ref!r}; list them with `kronika documents`")


class AmbiguousDocumentError(KronikaError):
    """Raised when a title names several documents; the message lists their ids."""

    def __init__(self, ref: str, ids: list[str]) -> None:
        self.ref = ref
        self.ids = ids
        super().__init__(
            f"{ref!r} names {len(ids)} documents ({', '.join(ids)}); give the document id instead"
        )


class UnsupportedFormatError(KronikaError):
    """Raised for an export format kronika does not write."""

    def __init__(self, fmt: str, supported: tuple[str, ...]) -> None:
        self.format = fmt
        super().__init__(f"unknown export format {fmt!r}; use one of: {', '.join(supported)}")


# --------------------------------------------------------------------------- review, access, import


class ClaimNotFoundError(KronikaError):
    """Raised when a review names a claim id or fingerprint that is not stored (nor ever reviewed)."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no claim {ref!r}; find claim ids with `kronika claims --json`")


class ReviewError(KronikaError):
    """Raised when a review decision cannot be made as asked; the message says why and what to do."""


class AuthError(KronikaError):
    """Raised when a write comes without a valid token, or the server does not take writes.

    Attributes:
        status: the HTTP status: 401 (no or bad token) or 403 (refused).
    """

    def __init__(self, message: str, status: int = 401) -> None:
        self.status = status
        super().__init__(message)


class TokenNotFoundError(AuthError):
    """Raised when `kronika token revoke` names no token."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no token is called {name!r}; list them with `kronika token list`", 404)


class ImportFormatError(KronikaError):
    """Raised when a line of an import file is not in the claim format (nothing is imported)."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}: {reason}; nothing was imported")


def _mb(size: int) -> str:
    """A byte count for people: 20 MB, 1.5 MB, 900 bytes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.3g} MB"
    if size >= 1_000:
        return f"{size / 1_000:.3g} kB"
    return f"{size} bytes"
