"""pdfium characters → words → lines in reading order, from coordinates alone.

Content-stream order is not reading order: EDGAR renders put a column of clause numbers apart from the text,
and two-column pages interleave. So we read every character's box once through pdfium's raw C API (the
measured fast path: a few ms per page, against ~80 ms for pdfplumber), group characters into words, cluster
words into lines by vertical overlap, then order the lines, splitting a page region into columns only when a
clear gutter with text on both sides runs down several lines.

Coordinates here are PDF points with the origin at the top-left of the page (pdfplumber's convention).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from ..model import BBox
from .builder import normalize_chars

# Characters that separate words. pdfium emits its own generated spaces and CR/LF between lines; NBSP is
# the space character in many EDGAR renders.
SEPARATORS = frozenset(" \t\r\n\x0b\x0c\u00a0\u2007\u2009\u202f\u3000")
_BOLD_WEIGHT = 600
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_VOID = ctypes.c_void_p
# Characters normalize_chars changes inside a word (separators never reach a word).
_SPECIAL = (
    frozenset("\u200b\u00ad\ufeff\ufffe")
    | {chr(c) for c in range(0xFB00, 0xFB07)}
    | {chr(c) for c in range(32)}
) - SEPARATORS
# A gap wider than this share of the line height between two glyphs is a space even where pdfium put none
WORD_GAP = 0.1
# ... and a smaller gap after a clause number ("11.9SEV" is "11.9 SEV" drawn with a tight tab)
_NUMBER_GAP = 0.03
_NUMBER_END = frozenset("0123456789.)")


@dataclass(slots=True)
class Word:
    text: str  # normalized with normalize_chars
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    soft_break: bool = False  # ended with a soft hyphen: join to the next line without space or hyphen
    index: int = 0  # pdfium index of the first character
    quarter: int = 0  # quarter turns of the text direction; rotated words keep coordinates in their own frame
    page_box: BBox | None = None  # where a rotated word sits on the page

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Line:
    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    text: str = ""
    size: float = 0.0  # font size of most characters
    bold: float = 0.0  # share of characters in a bold face
    soft_break: bool = False

    def finish(self) -> Line:
        """Compute the line's box, text and font cues from its words (sorted left to right)."""
        words = self.words
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.text = " ".join(w.text for w in words)
        total = sum(len(w.text) for w in words) or 1
        self.bold = sum(len(w.text) for w in words if w.bold) / total
        sizes: dict[float, int] = {}
        for w in words:
            sizes[w.size] = sizes.get(w.size, 0) + len(w.text)
        self.size = max(sizes, key=sizes.__getitem__)
        self.soft_break = words[-1].soft_break
        return self

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def box(self) -> BBox:
        """The line's box on the page (rotated lines are laid out in their own reading frame)."""
        boxes = [w.page_box for w in self.words if w.page_box is not None]
        if not boxes:
            return (self.x0, self.top, self.x1, self.bottom)
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def page_chars(textpage: object) -> str:
    """The page's characters, one per pdfium char index (GetText in one call; per-char only if misaligned)."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # Surrogate pairs or excluded chars shift GetText's output against the char indices: ask per char.
    get = pdfium_c.FPDFText_GetUnicode
    return "".join(chr(get(textpage, i)) if 0 < get(textpage, i) < 0x110000 else " " for i in range(count))


class Fonts:
    """Font size and bold flag of a character, cached per text object and per font.

    A text object has one font and size, and a page has far fewer of them than words, so most words cost a
    single C call. Bold is the font's weight when it says >= 600, else a 'Bold'/'Black' font name: on CUAD
    the name alone marks more bold text than the weight does.
    """

    def __init__(self, textpage: object) -> None:
        self.textpage = textpage
        self.objects: dict[int | None, tuple[float, bool]] = {}
        self.fonts: dict[int | None, bool] = {}
        self.name = ctypes.create_string_buffer(128)

    def style(self, index: int) -> tuple[float, bool]:
        obj = pdfium_c.FPDFText_GetTextObject(self.textpage, index)
        key = _VOID.from_buffer(obj).value if obj else None
        found = self.objects.get(key)
        if found is None:
            size = round(pdfium_c.FPDFText_GetFontSize(self.textpage, index), 1)
            found = self.objects[key] = (size, self._bold(obj))
        return found

    def _bold(self, obj: object) -> bool:
        font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
        if not font:
            return False
        key = _VOID.from_buffer(font).value
        bold = self.fonts.get(key)
        if bold is None:
            length = pdfium_c.FPDFFont_GetBaseFontName(font, self.name, 128)
            name = self.name.raw[: max(length - 1, 0)].decode("latin-1").lower()
            bold = pdfium_c.FPDFFont_GetWeight(font) >= _BOLD_WEIGHT or any(m in name for m in _BOLD_NAMES)
            self.fonts[key] = bold
        return bold


def extract_words(textpage: object, page_height: float, left: float = 0.0) -> tuple[list[Word], int]:
    """Words of a page from per-character loose boxes, plus the number of non-space characters.

    Loose boxes span the font's ascent to descent, so every character of a line shares top and bottom, which
    makes line clustering exact for one font and tolerant for mixed ones.
    """
    chars = page_chars(textpage)
    # Most pages need no character mapping; checking once per page saves a call per word.
    plain = not any(ch in _SPECIAL for ch in chars)
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    fonts = Fonts(textpage)
    words: list[Word] = []
    first = last = -1
    x0 = top = x1 = bottom = 0.0
    ink = 0

    def close() -> None:
        raw = chars[first : last + 1]
        text = raw if plain else normalize_chars(raw).replace("\n", "")
        if text.strip():
            size, bold = fonts.style(first)
            words.append(
                Word(
                    text,
                    x0 - left,
                    page_height - top,
                    x1 - left,
                    page_height - bottom,
                    size,
                    bold,
                    raw.endswith("\u00ad"),
                    first,
                )
            )

    for index, ch in enumerate(chars):
        if ch in SEPARATORS:
            if first >= 0:
                close()
                first = -1
            continue
        get_box(textpage, index, ref)
        x_left, t, r, b = rect.left, rect.top, rect.right, rect.bottom
        ink += 1
        if first >= 0:
            height = top - bottom
            # A jump back, up/down, or a wide gap starts a new word even where pdfium inserted no space.
            gap = x_left - x1
            if (
                gap < -height
                or abs(t - top) > height * 0.3
                or gap > height * WORD_GAP
                or (gap > height * _NUMBER_GAP and chars[last] in _NUMBER_END and ch.isalpha())
            ):
                close()
                first = -1
        if first < 0:
            first, x0, top, x1, bottom = index, x_left, t, r, b
        else:
            # Plain comparisons: this loop runs once per character, builtins max/min cost more.
            if r > x1:
                x1 = r
            if t > top:
                top = t
            if b < bottom:
                bottom = b
        last = index
    if first >= 0:
        close()
    return words, ink


def cluster_lines(words: list[Word]) -> list[Line]:
    """Group words whose vertical centres fall inside one band into lines, top to bottom, words left to right.

    A clause number drawn apart from its text ("1." … "Overview") shares the band, so it rejoins its line.
    """
    if not words:
        return []
    ordered = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    bands: list[list[Word]] = []
    band_top = band_bottom = 0.0
    for word in ordered:
        centre = (word.top + word.bottom) / 2
        if bands and band_top <= centre <= band_bottom:
            bands[-1].append(word)
            continue
        bands.append([word])
        band_top, band_bottom = word.top, word.bottom
    lines = []
    for band in bands:
        band.sort(key=lambda w: w.x0)
        kept = [band[0]]
        for word in band[1:]:
            prev = kept[-1]
            # Fake bold: the same word printed twice at a tiny offset.
            if word.text == prev.text and abs(word.x0 - prev.x0) < 1.5 and abs(word.top - prev.top) < 1.5:
                continue
            kept.append(word)
        lines.append(Line(kept).finish())
    return lines


def gap_threshold(line: Line) -> float:
    """The smallest gap between two words of a line that is more than a word space (a column or cell gap)."""
    return max(0.9 * line.height, 8.0)


def _find_gutter(lines: list[Line]) -> float | None:
    """x of a column gutter shared by at least three lines with several words on both sides, else None."""
    if len(lines) < 3:
        return None
    left_edge = min(line.x0 for line in lines)
    right_edge = max(line.x1 for line in lines)
    span = right_edge - left_edge
    gaps: list[tuple[float, float]] = []
    for line in lines:
        words = line.words
        threshold = gap_threshold(line)
        for i in range(2, len(words) - 2):
            a, b = words[i].x1, words[i + 1].x0
            if b - a >= threshold and left_edge + 0.25 * span <= (a + b) / 2 <= left_edge + 0.75 * span:
                gaps.append((a, b))
    best, best_count = None, 0
    for a, b in gaps:
        mid = (a + b) / 2
        count = sum(1 for c, d in gaps if c <= mid <= d)
        if count > best_count:
            best, best_count = mid, count
    return best if best_count >= 3 else None


def _split_at(line: Line, gutter: float) -> tuple[Line | None, Line | None] | None:
    """The line's parts left and right of the gutter, or None when the line runs across it."""
    left = [w for w in line.words if w.x1 <= gutter]
    right = [w for w in line.words if w.x0 >= gutter]
    if len(left) + len(right) != len(line.words):
        return None  # a word straddles the gutter
    if left and right and right[0].x0 - left[-1].x1 < gap_threshold(line):
        return None  # an ordinary word space that happens to sit on the gutter
    return (Line(left).finish() if left else None, Line(right).finish() if right else None)


