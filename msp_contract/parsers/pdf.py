"""PDF → canonical text with pages, blocks, line boxes and ruled tables.

pypdfium2 is the engine: one pass over each page's character boxes (pdf_layout), a cheap scan of its vector
paths that decides whether pdfplumber should look for a ruled table (pdf_tables), then paragraphs
(pdf_blocks). Running headers, footers and page numbers are found across pages and kept out of the text, in
``Page.furniture``. Every failure of pdfium or pdfminer on bad input becomes a typed error naming the file.

Page breaks end blocks (the builder records one page per block and per line box), but nothing is put between
the last block of one page and the first of the next, so a sentence cut by a page break reads on after a
single newline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFileError, EncryptedFileError, NoTextLayerError, ResourceLimitError
from ..limits import Limits
from .builder import TextBuilder
from .pdf_blocks import Metrics, block_text, measure, paragraphs
from .pdf_furniture import furniture_lines
from .pdf_layout import Line, Word, cluster_lines, extract_words, order_lines
from .pdf_rotated import has_rotated_text, rotated_words
from .pdf_tables import TableFinder, TableGrid, grid_rows, scan_objects, text_fits


@dataclass
class _Table:
    grid: TableGrid
    lines: list[Line]


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[Line]  # top to bottom, tables' text excluded
    tables: list[_Table] = field(default_factory=list)
    ink: int = 0
    has_image: bool = False
    furniture: list[str] = field(default_factory=list)
    rotated: list[list[Line]] = field(default_factory=list)  # flows of text drawn at a quarter turn


def parse_pdf(path: Path, data: bytes, limits: Limits) -> TextBuilder:
    """Read a PDF held in ``data``; raise a typed error for encrypted, corrupt, text-less or oversized files."""
    builder = TextBuilder()
    pages = _read_document(path, data, limits, builder.warnings)
    if not any(page.ink for page in pages):
        raise NoTextLayerError(path, "", "run OCR first, e.g. ocrmypdf")
    _remove_furniture(pages)
    _emit(pages, builder)
    return builder


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    # A file cut short loses its trailer; pdfium would silently rebuild whatever pages survive.
    if b"%%EOF" not in data[-4096:]:
        raise CorruptFileError(path, "no end-of-file marker, the file looks truncated", "download it again")
    try:
        return pdfium.PdfDocument(data)  # pdfium tries the empty user password itself
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFileError(path, "", "ask the sender for a copy without a password") from exc
        raise CorruptFileError(path, str(exc), "re-export or download the PDF again") from exc


def _read_document(path: Path, data: bytes, limits: Limits, warnings: list[str]) -> list[_Page]:
    document = _open(path, data)
    finder = TableFinder(data)
    started = time.monotonic()
    try:
        count = len(document)
        if count > limits.max_pages:
            raise ResourceLimitError(
                path, f"{count:,} pages > max_pages {limits.max_pages:,}", "raise the limit"
            )
        pages = []
        for index in range(count):
            if limits.out_of_time(started):
                raise ResourceLimitError(
                    path,
                    f"parsing took over {limits.timeout_seconds:g} s (stopped at page {index + 1})",
                    "raise Limits.timeout_seconds or split the file",
                )
            pages.append(_read_page(path, document, index, finder, warnings))
        return pages
    finally:
        finder.close()
        document.close()


def _read_page(
    path: Path, document: pdfium.PdfDocument, index: int, finder: TableFinder, warnings: list[str]
) -> _Page:
    try:
        page = document[index]
        try:
            left, bottom, right, top = page.get_mediabox()
            textpage = page.get_textpage()
            try:
                words, ink = extract_words(textpage.raw, top, left)
                if has_rotated_text(textpage.raw, words):
                    words = rotated_words(textpage.raw, top, left)
            finally:
                textpage.close()
            objects = scan_objects(page.raw)
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(path, f"page {index + 1} cannot be read ({exc})", "re-export the PDF") from exc
    result = _Page(index + 1, right - left, top - bottom, [], ink=ink, has_image=objects.has_image)
    grids: list[TableGrid] = []
    if ink and objects.may_have_grid:
        grids = _find_tables(finder, index, warnings)
    result.lines, result.tables = _split_tables([w for w in words if not w.quarter], grids)
    for quarter in (1, 2, 3):
        turned = [w for w in words if w.quarter == quarter]
        result.rotated.extend(order_lines(cluster_lines(turned)) if turned else [])
    if not ink and objects.has_image:
        warnings.append(
            f"page {index + 1} is an image without a text layer; run OCR (e.g. ocrmypdf) to read it"
        )
    return result


def _split_tables(words: list[Word], grids: list[TableGrid]) -> tuple[list[Line], list[_Table]]:
    """Page lines without the tables' text, and the tables whose text really sits in their cells."""
    inside: list[list[Word]] = [[] for _ in grids]
    body: list[Word] = []
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        hit = next(
            (i for i, g in enumerate(grids) if g.bbox[0] <= cx <= g.bbox[2] and g.bbox[1] <= cy <= g.bbox[3]),
            None,
        )
        (body if hit is None else inside[hit]).append(word)
    tables = []
    for grid, table_words in zip(grids, inside, strict=True):
        if text_fits(grid, table_words):
            tables.append(_Table(grid, cluster_lines(table_words)))
        else:
            body.extend(table_words)
    return cluster_lines(body), tables


