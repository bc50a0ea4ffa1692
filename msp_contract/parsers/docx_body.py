"""The document body in reading order: paragraphs (numbered as printed, with heading hints) and tables.

Each paragraph becomes one block; each table goes through ``TextBuilder.add_table`` with every merged cell
once. Numbering counters advance in document order, including inside table cells, as Word counts them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import ResourceLimitError
from ..limits import Limits
from ..model import BlockKind, Revision
from .builder import TextBuilder
from .docx_numbering import ListLabel, Numbering
from .docx_package import w, wattr
from .docx_styles import Styles, num_ref, outline_level
from .docx_text import Deletion, InlineWalker, ParagraphText, normalize_text, normalize_with_offsets

_DOTTED_DECIMAL = re.compile(r"\d{1,4}(?:\.\d{1,4})*")
_BLOCK_WRAPPERS = {w("customXml"), w("ins"), w("moveTo"), w("sdtContent")}
_TIME_CHECK_EVERY = 64  # paragraphs between two looks at the clock


@dataclass
class Para:
    """A paragraph's final text (number prefix included) with positions relative to that text."""

    text: str
    number: str | None = None
    kind: BlockKind = "paragraph"
    heading_level: int | None = None
    bold: bool = False
    insertions: list[tuple[int, int, str | None, str | None]] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    anchors: list[tuple[str, str, int]] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)  # text boxes, read after the paragraph

    def absorb(self, other: Para, separator: str = " ") -> None:
        """Append ``other`` (a later paragraph of the same table cell), shifting its positions."""
        if not other.text:
            self.deletions += other.deletions
            self.anchors += [(k, i, len(self.text)) for k, i, _ in other.anchors]
            return
        shift = len(self.text) + len(separator) if self.text else 0
        self.text = f"{self.text}{separator}{other.text}" if self.text else other.text
        self.insertions += [(s + shift, e + shift, a, d) for s, e, a, d in other.insertions]
        self.deletions += other.deletions
        self.anchors += [(k, i, o + shift) for k, i, o in other.anchors]


@dataclass
class _Cell:
    col: int
    span: int
    merge: str | None  # None, "restart" or "continue" (w:vMerge)
    content: Para


def structure_hint(number: str | None) -> str | None:
    """The ``number=`` hint for the builder: only dotted decimals ("1", "12.3", "4.2.1").

    structure.py ranks a hinted number by its dots alone, so a hinted "(a)", "a." or "Article IV" would
    rank like "1" and close the clause it belongs to (or, for "Article", fail to contain its clauses).
    Those markers are left for it to read from the prefixed text, where its own patterns nest them
    correctly ("1.1(a)"). The full printed label is always in the text either way.
    """
    return number if number is not None and _DOTTED_DECIMAL.fullmatch(number) else None


