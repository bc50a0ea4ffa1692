"""Text drawn at a quarter turn (margin stamps, landscape tables on portrait pages).

The fast path in pdf_layout assumes text runs left to right; a rotated run there falls apart into
one-letter words stacked down the page. When a page shows that symptom and pdfium reports rotated
characters, the page's words are rebuilt here: every character box is turned into its run's own reading
frame (text running +x, lines going down), words and lines are built there as usual, and each word keeps
its box on the page for the line boxes. It costs one more C call per character, so only suspicious pages
pay it.
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2.raw as pdfium_c

from ..model import BBox
from .builder import normalize_chars
from .pdf_layout import SEPARATORS, WORD_GAP, Fonts, Word, page_chars

_QUARTER = math.pi / 2


def has_rotated_text(textpage: object, words: list[Word]) -> bool:
    """Many one-letter words, and pdfium says at least one of them is turned."""
    singles = [w for w in words if len(w.text) == 1]
    if len(singles) < 10 or 4 * len(singles) < len(words):
        return False
    return any(_quarter(textpage, w.index) for w in singles[:: max(len(singles) // 20, 1)])


def _quarter(textpage: object, index: int) -> int:
    angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
    return round(angle / _QUARTER) % 4 if angle >= 0 else 0


def _to_frame(quarter: int, x: float, y: float) -> tuple[float, float]:
    """A point in PDF space (y up) → the run's reading frame, where text runs +x and lines go down (-y).

    pdfium's angle 3 (270 degrees) is text reading upwards, 1 reading downwards, 2 upside down.
    """
    if quarter == 3:
        return y, -x
    if quarter == 1:
        return -y, x
    if quarter == 2:
        return -x, -y
    return x, y


def rotated_words(textpage: object, page_height: float, left: float) -> list[Word]:
    """All words of the page, each in its own frame (``Word.quarter``) with its page box kept."""
    chars = page_chars(textpage)
    rect = pdfium_c.FS_RECTF()
    fonts = Fonts(textpage)
    words: list[Word] = []
    run: list[
        tuple[int, float, float, float, float, BBox]
    ] = []  # index, frame box (x0, top, x1, bottom), page box
    quarter = 0

    def close() -> None:
        raw = chars[run[0][0] : run[-1][0] + 1]
        text = normalize_chars(raw).replace("\n", "")
        if text.strip():
            size, bold = fonts.style(run[0][0])
            page = (
                min(c[5][0] for c in run),
                min(c[5][1] for c in run),
                max(c[5][2] for c in run),
                max(c[5][3] for c in run),
            )
            frame = (
                min(c[1] for c in run),
                min(c[2] for c in run),
                max(c[3] for c in run),
                max(c[4] for c in run),
            )
            words.append(Word(text, *frame, size, bold, raw.endswith("\u00ad"), run[0][0], quarter, page))
        run.clear()

    for index, ch in enumerate(chars):
        if ch in SEPARATORS:
            if run:
                close()
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(rect))
        turn = _quarter(textpage, index)
        (ax, ay), (bx, by) = _to_frame(turn, rect.left, rect.top), _to_frame(turn, rect.right, rect.bottom)
        # Top-left convention in the frame, like the fast path (top = -y).
        box = (min(ax, bx), -max(ay, by), max(ax, bx), -min(ay, by))
        page_box = (rect.left - left, page_height - rect.top, rect.right - left, page_height - rect.bottom)
        if run:
            prev = run[-1]
            height = prev[4] - prev[2]
            gap = box[0] - prev[3]
            if (
                turn != quarter
                or gap < -height
                or abs(box[1] - prev[2]) > 0.3 * height
                or gap > WORD_GAP * height
            ):
                close()
        if not run:
            quarter = turn
        run.append((index, *box, page_box))
    if run:
        close()
    return words