def _find_tables(finder: TableFinder, index: int, warnings: list[str]) -> list[TableGrid]:
    try:
        return finder.find(index)
    except (
        Exception
    ) as exc:  # pdfminer raises many unrelated types on odd input; text still comes from pdfium
        warnings.append(
            f"page {index + 1}: table detection failed ({type(exc).__name__}); tables read as text"
        )
        return []


def _remove_furniture(pages: list[_Page]) -> None:
    """Drop running headers/footers and page numbers from the lines, keeping their text in ``furniture``."""
    for page, drop in zip(pages, furniture_lines([page.lines for page in pages]), strict=True):
        page.furniture = [page.lines[i].text for i in sorted(drop)]
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]


def _layout(page: _Page) -> list[list[Line] | _Table]:
    """The page as flows of lines and tables in reading order; each table cuts the flows at its top."""
    tables = sorted(page.tables, key=lambda t: t.grid.bbox[1])
    chunks: list[list[Line]] = [[] for _ in range(len(tables) + 1)]
    for line in page.lines:
        chunks[sum(1 for t in tables if t.grid.bbox[1] <= line.top)].append(line)
    items: list[list[Line] | _Table] = []
    for i, chunk in enumerate(chunks):
        items.extend(order_lines(chunk))
        if i < len(tables):
            items.append(tables[i])
    return items


def _emit(pages: list[_Page], builder: TextBuilder) -> None:
    layouts = [_layout(page) for page in pages]
    metrics = measure([item for items in layouts for item in items if isinstance(item, list)])
    for page, items in zip(pages, layouts, strict=True):
        builder.start_page(
            page.number,
            page.width,
            page.height,
            image_only=not page.ink and page.has_image,
            furniture=tuple(page.furniture),
        )
        for item in items:
            if isinstance(item, _Table):
                builder.add_table(grid_rows(item.grid, item.lines), bbox=item.grid.bbox)
            else:
                _add_flow(item, metrics, builder)
        for flow in page.rotated:  # after the page's upright text: its place in reading order is unknown
            _add_flow(flow, metrics, builder)


def _add_flow(flow: list[Line], metrics: Metrics, builder: TextBuilder) -> None:
    for lines in paragraphs(flow, metrics):
        block = block_text(lines, metrics)
        builder.add_block(
            block.text,
            kind="heading" if block.heading else "paragraph",
            bold=block.bold,
            font_size=block.size,
            line_bboxes=block.line_bboxes,
        )
