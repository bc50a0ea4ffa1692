"""Turn spans into self-contained Evidence: verbatim quote, page, clause citation, heading, bbox."""

from __future__ import annotations

from collections.abc import Sequence

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


_HEADING_MAX = 200  # longer spans are not checked for being headings alone (and never are)


def quotable(index: DocumentIndex, hits: Sequence[Hit], limit: int) -> list[Hit]:
    """Up to ``limit`` of ``hits`` worth quoting, in the order given (the caller's preference): none that
    overlaps a quote already kept (a heading hit quotes its first sentence, often a hit of its own), and a
    heading alone ("9.6 Exclusive Remedy.") only while no kept quote gives the text of its clause."""
    headings: set[Hit] = set()  # the hits seen so far that are headings alone (checked only when reached)
    kept: list[Hit] = []
    for hit in hits:
        if _heading_only(index, hit):
            headings.add(hit)
            if any(_overlap(hit, k) or _in_clause(index, hit, k) for k in kept):
                continue
        else:
            if any(_overlap(hit, k) for k in kept if k not in headings):
                continue
            # the clause's text replaces its heading alone
            kept = [
                k for k in kept if k not in headings or not (_overlap(k, hit) or _in_clause(index, k, hit))
            ]
        kept.append(hit)
        if len(kept) == limit:
            break
    return kept


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _in_clause(index: DocumentIndex, heading: Hit, body: Hit) -> bool:
    """Whether ``body`` starts inside the clause that ``heading`` (a heading alone) opens."""
    section = index.document.section_at(heading.start)
    return section is not None and section.start <= body.start < section.end


def _heading_only(index: DocumentIndex, hit: Hit) -> bool:
    """Whether the span holds nothing but section numbers and headings ("4. Term\n4.1 Term.")."""
    if hit.end - hit.start > _HEADING_MAX:
        return False
    rest = index.text[hit.start : hit.end]
    for section in index.document.sections:
        if hit.start <= section.start < hit.end:
            for label in (section.number, section.heading):
                rest = rest.replace(label, " ", 1) if label else rest
    return not any(c.isalnum() for c in rest)
