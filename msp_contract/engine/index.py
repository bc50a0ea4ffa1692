"""Per-document lookup tables the checks share: sentences, and the section each sentence sits in."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Document, Section
from ..sentences import split_sentences


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: Section | None  # innermost enclosing section


@dataclass
class DocumentIndex:
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _by_id: dict[str, Section] = field(default_factory=dict)
    _lower: str | None = None  # lower-cased text for the literal prefilter (None if lowering moved offsets)
    _with_literal: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        text = self.document.text
        self._by_id = {s.id: s for s in self.document.sections}
        spans: list[tuple[int, int]] = []
        for block in self.document.blocks:
            spans.extend(split_sentences(text, block.start, block.end))
        if not self.document.blocks:
            spans = split_sentences(text)
        spans.sort()
        sections = sorted(self.document.sections, key=lambda s: (s.start, s.level))
        open_stack: list[Section] = []
        cursor = 0
        for start, end in spans:
            while cursor < len(sections) and sections[cursor].start <= start:
                open_stack.append(sections[cursor])
                cursor += 1
            while open_stack and open_stack[-1].end <= start:
                open_stack.pop()
            inner = next((s for s in reversed(open_stack) if s.start <= start < s.end), None)
            self.sentences.append(Sentence(start, end, inner))
        self._starts = [s.start for s in self.sentences]
        lowered = text.lower()
        self._lower = lowered if len(lowered) == len(text) else None

    def sentences_with(self, literals: frozenset[str] | None) -> list[int] | None:
        """Indices of sentences containing any of ``literals`` (lower-case); None: no prefilter possible."""
        if literals is None or self._lower is None:
            return None
        found: set[int] = set()
        for literal in literals:
            if literal not in self._with_literal:
                self._with_literal[literal] = self._find_all(literal)
            found.update(self._with_literal[literal])
        return sorted(found)

    def _find_all(self, literal: str) -> list[int]:
        assert self._lower is not None
        indices: list[int] = []
        position = self._lower.find(literal)
        while position != -1:
            i = self.sentence_at(position)
            if i is not None and (not indices or indices[-1] != i):
                indices.append(i)
            position = self._lower.find(literal, position + 1)
        return indices

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return None

    def sentences_in(self, start: int, end: int) -> range:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return range(lo, hi)

    def parent(self, section: Section) -> Section | None:
        return self._by_id.get(section.parent) if section.parent else None

    def ancestry(self, section: Section | None) -> list[Section]:
        chain: list[Section] = []
        while section is not None:
            chain.append(section)
            section = self.parent(section)
        return chain

    def citation(self, section: Section | None) -> tuple[str | None, str | None]:
        """(number to cite, heading to show) for a section: the nearest numbered and headed ancestors."""
        chain = self.ancestry(section)
        number = next((s.id for s in chain if s.number), None)
        heading = next((s.heading for s in chain if s.heading), None)
        return number, heading
