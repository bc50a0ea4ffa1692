"""TextBuilder: the one place where parsers turn source runs into canonical text with locations.

Parsers call ``add_block`` / ``add_table`` / ``start_page`` in reading order; the builder owns character
normalization and offsets, so every parser produces text that spans index the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import (
    BBox,
    Block,
    BlockKind,
    Document,
    LineBox,
    Note,
    Page,
    Revision,
    SourceInfo,
    Table,
    TableCell,
)

# Characters that carry no meaning for a reader but break matching. U+FFFE is how pdfium marks a hyphen it
# joined at a line end: in contracts these are mostly real compounds ("non-exclusive"), so it becomes "-".
_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
        "\ufeff": "",
        "\ufffe": "-",
        "\t": " ",
        "\r": "",
        "\x0b": " ",
        "\x0c": " ",
    }
)
_LIGATURES = {chr(c) for c in range(0xFB00, 0xFB07)}


def normalize_chars(text: str) -> str:
    """Map NBSP/soft hyphens/ligatures/control characters to what a reader sees; keep everything else."""
    text = text.translate(_CHAR_MAP)
    if any(ch in _LIGATURES for ch in text):
        text = "".join(unicodedata.normalize("NFKC", ch) if ch in _LIGATURES else ch for ch in text)
    # Remaining C0 controls (except newline) are noise from broken text layers; lone surrogates (from broken
    # PDF text layers) cannot be encoded and become U+FFFD.
    return "".join(
        ch if not 0xD800 <= ord(ch) <= 0xDFFF else "\ufffd" for ch in text if ch == "\n" or ord(ch) >= 32
    )


_SPACE_RUN = re.compile(r" {2,}")


def collapse_spaces(text: str) -> str:
    """Collapse runs of spaces inside a line (PDF text layers and plain-text exports pad with them)."""
    return _SPACE_RUN.sub(" ", text).strip(" ")


@dataclass
class _PageState:
    number: int
    start: int
    width: float | None
    height: float | None
    image_only: bool = False
    furniture: tuple[str, ...] = ()


@dataclass
class TextBuilder:
    """Accumulates blocks into one canonical string. Blocks are separated by a single newline."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    line_boxes: list[LineBox] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _pages: list[Page] = field(default_factory=list)
    _page: _PageState | None = None

    # -- pages -------------------------------------------------------------------------------------------
    def start_page(
        self,
        number: int,
        width: float | None = None,
        height: float | None = None,
        *,
        image_only: bool = False,
        furniture: tuple[str, ...] = (),
    ) -> None:
        self._close_page()
        self._page = _PageState(number, self.length, width, height, image_only, furniture)

    def _close_page(self) -> None:
        if self._page is not None:
            p = self._page
            self._pages.append(
                Page(p.number, p.start, self.length, p.width, p.height, p.image_only, p.furniture)
            )
            self._page = None

    @property
    def page_count(self) -> int:
        return len(self._pages) + (1 if self._page is not None else 0)

    @property
    def page_number(self) -> int:
        return self._page.number if self._page else 1

    # -- text --------------------------------------------------------------------------------------------
    def _append(self, text: str) -> tuple[int, int]:
        if self.length:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def add_block(
        self,
        text: str,
        *,
        kind: BlockKind = "paragraph",
        number: str | None = None,
        heading_level: int | None = None,
        bold: bool = False,
        font_size: float | None = None,
        line_bboxes: list[tuple[int, BBox]] | None = None,
    ) -> tuple[int, int] | None:
        """Append one block. ``line_bboxes`` gives (offset within ``text``, bbox) for each line start.

        Returns the block's span, or None when the text is empty after normalization. The caller must pass
        text already normalized with ``normalize_chars`` if it also passes line offsets.
        """
        if line_bboxes is None:
            text = collapse_spaces(normalize_chars(text).replace("\n", " "))
        if not text.strip():
            return None
        start, end = self._append(text)
        page = self.page_number
        self.blocks.append(Block(start, end, page, kind, number, heading_level, bold, font_size))
        if line_bboxes:
            bounds = [*(off for off, _ in line_bboxes[1:]), len(text)]
            for (offset, bbox), stop in zip(line_bboxes, bounds, strict=True):
                self.line_boxes.append(LineBox(start + offset, start + stop, page, bbox))
        return start, end

    def add_table(self, rows: list[list[tuple[str, int, int]]], *, bbox: BBox | None = None) -> Table | None:
        """Append a table: one line per row, cells joined by ' | '. Each cell is (text, row_span, col_span).

        Rows list only the cells that start in that row (a merged cell appears once).
        """
        table_start: int | None = None
        cells: list[TableCell] = []
        n_cols = 0
        occupied: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            pieces: list[str] = []
            col = 0
            row_cells: list[tuple[int, int, int, int, int]] = []
            offset = 0
            for text, row_span, col_span in row:
                while (r, col) in occupied:
                    col += 1
                cell_text = collapse_spaces(normalize_chars(text).replace("\n", " "))
                if pieces:
                    offset += 3
                row_cells.append((offset, offset + len(cell_text), col, row_span, col_span))
                pieces.append(cell_text)
                offset += len(cell_text)
                for dr in range(row_span):
                    for dc in range(col_span):
                        occupied.add((r + dr, col + dc))
                col += col_span
            n_cols = max(n_cols, col)
            line = " | ".join(pieces)
            if not line.replace("|", "").strip():
                continue
            start, _ = self._append(line)
            table_start = start if table_start is None else table_start
            for cstart, cend, c, rs, cs in row_cells:
                cells.append(TableCell(start + cstart, start + cend, r, c, rs, cs))
                if cend > cstart:
                    self.blocks.append(Block(start + cstart, start + cend, self.page_number, "table_cell"))
        if table_start is None:
            return None
        n_rows = max(c.row + c.row_span for c in cells) if cells else len(rows)
        table = Table(table_start, self.length, self.page_number, n_rows, n_cols, tuple(cells), bbox)
        self.tables.append(table)
        return table

    # -- output ------------------------------------------------------------------------------------------
    def build(self, source: SourceInfo) -> Document:
        if self._page is None and not self._pages:
            self.start_page(1)
        self._close_page()
        text = "".join(self.parts)
        return Document(
            source=source,
            text=text,
            pages=tuple(self._pages),
            blocks=tuple(self.blocks),
            tables=tuple(self.tables),
            line_boxes=tuple(self.line_boxes),
            notes=tuple(self.notes),
            revisions=tuple(self.revisions),
            warnings=tuple(self.warnings),
        )