class BodyWalker:
    def __init__(
        self, builder: TextBuilder, styles: Styles, numbering: Numbering, path: Path, limits: Limits
    ):
        self.builder, self.styles, self.numbering = builder, styles, numbering
        self.path, self.limits = path, limits
        self.inline = InlineWalker()
        self.anchors: dict[tuple[str, str], int] = {}  # (note kind, id) → canonical offset
        self.toc_paragraphs = 0
        self._started = time.monotonic()
        self._count = 0

    # -- blocks --------------------------------------------------------------------------------------------
    def walk(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p") and self._is_toc(child):
                self.inline.paragraph(child)  # read for its field characters only: the TOC field spans it
                self.toc_paragraphs += 1
            elif tag == w("p"):
                para = self.paragraph(child)
                self._emit(para)
                for box in para.boxes:
                    self.walk(box)
            elif tag == w("tbl"):
                self._table(child)
            elif tag in _BLOCK_WRAPPERS or tag == w("sdt"):
                self.walk(child)

    def _is_toc(self, p: etree._Element) -> bool:
        """A table-of-contents line. It repeats clause numbers and headings with page numbers, so quoting
        it as evidence ("Service Credits ..... 12") would claim a clause that the TOC only names."""
        style_el = p.find(f"{w('pPr')}/{w('pStyle')}")
        return self.styles.is_toc(wattr(style_el, "val") if style_el is not None else None)

    def paragraph(self, p: etree._Element) -> Para:
        self._tick()
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = wattr(style_el, "val") if style_el is not None else None
        raw = self.inline.paragraph(p)
        label = self._label(ppr, style_id, raw.raw)
        prefix = (
            f"{label.printed}{'' if label.suffix == 'nothing' else ' '}" if label and label.number else ""
        )
        if not raw.insertions and not raw.anchors:  # the common case needs no offset map
            para = Para(normalize_text(prefix + raw.raw), label.number if label else None)
        else:
            para = self._located(prefix, raw, label)
        para.deletions, para.boxes = raw.deletions, raw.boxes
        para.heading_level = self._heading_level(ppr, style_id)
        para.kind = (
            "heading" if para.heading_level else "list_item" if label and not label.number else "paragraph"
        )
        visible = len(raw.raw) - raw.raw.count(" ")  # bold_chars counts the same way: no spaces
        para.bold = visible > 0 and (raw.bold_chars >= visible or self.styles.bold(style_id))
        return para

    @staticmethod
    def _located(prefix: str, raw: ParagraphText, label: ListLabel | None) -> Para:
        """A paragraph whose insertions and note references must be mapped to final offsets."""
        text, offsets = normalize_with_offsets(prefix + raw.raw)
        shift = len(prefix)
        para = Para(text, label.number if label else None)
        para.insertions = [
            (offsets[i.start + shift], offsets[i.end + shift], i.author, i.date) for i in raw.insertions
        ]
        para.anchors = [(kind, note_id, offsets[pos + shift]) for kind, note_id, pos in raw.anchors]
        return para

    def _label(self, ppr: etree._Element | None, style_id: str | None, raw: str) -> ListLabel | None:
        target = self.numbering.resolve(num_ref(ppr), style_id)
        if target is None:
            return None
        if not raw.strip() and _mark_deleted(ppr):
            return None  # a deleted numbered paragraph no longer takes a number
        return self.numbering.next_label(*target)

    def _heading_level(self, ppr: etree._Element | None, style_id: str | None) -> int | None:
        direct = outline_level(ppr)
        if direct is not None:  # a direct outline level wins over the style's, "9" means body text
            return direct + 1 if 0 <= direct <= 8 else None
        return self.styles.heading_level(style_id)

    def _emit(self, para: Para) -> None:
        span = self.builder.add_block(
            para.text,
            kind=para.kind,
            number=structure_hint(para.number),
            heading_level=para.heading_level,
            bold=para.bold,
        )
        start = span[0] if span and span[1] - span[0] == len(para.text) else None
        self._record(para, start)

    def _record(self, para: Para, start: int | None) -> None:
        """Revisions and note anchors of an emitted paragraph or cell, in canonical offsets."""
        revisions = self.builder.revisions
        for s, e, author, date in para.insertions:
            if start is not None and e > s:
                revisions.append(Revision("insertion", para.text[s:e], author, date, start + s, start + e))
            else:  # text normalized away, or the cell was dropped: keep the change, without a location
                revisions.append(Revision("insertion", para.text[s:e], author, date))
        revisions += [Revision("deletion", d.text, d.author, d.date) for d in para.deletions]
        for kind, note_id, offset in para.anchors:
            anchor = start + offset if start is not None else self.builder.length
            self.anchors.setdefault((kind, note_id), anchor)

    # -- tables --------------------------------------------------------------------------------------------
    def _table(self, tbl: etree._Element) -> None:
        rows_xml = _children(tbl, w("tr"))
        if rows_xml and all(len(_children(tr, w("tc"))) == 1 for tr in rows_xml):
            # A one-column table is a frame drawn around prose (cover pages, notices, boxed clauses), not
            # data: its paragraphs are read as body paragraphs so headings and clause numbers inside count.
            for tr in rows_xml:
                for tc in _children(tr, w("tc")):
                    self.walk(tc)
            return
        grid = [self._row(tr) for tr in rows_xml]
        rows: list[list[tuple[str, int, int]]] = []
        contents: list[list[Para]] = []
        for r, row in enumerate(grid):
            rows.append([])
            contents.append([])
            for cell in row:
                if cell.merge == "continue" and _continues(grid, r, cell):
                    continue
                rows[-1].append((cell.content.text, _row_span(grid, r, cell), cell.span))
                contents[-1].append(cell.content)
        table = self.builder.add_table(rows)
        by_row: dict[int, list[int]] = {}
        for table_cell in table.cells if table else ():
            by_row.setdefault(table_cell.row, []).append(table_cell.start)
        for r, paras in enumerate(contents):
            starts = by_row.get(r, [])
            for k, para in enumerate(paras):
                self._record(para, starts[k] if k < len(starts) else None)

    def _row(self, tr: etree._Element) -> list[_Cell]:
        trpr = tr.find(w("trPr"))
        before = trpr.find(w("gridBefore")) if trpr is not None else None
        col = _int(wattr(before, "val")) if before is not None else 0
        cells: list[_Cell] = [_Cell(0, col, None, Para(""))] if col > 0 else []
        for tc in _children(tr, w("tc")):
            tcpr = tc.find(w("tcPr"))
            span_el = tcpr.find(w("gridSpan")) if tcpr is not None else None
            merge_el = tcpr.find(w("vMerge")) if tcpr is not None else None
            span = max(_int(wattr(span_el, "val")) if span_el is not None else 1, 1)
            merge = (
                None
                if merge_el is None
                else ("restart" if wattr(merge_el, "val") == "restart" else "continue")
            )
            cells.append(_Cell(col, span, merge, self._cell_content(tc)))
            col += span
        return cells

    def _cell_content(self, container: etree._Element) -> Para:
        """All paragraphs of a cell joined by a space; nested tables are flattened into the cell, row-major."""
        content = Para("")
        for child in container:
            tag = child.tag
            if tag == w("p"):
                para = self.paragraph(child)
                content.absorb(para)
                for box in para.boxes:
                    content.absorb(self._cell_content(box))
            elif tag in {w("tbl"), w("tr"), w("tc"), w("sdt")} or tag in _BLOCK_WRAPPERS:
                content.absorb(self._cell_content(child))
        return content

    def _tick(self) -> None:
        self._count += 1
        if self._count % _TIME_CHECK_EVERY == 0 and self.limits.out_of_time(self._started):
            raise ResourceLimitError(
                self.path,
                f"parsing took over {self.limits.timeout_seconds:g} s (timeout_seconds)",
                "raise the limit for very large documents",
            )


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    """``tag`` children, looking through content controls and custom XML that may wrap rows or cells."""
    found: list[etree._Element] = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _BLOCK_WRAPPERS or child.tag == w("sdt"):
            found += _children(child, tag)
    return found


def _continues(grid: list[list[_Cell]], r: int, cell: _Cell) -> bool:
    """A vMerge continuation only merges if the row above has a cell starting in the same grid column."""
    return r > 0 and any(c.col == cell.col and c.merge is not None for c in grid[r - 1])


def _row_span(grid: list[list[_Cell]], r: int, cell: _Cell) -> int:
    if cell.merge != "restart":
        return 1
    span = 1
    for row in grid[r + 1 :]:
        if not any(c.col == cell.col and c.merge == "continue" for c in row):
            break
        span += 1
    return span


def _mark_deleted(ppr: etree._Element | None) -> bool:
    rpr = ppr.find(w("rPr")) if ppr is not None else None
    return rpr is not None and rpr.find(w("del")) is not None


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
