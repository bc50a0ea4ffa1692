"""Running headers, footers and page numbers: the lines a PDF repeats on its pages around the body.

A running line repeats, digits aside, near an edge of many pages. Two ways of repeating count:

* at the same height (a footer printed at the foot of each page), the usual case;
* at the same distance from the furniture line beside it, nearer the edge. EDGAR renders end each page's
  text, footer included, right after the last body line, so a footer block of several lines ("Proprietary
  and Confidential", a legend, the page number) floats up and down from page to page but keeps its own
  spacing. Such lines are peeled off from the edge inwards, one at a time, so a body line can only go if
  every line between it and the edge went too.

A line whose text was found to be furniture on enough pages is furniture wherever else it sits near the same
edge: the contents pages of a contract often carry the same footer at another spacing.
"""

from __future__ import annotations

import bisect
import re

from .pdf_layout import Line

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?(?:[-–—]\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*[-–—])?(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*\|\s*page)?$",
    re.IGNORECASE,
)
_CLAUSE_LIKE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?\s|\([a-z0-9]+\)|article|section|schedule|exhibit)", re.I)
_EDGE_LINES = 3  # lines from each edge where furniture at a fixed height is looked for
_STACK_LINES = 7  # the deepest a floating footer or header block reaches from its edge
_SAME_HEIGHT = 3.0  # points of tolerance for "the same place"
_SAME_STEP = 1.5


class _Tally:
    """For each line key, the sorted positions it was seen at: how many pages put it within a tolerance."""

    def __init__(self) -> None:
        self._seen: dict[str, list[float]] = {}

    def add(self, key: str, position: float) -> None:
        self._seen.setdefault(key, []).append(position)

    def freeze(self) -> None:
        for values in self._seen.values():
            values.sort()

    def count(self, key: str, position: float, tolerance: float) -> int:
        values = self._seen.get(key, [])
        return bisect.bisect_right(values, position + tolerance) - bisect.bisect_left(
            values, position - tolerance
        )


def _key(text: str, zone: str) -> str:
    """Digits normalized to '#', except for clause-like lines, which must repeat exactly."""
    text = " ".join(text.lower().split())
    return f"{zone}:{text if _CLAUSE_LIKE.match(text) else re.sub(r'[0-9]', '#', text)}"


def _zones(lines: list[Line], depth: int) -> list[tuple[str, list[int]]]:
    """Each edge's line indexes, from the edge inwards: where running furniture sits.

    No fixed margin: EDGAR renders often end a page's text, page number included, half way down. A short
    page is split in two halves, so its footer block is not read as its header.
    """
    top = list(range(min(depth, len(lines) // 2)))
    return [
        ("top", top),
        ("bottom", list(range(len(lines) - 1, max(len(lines) - 1 - depth, len(top) - 1), -1))),
    ]


def _step(lines: list[Line], index: int, zone: str) -> float | None:
    """Distance from the line to its neighbour nearer the edge (None for the edge line itself)."""
    neighbour = index - 1 if zone == "top" else index + 1
    if not 0 <= neighbour < len(lines):
        return None
    return abs(lines[index].top - lines[neighbour].top)


def furniture_lines(pages: list[list[Line]]) -> list[set[int]]:
    """For each page (its lines top to bottom), the indexes of its running lines and page numbers."""
    heights, steps = _Tally(), _Tally()
    for lines in pages:
        for zone, indexes in _zones(lines, _STACK_LINES):
            for depth, i in enumerate(indexes):
                key = _key(lines[i].text, zone)
                if depth < _EDGE_LINES:
                    heights.add(key, lines[i].top)
                if (step := _step(lines, i, zone)) is not None:
                    steps.add(key, step)
    heights.freeze()
    steps.freeze()
    # Two pages of a long document repeating a line is coincidence; a running line is on most pages.
    needed = max(2, min(len(pages), max(3, round(0.3 * len(pages)))))
    drops = [_peel(lines, heights, steps, needed) for lines in pages]
    _drop_known(pages, drops, needed)
    return drops


def _peel(lines: list[Line], heights: _Tally, steps: _Tally, needed: int) -> set[int]:
    """One page's furniture, looked for from each edge inwards."""
    drop: set[int] = set()
    for zone, indexes in _zones(lines, _STACK_LINES):
        for depth, i in enumerate(indexes):
            line, key = lines[i], _key(lines[i].text, zone)
            at_height = depth < _EDGE_LINES and heights.count(key, line.top, _SAME_HEIGHT) >= needed
            if at_height or (depth < _EDGE_LINES and _PAGE_NUMBER.match(line.text)):
                drop.add(i)
                continue
            step = _step(lines, i, zone)
            beside = i - 1 if zone == "top" else i + 1
            if step is not None and beside in drop and steps.count(key, step, _SAME_STEP) >= needed:
                drop.add(i)  # one more line of a floating footer (or header) block
            elif depth >= _EDGE_LINES - 1:
                break  # the body starts here: nothing further in is furniture
    return drop


def _drop_known(pages: list[list[Line]], drops: list[set[int]], needed: int) -> None:
    """Lines near the foot of a page whose text is footer on enough other pages, wherever they sit there.

    Not at the top: a running header is often the title, printed as the heading of the first page. Not bare
    numbers either: a page number is known by its shape, and higher up a lone number is a table's cell.
    """
    found: dict[str, int] = {}
    for lines, drop in zip(pages, drops, strict=True):
        _, foot = _zones(lines, _STACK_LINES)[1]
        keys = {
            _key(lines[i].text, "bottom") for i in foot if i in drop and not _PAGE_NUMBER.match(lines[i].text)
        }
        for key in keys:
            found[key] = found.get(key, 0) + 1
    known = {key for key, count in found.items() if count >= needed}
    for lines, drop in zip(pages, drops, strict=True):
        _, foot = _zones(lines, _STACK_LINES)[1]
        drop.update(i for i in foot if _key(lines[i].text, "bottom") in known)
