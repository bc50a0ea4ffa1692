"""Turn spans into self-contained Evidence: verbatim quote, page, clause citation, heading, bbox."""

from __future__ import annotations

from ..report import Evidence
from .detect import Hit
from .index import DocumentIndex

MAX_QUOTE = 400  # long sentences are trimmed around the match, at word boundaries, still verbatim


def _trim(text: str, start: int, end: int, focus_start: int, focus_end: int) -> tuple[int, int]:
    if end - start <= MAX_QUOTE:
        return start, end
    half = (MAX_QUOTE - (focus_end - focus_start)) // 2
    lo = max(start, focus_start - max(half, 0))
    hi = min(end, max(focus_end, lo + MAX_QUOTE))
    if lo > start:
        space = text.find(" ", lo, focus_start)
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", focus_end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def make_evidence(
    index: DocumentIndex, start: int, end: int, focus: tuple[int, int] | None = None
) -> Evidence:
    text = index.text
    focus_start, focus_end = focus or (start, min(end, start + 1))
    lo, hi = _trim(text, start, end, focus_start, focus_end)
    i = index.sentence_at(lo)
    section = index.sentences[i].section if i is not None else index.document.section_at(lo)
    number, heading = index.citation(section)
    box = next(iter(index.document.boxes(lo, hi)), None)
    return Evidence(
        quote=text[lo:hi],
        page=index.document.page_at(lo),
        section=number,
        heading=heading,
        start=lo,
        end=hi,
        bbox=box.bbox if box else None,
        trimmed_start=lo > start,  # trimmed: readers show "…" where the sentence goes on
        trimmed_end=hi < end,
    )


def hit_evidence(index: DocumentIndex, hit: Hit) -> Evidence:
    return make_evidence(index, hit.start, hit.end, (hit.match_start, hit.match_end))
