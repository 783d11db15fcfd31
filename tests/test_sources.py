"""Reading files: each reader, and each way a file can be unusable."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from kronika.errors import (
    BinaryFileError,
    EmptyDocumentError,
    EncodingError,
    FileTooLargeError,
    PdfEncryptedError,
    PdfInvalidError,
    PdfNoTextError,
    SourceError,
    SourceNotFoundError,
    UnreadableFileError,
    UnsupportedFileError,
)
from kronika.ids import document_id
from kronika.sources import decode_text, iter_paths, read_source

ARTICLE = "Acme Soft was founded in 1999 in Minsk.\nIt employs more than 400 people.\n"


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes (or UTF-8 text) to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_pdf(
    lines: list[str] | None,
    *,
    title: str | None = None,
    created: str | None = None,
    user_password: str | None = None,
) -> bytes:
    """A small valid PDF: one page drawing ``lines`` in Helvetica (no text layer when None)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    if lines is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    metadata: dict[str, str] = {}
    if title:
        metadata["/Title"] = title
    if created:
        metadata["/CreationDate"] = created
    if metadata:
        writer.add_metadata(metadata)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- text and Markdown


def test_txt_reads_text_title_date_and_identity(tmp_path: Path) -> None:
    data = ("Acme in numbers\nPublished 2021-03-04\n\n" + ARTICLE).encode()
    path = write(tmp_path / "acme.txt", data)
    source = read_source(path)
    assert source.text == data.decode()
    assert source.title == "Acme in numbers"
    assert source.date == dt.date(2021, 3, 4)
    assert source.kind == "text"
    assert source.origin == str(path.resolve())
    assert source.content_hash == hashlib.sha256(data).hexdigest()
    assert source.doc_id == document_id(data)


def test_markdown_title_drops_hashes_and_reads_date_line(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "\n\n## The *Acme* story\n\nDate: 2019-12-31\n\n" + ARTICLE)
    source = read_source(path)
    assert source.title == "The *Acme* story"
    assert source.date == dt.date(2019, 12, 31)
    assert source.kind == "markdown"


def test_markdown_front_matter_gives_title_and_date_and_is_not_analysed(tmp_path: Path) -> None:
    path = write(tmp_path / "post.markdown", '---\ntitle: "Acme grows"\ndate: 2020-05-06\n---\n' + ARTICLE)
    source = read_source(path)
    assert (source.title, source.date) == ("Acme grows", dt.date(2020, 5, 6))
    assert source.text == ARTICLE


def test_date_only_near_the_top_and_only_when_valid(tmp_path: Path) -> None:
    late = "Title\n" + "Line.\n" * 20 + "Published 2021-03-04\n"
    assert read_source(write(tmp_path / "late.txt", late)).date is None
    bad = "Title\nPublished 2021-13-45\n"
    assert read_source(write(tmp_path / "bad.txt", bad)).date is None


def test_no_title_line_falls_back_to_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "plain-name.md", "#\n\nSome text here.")
    assert read_source(path).title == "plain-name"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", codecs.BOM_UTF8 + "Café Minsk\nText.".encode())
    source = read_source(path)
    assert source.text == "Café Minsk\nText."
    assert source.title == "Café Minsk"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_decodes(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = write(tmp_path / "wide.txt", bom + "Белхард\r\nfounded in 1994.".encode(encoding))
    source = read_source(path)
    assert source.text == "Белхард\nfounded in 1994."
    assert source.title == "Белхард"


def test_crlf_line_ends_are_normalised(tmp_path: Path) -> None:
    assert read_source(write(tmp_path / "dos.txt", b"One.\r\nTwo.\rThree.")).text == "One.\nTwo.\nThree."


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    with pytest.raises(EmptyDocumentError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: empty: there is no text to read"


def test_binary_file_with_text_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryFileError) as info:
        read_source(path)
    assert str(info.value).startswith(f"{path}: looks like a binary file (it contains NUL bytes)")


def test_nul_bytes_in_otherwise_plain_text(tmp_path: Path) -> None:
    with pytest.raises(BinaryFileError):
        read_source(write(tmp_path / "nul.md", b"Hello\x00world"))


def test_invalid_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "Café in Minsk".encode("latin-1"))
    with pytest.raises(EncodingError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: not UTF-8 text: re-save it as UTF-8 or convert it with iconv -t UTF-8"


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "word " * 100)
    with pytest.raises(FileTooLargeError) as info:
        read_source(path, max_bytes=100)
    assert info.value.size == 500
    assert "too large (500 bytes > 100 bytes limit)" in str(info.value)
    assert read_source(path, max_bytes=500).text.startswith("word")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(SourceNotFoundError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: no such file or folder; check the path"
    assert isinstance(info.value, UnreadableFileError)


def test_unsupported_type(tmp_path: Path) -> None:
    path = write(tmp_path / "report.docx", b"PK\x03\x04")
    with pytest.raises(UnsupportedFileError):
        read_source(path)


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(UnreadableFileError):
        read_source(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_no_permission(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "text")
    path.chmod(0)
    try:
        with pytest.raises(UnreadableFileError) as info:
            read_source(path)
        assert "permission denied" in str(info.value)
    finally:
        path.chmod(0o644)


def test_every_source_error_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", b"\xff\xfe\xfd")
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: {info.value.reason}"


# --------------------------------------------------------------------------- HTML

PAGE = """<!doctype html>
<html><head><title>Acme | News</title>
<meta property="article:published_time" content="2022-07-08T10:00:00Z">
<script>var tracking = "Acme was founded in 1066";</script>
<style>body { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Acme opens a Warsaw office</h1>
<p>Acme Soft was founded in 1999 in Minsk and employs more than 400 engineers in three countries today.</p>
<p>In 2022 the company opened an office in Warsaw, its third development centre outside Belarus.</p>
</article><footer>© Acme</footer><script>alert("hi")</script></body></html>
"""


def test_html_main_text_without_scripts(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "page.html", PAGE))
    assert "founded in 1999" in source.text
    assert "Warsaw office" in source.title or source.title == "Acme | News"
    assert "tracking" not in source.text and "alert" not in source.text and "color" not in source.text
    assert source.date == dt.date(2022, 7, 8)
    assert source.kind == "html"


def test_html_without_date_stays_unknown(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2022-07-08T10:00:00Z">', "")
    assert read_source(write(tmp_path / "page.htm", page)).date is None


def test_html_fallback_when_the_extractor_finds_nothing(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Tiny &amp; short</title><script>x()</script></head><body><b>Hi.</b></body></html>"
    )
    source = read_source(write(tmp_path / "tiny.html", page))
    assert source.title == "Tiny & short"
    assert source.text.strip() == "Hi."


def test_html_with_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head>'
        "<body><p>Caf\xe9 in Minsk.</p></body></html>"
    )
    source = read_source(write(tmp_path / "latin.html", page.encode("latin-1")))
    assert "Café" in source.text


def test_html_with_only_markup_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocumentError):
        read_source(write(tmp_path / "blank.html", "<html><body><script>x()</script></body></html>"))


