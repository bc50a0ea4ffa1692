"""Decide a file's format from its bytes, never from its suffix alone."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import FormatMismatchError, UnsupportedFormatError
from ..model import SourceFormat

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Notepad's "Unicode": text full of NUL bytes, but text
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls and encrypted OOXML
_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ""}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_BINARY_MAGICS = (
    b"\x7fELF",
    b"MZ",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)


def sniff(path: Path, head: bytes) -> SourceFormat:
    """The format of ``path`` judged from its first bytes; raises a typed error when they disagree."""
    suffix = path.suffix.lower()
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        if suffix not in {".pdf", ""}:
            raise FormatMismatchError(path, f"it is a PDF named {suffix}", "rename it to .pdf")
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if suffix in {".docx", ".docm", ".dotx", ""}:
            return "docx"
        raise FormatMismatchError(path, f"it is a zip archive named {suffix}", "only .docx archives are read")
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(
            path,
            "legacy Word .doc or a password-protected Office file",
            "save it as .docx (File > Save As) or export it to PDF",
        )
    if suffix == ".pdf":
        raise FormatMismatchError(path, "named .pdf but does not start with %PDF-", "is it a real PDF?")
    if suffix in {".docx", ".docm"}:
        raise FormatMismatchError(path, "named .docx but is not a zip archive", "is it a real Word file?")
    if suffix == ".doc":
        raise UnsupportedFormatError(path, "legacy Word .doc", "save it as .docx or export it to PDF")
    utf16 = head.startswith(UTF16_BOMS) and suffix in _TEXT_SUFFIXES
    if not utf16 and (any(head.startswith(m) for m in _BINARY_MAGICS) or b"\x00" in head[:4096]):
        raise FormatMismatchError(path, "binary content", "expected a PDF, DOCX, text or Markdown file")
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _TEXT_SUFFIXES:
        return "txt"
    raise UnsupportedFormatError(path, f"unknown extension {suffix}", "use .pdf, .docx, .txt or .md")


def is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