def _has_gap(line: Line) -> bool:
    threshold = gap_threshold(line)
    return any(b.x0 - a.x1 >= threshold for a, b in zip(line.words, line.words[1:], strict=False))


def _reads_as_columns(pairs: list[tuple[Line, Line]]) -> bool:
    """Side-by-side text (two columns, notice addresses, signature blocks), not an unruled table.

    A table or a form read column by column would lose its rows, so we keep row order for labels and their
    values, when a side is mostly one-word or numeric cells, or when a side is itself cut by further gaps
    (more than two columns).
    """
    n = len(pairs)
    if _is_form(pairs):
        return False
    for side in (0, 1):
        parts = [pair[side] for pair in pairs]
        if sum(len(p.words) for p in parts) < 2 * n:
            return False
        if sum(1 for p in parts if not any(c.isalpha() for c in p.text)) * 2 > n:
            return False
        if sum(1 for p in parts if _has_gap(p)) * 2 > n:
            return False
    return True


def _is_form(pairs: list[tuple[Line, Line]]) -> bool:
    """Labels on the left and their values on the right ("Termination Date: | 1 April 2009", as term sheets,
    order forms and trade confirmations print them): read column by column, every value would lose its
    label. Most left parts end with a colon; the right parts do not (side-by-side "Name:" blocks do)."""
    labels = sum(1 for left, _ in pairs if left.text.rstrip().endswith(":"))
    values = sum(1 for _, right in pairs if right.text.rstrip().endswith(":"))
    return labels * 2 > len(pairs) and values * 2 <= len(pairs)


