"""Per-document lookup tables the checks share: sentences, and the section each sentence sits in."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..contents import looks_like_contents
from ..model import Document, Section
from ..rulebook.literals import Literals, Lookup
from ..sentences import split_sentences
from .parties import StandIns, party_roles, role_view, role_view_lowered

_WORD = re.compile(r"\w+")


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


def mask_of(indices: list[int], size: int) -> int:
    """The bitset of ``indices`` (built through bytes: OR-ing one bit at a time is quadratic)."""
    packed = bytearray((size >> 3) + 1)
    for i in indices:
        packed[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(packed, "little")


def bits(mask: int) -> Iterator[int]:
    """The indices set in a bitset, ascending (one C-level pass over its binary digits)."""
    digits = bin(mask)[:1:-1]  # least significant first, without the "0b"
    i = digits.find("1")
    while i != -1:
        yield i
        i = digits.find("1", i + 1)


@dataclass(frozen=True)
class _Lines:
    """Short strings joined one per line, so one ``str.find`` scan tells which of them hold a literal."""

    blob: str
    starts: list[int]

    @classmethod
    def of(cls, lines: list[str]) -> _Lines:
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        return cls("\n".join(lines), starts)

    def holding(self, literal: str) -> Iterator[int]:
        """Positions of the lines that contain ``literal`` (a line may come more than once)."""
        position = self.blob.find(literal)
        while position != -1:
            yield bisect.bisect_right(self.starts, position) - 1
            position = self.blob.find(literal, position + 1)


@dataclass(frozen=True)
class _Vocabulary:
    """The distinct lower-case words of a document, sorted, with the sentences each occurs in."""

    words: list[str]
    sentences_of: dict[str, list[int]]
    lines: _Lines  # the same words, for literals that may sit inside a word


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
    # What the rules match against: the text with named parties overwritten by their role words, same
    # length (parties.py); evidence always quotes ``document.text``.
    # The role words of the rules in use (parties.stand_ins); None: read party names as written.
    stand_ins: StandIns | None = None
    match_text: str = ""
    roles: dict[str, str] = field(default_factory=dict)  # party name -> "provider" | "customer"
    _lower: str | None = None  # lower-cased match text for the prefilter (None if lowering moved offsets)
    # Sentence sets are bitsets (Python ints, bit i = sentence i): unions and intersections run in C.
    _word_masks: dict[str, int] = field(default_factory=dict)  # word -> its sentences, made when asked
    _prefix_masks: dict[str, int] = field(default_factory=dict)  # literals recur across patterns
    _substring_masks: dict[str, int] = field(default_factory=dict)
    _lookup_masks: dict[Lookup, int] = field(default_factory=dict)  # a third of lookups recur
    _plan_masks: dict[tuple[Lookup, ...], int | None] = field(default_factory=dict)
    _in_headings: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)
    header_of: dict[int, int] = field(default_factory=dict)  # table body row sentence -> its header row
    _rows_under: dict[int, int] = field(default_factory=dict)  # header row sentence -> its body rows
    _header_mask: int = 0
    _contents: dict[int, bool] = field(default_factory=dict)  # sentence -> a table-of-contents run?
    # A sentence model's (sentence, word row) occurrence arrays, by the identity of its word -> row table
    # (kept in the value, so the id stays its own): sentence_scores.py reads them for two models.
    model_occurrences: dict[int, tuple[object, Any, Any]] = field(default_factory=dict)

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
        lowered = text.lower()  # once: the party reading, the role view and the prefilter all read it
        self.roles = party_roles(text, lowered) if self.stand_ins else {}
        self.match_text, lowered = role_view_lowered(text, lowered, self.roles, self.stand_ins or {})
        self._lower = lowered if len(lowered) == len(text) else None

    def _link_headers(self, tables: list[list[tuple[int, int]]]) -> None:
        """A table's first row labels its columns ("Priority | Response time"): body rows read with it."""
        for rows in tables:
            header = self.sentence_at(rows[0][0]) if rows else None
            if header is None:
                continue
            body = [i for start, _ in rows[1:] if (i := self.sentence_at(start)) is not None]
            self._rows_under[header] = mask_of(body, len(self.sentences))
            self._header_mask |= 1 << header
            self.header_of.update({i: header for i in body})

    def candidate_mask(self, plan: tuple[Lookup, ...]) -> int | None:
        """Sentences (a bitset: bit i is sentence i) that contain a literal of *every* option of a pattern.

        Each option is necessary on its own, so their conjunction is too: a sentence lacking the literals
        of any one option cannot match. None when there is nothing to filter on.
        """
        if not plan or self._lower is None:
            return None
        mask = -1
        # Word-index lookups first, in selectivity order: an empty result comes early. Every lookup is made
        # even when few candidates remain: measured, a regex call on a sentence (a cold pattern, ~7 µs) costs
        # more than a lookup.
        known = self._lookup_masks
        for lookup in plan:
            found = known.get(lookup)
            mask &= self._lookup_mask(lookup) if found is None else found
            if not mask:
                return 0
        return mask

    def may_match(self, plan: tuple[Lookup, ...], i: int) -> bool:
        """Whether sentence ``i`` (or, for a table row, its header) holds the literals ``plan`` requires.

        For the patterns a hit is checked against (``all``, ``not``): remembered per plan, since one rule's
        patterns are checked for each of its hits and macros recur across rules.
        """
        mask = self.plan_mask(plan)
        return mask is None or bool(mask >> i & 1)

    def plan_mask(self, plan: tuple[Lookup, ...]) -> int | None:
        """``candidate_mask``, remembered per plan."""
        if plan not in self._plan_masks:
            self._plan_masks[plan] = self.candidate_mask(plan)
        return self._plan_masks[plan]

    def candidates(self, plan: tuple[Lookup, ...]) -> list[int] | None:
        """``candidate_mask`` as sorted sentence indices."""
        mask = self.candidate_mask(plan)
        return None if mask is None else list(bits(mask))

    def sentences_with(self, lookup: Lookup) -> list[int] | None:
        """Indices of sentences that may contain one of an option's literals; None: no prefilter possible."""
        return None if self._lower is None else list(bits(self._lookup_mask(lookup)))

    def _lookup_mask(self, lookup: Lookup) -> int:
        """Sentences containing one of the option's literals. A literal in a table's header row makes every
        row of that table a candidate (rows are read with their header)."""
        mask = 0
        known = self._prefix_masks  # most prefixes recur across patterns: skip the call when cached
        for prefix in lookup.prefixes:
            found = known.get(prefix)
            mask |= self._prefix_mask(prefix) if found is None else found
        for word in lookup.words:
            found = self._word_masks.get(word)
            if found is None and word in self._vocabulary.sentences_of:
                found = self._word_mask(word)
            mask |= found or 0
        for literal in lookup.in_words:
            mask |= self._substring_mask(literal, self._in_words)
        for literal in lookup.anywhere:
            mask |= self._substring_mask(literal, self._find_all)
        if mask & self._header_mask:
            for header, body in self._rows_under.items():
                if mask >> header & 1:
                    mask |= body
        self._lookup_masks[lookup] = mask
        return mask

    def _substring_mask(self, literal: str, find: Callable[[str], int]) -> int:
        cached = self._substring_masks.get(literal)
        if cached is None:
            cached = self._substring_masks[literal] = find(literal)
        return cached

    def _in_words(self, literal: str) -> int:
        """Sentences with a word containing ``literal`` (found in the vocabulary, not the longer text)."""
        words = self._vocabulary.words
        mask = 0
        for position in self._vocabulary.lines.holding(literal):
            mask |= self._word_mask(words[position])
        return mask

    def _prefix_mask(self, prefix: str) -> int:
        """Sentences containing a word that starts with ``prefix`` (a bisect into the sorted vocabulary),
        remembered: ``_lookup_mask`` reads the cache itself before calling this."""
        words = self._vocabulary.words
        first = bisect.bisect_left(words, prefix)
        mask = 0
        if first < len(words) and words[first].startswith(prefix):  # most prefixes begin no word
            last = bisect.bisect_left(words, prefix + "\U0010ffff", first + 1)
            for word in words[first:last]:
                mask |= self._word_mask(word)
        self._prefix_masks[prefix] = mask
        return mask

    def _word_mask(self, word: str) -> int:
        mask = self._word_masks.get(word)
        if mask is None:
            sentences = self._vocabulary.sentences_of[word]
            mask = self._word_masks[word] = mask_of(sentences, len(self.sentences))
        return mask

    @functools.cached_property
    def _vocabulary(self) -> _Vocabulary:
        findall = _WORD.findall
        lowered, text = self._lower, self.match_text
        if lowered is not None:
            word_sets = (set(findall(lowered, s.start, s.end)) for s in self.sentences)
        else:  # lowering moved offsets: each sentence lowered on its own (the prefilter is off; the model asks)
            word_sets = (set(findall(text[s.start : s.end].lower())) for s in self.sentences)
        by_word: dict[str, list[int]] = {}
        for i, sentence_words in enumerate(word_sets):
            for word in sentence_words:
                by_word.setdefault(word, []).append(i)
        words = sorted(by_word)
        return _Vocabulary(words, by_word, _Lines.of(words))

    def positions(self, literals: frozenset[str], start: int, end: int) -> list[int]:
        """Offsets in ``[start, end)`` where one of ``literals`` (lower-case) begins, in order. A plain loop:
        it runs for every candidate sentence of every anchored pattern, and a generator per literal cost
        3% of rule evaluation."""
        lower = self._lower
        assert lower is not None
        found: list[int] = []
        for literal in literals:
            position = lower.find(literal, start, end)
            while position != -1:
                found.append(position)
                position = lower.find(literal, position + 1, end)
        return sorted(set(found)) if len(literals) > 1 else found

    @property
    def prefilter_usable(self) -> bool:
        return self._lower is not None

    def _find_all(self, literal: str) -> int:
        """Sentences in which ``literal`` occurs anywhere (also mid-word)."""
        indices = [
            i
            for position in self.positions(frozenset({literal}), 0, len(self.text))
            if (i := self.sentence_at(position)) is not None
        ]
        return mask_of(indices, len(self.sentences))

    @functools.cached_property
    def headed_sections(self) -> list[tuple[Section, str]]:
        """Sections with a heading, each with the heading the rules read: party names as role words."""
        return [
            (s, role_view(s.heading, self.roles, self.stand_ins or {}))
            for s in self.document.sections
            if s.heading
        ]

    @functools.cached_property
    def _headings(self) -> _Lines:
        """Every heading as the rules read it, lower-cased, one per line."""
        return _Lines.of([heading.lower().replace("\n", " ") for _, heading in self.headed_sections])

    def headings_with(self, literals: Literals) -> frozenset[int]:
        """Positions in ``headed_sections`` of the headings that contain one of ``literals`` (most heading
        patterns fire nowhere: one scan of the joined headings rules them out)."""
        found = self._in_headings.get(literals.strings)
        if found is None:
            found = frozenset(p for literal in literals.strings for p in self._headings.holding(literal))
            self._in_headings[literals.strings] = found
        return found

    def range_mask(self, ranges: list[tuple[int, int]]) -> int:
        """Sentences that start inside one of ``ranges``."""
        mask = 0
        for lo, hi in ranges:
            first = bisect.bisect_left(self._starts, lo)
            last = bisect.bisect_left(self._starts, hi)
            mask |= ((1 << last) - 1) ^ ((1 << first) - 1)
        return mask

    def sentences_by_word(self) -> dict[str, list[int]]:
        """Each lower-case word of the match text -> the sentences it occurs in, ascending, once each (the
        prefilter's vocabulary, which the sentence model reads too)."""
        return self._vocabulary.sentences_of

    def in_contents(self, i: int) -> bool:
        """Whether sentence ``i`` is a table-of-contents run (asked only of sentences that hit, so cached)."""
        found = self._contents.get(i)
        if found is None:
            sentence = self.sentences[i]
            found = self._contents[i] = looks_like_contents(self.text[sentence.start : sentence.end])
        return found

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
        """(number to cite, heading to show) for a section: the nearest numbered and headed ancestors.

        A document title or cover line above the numbered clauses ("MASTER SUPPLY AGREEMENT", a party's
        name on the cover page) is not the heading of the clause: "§3.43(b) AT&T Mobility LLC" would send
        the reader looking for a heading that is not there."""
        chain = self.ancestry(section)
        number = next((s.citation for s in chain if s.number), None)
        heading = next(
            (s.heading for i, s in enumerate(chain) if s.heading and not (i and s.id in self._titles)), None
        )
        return number, heading

    @functools.cached_property
    def _titles(self) -> frozenset[str]:
        """Unnumbered sections that span most of the document and hold several top-level numbered clauses
        ("1.", "2.", "3."): titles, not headings. An unnumbered "DISASTER RECOVERY" over "(a)" and "(b)",
        or "TERMINATION" over "12.1" and "12.2", is a heading."""
        leading: dict[str, set[str]] = {}
        for child in self.document.sections:
            if child.parent and child.number and child.number[0].isdigit():
                leading.setdefault(child.parent, set()).add(child.number.split(".")[0])
        half = len(self.text) / 2
        return frozenset(
            s.id
            for s in self.document.sections
            if not s.number and s.end - s.start > half and len(leading.get(s.id, ())) >= 2
        )
