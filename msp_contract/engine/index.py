"""Per-document lookup tables the checks share: sentences, and the section each sentence sits in."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Document, Section
from ..rulebook.literals import Literals
from ..sentences import split_sentences

_WORD = re.compile(r"\w+")
_WORD_PREFIX = re.compile(r"^\w+")
_MIN_PREFIX = 3


def _table_rows(document: Document) -> list[list[tuple[int, int]]]:
    """Per table, the span of each row (first to last cell), in order."""
    tables = []
    for table in document.tables:
        spans: dict[int, tuple[int, int]] = {}
        for cell in table.cells:
            if cell.end > cell.start:
                lo, hi = spans.get(cell.row, (cell.start, cell.end))
                spans[cell.row] = (min(lo, cell.start), max(hi, cell.end))
        if spans:
            tables.append([spans[row] for row in sorted(spans)])
    return tables


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
    _vocabulary: list[str] | None = None  # sorted distinct lower-case words: prefix lookups bisect it
    _word_sentences: dict[str, list[int]] = field(default_factory=dict)
    _by_literals: dict[Literals, list[int]] = field(default_factory=dict)
    _prefix_cache: dict[str, set[int]] = field(default_factory=dict)  # literals recur across patterns
    header_of: dict[int, int] = field(default_factory=dict)  # table body row sentence -> its header row
    _rows_under: dict[int, list[int]] = field(default_factory=dict)  # header row sentence -> body rows

    def __post_init__(self) -> None:
        text = self.document.text
        self._by_id = {s.id: s for s in self.document.sections}
        rows = _table_rows(self.document)
        spans: list[tuple[int, int]] = [span for table in rows for span in table]
        for block in self.document.blocks:
            if block.kind != "table_cell":  # a table row is one unit: its cells read together
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
        self._link_headers(rows)
        lowered = text.lower()
        self._lower = lowered if len(lowered) == len(text) else None

    def _link_headers(self, tables: list[list[tuple[int, int]]]) -> None:
        """A table's first row labels its columns ("Priority | Response time"): body rows read with it."""
        for rows in tables:
            header = self.sentence_at(rows[0][0]) if rows else None
            if header is None:
                continue
            body = [i for start, _ in rows[1:] if (i := self.sentence_at(start)) is not None]
            self._rows_under[header] = body
            self.header_of.update({i: header for i in body})

    def candidates(self, options: tuple[Literals, ...]) -> list[int] | None:
        """The smallest candidate list any of a pattern's prefilter ``options`` gives in this document.

        Word-start literals are looked up first (constant time each); substring literals, which need a
        scan of the text, only when the cheap ones still leave many sentences.
        """
        best: list[int] | None = None
        for option in sorted(options, key=lambda o: not o.at_word_start):
            if best is not None and len(best) * 50 <= len(self.sentences):
                break  # already selective enough: looking further costs more than it saves
            if best is not None and not option.at_word_start and len(best) * 20 <= len(self.sentences):
                break
            found = self.sentences_with(option)
            if found is not None and (best is None or len(found) < len(best)):
                best = found
        return best

    def sentences_with(self, literals: Literals | None) -> list[int] | None:
        """Indices of sentences that may contain one of ``literals``; None: no prefilter possible.

        A literal in a table's header row makes every row of that table a candidate.
        """
        if literals is None or self._lower is None:
            return None
        cached = self._by_literals.get(literals)
        if cached is not None:
            return cached
        found: set[int] = set()
        for literal in literals.strings:
            found.update(self._lookup(literal, literals.at_word_start))
        for header in [i for i in found if i in self._rows_under]:
            found.update(self._rows_under[header])
        result = self._by_literals[literals] = sorted(found)
        return result

    def _lookup(self, literal: str, at_word_start: bool) -> list[int] | set[int]:
        key = _WORD_PREFIX.match(literal)
        if at_word_start and key is not None and len(key.group()) >= _MIN_PREFIX:
            # A superset when the literal goes on past its first word: the regex then decides.
            return self._with_prefix(key.group())
        if literal not in self._with_literal:
            self._with_literal[literal] = self._find_all(literal)
        return self._with_literal[literal]

    def _with_prefix(self, prefix: str) -> set[int]:
        """Sentences containing a word that starts with ``prefix`` (a bisect into the sorted vocabulary)."""
        cached = self._prefix_cache.get(prefix)
        if cached is not None:
            return cached
        if self._vocabulary is None:
            self._index_words()
        assert self._vocabulary is not None
        found: set[int] = set()
        self._prefix_cache[prefix] = found
        words = self._vocabulary
        position = bisect.bisect_left(words, prefix)
        while position < len(words) and words[position].startswith(prefix):
            found.update(self._word_sentences[words[position]])
            position += 1
        return found

    def _index_words(self) -> None:
        assert self._lower is not None
        by_word: dict[str, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            for word in _WORD.findall(self._lower, sentence.start, sentence.end):
                sentences = by_word.setdefault(word, [])
                if not sentences or sentences[-1] != i:
                    sentences.append(i)
        self._word_sentences = by_word
        self._vocabulary = sorted(by_word)

    def positions(self, literals: frozenset[str], start: int, end: int) -> list[int]:
        """Offsets in ``[start, end)`` where one of ``literals`` (lower-case) begins, in order."""
        assert self._lower is not None
        found: set[int] = set()
        for literal in literals:
            position = self._lower.find(literal, start, end)
            while position != -1:
                found.add(position)
                position = self._lower.find(literal, position + 1, end)
        return sorted(found)

    @property
    def prefilter_usable(self) -> bool:
        return self._lower is not None

    def _find_all(self, literal: str) -> list[int]:
        """Sentences in which ``literal`` occurs anywhere (also mid-word)."""
        indices: list[int] = []
        for position in self.positions(frozenset({literal}), 0, len(self.text)):
            i = self.sentence_at(position)
            if i is not None and (not indices or indices[-1] != i):
                indices.append(i)
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