# --------------------------------------------------------------------------- PDF


def test_pdf_text_title_and_date(tmp_path: Path) -> None:
    data = make_pdf(
        ["Acme Soft was founded in 1999 in Minsk.", "It employs more than 400 people."],
        title="Acme annual report",
        created="D:20230115093000Z",
    )
    source = read_source(write(tmp_path / "report.pdf", data))
    assert "Acme Soft was founded in 1999 in Minsk." in source.text
    assert "more than 400 people" in source.text
    assert source.title == "Acme annual report"
    assert source.date == dt.date(2023, 1, 15)
    assert source.kind == "pdf"
    assert source.doc_id == document_id(data)


def test_pdf_without_metadata_takes_its_first_line_as_title(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "bare.pdf", make_pdf(["First line here", "Second."])))
    assert source.title == "First line here"
    assert source.date is None


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    path = write(tmp_path / "scan.pdf", make_pdf(None))
    with pytest.raises(PdfNoTextError) as info:
        read_source(path)
    assert "without a text layer" in str(info.value)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.pdf", make_pdf(["Secret text."], user_password="s3cret"))
    with pytest.raises(PdfEncryptedError) as info:
        read_source(path)
    assert str(info.value).startswith(f"{path}: an encrypted PDF")


def test_pdf_encrypted_with_an_empty_password_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "open.pdf", make_pdf(["Open text."], user_password=""))
    assert "Open text." in read_source(path).text


def test_damaged_pdf(tmp_path: Path) -> None:
    with pytest.raises(PdfInvalidError):
        read_source(write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n"))


def test_pdf_text_larger_than_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "long.pdf", make_pdf(["x" * 80] * 5))
    with pytest.raises(FileTooLargeError):
        read_source(path, max_bytes=300)


# --------------------------------------------------------------------------- decode_text


def test_decode_text_prefers_utf8_then_the_declared_charset(tmp_path: Path) -> None:
    assert decode_text(tmp_path, "é".encode()) == "é"
    assert decode_text(tmp_path, "Жодино".encode("cp1251"), declared="cp1251") == "Жодино"
    with pytest.raises(EncodingError):
        decode_text(tmp_path, b"\xe9", declared="no-such-codec")


# --------------------------------------------------------------------------- iter_paths


def test_iter_paths_walks_folders_sorted_and_filtered(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/deeper/d.pdf",
        "notes.docx",
        ".hidden.txt",
        ".git/x.txt",
    ]:
        write(tmp_path / name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.pdf"]
    with_all = [p.name for p in iter_paths([tmp_path], include_unsupported=True)]
    assert "notes.docx" in with_all


def test_iter_paths_keeps_explicit_paths_and_drops_repeats(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "x")
    other = tmp_path / "report.docx"
    missing = tmp_path / "missing.txt"
    assert list(iter_paths([a, other, missing, tmp_path, str(a)])) == [a, other, missing]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_iter_paths_survives_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "top" / "a.txt", "x")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top", target_is_directory=True)
    (tmp_path / "top" / "self.txt").symlink_to(tmp_path / "top" / "self.txt")
    found = [p.name for p in iter_paths([tmp_path / "top"])]
    assert found == ["a.txt", "self.txt"]
    with pytest.raises(UnreadableFileError):
        read_source(tmp_path / "top" / "self.txt")
