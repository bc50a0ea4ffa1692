"""Ruled tables: a cheap pdfium gate, then pdfplumber's 'lines' table finder on the few pages that pass.

pdfplumber costs ~80 ms a page (it parses every object of the page in Python), 13x the whole pdfium path, so
it only runs where pdfium's vector paths could form a grid: at least three distinct x positions of vertical
rules and three y positions of horizontal rules. Page frames and underline rules do not pass. On 40 CUAD
PDFs (688 pages) it sent 42 pages to pdfplumber and missed none of the 21 pages where pdfplumber, run on
every page, found a real grid. pdfplumber is asked for geometry only (cell boxes); cell text comes from our
own pdfium words, so it is normalized exactly like the rest of the page.
"""

from __future__ import annotations

import contextlib
import ctypes
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pypdfium2.raw as pdfium_c

from ..model import BBox
from .pdf_layout import Line, Word

_THIN = 2.0  # a path thinner than this (points) is a rule
_MIN_RULE = 4.0  # shorter paths are glyph-like marks, not rules


@dataclass(slots=True)
class PageObjects:
    """What pdfium sees on a page besides text: rule positions and whether an image is drawn."""

    vertical_x: set[int]
    horizontal_y: set[int]
    has_image: bool = False

    @property
    def may_have_grid(self) -> bool:
        return len(self.vertical_x) >= 3 and len(self.horizontal_y) >= 3


def scan_objects(page: object) -> PageObjects:
    """Walk the page's objects (into Form XObjects, where EDGAR renders put everything) once."""
    found = PageObjects(set(), set())
    _walk([pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page))], found)
    return found


def _walk(objects: list[Any], found: PageObjects) -> None:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    stack = list(objects)
    while stack:
        obj = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            stack.extend(
                pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))
            )
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            found.has_image = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            _add_path(obj, (left.value, bottom.value, right.value, top.value), found)


def _add_path(obj: Any, bounds: tuple[float, float, float, float], found: PageObjects) -> None:
    x0, y0, x1, y1 = bounds
    width, height = x1 - x0, y1 - y0
    if width <= _THIN and height >= _MIN_RULE:
        found.vertical_x.add(round(x0))
    elif height <= _THIN and width >= _MIN_RULE:
        found.horizontal_y.add(round(y0))
    elif width > _THIN and height > _THIN:
        segments = pdfium_c.FPDFPath_CountSegments(obj)
        if segments <= 6:  # one rectangle: its four sides
            found.vertical_x.update((round(x0), round(x1)))
            found.horizontal_y.update((round(y0), round(y1)))
        else:
            _add_segments(obj, segments, found)


def _add_segments(obj: Any, count: int, found: PageObjects) -> None:
    """A grid drawn as one path: collect its axis-aligned line segments."""
    x, y = ctypes.c_float(), ctypes.c_float()
    prev: tuple[float, float] | None = None
    for i in range(min(count, 2000)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (x.value, y.value)
        if prev is not None and pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_LINETO:
            dx, dy = abs(point[0] - prev[0]), abs(point[1] - prev[1])
            if dx <= _THIN and dy >= _MIN_RULE:
                found.vertical_x.add(round(point[0]))
            elif dy <= _THIN and dx >= _MIN_RULE:
                found.horizontal_y.add(round(point[1]))
        prev = point


@dataclass(slots=True)
class TableGrid:
    """A ruled table found by pdfplumber: its box and the distinct cell boxes, top-left origin."""

    bbox: BBox
    cells: list[BBox]


class TableFinder:
    """Opens the PDF in pdfplumber lazily, the first time a page passes the gate, and reuses it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None

    def find(self, page_index: int) -> list[TableGrid]:
        if self.pdf is None:
            import pdfplumber  # imported here: most documents never need it

            self.pdf = pdfplumber.open(BytesIO(self.data))
        page = self.pdf.pages[page_index]
        try:
            tables = page.find_tables()
            return [grid for table in tables if (grid := _real_grid(table)) is not None]
        finally:
            page.close()  # pdfplumber caches parsed objects per page: 51 MB vs 576 MB peak without this

    def close(self) -> None:
        if self.pdf is not None:
            pdf, self.pdf = self.pdf, None
            # PDF.close() walks every page; on a damaged file it raises what find() already reported, and
            # there is nothing left to release (the data is an in-memory buffer).
            with contextlib.suppress(Exception):
                pdf.close()


def _real_grid(table: Any) -> TableGrid | None:
    """Keep grids of at least 2x2 with four non-empty cells; most 'lines' hits are page frames or rules."""
    rows = table.extract()
    if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2:
        return None
    filled = sum(1 for row in rows for cell in row if cell and cell.strip())
    if filled < 4:
        return None
    cells = sorted({_box(c) for c in table.cells}, key=lambda c: (c[1], c[0]))
    return TableGrid(_box(table.bbox), cells)


def _box(values: Any) -> BBox:
    x0, top, x1, bottom = (float(v) for v in values)
    return (x0, top, x1, bottom)


def _index(edges: list[float], value: float) -> int:
    """Index of the grid boundary nearest to ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def grid_rows(grid: TableGrid, lines: list[Line]) -> list[list[tuple[str, int, int]]]:
    """The table as builder rows: each cell once, in the row where it starts, with its spans.

    Cell text is the part of each line (already in reading order) whose words sit inside the cell box.
    """
    xs = sorted({round(c[0], 1) for c in grid.cells} | {round(c[2], 1) for c in grid.cells})
    ys = sorted({round(c[1], 1) for c in grid.cells} | {round(c[3], 1) for c in grid.cells})
    xs, ys = _merge_close(xs), _merge_close(ys)
    rows: list[list[tuple[int, str, int, int]]] = [[] for _ in range(max(len(ys) - 1, 1))]
    for x0, top, x1, bottom in grid.cells:
        row, col = _index(ys, top), _index(xs, x0)
        row_span = max(_index(ys, bottom) - row, 1)
        col_span = max(_index(xs, x1) - col, 1)
        text = " ".join(
            " ".join(
                w.text
                for w in line.words
                if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
            )
            for line in lines
        )
        rows[min(row, len(rows) - 1)].append((col, " ".join(text.split()), row_span, col_span))
    return [[(text, rs, cs) for _, text, rs, cs in sorted(row)] for row in rows]


def _merge_close(values: list[float], tolerance: float = 2.0) -> list[float]:
    merged: list[float] = []
    for value in values:
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged


def text_fits(grid: TableGrid, words: list[Word]) -> bool:
    """False when text flows across the grid's rules: ruled boxes around prose, not a table.

    Each word should sit inside the cell that holds its centre; a few words may touch a rule. A word in no
    cell at all means the grid is not the table's real shape.
    """
    spills = 0
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for x0, top, x1, bottom in grid.cells:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                spills += word.x0 < x0 - 2 or word.x1 > x1 + 2
                break
        else:
            return False  # inside the table's box but in no cell: the text would be lost
    return spills <= 2
