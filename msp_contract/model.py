"""The document model: immutable, located text that every finding points into.

One canonical string, ``Document.text``, is the coordinate system. Every other object (pages, blocks,
sections, tables, line boxes) is a half-open ``[start, end)`` character range into it, so a quote is always
``text[start:end]`` and is verbatim by construction.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, origin at the top-left of the page (pdfplumber's convention)."""

SourceFormat = Literal["pdf", "docx", "txt", "markdown"]
BlockKind = Literal["paragraph", "heading", "list_item", "table_cell"]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    path: str
    format: SourceFormat
    sha256: str
    size_bytes: int
    page_count: int


@dataclass(frozen=True, slots=True)
class Page:
    """A source page. DOCX, TXT and Markdown have one logical page (Word computes pages only at render time)."""

    number: int  # 1-based
    start: int
    end: int
    width: float | None = None
    height: float | None = None
    image_only: bool = False  # the page has images but no text layer: it needs OCR
    furniture: tuple[str, ...] = ()  # running headers/footers and page numbers kept out of the text


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like unit as the source laid it out (one PDF paragraph, one DOCX paragraph or table cell)."""

    start: int
    end: int
    page: int
    kind: BlockKind = "paragraph"
    number: str | None = None  # clause number as printed, when the source supplies it (Word auto-numbering)
    heading_level: int | None = None  # from a heading style, outline level or Markdown '#'
    bold: bool = False
    font_size: float | None = None


@dataclass(frozen=True, slots=True)
class LineBox:
    """Where a run of canonical text sits on a PDF page."""

    start: int
    end: int
    page: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class TableCell:
    start: int
    end: int
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    start: int
    end: int
    page: int
    n_rows: int
    n_cols: int
    cells: tuple[TableCell, ...]
    bbox: BBox | None = None

    def rows(self, text: str) -> list[list[str]]:
        """The table as a grid of cell strings ('' where a merged cell covers the slot)."""
        grid = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = text[cell.start : cell.end]
        return grid


@dataclass(frozen=True, slots=True)
class Note:
    """A comment, footnote or endnote: available to the user, never mixed into the body text."""

    kind: Literal["comment", "footnote", "endnote"]
    id: str
    text: str
    author: str | None = None
    anchor: int | None = None  # offset in the canonical text where the reference mark sits


@dataclass(frozen=True, slots=True)
class Revision:
    """An unresolved tracked change. Insertions are in the text (``start``/``end``); deletions are not."""

    kind: Literal["insertion", "deletion"]
    text: str
    author: str | None = None
    date: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered or headed unit of the contract. ``start``/``end`` cover its heading and its body."""

    # Internal and unique within the document: the citation when there is one ("12.3(b)"), else "s<index>";
    # a number printed twice (a schedule restarting at "1.") gets a "#2" suffix. Never shown to a reader.
    id: str
    number: str | None  # exactly as printed: "12", "12.3", "(b)", "Article IV", "Schedule 2"
    heading: str | None
    level: int
    start: int
    end: int
    page: int
    parent: str | None = None
    citation: str | None = None  # the printed number with its parents': "(b)" under "12.3" is "12.3(b)"

    @property
    def label(self) -> str:
        """How a lawyer would cite it: '§12.3 Service Credits', 'Schedule 2', or the heading alone."""
        cited = self.citation or self.number
        if cited and self.heading:
            return f"{cited} {self.heading}"
        return cited or self.heading or ""


@dataclass(frozen=True)
class Document:
    source: SourceInfo
    text: str
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    line_boxes: tuple[LineBox, ...] = ()
    notes: tuple[Note, ...] = ()
    revisions: tuple[Revision, ...] = ()
    warnings: tuple[str, ...] = ()
    _page_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _box_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_page_starts", tuple(p.start for p in self.pages))
        object.__setattr__(self, "_box_starts", tuple(b.start for b in self.line_boxes))

    @property
    def has_unresolved_revisions(self) -> bool:
        return bool(self.revisions)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset``."""
        if not self.pages:
            return 1
        index = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(index, 0)].number

    def pages_of(self, start: int, end: int) -> tuple[int, ...]:
        first, last = self.page_at(start), self.page_at(max(start, end - 1))
        return tuple(range(first, last + 1))

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset``."""
        best: Section | None = None
        for section in self.sections:
            if section.start <= offset < section.end and (best is None or section.level >= best.level):
                best = section
        return best

    def section_path(self, offset: int) -> tuple[Section, ...]:
        """Outermost-first chain of sections containing ``offset``."""
        return tuple(
            sorted(
                (s for s in self.sections if s.start <= offset < s.end),
                key=lambda s: (s.level, s.start),
            )
        )

    def boxes(self, start: int, end: int) -> Iterator[LineBox]:
        """PDF line boxes overlapping ``[start, end)`` (empty for DOCX and text sources)."""
        # Boxes are in text order and do not overlap, so only those starting before ``end`` can qualify.
        first = max(bisect.bisect_right(self._box_starts, start) - 1, 0)
        for box in self.line_boxes[first:]:
            if box.start >= end:
                break
            if start < box.end:
                yield box
