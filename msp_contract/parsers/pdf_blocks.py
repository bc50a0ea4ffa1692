"""Lines in reading order → paragraph blocks with heading cues, and the text the builder receives.

A block must start where a clause starts, because structure.py opens a section at a block that begins with
a clause number. So a line that begins with a number starts a block, but only where the previous line could
end a paragraph: a wrapped "... under Section" / "12.3 of this Agreement" must stay one paragraph.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from ..model import BBox
from .pdf_layout import Line, gap_threshold

_CLAUSE_START = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\.?(?=\s|[A-Z(\"“])|\d{1,3}[.)](?=\s|[A-Z])|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2}|[A-Z])\)"
    r"|(?:[a-z]|[ivx]{1,5})[.)](?=\s)|[A-Z]\.(?=\s)|§"
    r"|(?:ARTICLE|Article|SECTION|Section|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix|PART)\s+\S)"
)
_SENTENCE_END = (".", ":", ";", "!", "?", '."', ".”", ".)", "; and", "; or")


@dataclass(frozen=True, slots=True)
class Metrics:
    """Document-wide typography: what body text looks like, so headings and paragraph gaps stand out."""

    body_size: float
    body_bold: bool
    line_gap: float  # usual gap between the boxes of two lines of one paragraph


def measure(flows: list[list[Line]]) -> Metrics:
    sizes: dict[float, int] = {}
    bold_chars = total_chars = 0
    gaps: list[float] = []
    for flow in flows:
        for i, line in enumerate(flow):
            length = len(line.text)
            sizes[line.size] = sizes.get(line.size, 0) + length
            bold_chars += round(line.bold * length)
            total_chars += length
            if i:
                gap = line.top - flow[i - 1].bottom
                if -line.height < gap < 3 * line.height:
                    gaps.append(gap)
    body_size = max(sizes, key=sizes.__getitem__) if sizes else 0.0
    # The lower quartile, not the median: in lists of one-line clauses most gaps are paragraph gaps. With
    # too few lines to tell, assume ordinary single spacing.
    line_gap = statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 8 else 0.2 * body_size
    return Metrics(body_size, bold_chars > total_chars / 2, line_gap)


def _ends_sentence(line: Line) -> bool:
    return line.text.rstrip().endswith(_SENTENCE_END)


def _form_row(line: Line) -> bool:
    """A "Label: value" row of a form: a word ending in a colon, then a gap wider than a word space."""
    gap = gap_threshold(line)
    return any(a.text.endswith(":") and b.x0 - a.x1 >= gap for a, b in itertools.pairwise(line.words))


def _breaks(prev: Line, line: Line, block_len: int, column: tuple[float, float], metrics: Metrics) -> bool:
    """Does ``line`` start a new block after ``prev``? ``column`` is the flow's (left, right) extent."""
    height = min(prev.height, line.height) or 1.0
    gap = line.top - prev.bottom
    if gap > metrics.line_gap + 0.5 * height or gap < -height:
        return True
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):
        return True
    if (prev.bold >= 0.9) != (line.bold >= 0.9) and not metrics.body_bold:
        return True
    if _form_row(prev) and _form_row(line):
        return True  # each row of a form ("Initial Term: 36 months") is an entry of its own
    left, right = column
    short = prev.x1 < right - max(3 * height, 0.15 * (right - prev.x0))
    ends = _ends_sentence(prev)
    if not (ends or short):
        return False  # a full line without a full stop: the sentence runs on
    if _CLAUSE_START.match(line.text):
        return True
    # Tight layouts without paragraph spacing: a short line that ends a sentence, or a line that stops
    # well before the margin (a heading such as "2. Office Space"), ends its paragraph.
    first = line.text[:1]
    stops_early = prev.x1 < left + 0.6 * (right - left) and not prev.text.endswith((",", "-"))
    if (first.isupper() or first in '“"(') and ((short and ends) or stops_early):
        return True
    # An indent change after the block's second line: first-line indents and hanging indents both stay.
    return block_len >= 2 and abs(line.x0 - prev.x0) > 0.8 * height


def paragraphs(flow: list[Line], metrics: Metrics) -> list[list[Line]]:
    """Split one flow (a column or a full-width run of lines) into paragraphs."""
    if not flow:
        return []
    column = (min(line.x0 for line in flow), max(line.x1 for line in flow))
    blocks = [[flow[0]]]
    for line in flow[1:]:
        current = blocks[-1]
        if _breaks(current[-1], line, len(current), column, metrics):
            blocks.append([line])
        else:
            current.append(line)
    return [_hoist_marker(block) for block in blocks]


_MARKER = re.compile(r"\(?[A-Za-z0-9]{1,4}[.)]")


def _hoist_marker(lines: list[Line]) -> list[Line]:
    """Move a list marker drawn in the margin beside a later line ("A." centred on a clause) to the front.

    Some renders centre the marker vertically on its paragraph, so it lands on the second line.
    """
    if len(lines) < 2 or _CLAUSE_START.match(lines[0].text):
        return lines
    for i in range(1, len(lines)):
        words = lines[i].words
        others = min(line.x0 for j, line in enumerate(lines) if j != i)
        if len(words) > 1 and _MARKER.fullmatch(words[0].text) and words[0].x1 <= others + 1:
            first = Line([words[0], *lines[0].words]).finish()
            return [first, *lines[1:i], Line(words[1:]).finish(), *lines[i + 1 :]]
    return lines


@dataclass(frozen=True, slots=True)
class BlockText:
    text: str
    line_bboxes: list[tuple[int, BBox]]
    size: float
    bold: bool
    heading: bool


def _joiner(prev: Line, line: Line) -> str:
    """'' after a soft hyphen or a hyphenated compound split at the line end ("non-" + "exclusive")."""
    if prev.soft_break:
        return ""
    text = prev.text
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line.text[:1].isalpha():
        return ""
    return " "


def block_text(lines: list[Line], metrics: Metrics) -> BlockText:
    parts: list[str] = []
    boxes: list[tuple[int, BBox]] = []
    position = 0
    for i, line in enumerate(lines):
        if i:
            joiner = _joiner(lines[i - 1], line)
            parts.append(joiner)
            position += len(joiner)
        boxes.append((position, line.box))
        parts.append(line.text)
        position += len(line.text)
    text = "".join(parts)
    weights = [len(line.text) for line in lines]
    size = max(lines, key=lambda line: len(line.text)).size
    bold = sum(line.bold * w for line, w in zip(lines, weights, strict=True)) / (sum(weights) or 1) >= 0.9
    return BlockText(text, boxes, size, bold, _is_heading(text, len(lines), size, bold, metrics))


def _is_heading(text: str, n_lines: int, size: float, bold: bool, metrics: Metrics) -> bool:
    """Conservative: a short block clearly larger than body text, or a single bold line in non-bold body."""
    words = text.split()
    if n_lines > 2 or len(words) > 15 or text.endswith((",", ";")) or not any(c.isalpha() for c in text):
        return False
    if metrics.body_size and size >= 1.15 * metrics.body_size:
        return True
    return bold and not metrics.body_bold and n_lines == 1 and len(words) <= 10 and not text.endswith(".")
