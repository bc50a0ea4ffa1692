"""Parsers: a contract file → an unsegmented ``Document`` (canonical text, pages, blocks, tables).

The registry is an explicit dict keyed by the format that ``sniff`` reads from the file's bytes.
Structure (sections) is added afterwards by ``structure.segment``; parsers never build the section tree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..errors import EmptyFileError, InputError, MissingFileError, NotAFileError, ResourceLimitError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document, SourceFormat, SourceInfo
from .builder import TextBuilder
from .sniff import UTF16_BOMS, sniff
from .text import parse_text

ParserFn = Callable[[Path, bytes, Limits], TextBuilder]


def _parse_txt(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    return parse_text(decode_text(path, data), markdown=False, path=path, limits=limits)


def _parse_markdown(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    return parse_text(decode_text(path, data), markdown=True, path=path, limits=limits)


def _parse_pdf(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    from .pdf import parse_pdf  # imported lazily: pdfium/pdfplumber cost import time for text users

    return parse_pdf(path, data, limits)


def _parse_docx(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    from .docx import parse_docx

    return parse_docx(path, data, limits)


PARSERS: dict[SourceFormat, ParserFn] = {
    "pdf": _parse_pdf,
    "docx": _parse_docx,
    "txt": _parse_txt,
    "markdown": _parse_markdown,
}


def decode_text(path: Path, data: bytes) -> str:
    """Text files: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as contracts often are."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # odd length or a lone surrogate: not really UTF-16 text
            raise InputError(path, f"invalid UTF-16 text: {exc.reason}", "save it as UTF-8") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(path, "text is neither UTF-8 nor Windows-1252", "save it as UTF-8") from exc


def read_bytes(path: Path, limits: Limits) -> bytes:
    if not path.exists():
        # exists() is False for a dangling or looping symlink too; say so, the path itself is there.
        detail = "a broken or looping symbolic link" if path.is_symlink() else ""
        raise MissingFileError(path, detail, "check the path")
    if path.is_dir():
        raise NotAFileError(path, hint="pass a contract file, or use analyze_many for a folder")
    try:
        size = path.stat().st_size
        if size == 0:  # also FIFOs and devices, which are never opened: reading them could block forever
            raise EmptyFileError(path)
        if size > limits.max_bytes:
            raise _too_big(path, size, limits)
        with path.open("rb") as handle:
            # Bounded by the checked size even if the file grows meanwhile (read(n) allocates n up front,
            # so n is the file's size, not max_bytes).
            data = handle.read(size + 1)
    except OSError as exc:  # permissions, I/O errors, a file removed meanwhile
        raise InputError(path, exc.strerror or type(exc).__name__, "check the file's permissions") from exc
    if len(data) != size:
        raise InputError(path, "the file changed while it was being read", "try again once it is complete")
    return data


def _too_big(path: Path, size: int, limits: Limits) -> ResourceLimitError:
    return ResourceLimitError(path, f"{size:,} bytes > max_bytes {limits.max_bytes:,}", "raise the limit")


def parse(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read ``path`` into an unsegmented Document, or raise a typed ``InputError`` naming the file."""
    path = Path(path)
    data = read_bytes(path, limits)
    fmt = sniff(path, data[:4096])
    builder = PARSERS[fmt](path, data, limits)
    document = builder.build(
        SourceInfo(
            path=str(path),
            format=fmt,
            sha256=hashlib.sha256(data).hexdigest(),
            size_bytes=len(data),
            page_count=max(builder.page_count, 1),
        )
    )
    if not document.text.strip():
        raise EmptyFileError(path, "no text found in the document")
    return document