def order_lines(lines: list[Line]) -> list[list[Line]]:
    """Lines (sorted top to bottom) as flows in reading order; a block never spans two flows.

    A run of lines that all keep clear of one gutter, with at least three of them holding text on both
    sides, is read as two columns (left flow, then right flow); everything else is read row by row.
    """
    gutter = _find_gutter(lines)
    if gutter is None:
        return [lines] if lines else []
    flows: list[list[Line]] = []
    rows: list[Line] = []
    region: list[tuple[Line, tuple[Line | None, Line | None]]] = []

    def close_region() -> None:
        nonlocal rows
        # Lines above the first two-sided line belong to the text before (a paragraph's short last line).
        while region and (region[0][1][0] is None or region[0][1][1] is None):
            rows.append(region.pop(0)[0])
        split = [(a, b) for _, (a, b) in region if a is not None and b is not None]
        if len(split) >= 3 and _reads_as_columns(split):
            if rows:
                flows.append(rows)
                rows = []
            flows.append([a for _, (a, _b) in region if a is not None])
            flows.append([b for _, (_a, b) in region if b is not None])
        else:
            rows.extend(line for line, _ in region)
        region.clear()

    for line in lines:
        parts = _split_at(line, gutter)
        if parts is None:
            close_region()
            rows.append(line)
        else:
            region.append((line, parts))
    close_region()
    if rows:
        flows.append(rows)
    return [flow for flow in flows if flow]
